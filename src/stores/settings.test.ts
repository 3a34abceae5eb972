/** @vitest-environment jsdom */
import { IDBFactory } from 'fake-indexeddb';
import { createStore, get } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const KEY = 'proposal-studio/settings';
const settingsDb = () => createStore('proposal-studio/settings', 'settings');

async function loadStore() {
  vi.resetModules();
  const mod = await import('./settings.ts');
  await mod.settingsLoaded;
  return mod;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
});

describe('settings store', () => {
  it('starts from the defaults', async () => {
    const { useSettings } = await loadStore();
    expect(useSettings.getState()).toMatchObject({
      theme: 'system',
      keepGuidanceComments: false,
      dropEmptyOptionalSections: false,
      loaded: true,
    });
  });

  it('keeps each setting in one IndexedDB record', async () => {
    const first = await loadStore();
    first.useSettings.getState().setTheme('dark');
    first.useSettings.getState().setKeepGuidanceComments(true);
    first.useSettings.getState().setDropEmptyOptionalSections(true);
    await vi.waitFor(async () =>
      expect(await get('settings', settingsDb())).toEqual({
        theme: 'dark',
        keepGuidanceComments: true,
        dropEmptyOptionalSections: true,
        version: 1,
      }),
    );
    const second = await loadStore();
    expect(second.useSettings.getState()).toMatchObject({
      theme: 'dark',
      keepGuidanceComments: true,
      dropEmptyOptionalSections: true,
    });
  });

  it('migrates the localStorage copy, keeping valid settings, then deletes it', async () => {
    localStorage.setItem(
      KEY,
      JSON.stringify({ state: { theme: 'purple', keepGuidanceComments: true }, version: 1 }),
    );
    const { useSettings } = await loadStore();
    expect(useSettings.getState()).toMatchObject({
      theme: 'system',
      keepGuidanceComments: true,
      dropEmptyOptionalSections: false,
    });
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(await get('settings', settingsDb())).toMatchObject({ keepGuidanceComments: true });
  });

  it('keeps a setting changed while loading', async () => {
    vi.resetModules();
    const mod = await import('./settings.ts');
    mod.useSettings.getState().setTheme('light');
    await mod.settingsLoaded;
    expect(mod.useSettings.getState().theme).toBe('light');
  });

  it('cycles the theme system → light → dark → system', async () => {
    const { nextTheme } = await loadStore();
    expect(nextTheme('system')).toBe('light');
    expect(nextTheme('light')).toBe('dark');
    expect(nextTheme('dark')).toBe('system');
  });
});
