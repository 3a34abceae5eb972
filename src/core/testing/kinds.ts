/**
 * Helpers for the field kinds' round-trip property tests (src/core/fields/*.test.ts): hostile
 * text, a template whose structure author text is escaped against, and the document's blocks
 * as the reader sees them.
 */
import fc from 'fast-check';
import type { Field, FieldValue } from '../model.ts';
import { anchorsOf, type Anchors } from '../document/anchors.ts';
import type { BlockUnit, KindModule } from '../fields/types.ts';
import { lexMarkdown } from '../template/markdown.ts';
import { parseTemplate } from '../template/parse.ts';
import type { KeyLayout, Template } from '../template/types.ts';

/** Pieces of Markdown structure, HTML and unicode, mixed with words. */
const PIECES = [
  '|',
  ' | ',
  '\\|',
  '\\',
  '`',
  '```',
  '~~~',
  '#',
  '## ',
  '## Goals',
  '# ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '- [ ] ',
  '[x] ',
  '---',
  '***',
  '===',
  '**',
  '**Status**: ',
  '_',
  '[',
  ']',
  '(',
  ')',
  '>',
  '> [!NOTE]',
  '<',
  '<!--',
  '-->',
  '<img src=x onerror=alert(1)>',
  '<script>',
  '<pre>',
  '&amp;',
  ':',
  ',',
  ' ',
  '  ',
  '\t',
  'a',
  'word',
  'Goals',
  'é',
  '日本語',
  '🎉',
  '\u00a0',
  'N/A',
  '[Name]',
  'TODO',
];

const piece = fc.constantFrom(...PIECES);

/** One line of hostile text (possibly empty, possibly with spaces at its ends). */
export const hostileLine: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: piece },
      { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
    ),
    {
      maxLength: 10,
    },
  )
  .map((parts) => parts.join('').replace(/[\r\n\v\f\u2028\u2029\u0085]/g, ' '));

/** Several lines of hostile text. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof({ weight: 5, arbitrary: hostileLine }, { weight: 1, arbitrary: fc.constant('') }),
    {
      maxLength: 5,
    },
  )
  .map((lines) => lines.join('\n'));

const TEMPLATE = [
  '# Proposal',
  '',
  '**Status**: Draft',
  '',
  '## Goals',
  '',
  'What should this achieve?',
  '',
  '---',
  '',
  '## Alternatives',
  '',
  '### Alternative 1: [Name]',
  '',
  'Describe it.',
  '',
  '### Alternative 2: [Name]',
  '',
  'Describe it.',
  '',
].join('\n');

let template: Template | null = null;

/** A template with headings, a bold label, a rule and a repeat, for escaping against. */
export function testTemplate(): Template {
  return (template ??= parseTemplate(TEMPLATE, 'markdown'));
}

export function testAnchors(): Anchors {
  return anchorsOf(testTemplate());
}

/** The document's top-level blocks (marked's tokens but blank space), as the reader sees them. */
export function blocksOf(markdown: string): BlockUnit[] {
  return lexMarkdown(markdown)
    .filter((t) => t.type !== 'space')
    .map((t) => ({ type: t.type, raw: t.raw }));
}

/**
 * Renders a value, lexes it as a document would be, and reads the one block it makes back.
 * Fails when the value is written as more than one block (it would be split on reading).
 */
export function roundTrip<F extends Field>(
  kind: KindModule<F>,
  field: F,
  value: FieldValue,
  layout?: KeyLayout[],
): { markdown: string; blocks: BlockUnit[]; back: FieldValue | null } {
  const markdown = kind.render(field, value, {
    anchors: testAnchors(),
    ...(layout ? { layout } : {}),
  });
  const blocks = blocksOf(markdown);
  const back = blocks.length === 1 ? (kind.readBlock?.(field, blocks[0]!, layout) ?? null) : null;
  return { markdown, blocks, back };
}

export const fieldBase = { id: 'f', label: 'Field', hint: '', placeholder: '', required: true };
