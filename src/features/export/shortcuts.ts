/** Keyboard shortcuts of the export bar: the app's shared Alt+Shift+letter shortcuts. */
export { isApplePlatform, matchesShortcut, shortcut } from '../../components/shortcuts.ts';
export type { Shortcut } from '../../components/shortcuts.ts';
