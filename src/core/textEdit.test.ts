import { describe, expect, it } from 'vitest';
import { applyTextEdit, textEdit } from './textEdit.ts';

describe('textEdit', () => {
  it('finds the one changed part of a long text, and makes the text again from it', () => {
    const long = 'Lorem ipsum dolor sit amet. '.repeat(3000);
    const cases: [string, string][] = [
      [long, `${long.slice(0, 40_000)}x${long.slice(40_000)}`],
      [long, `${long.slice(0, 40_000)}${long.slice(40_003)}`],
      [long, `${long}!`],
      [long, `!${long}`],
      [long, ''],
      ['', 'new'],
      ['aaaa', 'aa'],
      ['same', 'same'],
    ];
    for (const [before, after] of cases) {
      const edit = textEdit(before, after);
      expect(applyTextEdit(before, edit)).toBe(after);
      expect(edit.text.length + edit.cut).toBeLessThanOrEqual(
        Math.abs(after.length - before.length) + 2,
      );
    }
    expect(textEdit(long, `${long.slice(0, 5)}X${long.slice(6)}`)).toEqual({
      at: 5,
      cut: 1,
      text: 'X',
    });
  });

  it('gives every edit of random texts back', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const text = (n: number) => Array.from({ length: n }, () => 'ab\n '[random(4)]).join('');
    for (let i = 0; i < 300; i++) {
      const before = text(random(10_000));
      const at = random(before.length + 1);
      const after = before.slice(0, at) + text(random(5)) + before.slice(at + random(5));
      expect(applyTextEdit(before, textEdit(before, after))).toBe(after);
    }
  });
});
