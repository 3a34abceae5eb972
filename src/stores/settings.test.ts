/** @vitest-environment jsdom */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const KEY = 'proposal-studio/settings';

async function loadStore() {
  vi.resetModules();
  return import('./settings.ts');
}

beforeEach(() => {
  localStorage.clear();
});

describe('settings store', () => {
  it('starts from the defaults', async () => {
    const { useSettings } = await loadStore();
    expect(useSettings.getState()).toMatchObject({
      theme: 'system',
      keepGuidanceComments: false,
      dropEmptyOptionalSections: false,
    });
  });

  it('persists each setting under a versioned key', async () => {
    const first = await loadStore();
    first.useSettings.getState().setTheme('dark');
    first.useSettings.getState().setKeepGuidanceComments(true);
    first.useSettings.getState().setDropEmptyOptionalSections(true);
    expect(JSON.parse(localStorage.getItem(KEY) ?? '')).toEqual({
      state: { theme: 'dark', keepGuidanceComments: true, dropEmptyOptionalSections: true },
      version: 1,
    });
    const second = await loadStore();
    expect(second.useSettings.getState()).toMatchObject({
      theme: 'dark',
      keepGuidanceComments: true,
      dropEmptyOptionalSections: true,
    });
  });

  it('keeps valid stored settings and defaults the invalid ones', async () => {
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
  });

  it('cycles the theme system → light → dark → system', async () => {
    const { nextTheme } = await loadStore();
    expect(nextTheme('system')).toBe('light');
    expect(nextTheme('light')).toBe('dark');
    expect(nextTheme('dark')).toBe('system');
  });
});
