/**
 * The unsaved-edits journal: a synchronous copy, in localStorage, of every draft whose latest
 * version is not yet confirmed in IndexedDB at the moment the page is hidden or closed.
 *
 * An IndexedDB write started while the page goes away may never commit (the drafts store reads
 * the record before writing it, which needs a round trip the closing page does not get), so
 * the last words typed before a reload or a navigation could be lost. localStorage writes are
 * synchronous: the copy is there when the page is gone. The drafts store writes an entry on
 * pagehide / visibilitychange, removes it once the draft's write is confirmed, and merges any
 * entry it finds when the library loads (the record may or may not hold the journaled edits).
 */

/** localStorage keys of journal entries: one per draft id. */
export const JOURNAL_PREFIX = 'proposal-studio/unsaved/';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Writes a draft's entry; false when localStorage refused it (full, or unavailable). */
export function writeJournal(id: string, entry: unknown): boolean {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem(JOURNAL_PREFIX + id, JSON.stringify(entry));
    return true;
  } catch {
    return false;
  }
}

export function removeJournal(id: string): void {
  try {
    storage()?.removeItem(JOURNAL_PREFIX + id);
  } catch {
    // Unavailable storage holds no entry to remove.
  }
}

export interface JournalEntry {
  id: string;
  /** The entry as parsed JSON, or its text when it is not JSON (kept aside by the caller). */
  value: unknown;
  parsed: boolean;
}

/** Every entry in localStorage (written by this tab or another, earlier). */
export function readJournals(): JournalEntry[] {
  const store = storage();
  if (!store) return [];
  const out: JournalEntry[] = [];
  try {
    for (const key of Object.keys(store)) {
      if (!key.startsWith(JOURNAL_PREFIX)) continue;
      const text = store.getItem(key);
      if (text === null) continue;
      const id = key.slice(JOURNAL_PREFIX.length);
      try {
        out.push({ id, value: JSON.parse(text) as unknown, parsed: true });
      } catch {
        out.push({ id, value: text, parsed: false });
      }
    }
  } catch {
    // Storage that cannot be listed holds nothing this tab can read.
  }
  return out;
}

/** Callbacks run on pagehide before the journal is written (the editor moves its form's edits
 * into the store there). */
const beforeHide = new Set<() => void>();

export function onBeforeHide(callback: () => void): () => void {
  beforeHide.add(callback);
  return () => beforeHide.delete(callback);
}

/** Listens for the page being hidden or closed: runs the hooks, then `journal`. Once per page. */
let listening = false;
export function listenForHide(journal: () => void): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const hide = () => {
    for (const callback of beforeHide) {
      try {
        callback();
      } catch {
        // One hook failing must not keep the others' edits (or the journal) from being kept.
      }
    }
    journal();
  };
  window.addEventListener('pagehide', hide);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') hide();
  });
}
