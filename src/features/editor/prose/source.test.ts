import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { baseKeymap, newlineInCode } from 'prosemirror-commands';
import { history, undo } from 'prosemirror-history';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import {
  CHUNK_MAX,
  insertPlain,
  keepChunksShort,
  normaliseBreaks,
  CHUNK_TARGET,
  sourceSchema,
  sliceText,
  sourceDoc,
  sourceText,
  textOffset,
  textPosition,
} from './source.ts';

/** Text with lines of every length: short, empty, and longer than a chunk. */
const line = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '#', '\t', 'é', '\r'), maxLength: 40 }),
  fc.integer({ min: 0, max: 3 * CHUNK_MAX }).map((n) => 'x'.repeat(n)),
);
const text = fc.array(line, { maxLength: 60 }).map((lines) => lines.join('\n'));

function stateOf(value: string, caret = 0): EditorState {
  const doc = sourceDoc(value);
  return EditorState.create({
    doc,
    selection: TextSelection.create(doc, textPosition(doc, caret)),
    plugins: [history(), keepChunksShort],
  });
}

function run(state: EditorState, command: Command): EditorState {
  let next = state;
  command(state, (tr) => (next = state.apply(tr)));
  return next;
}

/** Every chunk is short, unless it is one line longer than a chunk. */
function chunksShort(state: EditorState): boolean {
  let ok = true;
  state.doc.forEach((chunk) => {
    if (chunk.content.size > CHUNK_MAX && chunk.textContent.includes('\n')) {
      const lines = chunk.textContent.split('\n');
      // Only a chunk cut at its line breaks as far as they go: no line break past the target.
      ok &&= lines.slice(0, -1).every((l) => l.length < CHUNK_MAX);
      ok &&= chunk.textContent.length - lines[lines.length - 1]!.length <= CHUNK_MAX;
    }
  });
  return ok;
}

describe('the Markdown source document', () => {
  it('holds the text exactly, line breaks as a textarea gives them', () => {
    fc.assert(
      fc.property(text, (t) => {
        const doc = sourceDoc(t);
        expect(sourceText(doc)).toBe(normaliseBreaks(t));
        expect(normaliseBreaks(t)).not.toContain('\r');
      }),
    );
  });

  it('is cut into chunks of whole lines, so a long answer is many blocks', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `Paragraph ${i} of the answer.`).join(
      '\n\n',
    );
    const doc = sourceDoc(long);
    expect(doc.childCount).toBeGreaterThan(10);
    doc.forEach((chunk) => expect(chunk.content.size).toBeLessThanOrEqual(CHUNK_MAX));
    expect(sourceText(doc)).toBe(long);
  });

  it('maps text offsets to positions and back', () => {
    fc.assert(
      fc.property(text, (t) => {
        const doc = sourceDoc(t);
        const value = sourceText(doc);
        for (let offset = 0; offset <= value.length; offset += Math.max(1, value.length >> 5)) {
          expect(textOffset(doc, textPosition(doc, offset))).toBe(offset);
        }
      }),
    );
  });

  it('copies a selection as the text between its ends', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const doc = sourceDoc(t);
        const value = sourceText(doc);
        const [from, to] = [a % (value.length + 1), b % (value.length + 1)].sort((x, y) => x - y);
        const slice = doc.slice(textPosition(doc, from!), textPosition(doc, to!));
        expect(sliceText(slice)).toBe(value.slice(from, to));
      }),
    );
  });
});

/** An edit as a person makes it in a textarea, applied to the editor and to a plain string. */
type Edit =
  | { kind: 'type'; at: number; text: string }
  | { kind: 'enter'; at: number }
  | { kind: 'backspace'; at: number }
  | { kind: 'replace'; from: number; to: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('type' as const),
    at: fc.nat(),
    text: fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r\n'), maxLength: 30 }),
  }),
  fc.record({ kind: fc.constant('enter' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('backspace' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace' as const),
    from: fc.nat(),
    to: fc.nat(),
    text: fc.oneof(
      fc.string({ unit: fc.constantFrom('b', '\n'), maxLength: 20 }),
      fc.integer({ min: 1, max: 400 }).map((n) => 'Pasted line.\n'.repeat(n)),
    ),
  }),
);

/** The browser's own Backspace within a line (ProseMirror's keymap takes it at a chunk's start). */
const backspace: Command = (state, dispatch) => {
  if (baseKeymap.Backspace!(state, dispatch)) return true;
  const { from } = state.selection;
  dispatch?.(state.tr.delete(from - 1, from));
  return true;
};

describe('editing the Markdown source', () => {
  it('changes the text as the same edits change a textarea’s, caret included', () => {
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 12 }), (t, edits) => {
        let model = normaliseBreaks(t);
        let state = stateOf(model);
        for (const e of edits) {
          const size = model.length + 1;
          const select = (from: number, to = from) =>
            (state = state.apply(
              state.tr.setSelection(
                TextSelection.create(
                  state.doc,
                  textPosition(state.doc, from),
                  textPosition(state.doc, to),
                ),
              ),
            ));
          let caret: number;
          if (e.kind === 'type' || e.kind === 'enter') {
            const at = e.at % size;
            select(at);
            const typed = e.kind === 'enter' ? '\n' : normaliseBreaks(e.text);
            state =
              e.kind === 'enter'
                ? run(state, newlineInCode)
                : state.apply(insertPlain(state.tr, e.text));
            model = model.slice(0, at) + typed + model.slice(at);
            caret = at + typed.length;
          } else if (e.kind === 'backspace') {
            const at = e.at % size;
            if (at === 0) continue;
            select(at);
            state = run(state, backspace);
            model = model.slice(0, at - 1) + model.slice(at);
            caret = at - 1;
          } else {
            const [from, to] = [e.from % size, e.to % size].sort((a, b) => a - b) as [
              number,
              number,
            ];
            select(from, to);
            state = state.apply(insertPlain(state.tr, e.text));
            model = model.slice(0, from) + e.text + model.slice(to);
            caret = from + e.text.length;
          }
          expect(sourceText(state.doc)).toBe(model);
          expect(textOffset(state.doc, state.selection.head)).toBe(caret);
          expect(state.selection.empty).toBe(true);
          expect(chunksShort(state)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('cuts a long paste into chunks, and one undo takes the paste back', () => {
    const before = 'Intro\n\nOutro';
    let state = stateOf(before, 'Intro\n'.length);
    const pasted = Array.from({ length: 500 }, (_, i) => `Pasted line ${i}`).join('\n');
    state = state.apply(insertPlain(state.tr, `${pasted}\r\n`));
    const after = `Intro\n${pasted}\n\nOutro`;
    expect(sourceText(state.doc)).toBe(after);
    expect(state.doc.childCount).toBeGreaterThan(2);
    expect(chunksShort(state)).toBe(true);
    expect(textOffset(state.doc, state.selection.head)).toBe(after.indexOf('\n\nOutro') + 1);
    state = run(state, undo);
    expect(sourceText(state.doc)).toBe(before);
  });

  it('keeps the caret on its side of a line break that becomes a chunk boundary', () => {
    const { chunk, doc } = sourceSchema.nodes;
    const value = `${'a'.repeat(CHUNK_TARGET)}\n${'b'.repeat(CHUNK_TARGET)}`;
    // One chunk of two long lines: a letter typed at either side of the line break cuts it there.
    for (const [at, typed] of [
      [CHUNK_TARGET, 'X'],
      [CHUNK_TARGET + 1, 'Y'],
    ] as const) {
      const one = doc.create(null, chunk.create(null, sourceSchema.text(value)));
      let state = EditorState.create({
        doc: one,
        selection: TextSelection.create(one, 1 + at),
        plugins: [keepChunksShort],
      });
      state = state.apply(insertPlain(state.tr, typed));
      const expected = value.slice(0, at) + typed + value.slice(at);
      expect(state.doc.childCount).toBe(2);
      expect(sourceText(state.doc)).toBe(expected);
      expect(textOffset(state.doc, state.selection.head)).toBe(at + 1);
      state = state.apply(insertPlain(state.tr, 'Z'));
      expect(sourceText(state.doc)).toBe(`${expected.slice(0, at + 1)}Z${expected.slice(at + 1)}`);
    }
  });

  it('does not cut a chunk while an input method composes; the next change does', () => {
    const { chunk, doc } = sourceSchema.nodes;
    const value = `${'a'.repeat(CHUNK_TARGET)}\n${'b'.repeat(CHUNK_TARGET)}`;
    const one = doc.create(null, chunk.create(null, sourceSchema.text(value)));
    let state = EditorState.create({
      doc: one,
      selection: TextSelection.create(one, 1 + value.length),
      plugins: [keepChunksShort],
    });
    state = state.apply(insertPlain(state.tr, '日本').setMeta('composition', 1));
    expect(state.doc.childCount).toBe(1);
    state = state.apply(insertPlain(state.tr, '語'));
    expect(state.doc.childCount).toBe(2);
    expect(sourceText(state.doc)).toBe(`${value}日本語`);
  });

  it('joins two chunks when Backspace deletes the line break between them', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Line ${i}`).join('\n');
    let state = stateOf(long);
    expect(state.doc.childCount).toBeGreaterThan(1);
    const second = state.doc.child(0).nodeSize + 1; // the start of the second chunk
    const offset = textOffset(state.doc, second);
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, second)));
    state = run(state, backspace);
    expect(sourceText(state.doc)).toBe(long.slice(0, offset - 1) + long.slice(offset));
  });
});
