/** Whether this tab edits the draft or shows it read-only (another tab edits it), and "Edit here". */
import { useCallback, useEffect, useRef, useState } from 'react';
import { lockDraft } from '../../stores/draftLock.ts';
import type { DraftAccess, DraftLock } from '../../stores/draftLock.ts';
import { whenSaved } from '../../stores/drafts.ts';

export function useDraftAccess(
  draftId: string,
  flush: () => void,
): { access: DraftAccess; editHere: () => void } {
  const [access, setAccess] = useState<DraftAccess>('checking');
  const lock = useRef<DraftLock | null>(null);

  useEffect(() => {
    const held = lockDraft(draftId, async () => {
      // Hand over only what is saved: the other tab reads the record once it has the lock.
      flush();
      await whenSaved(draftId);
    });
    lock.current = held;
    setAccess(held.access);
    const unsubscribe = held.subscribe(setAccess);
    return () => {
      unsubscribe();
      held.close();
      lock.current = null;
    };
  }, [draftId, flush]);

  const editHere = useCallback(() => {
    void lock.current?.takeOver();
  }, []);
  return { access, editHere };
}
