/** Finding a field's controls in the form, to move focus to them. */
import { domId } from './FormFields.tsx';

const CONTROL =
  'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [contenteditable="true"]';

/** The frame of the field at `path` (its `.field` or group), or null when it is not shown. */
export function fieldFrame(path: string): HTMLElement | null {
  const el = document.getElementById(domId(path));
  if (!el) return null;
  return el.closest<HTMLElement>('.field, .group-field') ?? el;
}

/** The control an author types in first for the field at `path`. */
export function firstControl(path: string): HTMLElement | null {
  const el = document.getElementById(domId(path));
  if (!el) return null;
  if (el.matches(CONTROL)) return el;
  // An item's text before its checkbox (task lists), else the first control.
  return (
    el.querySelector<HTMLElement>('[data-part="input"]') ?? el.querySelector<HTMLElement>(CONTROL)
  );
}

/** The first control inside `root` (a section card, the form). */
export function firstControlIn(root: ParentNode): HTMLElement | null {
  return root.querySelector<HTMLElement>(CONTROL);
}

/** Focuses a control and brings it to the middle of the view, at once (the caret is there). */
export function focusControl(el: HTMLElement): void {
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'center' });
}

/** Focuses the field at `path`; false when it is not in the page. */
export function focusField(path: string): boolean {
  const el = firstControl(path);
  if (!el) return false;
  focusControl(el);
  return true;
}

/**
 * The next of `paths` after the field holding `from` (in document order, wrapping round); the
 * field holding `from` itself comes last.
 */
export function nextPath(paths: readonly string[], from: Element | null): string | undefined {
  if (paths.length === 0) return undefined;
  if (!from || from === document.body) return paths[0];
  const frames = paths.map((p) => ({ path: p, frame: fieldFrame(p) }));
  const after = frames.find(
    ({ frame }) =>
      frame &&
      !frame.contains(from) &&
      (from.compareDocumentPosition(frame) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
  );
  if (after) return after.path;
  const other = frames.find(({ frame }) => frame && !frame.contains(from));
  return (other ?? frames[0])?.path;
}
