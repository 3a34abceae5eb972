/**
 * IndexedDB access for the stores, through idb-keyval: one database per store, each holding one
 * object store of records (`proposal-studio/<name>` → `<name>`), so a store can be added
 * without a schema upgrade of the others. Used by drafts (`drafts`, one record per draft),
 * kept-aside records (`aside`), settings (`settings`) and imported templates (`templates`).
 *
 * IndexedDB can be missing or refuse to open (private modes, storage turned off): `openKvStore`
 * then returns null, and every call on a store that failed to open rejects, so callers fall back
 * to memory and say so.
 */
import { createStore } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';

export type KvStore = UseStore;

export const DB_PREFIX = 'proposal-studio/';

/** The store `name`, or null when this browser has no IndexedDB. */
export function openKvStore(name: string): KvStore | null {
  try {
    if (typeof indexedDB === 'undefined' || indexedDB === null) return null;
  } catch {
    // Reading `indexedDB` itself throws where storage is blocked.
    return null;
  }
  const store = createStore(DB_PREFIX + name, name);
  // idb-keyval opens the database on first use and throws synchronously when that fails:
  // make every failure a rejection.
  return (mode, callback) => {
    try {
      return store(mode, callback);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
}

export function isQuotaError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'QuotaExceededError' ||
      error.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
      error.code === 22 ||
      error.code === 1014)
  );
}

export const STORAGE_FULL_REASON = 'this browser’s storage for the app is full';
export const STORAGE_UNAVAILABLE_REASON =
  'this browser does not let the app store data (a private window or storage turned off)';

/** Why a write was refused, in words for the author ("Not saved — <why>"). */
export function describeWriteError(error: unknown): string {
  if (isQuotaError(error)) return STORAGE_FULL_REASON;
  if (
    error instanceof DOMException &&
    ['InvalidStateError', 'SecurityError', 'NotAllowedError', 'UnknownError'].includes(error.name)
  ) {
    return STORAGE_UNAVAILABLE_REASON;
  }
  const detail = error instanceof Error && error.message ? `: ${error.message}` : '';
  return `the browser refused to store it${detail}`;
}

/** Asks the browser not to evict this site's data under storage pressure (once per page). */
let persistAsked = false;
export function requestPersistentStorage(): void {
  if (persistAsked) return;
  persistAsked = true;
  try {
    void navigator.storage?.persist?.().catch(() => undefined);
  } catch {
    // Not offered by this browser: nothing to ask.
  }
}

export interface StorageUse {
  usage: number;
  quota: number;
  persisted: boolean | null;
}

/** How much of its quota the site uses, or null when the browser does not say. */
export async function estimateStorage(): Promise<StorageUse | null> {
  try {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.estimate) return null;
    const { usage, quota } = await storage.estimate();
    if (usage === undefined || quota === undefined) return null;
    const persisted = storage.persisted ? await storage.persisted() : null;
    return { usage, quota, persisted };
  } catch {
    return null;
  }
}
