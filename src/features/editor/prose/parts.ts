/**
 * Editing across parts (the schema's runs of top-level blocks). A part says nothing about the
 * Markdown, so its edges must not show: Backspace at the start of a part's first block and
 * Delete at the end of its last act as they would between any two blocks (the parts are joined
 * first, in the same step), and a part that grew long is cut between its blocks.
 */
import {
  chainCommands,
  joinBackward,
  joinForward,
  selectNodeBackward,
  selectNodeForward,
} from 'prosemirror-commands';
import type { Node } from 'prosemirror-model';
import { EditorState, Plugin, TextSelection } from 'prosemirror-state';
import type { Command, Transaction } from 'prosemirror-state';
import { PART_BLOCKS } from './markdown.ts';

/**
 * The boundary between the caret's part and the one before (`backward`) or after it, when the
 * caret is at the very start (or end) of its part; null otherwise.
 */
function partEdge(state: EditorState, backward: boolean): number | null {
  const { selection } = state;
  if (!(selection instanceof TextSelection) || !selection.$cursor) return null;
  const $cursor = selection.$cursor;
  if ($cursor.depth < 2) return null;
  for (let depth = $cursor.depth; depth >= 2; depth--) {
    const index = $cursor.index(depth - 1);
    const atEdge = backward
      ? index === 0 && (depth < $cursor.depth || $cursor.parentOffset === 0)
      : index === $cursor.node(depth - 1).childCount - 1 &&
        (depth < $cursor.depth || $cursor.parentOffset === $cursor.parent.content.size);
    if (!atEdge) return null;
  }
  const part = $cursor.index(0);
  if (backward ? part === 0 : part === state.doc.childCount - 1) return null;
  return backward ? $cursor.before(1) : $cursor.after(1);
}

/** Joins the caret's part to its neighbour, then runs `then` on the result, as one change. */
function acrossParts(backward: boolean, ...then: Command[]): Command {
  return (state, dispatch) => {
    const edge = partEdge(state, backward);
    if (edge === null) return false;
    if (!dispatch) return true;
    const tr = state.tr.join(edge);
    const next = runOn(tr, chainCommands(...then));
    if (next) append(tr, next);
    dispatch(tr.scrollIntoView());
    return true;
  };
}

/**
 * The change `command` makes in `tr`'s document, with `tr`'s selection (in a bare state: no
 * plugin cuts the parts just joined before the command sees them); null when it does nothing.
 */
function runOn(tr: Transaction, command: Command): Transaction | null {
  const joined = EditorState.create({ doc: tr.doc, selection: tr.selection });
  let inner: Transaction | null = null;
  command(joined, (t) => (inner = t));
  return inner;
}

/** Adds `next`'s steps and selection to `tr` (whose document `next` started from). */
function append(tr: Transaction, next: Transaction): void {
  for (const step of next.steps) tr.step(step);
  // The same positions in the same document (rebuilt by the same steps).
  tr.setSelection(next.selection.map(tr.doc, tr.mapping.slice(tr.steps.length)));
}

/**
 * Runs `command` (wrapping in a list or a quote) with the parts the selection spans joined into
 * one, as one change: a command that needs the blocks in one parent acts on them all.
 */
export function inOnePart(command: Command): Command {
  return (state, dispatch) => {
    const first = state.selection.$from.index(0);
    const last = state.selection.$to.index(0);
    if (first === last) return command(state, dispatch);
    const tr = state.tr;
    const boundaries: number[] = [];
    state.doc.forEach((_part, offset, index) => {
      if (index > first && index <= last) boundaries.push(offset);
    });
    for (const boundary of boundaries.reverse()) tr.join(boundary);
    const next = runOn(tr, command);
    if (!next) return false;
    if (dispatch) {
      append(tr, next);
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** Backspace at the start of a part's first block: as between any two blocks. */
export const joinPartBackward = acrossParts(true, joinBackward, selectNodeBackward);
/** Delete at the end of a part's last block: as between any two blocks. */
export const joinPartForward = acrossParts(false, joinForward, selectNodeForward);

/**
 * Cuts a part that grew past twice PART_BLOCKS (a paste, joins) into parts of PART_BLOCKS,
 * between its blocks: the Markdown does not change.
 */
export const keepPartsShort = new Plugin({
  appendTransaction(transactions, _old, state) {
    if (!transactions.some((tr) => tr.docChanged)) return null;
    if (transactions.some((tr) => tr.getMeta('composition') !== undefined)) return null;
    const { doc, selection } = state;
    const indices = [...new Set([selection.$from.index(0), selection.$to.index(0)])];
    let tr: Transaction | null = null;
    for (const index of indices.sort((a, b) => b - a)) {
      const part: Node = doc.child(index);
      if (part.childCount <= 2 * PART_BLOCKS) continue;
      let start = 0;
      for (let i = 0; i < index; i++) start += doc.child(i).nodeSize;
      // The positions between blocks where the part is cut, from the last.
      const cuts: number[] = [];
      let at = start + 1;
      part.forEach((block, _offset, i) => {
        if (i > 0 && i % PART_BLOCKS === 0) cuts.push(at);
        at += block.nodeSize;
      });
      tr ??= state.tr;
      for (const cut of cuts.reverse()) tr.split(cut, 1);
    }
    return tr;
  },
});
