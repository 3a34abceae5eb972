/**
 * One edit between two versions of a text: the part of `before` that changed and what replaced
 * it. Found by comparing blocks of the two texts from each end (a keystroke in a long text
 * compares a few hundred blocks, not every character).
 */
export interface TextEdit {
  /** Where the edit starts (the length of the texts' common start). */
  at: number;
  /** How many characters of `before` it replaced. */
  cut: number;
  /** What it put there. */
  text: string;
}

/** The length of the longest common start of `a` and `b`. */
export function commonStart(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (i + step <= max && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  return i;
}

/** The length of the longest common end of `a` and `b` that leaves their first `start` alone. */
export function commonEnd(a: string, b: string, start: number): number {
  const max = Math.min(a.length, b.length) - start;
  let i = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (
      i + step <= max &&
      a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)
    ) {
      i += step;
    }
  }
  return i;
}

/** The edit that turns `before` into `after`. */
export function textEdit(before: string, after: string): TextEdit {
  const at = commonStart(before, after);
  const end = commonEnd(before, after, at);
  return { at, cut: before.length - at - end, text: after.slice(at, after.length - end) };
}

/** `before` with `edit` made. */
export function applyTextEdit(before: string, edit: TextEdit): string {
  return before.slice(0, edit.at) + edit.text + before.slice(edit.at + edit.cut);
}
