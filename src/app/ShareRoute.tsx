import { useMemo, useRef } from 'react';
import { decodeShare } from '../core/share.ts';
import { useDrafts } from '../stores/drafts.ts';
import { findTemplateEntry } from '../templates/registry.ts';
import { navigate } from './router.ts';

/**
 * `#/share/<data>`: shows what a share link holds and saves it as a new draft only when the
 * author asks, so opening a link never writes to storage by itself.
 */
export function ShareRoute({ data }: { data: string }) {
  const result = useMemo(() => decodeShare(data), [data]);
  const createDraft = useDrafts((s) => s.createDraft);
  // A double click must not save two drafts.
  const saved = useRef<string | null>(null);

  if (!result.ok) {
    return (
      <section aria-labelledby="share-heading" className="route-message">
        <h1 id="share-heading">This share link cannot be opened</h1>
        <p>{result.error}</p>
        <p>
          <a href="#/">Back to the gallery</a>
        </p>
      </section>
    );
  }

  const { payload } = result;
  const entry = findTemplateEntry(payload.templateId);
  if (!entry && payload.templateSource === undefined) {
    return (
      <section aria-labelledby="share-heading" className="route-message">
        <h1 id="share-heading">This share link cannot be opened</h1>
        <p>It uses a template this version of Proposal Studio does not have.</p>
        <p>
          <a href="#/">Back to the gallery</a>
        </p>
      </section>
    );
  }

  function save() {
    const id = (saved.current ??= createDraft(payload.templateId, {
      title: payload.title,
      values: payload.values,
      ...(payload.templateSource === undefined ? {} : { templateSource: payload.templateSource }),
    }));
    navigate(`#/draft/${encodeURIComponent(id)}`, { replace: true });
  }

  return (
    <section aria-labelledby="share-heading" className="route-message">
      <h1 id="share-heading">A shared proposal</h1>
      <p>
        “{payload.title || 'Untitled'}” · {entry?.name ?? 'Imported template'}
      </p>
      <p>Open it to keep a copy in this browser as one of your drafts.</p>
      <p>
        <button type="button" onClick={save}>
          Open as a new draft
        </button>{' '}
        <a href="#/">Cancel</a>
      </p>
    </section>
  );
}
