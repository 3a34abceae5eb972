/** Whether this tab edits the draft or shows it read-only (another tab edits it), and "Edit here". */
import { useCallback, useEffect, useRef, useState } from 'react';
import { lockDraft } from '../../stores/draftLock.ts';
import type { DraftAccess, DraftLock } from '../../stores/draftLock.ts';
import { whenSaved } from '../../stores/drafts.ts';

export function useDraftAccess(
  draftId: string,
  flush: () => void,
): { readOnly: boolean; editHere: () => void } {
  // Only whether the draft is read-only here is kept: the lock's first answer ('checking' →
  // 'editing') would otherwise render the whole form again, for nothing it shows.
  const [readOnly, setReadOnly] = useState(false);
  const lock = useRef<DraftLock | null>(null);

  useEffect(() => {
    const held = lockDraft(draftId, async () => {
      // Hand over only what is saved: the other tab reads the record once it has the lock.
      flush();
      await whenSaved(draftId);
    });
    lock.current = held;
    const follow = (access: DraftAccess) => setReadOnly(access === 'read-only');
    follow(held.access);
    const unsubscribe = held.subscribe(follow);
    return () => {
      unsubscribe();
      held.close();
      lock.current = null;
    };
  }, [draftId, flush]);

  const editHere = useCallback(() => {
    void lock.current?.takeOver();
  }, []);
  return { readOnly, editHere };
}
