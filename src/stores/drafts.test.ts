/** @vitest-environment jsdom */
import { IDBFactory } from 'fake-indexeddb';
import { createStore, entries, get, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from './drafts.ts';

const KEY = 'proposal-studio/drafts';

/** A fresh store module (a new tab), loaded from whatever IndexedDB and localStorage hold. */
async function loadStore() {
  vi.resetModules();
  const mod = await import('./drafts.ts');
  await mod.libraryLoaded;
  return mod;
}

const draftsDb = () => createStore('proposal-studio/drafts', 'drafts');
const asideDb = () => createStore('proposal-studio/aside', 'aside');

async function storedDrafts(): Promise<Record<string, unknown>> {
  return Object.fromEntries((await entries<string, unknown>(draftsDb())).map(([k, v]) => [k, v]));
}

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    id: 'd1',
    templateId: 'enhancement-rfc',
    title: 'Faster builds',
    values: { 'summary.text': 'Cache the graph' },
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
    rev: 3,
    ...overrides,
  };
}

function refuseWrites(
  error = new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
) {
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
    throw error;
  });
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('drafts store actions', () => {
  it('creates, updates, duplicates, renames, deletes and undoes', async () => {
    const { useDrafts, DEFAULT_DRAFT_TITLE, whenSaved } = await loadStore();
    const s = () => useDrafts.getState();
    expect(s().loaded).toBe(true);
    expect(s().storage).toBe('indexeddb');

    const id = s().createDraft('enhancement-rfc');
    expect(id).toMatch(/^[a-z0-9]+$/);
    expect(s().drafts[id]).toMatchObject({
      id,
      templateId: 'enhancement-rfc',
      title: DEFAULT_DRAFT_TITLE,
      values: {},
      rev: 0,
    });
    const imported = s().createDraft('my-template', {
      title: 'Imported',
      values: { a: 'b' },
      templateSource: '# T\n',
    });
    expect(s().drafts[imported]?.templateSource).toBe('# T\n');

    s().updateDraft(id, { values: { x: 'y' } });
    expect(s().drafts[id]).toMatchObject({ values: { x: 'y' }, rev: 1 });
    s().renameDraft(id, 'Better caching');
    expect(s().drafts[id]).toMatchObject({ title: 'Better caching', rev: 2, values: { x: 'y' } });

    const copy = s().duplicateDraft(id) ?? '';
    expect(copy).not.toBe(id);
    expect(s().drafts[copy]).toMatchObject({ title: 'Better caching (copy)', rev: 0 });
    expect(s().duplicateDraft('nope')).toBeUndefined();

    s().deleteDraft(id);
    expect(s().drafts[id]).toBeUndefined();
    await whenSaved(id);
    expect((await storedDrafts())[id]).toBeUndefined();
    expect(s().undoDelete()).toBe(id);
    expect(s().undoDelete()).toBeUndefined();
    await whenSaved(id);
    expect((await storedDrafts())[id]).toMatchObject({ title: 'Better caching', rev: 2 });

    s().updateDraft('nope', { title: 'x' });
    s().deleteDraft('nope');
    expect(Object.keys(s().drafts)).toHaveLength(3);
  });
});

describe('drafts in IndexedDB', () => {
  it('keeps one record per draft and loads them back in a new tab', async () => {
    const first = await loadStore();
    const values = {
      list: ['a', 'b'],
      tasks: [{ done: true, text: 'x' }],
      check: { checked: ['Yes'], other: '' },
      table: [['r', 'High']],
      kv: { CPU: 'low' },
      group: [{ name: 'Queue' }],
    };
    const a = first.useDrafts.getState().createDraft('enhancement-rfc', { title: 'A', values });
    const b = first.useDrafts.getState().createDraft('enhancement-rfc', { title: 'B' });
    expect(first.useDrafts.getState().writes[a]).toBe('saving');
    expect(await first.whenSaved(a)).toBe(true);
    expect(await first.whenSaved(b)).toBe(true);
    expect(first.useDrafts.getState().writes).toEqual({});
    expect(Object.keys(await storedDrafts()).sort()).toEqual([a, b].sort());

    const second = await loadStore();
    expect(second.useDrafts.getState().drafts).toEqual(first.useDrafts.getState().drafts);
    expect(second.useDrafts.getState().problems).toEqual([]);
  });

  it('never shows an empty library before loading, and keeps drafts made meanwhile', async () => {
    await set('d1', draft(), draftsDb());
    vi.resetModules();
    const mod = await import('./drafts.ts');
    expect(mod.useDrafts.getState().loaded).toBe(false);
    const early = mod.useDrafts.getState().createDraft('enhancement-rfc', { title: 'Early' });
    await mod.libraryLoaded;
    expect(Object.keys(mod.useDrafts.getState().drafts).sort()).toEqual([early, 'd1'].sort());
    await mod.whenSaved(early);
    expect(Object.keys(await storedDrafts()).sort()).toEqual([early, 'd1'].sort());
  });

  it('moves a corrupt record aside, lists it, and keeps its exact value', async () => {
    const bad = { id: 'bad', title: 'Broken one', values: 42 };
    await set('d1', draft(), draftsDb());
    await set('bad', bad, draftsDb());
    const { useDrafts, readAsideValue } = await loadStore();
    expect(Object.keys(useDrafts.getState().drafts)).toEqual(['d1']);
    const aside = useDrafts.getState().aside;
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatchObject({
      title: 'Broken one',
      where: 'aside',
      from: 'draft record bad',
    });
    expect(useDrafts.getState().problems[0]).toMatch(/kept aside/);
    expect(await readAsideValue(aside[0]?.key ?? '')).toEqual(bad);
    // Moved, so the next load lists it once, from the aside store, without a new problem.
    expect(Object.keys(await storedDrafts())).toEqual(['d1']);
    const again = await loadStore();
    expect(again.useDrafts.getState().aside).toHaveLength(1);
    expect((await entries(asideDb())).length).toBe(1);
  });

  it('leaves a corrupt record in place, never written, when it cannot be moved', async () => {
    const bad = { id: 'bad', title: 'Broken one', values: 42 };
    await set('bad', bad, draftsDb());
    refuseWrites();
    const { useDrafts, readAsideValue } = await loadStore();
    vi.restoreAllMocks();
    const entry = useDrafts.getState().aside[0];
    expect(entry).toMatchObject({ where: 'in-place', title: 'Broken one' });
    expect(await readAsideValue(entry?.key ?? '')).toEqual(bad);
    expect(await get('bad', draftsDb())).toEqual(bad);
  });

  it('keeps a record from a newer version aside instead of loading it without its new fields', async () => {
    const future = { ...draft(), labels: ['x'] };
    await set('d1', future, draftsDb());
    const { useDrafts, readAsideValue } = await loadStore();
    expect(useDrafts.getState().drafts).toEqual({});
    const key = useDrafts.getState().aside[0]?.key ?? '';
    expect(await readAsideValue(key)).toEqual(future);
  });

  it('keeps the work in memory when storage refuses a write, and saves it on retry', async () => {
    const { useDrafts, whenSaved, hasUnsavedWork } = await loadStore();
    const put = refuseWrites();
    const id = useDrafts.getState().createDraft('enhancement-rfc', { title: 'Big' });
    expect(await whenSaved(id)).toBe(false);
    expect(useDrafts.getState().writes[id]).toBe('failed');
    expect(useDrafts.getState().saveError).toMatch(/full/);
    expect(useDrafts.getState().drafts[id]?.title).toBe('Big');
    expect(hasUnsavedWork()).toBe(true);

    useDrafts.getState().renameDraft(id, 'Bigger');
    expect(await whenSaved(id)).toBe(false);

    put.mockRestore();
    useDrafts.getState().retryNow();
    expect(await whenSaved(id)).toBe(true);
    expect(useDrafts.getState().saveError).toBeNull();
    expect(hasUnsavedWork()).toBe(false);
    expect(await get(id, draftsDb())).toMatchObject({ title: 'Bigger' });
  });

  it('falls back to memory with a reason when IndexedDB is unavailable', async () => {
    // @ts-expect-error -- a browser without IndexedDB
    globalThis.indexedDB = undefined;
    const { useDrafts, whenSaved } = await loadStore();
    expect(useDrafts.getState().storage).toBe('memory');
    expect(useDrafts.getState().problems.join(' ')).toMatch(/kept in this tab only/);
    const id = useDrafts.getState().createDraft('enhancement-rfc');
    expect(await whenSaved(id)).toBe(false);
    expect(useDrafts.getState().saveError).toMatch(/private window|turned off/);
  });
});

describe('migration from localStorage', () => {
  function legacyLibrary(count: number): Record<string, Draft> {
    const drafts: Record<string, Draft> = {};
    for (let i = 0; i < count; i++) {
      drafts[`m${i}`] = draft({ id: `m${i}`, title: `Draft ${i}`, values: { t: `text ${i}` } });
    }
    return drafts;
  }

  it('moves 50 drafts and the old kept-aside keys, then deletes the old keys', async () => {
    const drafts = legacyLibrary(50);
    localStorage.setItem(KEY, JSON.stringify({ state: { drafts }, version: 1 }));
    localStorage.setItem('proposal-studio/corrupt/2026-01-01T00:00:00.000Z', '{"broken');
    const { useDrafts, readAsideValue } = await loadStore();
    expect(useDrafts.getState().drafts).toEqual(drafts);
    expect(await storedDrafts()).toEqual(drafts);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(Object.keys(localStorage)).toEqual([]);
    const aside = useDrafts.getState().aside;
    expect(aside).toHaveLength(1);
    expect(await readAsideValue(aside[0]?.key ?? '')).toBe('{"broken');
  });

  it('keeps the old key while the new records cannot be written', async () => {
    const drafts = legacyLibrary(3);
    const raw = JSON.stringify({ state: { drafts }, version: 1 });
    localStorage.setItem(KEY, raw);
    refuseWrites();
    const { useDrafts, whenSaved } = await loadStore();
    expect(localStorage.getItem(KEY)).toBe(raw);
    expect(useDrafts.getState().drafts).toEqual(drafts);
    expect(await whenSaved('m0')).toBe(false);
    vi.restoreAllMocks();
    // The next load finds them stored equal and deletes the old key.
    useDrafts.getState().retryNow();
    await whenSaved('m0');
    await whenSaved('m2');
    await loadStore();
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('migrates the version-0 shape', async () => {
    localStorage.setItem(
      KEY,
      JSON.stringify({
        version: 0,
        state: {
          drafts: [
            {
              id: 'old1',
              template: 'ai-enhancement-request',
              title: 'Old draft',
              values: { 'background.text': 'Why' },
              updated: Date.UTC(2025, 4, 6, 7, 8, 9),
            },
          ],
        },
      }),
    );
    const { useDrafts } = await loadStore();
    const migrated = {
      id: 'old1',
      templateId: 'ai-enhancement-request',
      title: 'Old draft',
      values: { 'background.text': 'Why' },
      createdAt: '2025-05-06T07:08:09.000Z',
      updatedAt: '2025-05-06T07:08:09.000Z',
      rev: 0,
    };
    expect(useDrafts.getState().drafts).toEqual({ old1: migrated });
    expect(await storedDrafts()).toEqual({ old1: migrated });
  });

  it('keeps bad entries, unreadable data and newer versions aside byte for byte', async () => {
    localStorage.setItem(
      KEY,
      JSON.stringify({
        version: 1,
        state: { drafts: { d1: draft(), bad: { id: 'bad', title: 'Broken one', values: 42 } } },
      }),
    );
    const first = await loadStore();
    expect(Object.keys(first.useDrafts.getState().drafts)).toEqual(['d1']);
    const entry = first.useDrafts.getState().aside[0];
    expect(entry?.title).toBe('Broken one');
    expect(await first.readAsideValue(entry?.key ?? '')).toEqual({
      id: 'bad',
      title: 'Broken one',
      values: 42,
    });
    expect(localStorage.getItem(KEY)).toBeNull();

    globalThis.indexedDB = new IDBFactory();
    localStorage.setItem(KEY, '{"state": {"drafts": {"d1": trunc');
    const second = await loadStore();
    const kept = second.useDrafts.getState().aside[0];
    expect(await second.readAsideValue(kept?.key ?? '')).toBe('{"state": {"drafts": {"d1": trunc');

    globalThis.indexedDB = new IDBFactory();
    const future = JSON.stringify({ version: 7, state: { drafts: { d1: { shape: 'new' } } } });
    localStorage.setItem(KEY, future);
    const third = await loadStore();
    const newer = third.useDrafts.getState().aside[0];
    expect(newer?.reason).toMatch(/newer version/);
    expect(await third.readAsideValue(newer?.key ?? '')).toBe(future);
  });
});

describe('two tabs', () => {
  /** Another tab saves a version of the draft straight into IndexedDB. */
  async function otherTabSaves(d: Draft) {
    await set(d.id, d, draftsDb());
  }

  it('merges edits of different fields made in two tabs at once', async () => {
    await set('d1', draft({ values: { a: 'base a', b: 'base b' } }), draftsDb());
    const { useDrafts, whenSaved } = await loadStore();
    await otherTabSaves(
      draft({
        values: { a: 'base a', b: 'theirs b' },
        rev: 4,
        updatedAt: '2026-02-01T00:00:00.000Z',
      }),
    );
    useDrafts.getState().updateDraft('d1', { values: { a: 'mine a', b: 'base b' } });
    await vi.waitFor(async () => {
      expect(await whenSaved('d1')).toBe(true);
      expect((await get<Draft>('d1', draftsDb()))?.values).toEqual({ a: 'mine a', b: 'theirs b' });
    });
    expect(useDrafts.getState().drafts.d1?.values).toEqual({ a: 'mine a', b: 'theirs b' });
    expect(useDrafts.getState().drafts.d1?.conflicts).toBeUndefined();
  });

  it('keeps both versions of a field changed in both tabs until the author picks', async () => {
    for (const [choice, expected] of [
      ['mine', 'mine a'],
      ['theirs', 'theirs a'],
      ['both', 'mine a — from the other tab: theirs a'],
    ] as const) {
      globalThis.indexedDB = new IDBFactory();
      await set('d1', draft({ values: { a: 'base a' } }), draftsDb());
      const { useDrafts, whenSaved } = await loadStore();
      await otherTabSaves(
        draft({
          values: { a: 'theirs a' },
          title: 'Their title',
          rev: 4,
          updatedAt: '2026-02-01T00:00:00.000Z',
        }),
      );
      useDrafts.getState().updateDraft('d1', { values: { a: 'mine a' } });
      await vi.waitFor(async () => {
        const stored = await get<Draft>('d1', draftsDb());
        expect(stored?.conflicts).toHaveLength(1);
      });
      await whenSaved('d1');
      const stored = await get<Draft>('d1', draftsDb());
      // Both texts are stored until the author picks; the title changed on one side only.
      expect(stored?.values.a).toBe('mine a');
      expect(stored?.title).toBe('Their title');
      expect(stored?.conflicts?.[0]).toMatchObject({ key: 'a', theirs: 'theirs a' });

      useDrafts.getState().resolveFieldConflict('d1', 'a', choice);
      await whenSaved('d1');
      const resolved = await get<Draft>('d1', draftsDb());
      expect(resolved?.values.a).toBe(expected);
      expect(resolved?.conflicts).toBeUndefined();
    }
  });

  it('takes another tab’s save when it has no changes of its own', async () => {
    await set('d1', draft(), draftsDb());
    const { useDrafts, refreshDraft } = await loadStore();
    await otherTabSaves(draft({ title: 'Theirs', rev: 4, updatedAt: '2026-02-01T00:00:00.000Z' }));
    await refreshDraft('d1');
    expect(useDrafts.getState().drafts.d1?.title).toBe('Theirs');
    expect(useDrafts.getState().writes).toEqual({});
  });
});

describe('the unsaved-edits journal (a page closed before its write committed)', () => {
  const journalKey = (id: string) => `proposal-studio/unsaved/${id}`;

  it('restores edits whose write never committed, then removes the copy once stored', async () => {
    await set('d1', draft(), draftsDb());
    const first = await loadStore();
    const put = refuseWrites();
    first.useDrafts.getState().updateDraft('d1', {
      values: { 'summary.text': 'Cache the graph and the lockfile' },
    });
    // The page goes away with the write pending.
    first.journalUnsaved();
    expect(await first.whenSaved('d1')).toBe(false);
    put.mockRestore();
    expect(localStorage.getItem(journalKey('d1'))).not.toBeNull();

    const second = await loadStore();
    expect(second.useDrafts.getState().drafts.d1?.values['summary.text']).toBe(
      'Cache the graph and the lockfile',
    );
    expect(await second.whenSaved('d1')).toBe(true);
    expect((await get<Draft>('d1', draftsDb()))?.values['summary.text']).toBe(
      'Cache the graph and the lockfile',
    );
    expect(localStorage.getItem(journalKey('d1'))).toBeNull();
  });

  it('restores a draft that never reached storage at all', async () => {
    const first = await loadStore();
    const put = refuseWrites();
    const id = first.useDrafts.getState().createDraft('enhancement-rfc', {
      title: 'Brand new',
      values: { 'summary.text': 'Typed at once' },
    });
    first.journalUnsaved();
    expect(await first.whenSaved(id)).toBe(false);
    put.mockRestore();

    const second = await loadStore();
    expect(second.useDrafts.getState().drafts[id]).toMatchObject({
      title: 'Brand new',
      values: { 'summary.text': 'Typed at once' },
    });
    expect(await second.whenSaved(id)).toBe(true);
    expect(await get(id, draftsDb())).toMatchObject({ title: 'Brand new' });
  });

  it('merges with a change another tab stored meanwhile: both fields kept', async () => {
    await set('d1', draft({ values: { a: 'one', b: 'two' } }), draftsDb());
    const first = await loadStore();
    const put = refuseWrites();
    first.useDrafts.getState().updateDraft('d1', { values: { a: 'one, edited here', b: 'two' } });
    first.journalUnsaved();
    expect(await first.whenSaved('d1')).toBe(false);
    put.mockRestore();
    // Another tab saved a change to the other field.
    await set(
      'd1',
      draft({
        values: { a: 'one', b: 'two, edited there' },
        rev: 9,
        updatedAt: '2026-03-01T00:00:00.000Z',
      }),
      draftsDb(),
    );

    const second = await loadStore();
    expect(second.useDrafts.getState().drafts.d1?.values).toEqual({
      a: 'one, edited here',
      b: 'two, edited there',
    });
  });

  it('keeps both versions when the same field changed in the other tab', async () => {
    await set('d1', draft({ values: { a: 'one' } }), draftsDb());
    const first = await loadStore();
    const put = refuseWrites();
    first.useDrafts.getState().updateDraft('d1', { values: { a: 'mine' } });
    first.journalUnsaved();
    expect(await first.whenSaved('d1')).toBe(false);
    put.mockRestore();
    await set('d1', draft({ values: { a: 'theirs' }, rev: 9 }), draftsDb());

    const second = await loadStore();
    const d1 = second.useDrafts.getState().drafts.d1;
    expect(d1?.values.a).toBe('mine');
    expect(d1?.conflicts?.map((c) => c.theirs)).toEqual(['theirs']);
  });

  it('drops the copy without a change when the write had committed', async () => {
    await set('d1', draft(), draftsDb());
    const first = await loadStore();
    first.useDrafts.getState().updateDraft('d1', { values: { 'summary.text': 'Saved in time' } });
    first.journalUnsaved();
    expect(localStorage.getItem(journalKey('d1'))).not.toBeNull();
    expect(await first.whenSaved('d1')).toBe(true);
    // The confirmed write removes the copy in the same tab.
    expect(localStorage.getItem(journalKey('d1'))).toBeNull();

    // A copy left by a page that closed just after its write committed changes nothing.
    const stored = await get<Draft>('d1', draftsDb());
    localStorage.setItem(journalKey('d1'), JSON.stringify({ v: 1, draft: stored, base: null }));
    const second = await loadStore();
    expect(second.useDrafts.getState().drafts.d1).toEqual(stored);
    expect(second.useDrafts.getState().writes).toEqual({});
    expect(localStorage.getItem(journalKey('d1'))).toBeNull();
  });

  it('keeps an unreadable copy aside instead of dropping it', async () => {
    localStorage.setItem(journalKey('d7'), '{"v":1,"draft":{"id":"d7","values":');
    const { useDrafts, readAsideValue } = await loadStore();
    const entry = useDrafts.getState().aside[0];
    expect(entry).toMatchObject({ where: 'aside', from: 'localStorage d7' });
    expect(await readAsideValue(entry?.key ?? '')).toBe('{"v":1,"draft":{"id":"d7","values":');
    expect(localStorage.getItem(journalKey('d7'))).toBeNull();
  });
});
