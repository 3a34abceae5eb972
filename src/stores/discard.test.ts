/** @vitest-environment jsdom */
import { IDBFactory } from 'fake-indexeddb';
import { createStore, entries } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';

async function loadStore() {
  vi.resetModules();
  const mod = await import('./drafts.ts');
  await mod.libraryLoaded;
  return mod;
}

async function storedIds(): Promise<string[]> {
  return (await entries<string, unknown>(createStore('proposal-studio/drafts', 'drafts'))).map(
    ([k]) => k,
  );
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});

describe('discarding a draft nobody wrote in', () => {
  it('removes an untouched draft from the store and from IndexedDB, keeping Undo as it was', async () => {
    const { useDrafts, whenSaved } = await loadStore();
    const store = useDrafts.getState();
    const kept = store.createDraft('enhancement-rfc');
    store.deleteDraft(kept);
    const last = useDrafts.getState().lastDeleted;
    const empty = store.createDraft('enhancement-rfc');
    await whenSaved(empty);
    expect(await storedIds()).toContain(empty);

    expect(useDrafts.getState().discardUntouchedDraft(empty)).toBe(true);
    await whenSaved(empty);
    expect(useDrafts.getState().drafts[empty]).toBeUndefined();
    expect(await storedIds()).not.toContain(empty);
    expect(useDrafts.getState().lastDeleted).toBe(last);
  });

  it('keeps a draft that was written in, renamed, or made with values', async () => {
    const { useDrafts } = await loadStore();
    const store = useDrafts.getState();
    const typed = store.createDraft('enhancement-rfc');
    store.updateDraft(typed, { values: { x: '' } });
    const renamed = store.createDraft('enhancement-rfc');
    store.renameDraft(renamed, 'Faster builds');
    const imported = store.createDraft('enhancement-rfc', { values: { summary: 'Cache' } });
    for (const id of [typed, renamed, imported]) {
      expect(useDrafts.getState().discardUntouchedDraft(id)).toBe(false);
      expect(useDrafts.getState().drafts[id]).toBeDefined();
    }
  });
});
