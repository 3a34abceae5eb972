import { useEffect, useMemo, useRef, useState } from 'react';
import { isAbort, WorkProgress } from '../components/WorkProgress.tsx';
import { decodeShare } from '../core/share.ts';
import { useDrafts } from '../stores/drafts.ts';
import { parseImportedTemplate } from '../templates/builtin.ts';
import { findTemplateEntry } from '../templates/registry.ts';
import { navigate } from './router.ts';

type TemplateCheck =
  | { status: 'none' }
  | { status: 'reading' }
  | { status: 'ok' }
  | { status: 'failed'; message: string }
  | { status: 'cancelled' };

/**
 * The template a share link carries (when it is not built in) must parse before the link can
 * be saved as a draft: a draft whose template cannot be read would be no use.
 */
function useCarriedTemplateCheck(source: string | undefined): {
  check: TemplateCheck;
  cancel: () => void;
} {
  const [check, setCheck] = useState<TemplateCheck>({
    status: source === undefined ? 'none' : 'reading',
  });
  const reading = useRef<AbortController | null>(null);
  useEffect(() => {
    if (source === undefined) return;
    const controller = new AbortController();
    reading.current = controller;
    let disposed = false;
    parseImportedTemplate(source, { signal: controller.signal }).then(
      () => {
        if (!disposed) setCheck({ status: 'ok' });
      },
      (error: unknown) => {
        if (disposed) return;
        setCheck(
          isAbort(error)
            ? { status: 'cancelled' }
            : { status: 'failed', message: error instanceof Error ? error.message : String(error) },
        );
      },
    );
    return () => {
      disposed = true;
      controller.abort();
    };
  }, [source]);
  return { check, cancel: () => reading.current?.abort() };
}

/**
 * `#/share/<data>`: shows what a share link holds and saves it as a new draft only when the
 * author asks, so opening a link never writes to storage by itself.
 */
export function ShareRoute({ data }: { data: string }) {
  const result = useMemo(() => decodeShare(data), [data]);
  const carried =
    result.ok && !findTemplateEntry(result.payload.templateId)
      ? result.payload.templateSource
      : undefined;
  const { check, cancel } = useCarriedTemplateCheck(carried);
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

  if (check.status === 'reading') {
    return (
      <section aria-labelledby="share-heading" className="route-message">
        <h1 id="share-heading">A shared proposal</h1>
        <WorkProgress label="Reading the template" size={carried?.length} onCancel={cancel} />
      </section>
    );
  }
  if (check.status === 'failed' || check.status === 'cancelled') {
    return (
      <section aria-labelledby="share-heading" className="route-message">
        <h1 id="share-heading">This share link cannot be opened</h1>
        <p role="alert">
          {check.status === 'failed'
            ? `The template it carries cannot be read: ${check.message} Nothing was saved.`
            : 'Reading its template was cancelled. Nothing was saved.'}
        </p>
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
