import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { RepoTemplateFile } from '../../core/github-source.ts';
import { fetchText, listRepoTemplates, planUrl } from './fetchSource.ts';

/**
 * An https address: a template file (a GitHub `blob` page is read from its raw file), or a
 * GitHub repository, whose issue and pull-request templates are listed to pick from.
 */
export function UrlSource({ onPicked }: { onPicked: (text: string, origin: string) => void }) {
  const id = useId();
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<RepoTemplateFile[] | null>(null);

  async function open(url: string) {
    setBusy(true);
    setError(null);
    const result = await fetchText(url);
    setBusy(false);
    if (result.ok) onPicked(result.value, url);
    else setError(result.error);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFiles(null);
    const plan = planUrl(address);
    if (plan.kind === 'error') {
      setError(plan.message);
      return;
    }
    if (plan.kind === 'file') {
      await open(plan.url);
      return;
    }
    setBusy(true);
    setError(null);
    const listing = await listRepoTemplates(plan.owner, plan.repo);
    setBusy(false);
    if (!listing.ok) setError(listing.error);
    else if (listing.value.length === 0)
      setError(`${plan.owner}/${plan.repo} has no issue or pull-request templates.`);
    else setFiles(listing.value);
  }

  return (
    <form className="import-field" onSubmit={(e) => void onSubmit(e)} noValidate>
      <label htmlFor={`${id}-url`}>Web address (https)</label>
      <input
        id={`${id}-url`}
        type="url"
        inputMode="url"
        placeholder="https://github.com/OWNER/REPO"
        value={address}
        onChange={(e) => setAddress(e.target.value)}
      />
      <p className="field-note">
        A template file, a file on GitHub, or a GitHub repository to list its templates.
      </p>
      <button type="submit" disabled={busy}>
        {busy ? 'Fetching…' : 'Fetch'}
      </button>
      {error ? (
        <p role="alert" className="import-error">
          {error}
        </p>
      ) : null}
      {files ? (
        <ul className="repo-templates" aria-label="Templates in the repository">
          {files.map((file) => (
            <li key={file.path}>
              <button type="button" disabled={busy} onClick={() => void open(file.url)}>
                {file.path}
              </button>{' '}
              <span className="card-meta">
                {file.kind === 'issue' ? 'Issue template' : 'Pull-request template'}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
