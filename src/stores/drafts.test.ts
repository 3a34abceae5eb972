/** @vitest-environment jsdom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from './drafts.ts';

const KEY = 'proposal-studio/drafts';

/** A fresh store module, hydrated from whatever localStorage holds now. */
async function loadStore() {
  vi.resetModules();
  return import('./drafts.ts');
}

function corruptKeys(): string[] {
  return Object.keys(localStorage).filter((k) => k.startsWith('proposal-studio/corrupt/'));
}

function stored(): unknown {
  return JSON.parse(localStorage.getItem(KEY) ?? 'null');
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

beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('drafts store actions', () => {
  it('creates, updates, duplicates, renames, deletes and undoes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00.000Z'));
    const { useDrafts, DEFAULT_DRAFT_TITLE } = await loadStore();
    const s = () => useDrafts.getState();

    const id = s().createDraft('enhancement-rfc');
    expect(id).toMatch(/^[a-z0-9]+$/);
    expect(s().drafts[id]).toEqual({
      id,
      templateId: 'enhancement-rfc',
      title: DEFAULT_DRAFT_TITLE,
      values: {},
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
      rev: 0,
    });

    const imported = s().createDraft('my-template', {
      title: 'Imported',
      values: { a: 'b' },
      templateSource: '# T\n',
    });
    expect(s().drafts[imported]?.templateSource).toBe('# T\n');

    vi.setSystemTime(new Date('2026-03-01T10:05:00.000Z'));
    s().updateDraft(id, { values: { x: 'y' } });
    expect(s().drafts[id]).toMatchObject({
      values: { x: 'y' },
      title: DEFAULT_DRAFT_TITLE,
      rev: 1,
      updatedAt: '2026-03-01T10:05:00.000Z',
      createdAt: '2026-03-01T10:00:00.000Z',
    });

    s().renameDraft(id, 'Better caching');
    expect(s().drafts[id]).toMatchObject({ title: 'Better caching', rev: 2, values: { x: 'y' } });

    const copy = s().duplicateDraft(id);
    expect(copy).toBeDefined();
    expect(copy).not.toBe(id);
    expect(s().drafts[copy ?? '']).toMatchObject({
      title: 'Better caching (copy)',
      values: { x: 'y' },
      templateId: 'enhancement-rfc',
      rev: 0,
    });
    expect(s().duplicateDraft('nope')).toBeUndefined();

    s().deleteDraft(id);
    expect(s().drafts[id]).toBeUndefined();
    expect(s().lastDeleted?.id).toBe(id);
    expect(s().undoDelete()).toBe(id);
    expect(s().drafts[id]).toMatchObject({ title: 'Better caching', rev: 2 });
    expect(s().lastDeleted).toBeNull();
    expect(s().undoDelete()).toBeUndefined();

    // Updating or deleting a missing draft is a no-op.
    s().updateDraft('nope', { title: 'x' });
    s().deleteDraft('nope');
    expect(Object.keys(s().drafts)).toHaveLength(3);
  });

  it('keeps only the data in storage', async () => {
    const { useDrafts } = await loadStore();
    const id = useDrafts.getState().createDraft('enhancement-rfc', { title: 'T' });
    useDrafts.getState().deleteDraft(id);
    expect(stored()).toEqual({ state: { drafts: {} }, version: 1 });
  });
});

describe('drafts persistence', () => {
  it('round-trips through localStorage', async () => {
    const first = await loadStore();
    const id = first.useDrafts.getState().createDraft('enhancement-rfc', {
      title: 'Round trip',
      values: {
        list: ['a', 'b'],
        tasks: [{ done: true, text: 'x' }],
        check: { checked: ['Yes'], other: '' },
        table: [['r', 'High']],
        kv: { CPU: 'low' },
        group: [{ name: 'Queue' }],
      },
    });
    const before = first.useDrafts.getState().drafts;

    const second = await loadStore();
    expect(second.useDrafts.getState().drafts).toEqual(before);
    expect(second.useDrafts.getState().drafts[id]?.title).toBe('Round trip');
    expect(second.useDrafts.getState().problems).toEqual([]);
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
    expect(useDrafts.getState().problems).toEqual([]);
    // Written back in the current version.
    expect(stored()).toEqual({ state: { drafts: { old1: migrated } }, version: 1 });
  });

  it('migrateDrafts leaves what it does not understand for validation', async () => {
    const { migrateDrafts } = await loadStore();
    expect(migrateDrafts({ something: 'else' }, 0)).toEqual({ something: 'else' });
  });

  it('keeps a corrupt draft aside, reports it, and loads the rest', async () => {
    const good = draft();
    localStorage.setItem(
      KEY,
      JSON.stringify({
        version: 1,
        state: { drafts: { d1: good, bad: { id: 'bad', title: 'Broken one', values: 42 } } },
      }),
    );
    const { useDrafts } = await loadStore();
    expect(useDrafts.getState().drafts).toEqual({ d1: good });
    const problems = useDrafts.getState().problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('Broken one');

    const keys = corruptKeys();
    expect(keys).toHaveLength(1);
    expect(problems[0]).toContain(keys[0]);
    expect(JSON.parse(localStorage.getItem(keys[0] ?? '') ?? '')).toEqual({
      drafts: { bad: { id: 'bad', title: 'Broken one', values: 42 } },
    });
    // The cleaned library is written back, so the next load finds nothing to keep aside.
    expect(stored()).toEqual({ state: { drafts: { d1: good } }, version: 1 });
    const again = await loadStore();
    expect(again.useDrafts.getState().problems).toEqual([]);
    expect(corruptKeys()).toHaveLength(1);

    useDrafts.getState().dismissProblems();
    expect(useDrafts.getState().problems).toEqual([]);
  });

  it('keeps unreadable storage aside byte for byte', async () => {
    localStorage.setItem(KEY, '{"state": {"drafts": {"d1": trunc');
    const { useDrafts } = await loadStore();
    expect(useDrafts.getState().drafts).toEqual({});
    expect(useDrafts.getState().problems).toHaveLength(1);
    const keys = corruptKeys();
    expect(keys).toHaveLength(1);
    expect(localStorage.getItem(keys[0] ?? '')).toBe('{"state": {"drafts": {"d1": trunc');
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('keeps storage from a newer version aside instead of overwriting it', async () => {
    const future = { version: 7, state: { drafts: { d1: { shape: 'new' } } } };
    localStorage.setItem(KEY, JSON.stringify(future));
    const { useDrafts } = await loadStore();
    expect(useDrafts.getState().drafts).toEqual({});
    expect(useDrafts.getState().problems[0]).toContain('newer version');
    const keys = corruptKeys();
    expect(keys).toHaveLength(1);
    expect(JSON.parse(localStorage.getItem(keys[0] ?? '') ?? '')).toEqual(future);
  });

  it('reports a full storage instead of throwing, and clears it after a good write', async () => {
    const { useDrafts, STORAGE_FULL_MESSAGE } = await loadStore();
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    let id = '';
    expect(() => {
      id = useDrafts.getState().createDraft('enhancement-rfc', { title: 'Big' });
    }).not.toThrow();
    expect(useDrafts.getState().saveError).toBe(STORAGE_FULL_MESSAGE);
    expect(useDrafts.getState().drafts[id]?.title).toBe('Big');

    setItem.mockRestore();
    useDrafts.getState().renameDraft(id, 'Smaller');
    expect(useDrafts.getState().saveError).toBeNull();
    expect(JSON.stringify(stored())).toContain('Smaller');
  });
});

describe('drafts across tabs', () => {
  function otherTabWrites(drafts: Record<string, Draft>) {
    const newValue = JSON.stringify({ state: { drafts }, version: 1 });
    localStorage.setItem(KEY, newValue);
    window.dispatchEvent(new StorageEvent('storage', { key: KEY, newValue }));
  }

  it('takes the other tab’s library when there are no unsaved edits', async () => {
    localStorage.setItem(KEY, JSON.stringify({ state: { drafts: { d1: draft() } }, version: 1 }));
    const { useDrafts } = await loadStore();
    useDrafts.getState().setOpenDraft('d1');
    otherTabWrites({ d1: draft({ title: 'Theirs', rev: 4 }), d2: draft({ id: 'd2' }) });
    await vi.waitFor(() => expect(useDrafts.getState().drafts.d1?.title).toBe('Theirs'));
    expect(useDrafts.getState().drafts.d2).toBeDefined();
    expect(useDrafts.getState().conflict).toBeNull();
  });

  it('ignores other keys', async () => {
    const { useDrafts } = await loadStore();
    const id = useDrafts.getState().createDraft('enhancement-rfc');
    window.dispatchEvent(new StorageEvent('storage', { key: 'something-else', newValue: '1' }));
    await Promise.resolve();
    expect(useDrafts.getState().drafts[id]).toBeDefined();
  });

  it('reports a conflict for the open draft with unsaved edits, and keeps mine on request', async () => {
    localStorage.setItem(KEY, JSON.stringify({ state: { drafts: { d1: draft() } }, version: 1 }));
    const { useDrafts } = await loadStore();
    useDrafts.getState().setOpenDraft('d1');
    useDrafts.getState().renameDraft('d1', 'Mine');
    useDrafts.getState().setUnsavedEdits(true);

    otherTabWrites({ d1: draft({ title: 'Theirs', rev: 9 }), d2: draft({ id: 'd2' }) });
    expect(useDrafts.getState().conflict).toEqual({ draftId: 'd1' });
    expect(useDrafts.getState().drafts.d1?.title).toBe('Mine');

    await useDrafts.getState().resolveConflict('keep-mine');
    const state = useDrafts.getState();
    expect(state.conflict).toBeNull();
    expect(state.drafts.d1?.title).toBe('Mine');
    expect(state.drafts.d1?.rev).toBe(10);
    expect(state.drafts.d2).toBeDefined();
    expect(JSON.stringify(stored())).toContain('Mine');
  });

  it('takes theirs on reload and clears the unsaved flag', async () => {
    localStorage.setItem(KEY, JSON.stringify({ state: { drafts: { d1: draft() } }, version: 1 }));
    const { useDrafts } = await loadStore();
    useDrafts.getState().setOpenDraft('d1');
    useDrafts.getState().setUnsavedEdits(true);
    otherTabWrites({ d1: draft({ title: 'Theirs', rev: 4 }) });
    expect(useDrafts.getState().conflict).toEqual({ draftId: 'd1' });

    await useDrafts.getState().resolveConflict('reload');
    expect(useDrafts.getState().conflict).toBeNull();
    expect(useDrafts.getState().drafts.d1?.title).toBe('Theirs');
    expect(useDrafts.getState().open).toEqual({ draftId: 'd1', unsavedEdits: false });
  });

  it('does not call it a conflict when the open draft did not change', async () => {
    localStorage.setItem(KEY, JSON.stringify({ state: { drafts: { d1: draft() } }, version: 1 }));
    const { useDrafts } = await loadStore();
    useDrafts.getState().setOpenDraft('d1');
    useDrafts.getState().setUnsavedEdits(true);
    otherTabWrites({ d1: draft(), d2: draft({ id: 'd2' }) });
    expect(useDrafts.getState().conflict).toBeNull();
    await vi.waitFor(() => expect(useDrafts.getState().drafts.d2).toBeDefined());
  });

  it('keeps the other tab’s drafts when this tab writes before hearing of them', async () => {
    localStorage.setItem(KEY, JSON.stringify({ state: { drafts: { d1: draft() } }, version: 1 }));
    const { useDrafts } = await loadStore();
    // The other tab's write lands in storage; its event has not arrived here yet.
    localStorage.setItem(
      KEY,
      JSON.stringify({
        state: { drafts: { d1: draft({ title: 'Theirs', rev: 4 }), d2: draft({ id: 'd2' }) } },
        version: 1,
      }),
    );
    const id = useDrafts.getState().createDraft('enhancement-rfc', { title: 'Mine' });
    const drafts = (stored() as { state: { drafts: Record<string, Draft> } }).state.drafts;
    expect(Object.keys(drafts).sort()).toEqual([id, 'd1', 'd2'].sort());
    expect(drafts.d1?.title).toBe('Theirs');
    // A change that touches no draft writes nothing.
    const before = localStorage.getItem(KEY);
    useDrafts.getState().setOpenDraft(id);
    expect(localStorage.getItem(KEY)).toBe(before);
  });
});
