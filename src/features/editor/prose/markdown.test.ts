/**
 * The rich-text editor's Markdown: what the author wrote comes back exactly, whatever it holds;
 * what the editor cannot show as rich text is kept as its source; and what is written from the
 * editor reads back as the same document.
 */
import fc from 'fast-check';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { PART_BLOCKS, readProse } from './markdown.ts';
import { DocText } from '../../../core/docText.ts';
import { proseSchema as schema } from './schema.ts';

/** The document's top-level blocks, through its parts. */
const blocksIn = (doc: Node) => {
  const out: Node[] = [];
  doc.forEach((part) => part.forEach((block) => out.push(block)));
  return out;
};
const kinds = (doc: Node) => blocksIn(doc).map((block) => block.type.name);
/** A document of these blocks, in one part. */
const docOf = (blocks: Node[]) =>
  schema.nodes.doc.create(null, schema.nodes.part.create(null, blocks));

describe('reading and writing back', () => {
  it.each([
    ['Some **bold**, *italic*, ~~struck~~ and `code`.', 'paragraph'],
    ['A [link](https://example.com/a?b=c#d) and [another](https://x.test "Title").', 'paragraph'],
    ['Snake_case and _underscored_ and __strong__ words', 'paragraph'],
    ['- one\n- two\n  - nested', 'bullet_list'],
    ['* star\n* items', 'bullet_list'],
    ['1. first\n2. second', 'ordered_list'],
    ['3) third\n4) fourth', 'ordered_list'],
    ['- [ ] open\n- [x] done', 'bullet_list'],
    ['- loose\n\n- items', 'bullet_list'],
    ['> quoted\n>\n> more', 'blockquote'],
    ['```go\nfunc main() {}\n```', 'code_block'],
    ['~~~\ntilde fence\n~~~', 'code_block'],
    ['    indented code', 'code_block'],
    ['## Heading', 'heading'],
    ['Line one  \nline two', 'paragraph'],
    ['Soft\nbreak', 'paragraph'],
    ['***', 'horizontal_rule'],
    ['Use `` a`b `` and ``` `` ``` here', 'paragraph'],
    ['See <https://example.com> or https://example.org', 'paragraph'],
  ])('keeps %j as rich text, exactly', (markdown, kind) => {
    const prose = readProse(markdown);
    expect(kinds(prose.doc)).toEqual([kind]);
    expect(prose.write(prose.doc)).toBe(markdown);
  });

  it.each([
    '| a | b |\n|---|---|\n| 1 | 2 |',
    '<!-- a note for the author -->',
    '> [!NOTE]\n> An alert',
    '![diagram](d.png)',
    'Press <kbd>Ctrl</kbd> now',
    'Setext heading\n==============',
    'A [reference][ref] link',
    '[ref]: https://example.com',
    '<details>\n<summary>More</summary>\n\nHidden\n</details>',
  ])('keeps %j as written, shown as its source', (markdown) => {
    const prose = readProse(markdown);
    expect(prose.write(prose.doc)).toBe(markdown);
    expect(kinds(prose.doc)).toContain('markdown_block');
  });

  it('keeps the blank lines between blocks, and the blocks around one it cannot show', () => {
    const markdown =
      '\nIntro with **bold**\n\n\n| t | u |\n|---|---|\n| 1 | 2 |\n\n- a\n- b\n\n\n\nEnd';
    const prose = readProse(markdown);
    expect(kinds(prose.doc)).toEqual(['paragraph', 'markdown_block', 'bullet_list', 'paragraph']);
    expect(prose.write(prose.doc)).toBe(markdown);
  });

  it('reads an empty field as one empty paragraph, written as nothing', () => {
    const prose = readProse('');
    expect(kinds(prose.doc)).toEqual(['paragraph']);
    expect(prose.write(prose.doc)).toBe('');
  });
});

describe('a long answer written from the editor', () => {
  it('is read through the blocks it was written from, as the same text', () => {
    const markdown = Array.from({ length: 600 }, (_, i) =>
      i % 7 === 0 ? `## Part ${i}` : `Paragraph ${i} with *emphasis*.`,
    ).join('\n\n\n');
    const prose = readProse(markdown);
    const state = EditorState.create({ doc: prose.doc });
    const edited = state.apply(state.tr.insertText(' typed', 6));
    const before = DocText.of(prose.write(state.doc));
    const written = prose.write(edited.doc);
    const text = DocText.of(written);
    // In parts: more than one piece, far fewer than the 600 blocks.
    expect(text.pieces.length).toBeGreaterThan(10);
    expect(text.pieces.length).toBeLessThanOrEqual(600 / PART_BLOCKS);
    expect(text.pieces.join('')).toBe(written);
    expect(String(text)).toBe(written);
    // The edit wrote its own run again; every other run is the very string written before.
    const same = text.pieces.filter((piece) => before.pieces.includes(piece));
    expect(same).toHaveLength(text.pieces.length - 1);
    expect(text.pieces[0]).not.toBe(before.pieces[0]);
    expect(text.pieces[0]).toContain('typed');
  });

  it('keeps every block apart, edit after edit: blocks added, removed, moved and typed in', () => {
    // Headings followed by their text on the next line, lists next to paragraphs: the source's
    // own separators hold only where the blocks stay as they were.
    const markdown = Array.from({ length: 120 }, (_, i) =>
      i % 4 === 0
        ? `## Part ${i}\nText of part ${i}.`
        : i % 4 === 1
          ? `- item ${i}`
          : `Paragraph ${i}.`,
    ).join('\n\n');
    const { paragraph, bullet_list, list_item } = schema.nodes;
    const blocksOf = (doc: Node) =>
      blocksIn(doc)
        .filter((block) => !(block.type === paragraph && block.content.size === 0))
        .map((block) => `${block.type.name}: ${block.textContent}`);
    /** Where each block starts, and where a block may be put: before any, or at a part's end. */
    const places = (doc: Node) => {
      const starts: { pos: number; node: Node; alone: boolean; part: number }[] = [];
      const gaps: number[] = [];
      doc.forEach((part, offset) => {
        part.forEach((node, inner) => {
          starts.push({
            pos: offset + 1 + inner,
            node,
            alone: part.childCount === 1,
            part: offset,
          });
          gaps.push(offset + 1 + inner);
        });
        gaps.push(offset + 1 + part.content.size);
      });
      return { starts, gaps };
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(4), fc.nat(), fc.nat()), { minLength: 1, maxLength: 25 }),
        (steps) => {
          const prose = readProse(markdown);
          let state = EditorState.create({ doc: prose.doc });
          for (const [choice, a, b] of steps) {
            const { doc } = state;
            const { starts, gaps } = places(doc);
            const { pos: at, node: block, alone, part } = starts[a % starts.length]!;
            const target = gaps[b % gaps.length]!;
            const list = bullet_list.create({ marker: '-' }, [
              list_item.create(null, paragraph.create(null, schema.text(`new item ${a}`))),
            ]);
            // A part's only block goes with its part (a part is never empty).
            const remove = (tr: Transaction) =>
              alone
                ? tr.delete(part, part + doc.child(doc.resolve(part).index(0)).nodeSize)
                : tr.delete(at, at + block.nodeSize);
            const removable = starts.length > 1 && (!alone || doc.childCount > 1);
            let tr: Transaction;
            if (choice === 0 && removable) tr = remove(state.tr);
            else if (choice === 1)
              tr = state.tr.insert(target, paragraph.create(null, schema.text(`New ${a}`)));
            else if (choice === 2) tr = state.tr.insert(target, list);
            else if (choice === 3 && removable) {
              // Moved whole, as a drag does: the same block elsewhere.
              tr = remove(state.tr);
              const to = tr.mapping.map(target);
              tr.insert(to, block);
            } else tr = block.isTextblock ? state.tr.insertText('x', at + 1) : state.tr;
            state = state.apply(tr);
            const written = prose.write(state.doc);
            expect(blocksOf(readProse(written).doc)).toEqual(blocksOf(state.doc));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('writing after an edit', () => {
  const DOC = 'First   paragraph with  spaces\n\n\n- [ ] task\n- [x] done\n\n| t |\n|---|\n\nLast';

  function edit(apply: (state: EditorState) => EditorState) {
    const prose = readProse(DOC);
    const state = apply(EditorState.create({ doc: prose.doc }));
    return prose.write(state.doc);
  }

  it('writes only the edited block again; the others stay as written', () => {
    const out = edit((state) => {
      const end = state.doc.child(0).child(0).nodeSize;
      return state.apply(state.tr.insertText(' *typed*', end));
    });
    expect(out).toBe(
      'First   paragraph with  spaces \\*typed\\*\n\n\n- [ ] task\n- [x] done\n\n| t |\n|---|\n\nLast',
    );
  });

  it('keeps a paragraph added after a heading apart from the text on the heading’s next line', () => {
    const prose = readProse('## Title\nText after it');
    let state = EditorState.create({ doc: prose.doc });
    const end = 1 + state.doc.child(0).child(0).nodeSize;
    state = state.apply(
      state.tr.insert(end, schema.nodes.paragraph.create(null, schema.text('New'))),
    );
    expect(prose.write(state.doc)).toBe('## Title\n\nNew\n\nText after it');
    // And a block moved to the top does not run into the one that was first.
    const moved = readProse('First\n\nSecond');
    state = EditorState.create({ doc: moved.doc });
    const second = state.doc.child(0).child(1);
    const at = 1 + state.doc.child(0).child(0).nodeSize;
    state = state.apply(state.tr.delete(at, at + second.nodeSize).insert(1, second));
    expect(moved.write(state.doc)).toBe('Second\n\nFirst');
  });

  it('keeps two lists apart when only an empty paragraph stands between them', () => {
    const { paragraph, bullet_list, list_item } = schema.nodes;
    const list = (text: string) =>
      bullet_list.create({ marker: '-' }, [
        list_item.create(null, paragraph.create(null, schema.text(text))),
      ]);
    const prose = readProse('');
    const written = prose.write(docOf([list('one'), paragraph.create(), list('two')]));
    expect(written).toBe('- one\n\n* two');
  });

  it('writes a code span around backticks with a longer run of them', () => {
    const doc = docOf([
      schema.node('paragraph', null, [
        schema.text('a`b', [schema.marks.code.create()]),
        schema.text(' and '),
        schema.text('`x', [schema.marks.code.create()]),
      ]),
    ]);
    const written = readProse('').write(doc);
    expect(written).toBe('``a`b`` and `` `x ``');
    expect(readProse(written).doc.toJSON()).toEqual(doc.toJSON());
  });

  it('ticks a task', () => {
    const out = edit((state) => {
      const listPos = 1 + state.doc.child(0).child(0).nodeSize;
      const itemPos = listPos + 1;
      return state.apply(state.tr.setNodeMarkup(itemPos, undefined, { checked: true }));
    });
    expect(out).toContain('- [x] task\n- [x] done');
  });

  it('a new block goes after a blank line', () => {
    const out = edit((state) => {
      const at = state.doc.content.size;
      const tr = state.tr.insert(at, schema.node('paragraph', null, schema.text('Added')));
      return state.apply(tr.setSelection(TextSelection.create(tr.doc, tr.doc.content.size - 1)));
    });
    expect(out.endsWith('\n\nLast\n\nAdded')).toBe(true);
  });
});

// Documents made in the editor: written, then read, they are the same document.
const plainChar = fc.constantFrom(...'abcXYZ019 .,;:!?*_`[]()<>#-+~|&\\\'"/=$%^{}@'.split(''));
const word = fc
  .array(plainChar, { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join('').trim())
  .filter((text) => text.length > 0 && !/\s\s/.test(text));
const markSet = fc.subarray(['em', 'strong', 'strike', 'code'] as const);
const inlineContent = fc
  .array(fc.tuple(word, markSet, fc.boolean()), { minLength: 1, maxLength: 5 })
  .map((parts) => {
    const nodes: Node[] = [];
    parts.forEach(([word, marks, spaced], i) => {
      // Marked text is set off by spaces and starts and ends with a letter: Markdown cannot
      // mark `"` directly before a letter with `*` (CommonMark's flanking rules).
      const marked = marks.length > 0;
      if (i > 0 && (spaced || marked || parts[i - 1]![1].length > 0)) {
        nodes.push(schema.text(' '));
      }
      const code = marks.includes('code');
      // marked (not CommonMark) misreads what follows a code span holding a backslash, `<` or
      // a backtick (its masking of code spans before emphasis is approximate).
      const text = code ? word.replace(/[\\<`]/g, '/') : marked ? `a${word}z` : word;
      nodes.push(
        schema.text(
          text,
          (code ? ['code' as const] : marks).map((name) => schema.marks[name].create()),
        ),
      );
    });
    return nodes;
  });
const paragraph = inlineContent.map((content) => schema.node('paragraph', null, content));
const block = fc.oneof(
  paragraph,
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), inlineContent)
    .map(([level, content]) => schema.node('heading', { level }, content)),
  fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) =>
    schema.node(
      'bullet_list',
      null,
      items.map((p) => schema.node('list_item', null, [p])),
    ),
  ),
  fc
    .array(paragraph, { minLength: 1, maxLength: 2 })
    .map((content) => schema.node('blockquote', null, content)),
  fc
    .array(fc.stringMatching(/^[ -~]{0,20}$/), { minLength: 1, maxLength: 3 })
    .map((lines) =>
      schema.node('code_block', null, lines.join('\n') ? schema.text(lines.join('\n')) : undefined),
    ),
);

/** The document without how it was written (list markers, fences): what it says. */
function normal(doc: Node): unknown {
  return JSON.parse(JSON.stringify(doc.toJSON()), (key, value: unknown) =>
    ['marker', 'delimiter', 'markup', 'fence'].includes(key) ? undefined : value,
  ) as unknown;
}

describe('what the editor writes reads back the same', () => {
  it('for any document of paragraphs, headings, lists, quotes and code', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), (content) => {
        const doc = docOf(content);
        const written = readProse('').write(doc);
        const read = readProse(written);
        expect(normal(read.doc)).toEqual(normal(doc));
        expect(read.write(read.doc)).toBe(written);
      }),
      { numRuns: 500 },
    );
  });
});
