/**
 * Keeps the drafts store in step with the form: edits are written debounced, and flushed when
 * the page is hidden or closed and when the editor unmounts. A change of the stored draft made
 * elsewhere (another tab, a resolved conflict) is loaded into the form when it has no edits of
 * its own pending.
 */
import { useEffect, useRef } from 'react';
import { fieldValueSchema } from '../../core/model.ts';
import type { Values } from '../../core/model.ts';
import { useDrafts } from '../../stores/drafts.ts';

export const SAVE_DELAY_MS = 400;

/** Plain JSON data the drafts schema accepts: values of an unknown shape are left out. */
export function storableValues(values: Values): Values {
  const plain = JSON.parse(JSON.stringify(values)) as Record<string, unknown>;
  const out: Values = {};
  for (const [key, value] of Object.entries(plain)) {
    const parsed = fieldValueSchema.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

export interface DraftSync {
  /** Call on every form change. */
  changed: () => void;
  /** Writes pending edits now. */
  flush: () => void;
}

export function useDraftSync(
  draftId: string,
  getValues: () => Values,
  onOutsideChange: (values: Values) => void,
): DraftSync {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);
  /** The values JSON this editor last wrote or loaded. */
  const written = useRef<string | null>(null);
  const latest = useRef({ getValues, onOutsideChange });
  useEffect(() => {
    latest.current = { getValues, onOutsideChange };
  });

  const sync = useRef<DraftSync | null>(null);
  sync.current ??= {
    changed() {
      if (!dirty.current) {
        dirty.current = true;
        useDrafts.getState().setUnsavedEdits(true);
      }
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => sync.current?.flush(), SAVE_DELAY_MS);
    },
    flush() {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      if (!dirty.current) return;
      dirty.current = false;
      const store = useDrafts.getState();
      if (!store.drafts[draftId]) return;
      // While another tab's copy waits for the author's choice, keep this tab's edits unsaved.
      if (store.conflict?.draftId === draftId) {
        dirty.current = true;
        return;
      }
      const values = storableValues(latest.current.getValues());
      const text = JSON.stringify(values);
      // Blur and validation also notify; only a real change is written (and bumps the revision).
      if (text !== written.current) {
        written.current = text;
        store.updateDraft(draftId, { values });
      }
      store.setUnsavedEdits(false);
    },
  };

  useEffect(() => {
    const { setOpenDraft } = useDrafts.getState();
    setOpenDraft(draftId);
    written.current = JSON.stringify(useDrafts.getState().drafts[draftId]?.values ?? null);
    const flush = () => sync.current?.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    const unsubscribe = useDrafts.subscribe((state, previous) => {
      const draft = state.drafts[draftId];
      if (!draft || draft === previous.drafts[draftId] || dirty.current) return;
      const text = JSON.stringify(draft.values);
      if (text === written.current) return;
      written.current = text;
      latest.current.onOutsideChange(draft.values);
    });
    return () => {
      flush();
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      useDrafts.getState().setOpenDraft(null);
    };
  }, [draftId]);

  return sync.current;
}
