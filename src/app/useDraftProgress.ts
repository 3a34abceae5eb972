import { useEffect, useRef, useState } from 'react';
import type { Draft } from '../stores/drafts.ts';
import { useDrafts } from '../stores/drafts.ts';
import type { ProgressWorkerReply, ProgressWorkerRequest } from './progressWorkerProtocol.ts';

type Lines = Record<string, { rev: number; text: string | undefined }>;

/**
 * Progress lines for the draft list, computed off the first screen: in a worker (a draft of a
 * large template takes a while to read and check), or, where the browser has no workers, by the
 * checker loaded after the gallery has shown. Each line is recomputed only when its draft
 * changes.
 */
export function useDraftProgress(): (draft: Draft) => string | undefined {
  const drafts = useDrafts((s) => s.drafts);
  const [lines, setLines] = useState<Lines>({});
  /** Revisions asked for and not answered yet, per draft. */
  const asked = useRef(new Map<string, number>());
  const worker = useRef<Worker | null | undefined>(undefined);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = undefined;
      asked.current.clear();
    },
    [],
  );

  useEffect(() => {
    const stale = Object.values(drafts).filter(
      (d) => lines[d.id]?.rev !== d.rev && asked.current.get(d.id) !== d.rev,
    );
    if (stale.length === 0) return;
    for (const d of stale) asked.current.set(d.id, d.rev);
    const take = (reply: ProgressWorkerReply) => {
      if (asked.current.get(reply.id) === reply.rev) asked.current.delete(reply.id);
      setLines((prev) => ({ ...prev, [reply.id]: { rev: reply.rev, text: reply.text } }));
    };
    // A worker that fails (it could not load): the lines are computed here instead.
    const failed = () => {
      worker.current?.terminate();
      worker.current = null;
      asked.current.clear();
      setLines((prev) => ({ ...prev }));
    };
    if (worker.current === undefined) worker.current = startWorker(take, failed);
    const inWorker = worker.current;
    if (inWorker) {
      try {
        for (const draft of stale) inWorker.postMessage({ draft } satisfies ProgressWorkerRequest);
        return;
      } catch {
        inWorker.terminate();
        worker.current = null;
      }
    }
    void import('./draftProgress.ts').then(async ({ draftProgress }) => {
      for (const draft of stale) {
        if (asked.current.get(draft.id) !== draft.rev) continue;
        take({ id: draft.id, rev: draft.rev, text: await draftProgress(draft) });
      }
    });
  }, [drafts, lines]);

  return (draft) => lines[draft.id]?.text;
}

function startWorker(
  take: (reply: ProgressWorkerReply) => void,
  failed: () => void,
): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const worker = new Worker(new URL('./progressWorker.ts', import.meta.url), {
      type: 'module',
      name: 'draft-progress',
    });
    worker.onmessage = (event: MessageEvent<ProgressWorkerReply>) => take(event.data);
    worker.onerror = failed;
    return worker;
  } catch {
    return null;
  }
}
