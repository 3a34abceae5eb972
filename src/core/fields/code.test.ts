import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeField } from '../model.ts';
import { fieldBase, hostileText, roundTrip, testAnchors } from '../testing/kinds.ts';
import { codeKind, fenceFor } from './code.ts';

const field: CodeField = {
  ...fieldBase,
  kind: 'code',
  language: 'ts',
  placeholder: 'const x = 1;',
};

describe('code field', () => {
  it('reads back any code exactly, fences, backticks, HTML and blank lines included', () => {
    fc.assert(
      fc.property(hostileText, (code) => {
        const { markdown, blocks, back } = roundTrip(codeKind, field, code);
        expect(
          blocks.map((b) => b.type),
          markdown,
        ).toEqual(['code']);
        expect(back).toBe(code);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a fence longer than any run of backticks in the code, with the template’s language', () => {
    expect(fenceFor('a ```` b')).toBe('`````');
    expect(codeKind.render(field, '```\nx\n```', { anchors: testAnchors() })).toBe(
      '````ts\n```\nx\n```\n````',
    );
    // No value yet: the template's sample is written, and it is not an answer.
    expect(codeKind.render(field, undefined, { anchors: testAnchors() })).toBe(
      '```ts\nconst x = 1;\n```',
    );
    expect(codeKind.filled(field, 'const x = 1;', { isFilled: () => false })).toBe(false);
  });

  it('takes fenced code blocks only: indented code is the author’s text', () => {
    expect(codeKind.readBlock!(field, { type: 'code', raw: '    x = 1' }, undefined)).toBeNull();
    expect(codeKind.readBlock!(field, { type: 'code', raw: '~~~\nx\n' }, undefined)).toBe('x');
  });
});
