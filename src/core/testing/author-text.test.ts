import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../template/parse.ts';
import { lostAuthorLines, normalizeLine, roundTripLoss } from './author-text.ts';

const TEMPLATE = parseTemplate(
  '## Goals\n\n- [Goal 1]\n- [Goal 2]\n\n## Plan\n\n<!-- How you will do it -->\n\n## Notes\n\n[Anything else]\n',
  'markdown',
);

const DOC =
  '## Goals\n\n* Faster builds\n* Fewer flaky tests\n\n## Plan\n\n1. Cache\n   - by content hash\n2. Retry once\n\n## Notes\n\nNone.\n';

describe('lostAuthorLines', () => {
  it('finds nothing lost when the output keeps every author line, modulo list markers and spacing', () => {
    const output =
      '## Goals\n\n- Faster builds\n- Fewer flaky tests\n\n## Plan\n\n1. Cache\n    - by content hash\n3. Retry once\n\n## Notes\n\nNone.\n';
    expect(lostAuthorLines(TEMPLATE, DOC, output)).toEqual([]);
  });

  it('reports a dropped line, a line moved to another section, and lost nesting', () => {
    const output =
      '## Goals\n\n- Faster builds\n\n## Plan\n\n1. Cache\n- by content hash\n2. Retry once\n\n## Notes\n\nNone.\n- Fewer flaky tests\n';
    expect(
      lostAuthorLines(TEMPLATE, DOC, output).map((l) => [l.line.trim(), l.reason, l.section]),
    ).toEqual([
      ['* Fewer flaky tests', 'moved', 'goals'],
      ['- by content hash', 'missing', 'plan'],
    ]);
  });

  it('accepts a line copied without its bullet given back as a list item, in place', () => {
    const copied = '## Goals\n\nFaster builds\n\n## Notes\n\nNone.\n';
    expect(
      lostAuthorLines(TEMPLATE, copied, '## Goals\n\n- Faster builds\n\n## Notes\n\nNone.\n'),
    ).toEqual([]);
    expect(
      lostAuthorLines(TEMPLATE, copied, '## Goals\n\n## Notes\n\nNone.\n- Faster builds\n').map(
        (l) => l.reason,
      ),
    ).toEqual(['moved']);
  });

  it('reports lines put out of order within their section', () => {
    const output =
      '## Goals\n\n- Fewer flaky tests\n- Faster builds\n\n## Plan\n\n1. Cache\n   - by content hash\n2. Retry once\n\n## Notes\n\nNone.\n';
    expect(lostAuthorLines(TEMPLATE, DOC, output).map((l) => l.line)).toEqual([
      '* Fewer flaky tests',
    ]);
  });

  it('does not count the template own text, comments and placeholders as author text', () => {
    const doc =
      '## Goals\n\n- [Goal 1]\n- [Goal 2]\n\n## Plan\n\n<!-- a note\nover lines -->\n\n## Notes\n\n[Anything else]\n';
    expect(lostAuthorLines(TEMPLATE, doc, '')).toEqual([]);
  });

  it('tells soft-wrapped lines joined into one line (reflowed) from a swallowed list item', () => {
    const doc = '## Notes\n\n* First item that\n  wraps here\n  * nested item\n';
    const output = '## Notes\n\n- First item that wraps here - nested item\n';
    const lost = lostAuthorLines(TEMPLATE, doc, output);
    expect(lost.map((l) => [l.line.trim(), l.reason])).toEqual([
      ['* First item that', 'reflowed'],
      ['wraps here', 'reflowed'],
      ['* nested item', 'missing'],
    ]);
    expect(
      lostAuthorLines(TEMPLATE, doc, output, { allowReflow: true }).map((l) => l.line.trim()),
    ).toEqual(['* nested item']);
  });

  it('runs the round trip through the engine', () => {
    const { output, lost } = roundTripLoss(
      TEMPLATE,
      '## Goals\n\n- Ship it\n\n## Notes\n\nDone.\n',
    );
    expect(output).toContain('Ship it');
    expect(lost).toEqual([]);
  });
});

describe('normalizeLine', () => {
  it('keeps ordered vs bullet and nesting, drops table padding and separator rows', () => {
    expect(normalizeLine('+ item')).toBe('- item');
    expect(normalizeLine('7) step')).toBe('1. step');
    expect(normalizeLine('   * nested')).toBe('  - nested');
    expect(normalizeLine('| a  |  b |')).toBe(normalizeLine('|a|b|'));
    expect(normalizeLine('| --- | :---: |')).toBe('');
    expect(normalizeLine('- [X] done')).toBe('- [x] done');
    expect(normalizeLine('### Title')).toBe('Title');
    expect(normalizeLine('rfc: "0042"')).toBe('rfc: 0042');
  });
});
