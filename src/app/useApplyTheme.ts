import { useEffect } from 'react';
import { useSettings } from '../stores/settings.ts';

/**
 * Puts the theme setting on `<html data-theme>`; 'system' removes the attribute so app.css
 * follows prefers-color-scheme.
 */
export function useApplyTheme(): void {
  const theme = useSettings((s) => s.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
