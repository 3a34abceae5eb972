import { commonEnd, commonStart } from './textEdit.ts';
import type { TextEdit } from './textEdit.ts';

/**
 * A text kept as the pieces it is made of: a string, or a list of ropes one after the other.
 * The document is written as a rope so that a keystroke in a long answer makes no new string
 * of the whole document: V8 copies a concatenated string whole when it is first read, and a
 * string over 128 KB is a fresh large allocation (1–4 ms at 300 KB, per keystroke). A rope that
 * is a list is never empty (`joinRopes` leaves empty parts out): `''` is the only empty rope.
 */
export type Rope = string | readonly Rope[];

/**
 * Ropes separated by a blank line (as `parts.join('\n\n')`, empty parts included). A list it
 * makes holds a separator, so it is never empty: a rope is empty exactly when it is `''`.
 */
export function joinRopes(parts: readonly Rope[]): Rope {
  if (parts.length <= 1) return parts[0] ?? '';
  const out: Rope[] = [parts[0]!];
  for (let i = 1; i < parts.length; i++) out.push('\n\n', parts[i]!);
  return out;
}

/** The rope's strings in order (the empty ones left out). */
export function ropeLeaves(rope: Rope, out: string[] = []): string[] {
  if (typeof rope === 'string') {
    if (rope !== '') out.push(rope);
  } else {
    for (const part of rope) ropeLeaves(part, out);
  }
  return out;
}

/** The rope as one string (concatenated: V8 copies it when it is first read, not here). */
export function ropeString(rope: Rope): string {
  if (typeof rope === 'string') return rope;
  let out = '';
  for (const leaf of ropeLeaves(rope)) out += leaf;
  return out;
}

/**
 * A text read through its pieces: a part of it is sliced from the pieces it lies in, and two
 * versions are compared piece by piece (a piece both share is passed over at once), so reading
 * near an edit costs what the part read is long, not what the text is long.
 */
export class DocText {
  readonly length: number;
  /** Where each piece starts. */
  private readonly starts: number[];
  private flat: string | undefined;

  private constructor(readonly pieces: readonly string[]) {
    this.starts = new Array<number>(pieces.length);
    let at = 0;
    for (let i = 0; i < pieces.length; i++) {
      this.starts[i] = at;
      at += pieces[i]!.length;
    }
    this.length = at;
    if (pieces.length <= 1) this.flat = pieces[0] ?? '';
  }

  static of(text: Rope | DocText): DocText {
    if (text instanceof DocText) return text;
    const leaves = ropeLeaves(text);
    if (known.length === 0) return new DocText(leaves);
    // A long leaf made of known pieces (an answer the rich-text editor wrote) is read through them.
    const pieces: string[] = [];
    for (const leaf of leaves) {
      const parts = leaf.length >= KNOWN_FROM ? piecesOf(leaf) : undefined;
      if (!parts) {
        pieces.push(leaf);
        continue;
      }
      for (const part of parts) if (part !== '') pieces.push(part);
    }
    return new DocText(pieces);
  }

  /** The whole text as one string (made once). */
  toString(): string {
    this.flat ??= ropeString(this.pieces);
    return this.flat;
  }

  /** The index of the piece holding `offset` (the last piece for the text's end). */
  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** As `String.prototype.slice` with offsets within the text (0 ≤ from ≤ to ≤ length). */
  slice(from: number, to: number = this.length): string {
    if (this.flat !== undefined) return this.flat.slice(from, to);
    if (to <= from) return '';
    let i = this.pieceAt(from);
    let out = '';
    for (; i < this.pieces.length && this.starts[i]! < to; i++) {
      const start = this.starts[i]!;
      const piece = this.pieces[i]!;
      out +=
        start >= from && start + piece.length <= to
          ? piece
          : piece.slice(Math.max(0, from - start), to - start);
    }
    return out;
  }

  /** As `String.prototype.indexOf` for one character. */
  indexOf(char: string, from = 0): number {
    if (this.flat !== undefined) return this.flat.indexOf(char, from);
    if (from >= this.length) return -1;
    for (let i = this.pieceAt(Math.max(0, from)); i < this.pieces.length; i++) {
      const start = this.starts[i]!;
      const found = this.pieces[i]!.indexOf(char, Math.max(0, from - start));
      if (found !== -1) return start + found;
    }
    return -1;
  }

  /** As `String.prototype.lastIndexOf` for one character (searching back from `from`). */
  lastIndexOf(char: string, from: number): number {
    if (this.flat !== undefined) return this.flat.lastIndexOf(char, from);
    if (from < 0) return -1;
    for (let i = this.pieceAt(Math.min(from, this.length)); i >= 0; i--) {
      const start = this.starts[i]!;
      const found = this.pieces[i]!.lastIndexOf(char, from - start);
      if (found !== -1) return start + found;
    }
    return -1;
  }

  /** Whether some piece holds `text` (a string that cannot span two pieces: one character). */
  includesChar(char: string): boolean {
    return this.pieces.some((piece) => piece.includes(char));
  }
}

/** Texts at least this long are looked up among the known ones (see `notePieces`). */
const KNOWN_FROM = 16 * 1024;
/** The last texts noted, newest first. */
const known: { text: string; pieces: readonly string[] }[] = [];
const KNOWN_KEPT = 4;

/**
 * Notes that `text` is the concatenation of `pieces` (the rich-text editor writes an answer a
 * block at a time): `DocText.of` then reads it through them, so a keystroke in a long answer
 * does not copy it whole. Only the last few texts are kept.
 */
export function notePieces(text: string, pieces: readonly string[]): void {
  if (text.length < KNOWN_FROM) return;
  known.unshift({ text, pieces });
  if (known.length > KNOWN_KEPT) known.length = KNOWN_KEPT;
}

/** The pieces `text` was noted as (compared by length first: the same string is found at once). */
function piecesOf(text: string): readonly string[] | undefined {
  for (const entry of known) {
    if (entry.text.length === text.length && entry.text === text) return entry.pieces;
  }
  return undefined;
}

/** A cursor over a text's pieces, from its start or from its end. */
class Cursor {
  /** The piece, and how many of its characters are passed (from its start or its end). */
  index: number;
  used = 0;

  constructor(
    readonly pieces: readonly string[],
    readonly backward: boolean,
  ) {
    this.index = backward ? pieces.length - 1 : 0;
  }

  get piece(): string | undefined {
    return this.pieces[this.index];
  }

  /** The next `n` characters (toward the other end), as one string. */
  take(n: number): string {
    const piece = this.piece!;
    if (this.used === 0 && n === piece.length) return piece;
    return this.backward
      ? piece.slice(piece.length - this.used - n, piece.length - this.used)
      : piece.slice(this.used, this.used + n);
  }

  left(): number {
    return this.piece!.length - this.used;
  }

  advance(n: number): void {
    this.used += n;
    if (this.used === this.piece!.length) {
      this.index += this.backward ? -1 : 1;
      this.used = 0;
    }
  }
}

/**
 * How many characters two texts share from the start (`backward`: from the end, at most
 * `max`): pieces both hold are passed whole, the first that differ are compared in blocks.
 */
function common(a: DocText, b: DocText, backward: boolean, max: number): number {
  const x = new Cursor(a.pieces, backward);
  const y = new Cursor(b.pieces, backward);
  let same = 0;
  while (same < max && x.piece !== undefined && y.piece !== undefined) {
    const n = Math.min(x.left(), y.left(), max - same);
    const p = x.take(n);
    const q = y.take(n);
    if (p !== q) {
      return same + (backward ? commonEnd(p, q, 0) : commonStart(p, q));
    }
    same += n;
    x.advance(n);
    y.advance(n);
  }
  return same;
}

/** The length of the longest common start of two texts. */
export function commonStartOf(a: DocText, b: DocText): number {
  return common(a, b, false, Math.min(a.length, b.length));
}

/** The length of the longest common end of two texts that leaves their first `start` alone. */
export function commonEndOf(a: DocText, b: DocText, start: number): number {
  return common(a, b, true, Math.min(a.length, b.length) - start);
}

/**
 * The edit that turns `before` into `after` (as `textEdit`), read through the pieces they are
 * known to be made of: finding a keystroke's edit in a long answer does not copy it whole.
 */
export function textEditOf(before: string, after: string): TextEdit {
  const a = DocText.of(before);
  const b = DocText.of(after);
  const at = commonStartOf(a, b);
  const end = commonEndOf(a, b, at);
  return { at, cut: a.length - at - end, text: b.slice(at, b.length - end) };
}
