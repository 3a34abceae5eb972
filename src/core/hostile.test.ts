import { describe, expect, it } from 'vitest';
import { checkMarkdown } from './check.ts';
import { readDocument } from './document/read.ts';
import { renderDocument } from './document/render.ts';
import { parseTemplate } from './template/parse.ts';
import { readTemplateText } from '../templates/load-node.ts';
import { findTemplateEntry } from '../templates/registry.ts';

const rfc = parseTemplate(readTemplateText(findTemplateEntry('enhancement-rfc')!), 'markdown');

// Inputs that make naive heading patterns backtrack for minutes. Each must come back promptly
// (the test runner's timeout is the limit) with a correct answer.
const HOSTILE = [
  `## ${'!'.repeat(20_000)}x`,
  `## Alternative 1: x${' '.repeat(20_000)}y`,
  `### Alternative 1:${' !'.repeat(10_000)}`,
  `#### Use Case 1: ${'['.repeat(20_000)}`,
  `## x${' #'.repeat(10_000)}y`,
];

describe('hostile headings', () => {
  it.each(HOSTILE.map((h) => [h.slice(0, 24), h]))(
    'a document heading %s… is checked',
    (_n, heading) => {
      const report = checkMarkdown(rfc, `${heading}\n`);
      expect(report.complete).toBe(false);
    },
  );

  it.each(HOSTILE.map((h) => [h.slice(0, 24), h]))('author text %s… round-trips', (_n, heading) => {
    const values = { 'executive-summary': heading.trim() };
    const back = readDocument(rfc, renderDocument(rfc, values)).values;
    expect(back['executive-summary']).toBe(heading.trim());
  });
});
