/** Keyboard shortcuts of the export bar, in the forms the UI needs. */
export const isApplePlatform = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.userAgent);

export interface Shortcut {
  /** The letter, upper case. */
  key: string;
  /** For `aria-keyshortcuts`. */
  aria: string;
  /** For people: `Ctrl+Shift+C` or `⌘⇧C`. */
  label: string;
}

export function shortcut(key: string): Shortcut {
  const upper = key.toUpperCase();
  return {
    key: upper,
    aria: `Control+Shift+${upper} Meta+Shift+${upper}`,
    label: isApplePlatform() ? `⌘⇧${upper}` : `Ctrl+Shift+${upper}`,
  };
}

/** Ctrl+Shift+KEY or Cmd+Shift+KEY, without Alt. */
export function matchesShortcut(event: KeyboardEvent, s: Shortcut): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey &&
    !event.altKey &&
    pressedLetter(event) === s.key
  );
}

/** The letter by its meaning on Latin layouts, by its position on others (Cyrillic, Greek…). */
function pressedLetter(event: KeyboardEvent): string {
  if (/^[a-z]$/i.test(event.key)) return event.key.toUpperCase();
  return event.code.startsWith('Key') ? event.code.slice(3) : '';
}
