import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../document/read.ts';
import { renderDocument } from '../document/render.ts';
import { lexMarkdown } from './lex.ts';
import { parseTemplate } from './parse.ts';

const line = fc.oneof(
  fc.constantFrom('', 'x = 1', 'print x', '1', '- item', '```', '# h', 'text'),
  fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(' a', 'b', ' - c', ' ```', ''))
    .map(([depth, rest]) => `${'>'.repeat(depth)}${rest}`),
);

describe('the block lexer', () => {
  it('gives each quote its own text from the source, lazy continuation lines included', () => {
    const source = '>>> x = 1\n>>> print x\n1\n\n## Next\n';
    expect(lexMarkdown(source)[0]!.raw).toBe('>>> x = 1\n>>> print x\n1');
  });

  it('property: the top-level blocks put together are the source, whatever the quotes', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const source = `${lines.join('\n')}\n`;
        expect(
          lexMarkdown(source)
            .map((t) => t.raw)
            .join(''),
        ).toBe(source);
      }),
      { numRuns: 300 },
    );
  });

  it('a transcript of nested quotes before the first heading comes back as written', () => {
    const template = parseTemplate('## Summary\n\n<!-- What it does -->\n');
    const document = 'Intro.\n\n>>> x = 1\n>>> print x\n1\n\n## Summary\n\nIt prints.\n';
    const output = renderDocument(template, readDocument(template, document).values);
    expect(output).toContain('>>> x = 1\n>>> print x\n1');
  });
});
