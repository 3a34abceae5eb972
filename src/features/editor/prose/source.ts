/**
 * The Markdown source editor's document: the field's text as plain text in chunks of lines.
 * Each chunk is a top-level block holding some whole lines of the text (`\n` inside it is a line
 * break), and the boundary between two chunks stands for one `\n`: the text is the chunks joined
 * by `\n`, so joining two chunks (Backspace at a chunk's start) deletes that line break, exactly as
 * in a textarea. Chunks off screen skip style and layout (`content-visibility: auto`), so a
 * keystroke costs about as much in a 300 KB answer as in a short one (a textarea lays out its
 * whole text on each keystroke). Pure data: no DOM needed to build or read the documents.
 */
import { Schema } from 'prosemirror-model';
import type { DOMOutputSpec, Node, Slice } from 'prosemirror-model';
import { Plugin, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import { notePieces } from '../../../core/docText.ts';

export const sourceSchema = new Schema({
  nodes: {
    doc: { content: 'chunk+' },
    chunk: {
      content: 'text*',
      marks: '',
      code: true,
      defining: true,
      parseDOM: [{ tag: 'div', preserveWhitespace: 'full' }],
      toDOM: (): DOMOutputSpec => ['div', { class: 'source-chunk' }, 0],
    },
    text: {},
  },
});

/** A chunk is cut at a line break once it is longer than this (a line is never cut). */
export const CHUNK_MAX = 4096;
/** The length chunks are cut to. */
export const CHUNK_TARGET = 2048;

/** Line breaks as a textarea gives them: `\r\n` and `\r` are `\n`. */
export function normaliseBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Where `text` is cut into chunks: the offsets of the line breaks that become boundaries. */
export function chunkCuts(text: string, target = CHUNK_TARGET): number[] {
  const cuts: number[] = [];
  let start = 0;
  while (text.length - start > target) {
    const at = text.indexOf('\n', start + target);
    if (at === -1) break;
    cuts.push(at);
    start = at + 1;
  }
  return cuts;
}

function chunk(text: string): Node {
  const { nodes } = sourceSchema;
  return nodes.chunk.create(null, text ? sourceSchema.text(text) : null);
}

/** The source editor's document for `text` (line breaks normalised as a textarea does). */
export function sourceDoc(text: string): Node {
  const normal = normaliseBreaks(text);
  const chunks: Node[] = [];
  let start = 0;
  for (const cut of chunkCuts(normal)) {
    chunks.push(chunk(normal.slice(start, cut)));
    start = cut + 1;
  }
  chunks.push(chunk(normal.slice(start)));
  return sourceSchema.nodes.doc.create(null, chunks);
}

/**
 * The text of a source document: its chunks joined by `\n`. A long text is noted as its pieces
 * (see `notePieces`), so the keystroke's path reads it through them instead of copying it whole.
 */
export function sourceText(doc: Node): string {
  if (doc.childCount === 1) return doc.firstChild!.textContent;
  let out = '';
  const pieces: string[] = [];
  doc.forEach((node, _offset, index) => {
    const text = node.textContent;
    if (index > 0) {
      out += '\n';
      pieces.push('\n');
    }
    out += text;
    pieces.push(text);
  });
  notePieces(out, pieces);
  return out;
}

/** A slice's text, for the clipboard: its chunks joined by `\n`, as the field's text is. */
export function sliceText(slice: Slice): string {
  return slice.content.textBetween(0, slice.content.size, '\n');
}

/** Replaces `tr`'s selection with `text` (typed, pasted or dropped), as plain text. */
export function insertPlain(tr: Transaction, text: string): Transaction {
  return tr.insertText(normaliseBreaks(text)).scrollIntoView();
}

/**
 * Keeps chunks short: after a change, the chunks at the selection's ends (where typing, a paste
 * or a join leaves text) are cut at line breaks when they grew past CHUNK_MAX. The text does not
 * change: a line break becomes a chunk boundary, which stands for the same `\n`.
 */
export const keepChunksShort = new Plugin({
  appendTransaction(transactions, _old, state) {
    if (!transactions.some((tr) => tr.docChanged)) return null;
    // Not while an input method composes (its text must stay in the node it is in): the next
    // change after it cuts.
    if (transactions.some((tr) => tr.getMeta('composition') !== undefined)) return null;
    const { doc, selection } = state;
    const indices = new Set([selection.$from.index(0), selection.$to.index(0)]);
    let tr: Transaction | null = null;
    // From the last chunk to the first, so the positions before each cut stay valid.
    for (const index of [...indices].sort((a, b) => b - a)) {
      const node = doc.child(index);
      if (node.content.size <= CHUNK_MAX) continue;
      let start = 0;
      for (let i = 0; i < index; i++) start += doc.child(i).nodeSize;
      const cuts = chunkCuts(node.textContent);
      tr ??= state.tr;
      for (let i = cuts.length - 1; i >= 0; i--) {
        const at = start + 1 + cuts[i]!;
        tr.delete(at, at + 1).split(at);
      }
    }
    if (!tr) return null;
    // The selection stays at the same places in the text (a caret at a cut line break's either
    // side is mapped to one place: the end of the chunk before, or the next one's start).
    const { anchor, head } = selection;
    return tr.setSelection(
      TextSelection.create(
        tr.doc,
        textPosition(tr.doc, textOffset(doc, anchor)),
        textPosition(tr.doc, textOffset(doc, head)),
      ),
    );
  },
});

/** The offset in the text of position `pos` of a source document. */
export function textOffset(doc: Node, pos: number): number {
  const $pos = doc.resolve(pos);
  const index = $pos.index(0);
  let offset = 0;
  for (let i = 0; i < index; i++) offset += doc.child(i).content.size + 1;
  return offset + ($pos.depth > 0 ? $pos.parentOffset : 0);
}

/** The position in a source document of offset `offset` of its text (clamped to the text). */
export function textPosition(doc: Node, offset: number): number {
  let pos = 0;
  let left = Math.max(0, offset);
  for (let i = 0; i < doc.childCount; i++) {
    const size = doc.child(i).content.size;
    if (left <= size || i === doc.childCount - 1) return pos + 1 + Math.min(left, size);
    left -= size + 1;
    pos += size + 2;
  }
  return 1;
}
