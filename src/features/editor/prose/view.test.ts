import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import { Schema } from 'prosemirror-model';
import type { Node } from 'prosemirror-model';
import { nearSelection } from './view.ts';

/**
 * `nearSelection` marks the document's top-level nodes, whatever they are (the rich text's
 * parts, the source's chunks): tested on a document of paragraphs and headings.
 */
const proseSchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: { group: 'block', content: 'text*' },
    heading: { group: 'block', content: 'text*', attrs: { level: { default: 1 } } },
    text: {},
  },
});
const { paragraph, heading } = proseSchema.nodes;

function docOf(count: number): Node {
  return proseSchema.nodes.doc.create(
    null,
    Array.from({ length: count }, (_, i) => paragraph.create(null, proseSchema.text(`Block ${i}`))),
  );
}

/** The blocks marked near the selection, as [from, to] of each decoration. */
function marked(state: EditorState): [number, number][] {
  const set = nearSelection.getState(state)?.set;
  return (set?.find() ?? [])
    .map((d) => [d.from, d.to] as [number, number])
    .sort((a, b) => a[0] - b[0]);
}

/** What a set made from scratch for this state marks (the rule: blocks within 2 of each end). */
function expected(state: EditorState): [number, number][] {
  const fresh = EditorState.create({
    doc: state.doc,
    selection: state.selection,
    plugins: [nearSelection],
  });
  return marked(fresh);
}

/** A block's [from, to], for reading the marks as block indices in the example test. */
function indices(state: EditorState): number[] {
  const starts: number[] = [];
  state.doc.forEach((_, offset) => starts.push(offset));
  return marked(state).map(([from]) => starts.indexOf(from));
}

describe('nearSelection', () => {
  it('marks the blocks around the caret as it types, splits and retypes blocks', () => {
    let state = EditorState.create({ doc: docOf(10), plugins: [nearSelection] });
    const at = (index: number) => {
      let pos = 0;
      for (let i = 0; i < index; i++) pos += state.doc.child(i).nodeSize;
      return pos + 1;
    };
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, at(5) + 3)));
    expect(indices(state)).toEqual([3, 4, 5, 6, 7]);
    state = state.apply(state.tr.insertText('typed'));
    expect(indices(state)).toEqual([3, 4, 5, 6, 7]);
    // Enter: a new block after the caret's, and the caret in it.
    state = state.apply(state.tr.split(state.selection.from));
    expect(indices(state)).toEqual([4, 5, 6, 7, 8]);
    // The caret's block becomes a heading (replaced whole): it stays marked.
    const { $from } = state.selection;
    state = state.apply(
      state.tr.setBlockType($from.before(1) + 1, $from.after(1) - 1, heading, { level: 2 }),
    );
    expect(state.doc.child(6).type).toBe(heading);
    expect(indices(state)).toEqual([4, 5, 6, 7, 8]);
    expect(marked(state)).toEqual(expected(state));
  });

  it('marks what a set made anew marks, after any edits', () => {
    type Step = { kind: 'type' | 'split' | 'select' | 'delete' | 'heading'; a: number; b: number };
    const step = fc.record({
      kind: fc.constantFrom<Step['kind']>('type', 'split', 'select', 'delete', 'heading'),
      a: fc.nat(),
      b: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(step, { maxLength: 25 }),
        (count, steps) => {
          let state = EditorState.create({ doc: docOf(count), plugins: [nearSelection] });
          for (const s of steps) {
            const size = state.doc.content.size;
            const pos = (n: number) => TextSelection.near(state.doc.resolve(n % (size + 1))).from;
            let tr: Transaction = state.tr;
            if (s.kind === 'type') tr = tr.insertText('x');
            else if (s.kind === 'split') tr = tr.split(state.selection.from);
            else if (s.kind === 'select')
              tr = tr.setSelection(TextSelection.create(state.doc, pos(s.a), pos(s.b)));
            else if (s.kind === 'delete') {
              const [from, to] = [pos(s.a), pos(s.b)].sort((x, y) => x - y) as [number, number];
              tr = tr.delete(from, to);
            } else {
              const { $from } = state.selection;
              tr = tr.setBlockType($from.pos, $from.pos, heading, { level: 1 + (s.a % 3) });
            }
            state = state.apply(tr);
            expect(marked(state)).toEqual(expected(state));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
