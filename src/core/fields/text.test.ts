import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProseField, TextField } from '../model.ts';
import { blocksOf, fieldBase, hostileLine, hostileText, testAnchors } from '../testing/kinds.ts';
import { proseKind, readInline, renderInline, textKind } from './text.ts';

const text: TextField = {
  ...fieldBase,
  kind: 'text',
  placeholder: '[Your name]',
  defaultValue: '',
};
const prose: ProseField = {
  ...fieldBase,
  kind: 'prose',
  placeholder: 'A clear description.',
  defaultValue: '',
};

/** What the form gives: no spaces or blank lines at the ends. */
const line = hostileLine.map((t) => t.trim());
const paragraphs = hostileText.map((t) => t.trim());

/** Headings of the document that read as the template's `## Goals`. */
function goalsHeadings(markdown: string): number {
  return blocksOf(markdown).filter(
    (b) => b.type === 'heading' && /^#{1,6}\s+Goals\s*$/.test(b.raw.trim()),
  ).length;
}

describe.each([
  ['text', textKind, text, line],
  ['prose', proseKind, prose, paragraphs],
] as const)('%s field', (_name, kind, field, values) => {
  const ctx = { anchors: testAnchors() };
  it('reads back any text, lines that look like the template’s structure included (the template’s placeholder is no answer)', () => {
    fc.assert(
      fc.property(values, (value) => {
        const markdown = kind.render(field as never, value, ctx);
        expect(kind.readText!(field as never, markdown, ctx)).toBe(
          value === field.placeholder ? '' : value,
        );
        // A line of the answer never stands as one of the template's headings, and the answer
        // does not swallow the heading after it.
        expect(goalsHeadings(`${markdown}\n\n## Goals\n`), markdown).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('takes the template’s placeholder as an answer in an issue form (GitHub never writes it)', () => {
    const markdown = kind.render(field as never, field.placeholder, ctx);
    expect(kind.readText!(field as never, markdown, { ...ctx, placeholderIsAnswer: true })).toBe(
      field.placeholder,
    );
    expect(kind.filled(field as never, field.placeholder, { isFilled: () => false })).toBe(false);
    expect(
      kind.filled(field as never, field.placeholder, {
        isFilled: () => false,
        placeholderIsAnswer: true,
      }),
    ).toBe(true);
  });
});

/** The label as a line writes it (the reader finds it). */
const label = (raw: string) => /^(\*\*([^*\n]+?)\*\*\s*:?)[ \t]*/.exec(raw);

describe('one-line value after a label', () => {
  it('reads back any one-line value (spaces at its ends aside; the template’s empty text is no value)', () => {
    fc.assert(
      fc.property(line, (value) => {
        const raw = renderInline('**Status**: ', value, '[Draft/Accepted]');
        const back = readInline(raw, '**Status**: ', '[Draft/Accepted]', () => false, label(raw));
        expect(back).toBe(value === '[Draft/Accepted]' ? '' : value);
      }),
      { numRuns: 300 },
    );
  });

  it('drops the template’s guidance comment kept before an answer written below the label', () => {
    const isHint = (key: string) => key === 'one sentence';
    const tldr = '**TLDR**: <!-- One sentence -->';
    expect(readInline(tldr, '**TLDR**: ', '', isHint, label(tldr))).toBe('');
    const below = '**TLDR:** <!-- One sentence -->\nIt ships.';
    expect(readInline(below, '**TLDR**: ', '', isHint, label(below))).toBe('It ships.');
  });
});
