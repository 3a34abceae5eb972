import { useEffect, useState } from 'react';
import type { Draft } from '../stores/drafts.ts';
import { useDrafts } from '../stores/drafts.ts';

/**
 * Progress lines for the draft list, computed off the first screen's bundle: the checker loads
 * after the gallery has shown, and each line is recomputed only when its draft changes.
 */
export function useDraftProgress(): (draft: Draft) => string | undefined {
  const drafts = useDrafts((s) => s.drafts);
  const [lines, setLines] = useState<Record<string, { rev: number; text: string | undefined }>>({});

  useEffect(() => {
    let cancelled = false;
    const stale = Object.values(drafts).filter((d) => lines[d.id]?.rev !== d.rev);
    if (stale.length === 0) return;
    void import('./draftProgress.ts').then(async ({ draftProgress }) => {
      const computed: Record<string, { rev: number; text: string | undefined }> = {};
      for (const draft of stale)
        computed[draft.id] = { rev: draft.rev, text: await draftProgress(draft) };
      if (!cancelled) setLines((prev) => ({ ...prev, ...computed }));
    });
    return () => {
      cancelled = true;
    };
  }, [drafts, lines]);

  return (draft) => lines[draft.id]?.text;
}
