import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FocusEvent, FormEvent } from 'react';
import {
  MAX_URL_LENGTH,
  buildExportUrl,
  defaultNewFilePath,
  parseHost,
} from '../../core/github.ts';
import type { ExportErrors, ExportField, GithubTarget } from '../../core/github.ts';
import { copyText } from './clipboard.ts';
import { loadExportSettings, saveExportSettings } from './exportSettings.ts';
import { ModalDialog } from '../../components/ModalDialog.tsx';
import './export.css';

export interface ExportMeta {
  /**
   * The issue or pull-request title: the proposal's title as the form holds it (with the
   * template's prefix, never its placeholder). Without it, the draft's title.
   */
  title?: string;
  labels: string[];
  assignees: string[];
}

export interface ExportDialogProps {
  /** The proposal: the issue or pull-request body, or the new file's content. */
  markdown: string;
  /** The draft's title. */
  title: string;
  templateId: string;
  defaultTarget: GithubTarget;
  meta: ExportMeta;
  onClose: () => void;
}

export const TOO_LONG_MESSAGE =
  'The proposal is too long for a GitHub link: it is on your clipboard, paste it into the body.';

const TARGETS: { value: GithubTarget; label: string }[] = [
  { value: 'issue', label: 'New issue' },
  { value: 'pull-request', label: 'New pull request' },
  { value: 'new-file', label: 'New file in the repository' },
];

const formatCount = (n: number) => n.toLocaleString('en-US');

const GITHUB_ORIGIN = 'https://github.com';

/** `github.com.example.net`, `githuh.com`, `gith0b.com`: a host one could take for GitHub's. */
function looksLikeGithub(origin: string): boolean {
  const name = new URL(origin).hostname;
  const letters = name.replace(/[^a-z]/g, '');
  return name.includes('github') || /g.?th.?b/.test(letters);
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * Opens the proposal on GitHub: repository, target and its options, the resulting link and its
 * length. Rendered only while open (a native modal dialog).
 */
export function ExportDialog({
  markdown,
  title,
  templateId,
  defaultTarget,
  meta,
  onClose,
}: ExportDialogProps) {
  const id = useId();
  const [settings] = useState(loadExportSettings);
  const [target, setTarget] = useState<GithubTarget>(defaultTarget);
  const [repository, setRepository] = useState(settings.repository);
  const [host, setHost] = useState(settings.host);
  // The title is edited in one place, the form: here it is shown as it will be sent.
  const issueTitle = meta.title ?? title;
  const [useLabels, setUseLabels] = useState(false);
  const [labelsText, setLabelsText] = useState(meta.labels.join(', '));
  const [useAssignees, setUseAssignees] = useState(false);
  const [assigneesText, setAssigneesText] = useState(meta.assignees.join(', '));
  const [base, setBase] = useState(settings.base);
  const [head, setHead] = useState('');
  const [branch, setBranch] = useState(settings.branch || 'main');
  const [path, setPath] = useState(() => defaultNewFilePath(title, templateId));
  const [touched, setTouched] = useState<Partial<Record<ExportField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'warn' | 'error' } | null>(
    null,
  );
  /** An Enterprise host waiting for the author's confirmation before anything is opened there. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const [confirmedHosts, setConfirmedHosts] = useState(settings.confirmedHosts);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const parsedHost = useMemo(() => parseHost(host), [host]);
  const enterpriseHost =
    parsedHost.ok && parsedHost.value.origin !== GITHUB_ORIGIN ? parsedHost.value : null;
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const fieldRefs = useRef<Partial<Record<ExportField, HTMLInputElement | null>>>({});
  const repositoryRef = useRef<HTMLInputElement>(null);

  const result = useMemo(
    () =>
      buildExportUrl({
        target,
        host,
        repository,
        title: issueTitle,
        body: markdown,
        labels: useLabels ? splitList(labelsText) : [],
        assignees: useAssignees ? splitList(assigneesText) : [],
        base,
        head,
        branch,
        path,
      }),
    [
      target,
      host,
      repository,
      issueTitle,
      markdown,
      useLabels,
      labelsText,
      useAssignees,
      assigneesText,
      base,
      head,
      branch,
      path,
    ],
  );

  const errors: ExportErrors = result.ok ? {} : result.errors;
  const shownError = (field: ExportField): string | undefined =>
    submitted || touched[field] ? errors[field] : undefined;
  const touch = (field: ExportField) => setTouched((t) => ({ ...t, [field]: true }));

  // A field's error shows when the author leaves it. Shown at once, the message would push the
  // rest of the dialog down between the press and the release of the click that moved focus
  // (on "Add labels", on Open on GitHub): the click would land elsewhere and be lost. So while a
  // pointer is down the error waits until the click is over. An empty field is left alone until
  // the author submits: the dialog opens with the focus in the empty repository field.
  const pointerDown = useRef(false);
  const pendingTouches = useRef(new Set<ExportField>());
  useEffect(() => {
    const release = () => {
      if (!pointerDown.current) return;
      pointerDown.current = false;
      // After the click that follows this pointerup.
      setTimeout(() => {
        const fields = [...pendingTouches.current];
        pendingTouches.current.clear();
        if (fields.length > 0) {
          setTouched((t) => ({ ...t, ...Object.fromEntries(fields.map((f) => [f, true])) }));
        }
      }, 0);
    };
    window.addEventListener('pointerup', release, true);
    window.addEventListener('pointercancel', release, true);
    return () => {
      window.removeEventListener('pointerup', release, true);
      window.removeEventListener('pointercancel', release, true);
    };
  }, []);
  const touchOnBlur = (field: ExportField, event: FocusEvent<HTMLInputElement>) => {
    if (event.currentTarget.value.trim() === '') return;
    if (pointerDown.current) pendingTouches.current.add(field);
    else touch(field);
  };

  const ids = (field: ExportField, hint = false) => {
    const parts = [];
    if (hint) parts.push(`${id}-${field}-hint`);
    if (shownError(field)) parts.push(`${id}-${field}-error`);
    return parts.length > 0 ? parts.join(' ') : undefined;
  };

  const errorText = (field: ExportField) => {
    const message = shownError(field);
    return message ? (
      <p id={`${id}-${field}-error`} className="export-error">
        {message}
      </p>
    ) : null;
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await openLink(false);
  }

  async function openLink(confirmed: boolean) {
    setSubmitted(true);
    if (!result.ok) {
      const order: ExportField[] = [
        'repository',
        'host',
        'base',
        'head',
        'branch',
        'path',
        'labels',
        'assignees',
      ];
      const first = order.find((field) => result.errors[field]);
      (first ? fieldRefs.current[first] : null)?.focus();
      if (!first && result.errors.url) setStatus({ text: result.errors.url, tone: 'error' });
      return;
    }
    const link = result.value;
    // Defence in depth: only ever open an https link on the configured GitHub host.
    const origin = parseHost(host);
    if (!origin.ok || !link.url.startsWith(`${origin.value.origin}/`)) {
      setStatus({ text: 'Only https GitHub hosts can be opened.', tone: 'error' });
      return;
    }
    // A host other than github.com is confirmed once before anything is sent there, and only
    // then remembered: a look-alike typed or pasted by mistake is never opened silently.
    const known = confirmedHosts.includes(origin.value.origin);
    if (origin.value.origin !== GITHUB_ORIGIN && !known && !confirmed) {
      setConfirming(origin.value.origin);
      return;
    }
    setConfirming(null);
    const hosts = confirmed && !known ? [...confirmedHosts, origin.value.origin] : confirmedHosts;
    setConfirmedHosts(hosts);
    saveExportSettings({
      repository: repository.trim(),
      host: host.trim(),
      branch,
      base,
      confirmedHosts: hosts,
    });
    if (link.bodyOmittedBecauseTooLong) {
      // Copy first: once the new tab has focus, this page may no longer write the clipboard.
      const copied = await copyText(markdown);
      window.open(link.url, '_blank', 'noopener,noreferrer');
      setStatus(
        copied
          ? { text: TOO_LONG_MESSAGE, tone: 'warn' }
          : {
              text: 'The proposal is too long for a GitHub link, and copying it failed: use Copy Markdown, then paste it into the body.',
              tone: 'error',
            },
      );
      return;
    }
    window.open(link.url, '_blank', 'noopener,noreferrer');
    setStatus({
      text: 'Opened GitHub in a new tab. If nothing opened, your browser blocked the pop-up: use the link above.',
      tone: 'ok',
    });
  }

  const bodyName = target === 'new-file' ? 'file content' : 'body';

  return (
    <ModalDialog
      onClose={onClose}
      labelledBy={`${id}-title`}
      initialFocus={repositoryRef}
      className="export-dialog export-github"
    >
      <form
        className="export-form"
        noValidate
        onPointerDown={() => {
          pointerDown.current = true;
        }}
        onSubmit={(event) => {
          void onSubmit(event);
        }}
      >
        <h2 id={`${id}-title`} className="export-dialog-title">
          Open on GitHub
        </h2>

        <div className="export-field">
          <label htmlFor={`${id}-repository`}>Repository</label>
          <input
            id={`${id}-repository`}
            ref={(el) => {
              repositoryRef.current = el;
              fieldRefs.current.repository = el;
            }}
            value={repository}
            onChange={(e) => setRepository(e.target.value)}
            onBlur={(e) => touchOnBlur('repository', e)}
            placeholder="OWNER/REPO"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={shownError('repository') ? true : undefined}
            aria-describedby={ids('repository', true)}
          />
          <p id={`${id}-repository-hint`} className="export-hint">
            OWNER/REPO, or paste the repository&apos;s link.
          </p>
          {errorText('repository')}
        </div>

        <div className="export-field">
          <label htmlFor={`${id}-target`}>Create</label>
          <select
            id={`${id}-target`}
            value={target}
            onChange={(e) => {
              const next = TARGETS.find((t) => t.value === e.target.value);
              if (next) setTarget(next.value);
            }}
          >
            {TARGETS.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>

        {target !== 'new-file' && (
          <div className="export-field">
            <label htmlFor={`${id}-title-input`}>Title</label>
            <input
              id={`${id}-title-input`}
              value={issueTitle}
              readOnly
              placeholder="No title yet: GitHub asks for one"
              aria-describedby={`${id}-title-note`}
            />
            <p className="export-hint" id={`${id}-title-note`}>
              The proposal’s title, from the top of the form.
            </p>
          </div>
        )}

        {target === 'pull-request' && (
          <div className="export-row">
            <div className="export-field">
              <label htmlFor={`${id}-base`}>Base branch</label>
              <input
                id={`${id}-base`}
                ref={(el) => {
                  fieldRefs.current.base = el;
                }}
                value={base}
                onChange={(e) => setBase(e.target.value)}
                onBlur={(e) => touchOnBlur('base', e)}
                placeholder="default branch"
                autoComplete="off"
                spellCheck={false}
                aria-invalid={shownError('base') ? true : undefined}
                aria-describedby={ids('base', true)}
              />
              <p id={`${id}-base-hint`} className="export-hint">
                Empty: the repository&apos;s default branch.
              </p>
              {errorText('base')}
            </div>
            <div className="export-field">
              <label htmlFor={`${id}-head`}>Your branch (head)</label>
              <input
                id={`${id}-head`}
                ref={(el) => {
                  fieldRefs.current.head = el;
                }}
                value={head}
                onChange={(e) => setHead(e.target.value)}
                onBlur={(e) => touchOnBlur('head', e)}
                placeholder="my-feature"
                autoComplete="off"
                spellCheck={false}
                aria-invalid={shownError('head') ? true : undefined}
                aria-describedby={ids('head', true)}
              />
              <p id={`${id}-head-hint`} className="export-hint">
                A branch, or OWNER:branch for a fork.
              </p>
              {errorText('head')}
            </div>
          </div>
        )}

        {target === 'new-file' && (
          <div className="export-row">
            <div className="export-field">
              <label htmlFor={`${id}-branch`}>Branch</label>
              <input
                id={`${id}-branch`}
                ref={(el) => {
                  fieldRefs.current.branch = el;
                }}
                value={branch}
                onChange={(e) => setBranch(e.target.value)}
                onBlur={(e) => touchOnBlur('branch', e)}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={shownError('branch') ? true : undefined}
                aria-describedby={ids('branch')}
              />
              {errorText('branch')}
            </div>
            <div className="export-field export-grow">
              <label htmlFor={`${id}-path`}>File path</label>
              <input
                id={`${id}-path`}
                ref={(el) => {
                  fieldRefs.current.path = el;
                }}
                value={path}
                onChange={(e) => setPath(e.target.value)}
                onBlur={(e) => touchOnBlur('path', e)}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={shownError('path') ? true : undefined}
                aria-describedby={ids('path', true)}
              />
              <p id={`${id}-path-hint`} className="export-hint">
                Relative to the repository root, e.g. docs/proposals/my-proposal.md.
              </p>
              {errorText('path')}
            </div>
          </div>
        )}

        {target !== 'new-file' && (
          <fieldset className="export-fieldset">
            <legend>Labels and assignees</legend>
            <p id={`${id}-permission-note`} className="export-hint">
              GitHub refuses the whole link (404) when you may not set labels or assignees in this
              repository: add them only if you can.
            </p>
            <div className="export-check">
              <input
                type="checkbox"
                id={`${id}-use-labels`}
                checked={useLabels}
                onChange={(e) => setUseLabels(e.target.checked)}
                aria-describedby={`${id}-permission-note`}
              />
              <label htmlFor={`${id}-use-labels`}>Add labels</label>
            </div>
            <div className="export-field">
              <label htmlFor={`${id}-labels`} className="export-sublabel">
                Labels, separated by commas
              </label>
              <input
                id={`${id}-labels`}
                ref={(el) => {
                  fieldRefs.current.labels = el;
                }}
                value={labelsText}
                disabled={!useLabels}
                onChange={(e) => setLabelsText(e.target.value)}
                onBlur={(e) => touchOnBlur('labels', e)}
                aria-invalid={useLabels && shownError('labels') ? true : undefined}
                aria-describedby={ids('labels')}
              />
              {errorText('labels')}
            </div>
            <div className="export-check">
              <input
                type="checkbox"
                id={`${id}-use-assignees`}
                checked={useAssignees}
                onChange={(e) => setUseAssignees(e.target.checked)}
                aria-describedby={`${id}-permission-note`}
              />
              <label htmlFor={`${id}-use-assignees`}>Add assignees</label>
            </div>
            <div className="export-field">
              <label htmlFor={`${id}-assignees`} className="export-sublabel">
                GitHub user names, separated by commas
              </label>
              <input
                id={`${id}-assignees`}
                ref={(el) => {
                  fieldRefs.current.assignees = el;
                }}
                value={assigneesText}
                disabled={!useAssignees}
                onChange={(e) => setAssigneesText(e.target.value)}
                onBlur={(e) => touchOnBlur('assignees', e)}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={useAssignees && shownError('assignees') ? true : undefined}
                aria-describedby={ids('assignees')}
              />
              {errorText('assignees')}
            </div>
          </fieldset>
        )}

        <details className="export-details" open={settings.host !== '' || undefined}>
          <summary>GitHub Enterprise</summary>
          <div className="export-field">
            <label htmlFor={`${id}-host`}>GitHub host</label>
            <input
              id={`${id}-host`}
              ref={(el) => {
                fieldRefs.current.host = el;
              }}
              value={host}
              onChange={(e) => setHost(e.target.value)}
              onBlur={(e) => touchOnBlur('host', e)}
              placeholder="github.com"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={shownError('host') ? true : undefined}
              aria-describedby={ids('host', true)}
            />
            <p id={`${id}-host-hint`} className="export-hint">
              Empty for github.com; otherwise your Enterprise host, e.g. github.example.com (https
              only).
            </p>
            {errorText('host')}
          </div>
        </details>

        <section className="export-preview" aria-label="Link">
          {result.ok ? (
            <>
              <p className="export-length">
                {formatCount(result.value.length)} of {formatCount(MAX_URL_LENGTH)} characters
              </p>
              {result.value.bodyOmittedBecauseTooLong && (
                <p className="export-warning">
                  The proposal is too long for a GitHub link, so the link leaves the {bodyName} out.
                  Open copies the proposal to your clipboard first: paste it into the {bodyName} on
                  GitHub.
                </p>
              )}
              <a
                className="export-url"
                href={result.value.url}
                target="_blank"
                rel="noopener noreferrer"
                onClick={() => {
                  // The link is the way around a blocked pop-up: it needs the clipboard too.
                  if (result.value.bodyOmittedBecauseTooLong) void copyText(markdown);
                }}
              >
                {result.value.url}
              </a>
            </>
          ) : (
            <p className="export-hint">
              {errors.url ?? 'The link appears here once the repository and branches are valid.'}
            </p>
          )}
        </section>

        {confirming ? (
          <div role="alertdialog" aria-labelledby={`${id}-confirm`} className="export-confirm">
            <p id={`${id}-confirm`}>
              Send proposals to <strong>{new URL(confirming).host}</strong>?{' '}
              {looksLikeGithub(confirming)
                ? 'Its name looks like GitHub’s, but it is not github.com'
                : 'It is not github.com'}
              : only go on if it is your organisation’s GitHub Enterprise server.
            </p>
            <button
              type="button"
              ref={confirmRef}
              className="export-button export-button-primary"
              onClick={() => void openLink(true)}
            >
              Yes, open on {new URL(confirming).host}
            </button>{' '}
            <button type="button" className="export-button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        ) : null}

        <div role="status" aria-live="polite" className="export-dialog-status">
          {status && <p className={`export-status-${status.tone}`}>{status.text}</p>}
        </div>

        <div className="export-dialog-actions">
          <button type="button" className="export-button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="export-button export-button-primary">
            Open on GitHub
          </button>
          {enterpriseHost ? (
            <p className="export-hint export-host-note">Opens on {enterpriseHost.hostname}</p>
          ) : null}
        </div>
      </form>
    </ModalDialog>
  );
}
