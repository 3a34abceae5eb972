import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { baseKeymap, chainCommands, wrapIn } from 'prosemirror-commands';
import { wrapInList } from 'prosemirror-schema-list';
import { EditorState, NodeSelection, Selection, TextSelection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import type { Node } from 'prosemirror-model';
import { readProse, PART_BLOCKS } from './markdown.ts';
import { inOnePart, joinPartBackward, joinPartForward, keepPartsShort } from './parts.ts';
import { proseSchema as schema } from './schema.ts';

const {
  doc: docType,
  part,
  paragraph,
  heading,
  horizontal_rule,
  bullet_list,
  list_item,
} = schema.nodes;

const block: fc.Arbitrary<Node> = fc.oneof(
  fc
    .string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 6 })
    .map((t) => paragraph.create(null, t ? schema.text(t) : null)),
  fc.constantFrom('H', 'Head').map((t) => heading.create({ level: 2 }, schema.text(t))),
  fc.constant(horizontal_rule.create()),
  fc
    .constantFrom('x', 'y z')
    .map((t) =>
      bullet_list.create(null, list_item.create(null, paragraph.create(null, schema.text(t)))),
    ),
);

/** The blocks of a document, its parts left out, as JSON. */
function flat(doc: Node): unknown[] {
  const out: unknown[] = [];
  doc.forEach((p) => p.forEach((b) => out.push(b.toJSON())));
  return out;
}

/** Where the selection stands, told without parts: the text before it and what it selects. */
function where(state: EditorState): unknown {
  const { selection, doc } = state;
  const before = (pos: number) => doc.textBetween(0, pos, '|', '#');
  return selection instanceof NodeSelection
    ? { node: selection.node.type.name, before: before(selection.from) }
    : { anchor: before(selection.anchor), head: before(selection.head) };
}

function run(state: EditorState, command: Command): EditorState | null {
  let next: EditorState | null = null;
  command(state, (tr) => (next = state.apply(tr)));
  return next;
}

/** The same blocks in one part, and cut into two parts before block `cut`. */
function pair(blocks: Node[], cut: number): { one: Node; two: Node } {
  return {
    one: docType.create(null, part.create(null, blocks)),
    two: docType.create(null, [
      part.create(null, blocks.slice(0, cut)),
      part.create(null, blocks.slice(cut)),
    ]),
  };
}

/** The position of block `index`'s start (or end) in `doc`, counting through parts. */
function edgeOf(doc: Node, index: number, end: boolean): number {
  let seen = 0;
  let found = 0;
  doc.forEach((p, partOffset) => {
    p.forEach((b, offset) => {
      if (seen++ === index) found = partOffset + 1 + offset + (end ? b.nodeSize : 0);
    });
  });
  return found;
}

function caretNear(doc: Node, pos: number, backward: boolean): Selection {
  return Selection.near(doc.resolve(pos), backward ? 1 : -1);
}

describe('editing across parts', () => {
  it.each([
    ['Backspace at the start of a part', true, baseKeymap.Backspace!, joinPartBackward],
    ['Delete at the end of a part', false, baseKeymap.Delete!, joinPartForward],
  ] as const)('%s acts as between any two blocks', (_name, backward, key, acrossParts) => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 2, maxLength: 6 }), fc.nat(), (blocks, n) => {
        const cut = 1 + (n % (blocks.length - 1));
        const { one, two } = pair(blocks, cut);
        // The caret at the start of block `cut` (Backspace) or the end of the one before (Delete).
        const caret = (doc: Node) =>
          caretNear(doc, edgeOf(doc, backward ? cut : cut - 1, !backward), backward);
        const selA = caret(one);
        const $cursor = selA instanceof TextSelection ? selA.$cursor : null;
        fc.pre(!!$cursor && $cursor.parentOffset === (backward ? 0 : $cursor.parent.content.size));
        const a = EditorState.create({ doc: one, selection: selA });
        const b = EditorState.create({ doc: two, selection: caret(two) });
        const afterA = run(a, key);
        const afterB = run(b, chainCommands(acrossParts, key));
        expect(afterB && flat(afterB.doc)).toEqual(afterA && flat(afterA.doc));
        if (afterA && afterB) expect(where(afterB)).toEqual(where(afterA));
      }),
      { numRuns: 300 },
    );
  });

  it('wraps blocks of two parts in a list or a quote as blocks of one part', () => {
    const { blockquote, ordered_list } = schema.nodes;
    fc.assert(
      fc.property(
        fc.array(block, { minLength: 2, maxLength: 6 }),
        fc.nat(),
        fc.constantFrom(wrapIn(blockquote), wrapInList(bullet_list), wrapInList(ordered_list)),
        (blocks, n, wrap) => {
          const cut = 1 + (n % (blocks.length - 1));
          const { one, two } = pair(blocks, cut);
          const select = (doc: Node) =>
            TextSelection.between(
              doc.resolve(edgeOf(doc, 0, false) + 1),
              doc.resolve(edgeOf(doc, blocks.length - 1, true) - 1),
            );
          const a = EditorState.create({ doc: one, selection: select(one) });
          const b = EditorState.create({ doc: two, selection: select(two) });
          const afterA = run(a, wrap);
          const afterB = run(b, inOnePart(wrap));
          expect(afterB && flat(afterB.doc)).toEqual(afterA && flat(afterA.doc));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('cuts a part that grew long between its blocks; the Markdown does not change', () => {
    const prose = readProse('Intro');
    let state = EditorState.create({ doc: prose.doc, plugins: [keepPartsShort] });
    const pasted = Array.from({ length: 3 * PART_BLOCKS }, (_, i) =>
      paragraph.create(null, schema.text(`Pasted ${i}`)),
    );
    const tr = state.tr.insert(state.doc.content.size - 1, pasted);
    state = state.apply(tr.setSelection(TextSelection.create(tr.doc, 2)));
    expect(state.doc.childCount).toBeGreaterThan(1);
    state.doc.forEach((p) => expect(p.childCount).toBeLessThanOrEqual(2 * PART_BLOCKS));
    const expected = ['Intro', ...pasted.map((p) => p.textContent)].join('\n\n');
    expect(prose.write(state.doc)).toBe(expected);
  });
});
