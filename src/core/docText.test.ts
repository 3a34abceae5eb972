import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commonEndOf,
  commonStartOf,
  DocText,
  joinRopes,
  notePieces,
  ropeLeaves,
  ropeString,
  textEditOf,
} from './docText.ts';
import type { Rope } from './docText.ts';
import { applyTextEdit, commonEnd, commonStart, textEdit } from './textEdit.ts';

/** Short texts over few characters (so that pieces and edits often share and cross lines). */
const piece = fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' ', '#'), maxLength: 12 });
const pieces = fc.array(piece, { maxLength: 8 });

const rope: fc.Arbitrary<Rope> = fc.letrec<{ rope: Rope }>((tie) => ({
  rope: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    piece,
    fc.array(tie('rope'), { maxLength: 4 }).map((parts) => joinRopes(parts)),
  ),
})).rope;

describe('ropes', () => {
  it('join as Array.join with a blank line, empty parts included', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (parts) => {
        expect(ropeString(joinRopes(parts))).toBe(parts.join('\n\n'));
      }),
    );
  });

  it('are empty exactly when they are the empty string', () => {
    fc.assert(
      fc.property(rope, (r) => {
        expect(ropeString(r) === '').toBe(r === '');
        expect(ropeLeaves(r).join('')).toBe(ropeString(r));
      }),
    );
  });
});

describe('DocText', () => {
  it('slices and searches as the string it stands for', () => {
    fc.assert(
      fc.property(pieces, fc.nat(), fc.nat(), (parts, a, b) => {
        const text = DocText.of(parts);
        const flat = parts.join('');
        expect(text.length).toBe(flat.length);
        expect(String(text)).toBe(flat);
        const from = flat.length === 0 ? 0 : a % (flat.length + 1);
        const to = flat.length === 0 ? 0 : b % (flat.length + 1);
        expect(text.slice(from, to)).toBe(flat.slice(from, to));
        expect(text.slice(from)).toBe(flat.slice(from));
        expect(text.indexOf('\n', from)).toBe(flat.indexOf('\n', from));
        expect(text.lastIndexOf('\n', to - 1)).toBe(flat.lastIndexOf('\n', to - 1));
        expect(text.includesChar('#')).toBe(flat.includes('#'));
      }),
    );
  });

  it('finds the common start and end of two versions as the flat strings do', () => {
    fc.assert(
      fc.property(pieces, pieces, fc.nat(), (x, y, cut) => {
        // Two versions that share pieces: y's pieces put into x at a place.
        const at = x.length === 0 ? 0 : cut % (x.length + 1);
        const other = [...x.slice(0, at), ...y, ...x.slice(at + 1)];
        const a = DocText.of(x);
        const b = DocText.of(other);
        const fa = x.join('');
        const fb = other.join('');
        const start = commonStart(fa, fb);
        expect(commonStartOf(a, b)).toBe(start);
        expect(commonEndOf(a, b, start)).toBe(commonEnd(fa, fb, start));
      }),
    );
  });

  it('compares texts split into different pieces', () => {
    const a = DocText.of(['# Title\n\n', 'one two', ' three\n']);
    const b = DocText.of(['# Ti', 'tle\n\none t', 'wo three!\n']);
    expect(commonStartOf(a, b)).toBe('# Title\n\none two three'.length);
    expect(commonEndOf(a, b, commonStartOf(a, b))).toBe(1);
  });
});

describe('textEditOf', () => {
  it('finds the edit textEdit finds, through noted pieces too', () => {
    fc.assert(
      fc.property(pieces, pieces, fc.nat(), fc.boolean(), (x, y, cut, note) => {
        const at = x.length === 0 ? 0 : cut % (x.length + 1);
        const other = [...x.slice(0, at), ...y, ...x.slice(at + 1)];
        // Long enough to be looked up among the noted texts.
        const pad = 'p'.repeat(20_000);
        const a = [pad, ...x];
        const b = [pad, ...other];
        const before = a.join('');
        const after = b.join('');
        if (note) {
          notePieces(before, a);
          notePieces(after, b);
        }
        const edit = textEditOf(before, after);
        expect(edit).toEqual(textEdit(before, after));
        expect(applyTextEdit(before, edit)).toBe(after);
      }),
    );
  });
});

describe('notePieces', () => {
  it('has a long noted text read through its pieces, and a text not noted whole', () => {
    const parts = ['# A\n\n', 'x'.repeat(20_000), '\n\n', 'y'.repeat(10)];
    const text = parts.join('');
    notePieces(text, parts);
    expect(DocText.of([text, '\n']).pieces).toEqual([...parts, '\n']);
    const other = `${text}!`;
    expect(DocText.of(other).pieces).toEqual([other]);
  });
});
