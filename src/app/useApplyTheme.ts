import { useEffect } from 'react';
import { useSettings } from '../stores/settings.ts';
import type { Theme } from '../stores/settings.ts';

/**
 * Where the chosen theme is mirrored for the first paint: index.html's inline script (see
 * THEME_SCRIPT in scripts/csp.js, which must use the same key) applies it before the settings
 * load from IndexedDB.
 */
export const THEME_HINT_KEY = 'proposal-studio/theme';

/** Mirrors a chosen theme where the inline script finds it; 'system' needs no mirror. */
export function rememberThemeForFirstPaint(theme: Theme): void {
  try {
    if (theme === 'system') localStorage.removeItem(THEME_HINT_KEY);
    else localStorage.setItem(THEME_HINT_KEY, theme);
  } catch {
    // No localStorage: the theme still applies once the settings load.
  }
}

/**
 * Puts the theme setting on `<html data-theme>`; 'system' removes the attribute so app.css
 * follows prefers-color-scheme.
 */
export function useApplyTheme(): void {
  const theme = useSettings((s) => s.theme);
  const loaded = useSettings((s) => s.loaded);
  useEffect(() => {
    // Before the settings are read, keep what the inline script applied.
    if (!loaded) return;
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    rememberThemeForFirstPaint(theme);
  }, [theme, loaded]);
}
