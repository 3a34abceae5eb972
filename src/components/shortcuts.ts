/**
 * Keyboard shortcuts of the app: Alt+Shift+letter (⌥⇧letter on Apple platforms). No major
 * browser takes these (Ctrl/⌘+Shift+C and Ctrl+Shift+E open developer tools), and the letter
 * is matched by its key position too, since Option on a Mac changes the character typed.
 */
export const isApplePlatform = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.userAgent);

export interface Shortcut {
  /** The letter, upper case. */
  key: string;
  /** For `aria-keyshortcuts`. */
  aria: string;
  /** For people: `Alt+Shift+C` or `⌥⇧C`. */
  label: string;
}

export function shortcut(key: string): Shortcut {
  const upper = key.toUpperCase();
  return {
    key: upper,
    aria: `Alt+Shift+${upper}`,
    label: isApplePlatform() ? `⌥⇧${upper}` : `Alt+Shift+${upper}`,
  };
}

/** Alt+Shift+KEY, without Ctrl or Cmd. */
export function matchesShortcut(event: KeyboardEvent, s: Shortcut): boolean {
  return (
    event.altKey &&
    event.shiftKey &&
    !event.ctrlKey &&
    !event.metaKey &&
    pressedLetter(event) === s.key
  );
}

/** The letter by its meaning on Latin layouts, by its position otherwise (⌥ on a Mac, Cyrillic). */
function pressedLetter(event: KeyboardEvent): string {
  if (/^[a-z]$/i.test(event.key)) return event.key.toUpperCase();
  return event.code.startsWith('Key') ? event.code.slice(3) : '';
}
