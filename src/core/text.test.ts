import { describe, expect, it } from 'vitest';
import { isOnlyPlaceholders, PLACEHOLDER_TOKEN_RE, stripComments } from './text.ts';

/** The rule as written: every token and comment removed, no letter or digit is left. */
const byRemoving = (text: string) =>
  !/[\p{L}\p{N}]/u.test(stripComments(text).replace(PLACEHOLDER_TOKEN_RE, ''));

describe('isOnlyPlaceholders', () => {
  it('tells placeholders from answers', () => {
    expect(isOnlyPlaceholders('[Your Name]')).toBe(true);
    expect(isOnlyPlaceholders('EP-XXX: [Title] ... YYYY-MM-DD ___')).toBe(false);
    expect(isOnlyPlaceholders('XXX: [Title] ... YYYY-MM-DD ___')).toBe(true);
    expect(isOnlyPlaceholders('[Name] (Ada)')).toBe(false);
    expect(isOnlyPlaceholders('<!-- guidance --> [Name]')).toBe(true);
    expect(isOnlyPlaceholders(`${'A long answer. '.repeat(20_000)}[Name]`)).toBe(false);
    expect(isOnlyPlaceholders(`${'[Name] '.repeat(20_000)}…`)).toBe(true);
    expect(isOnlyPlaceholders(`${'[Name] '.repeat(20_000)}done`)).toBe(false);
  });

  it('answers as removing every token would, on random texts', () => {
    const parts = [
      '[a]',
      '[x]',
      '\\[Name]',
      '[b](c)',
      '...',
      '…',
      'XXX',
      'XXXX',
      'aXXX',
      'YYYY-MM-DD',
      '___',
      '\\_\\_\\_',
      ' ',
      '\n',
      '-',
      '[',
      ']',
      'é',
      '7',
      'word',
      '<!-- c -->',
      '<!--',
    ];
    let seed = 3;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: random(12) }, () => parts[random(parts.length)]).join('');
      expect(isOnlyPlaceholders(text), JSON.stringify(text)).toBe(byRemoving(text));
    }
  });
});
