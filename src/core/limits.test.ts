import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from './share.ts';
import {
  LIMITS,
  checkSize,
  limitMessage,
  longestLine,
  nestingDepth,
  previewHazard,
} from './limits.ts';
import { parseTemplate } from './template/parse.ts';
import { TemplateError } from './template/errors.ts';

describe('limits', () => {
  it('each limit has one message that names the size found and the limit', () => {
    expect(limitMessage('template', 2_500_000)).toBe(
      'This template has 2,500,000 characters; a template may have at most 2,000,000.',
    );
    expect(limitMessage('field', 10_000_000)).toBe(
      'This text has 10,000,000 characters; one field holds at most 100,000.',
    );
    expect(limitMessage('nesting', 5000)).toContain('5,000 levels');
    expect(limitMessage('shareLink', 3_000_000)).toContain('3,000,000');
    expect(limitMessage('document', 5_000_000)).toContain('4,000,000');
  });

  it('checkSize lets text up to the limit through and refuses one character more', () => {
    expect(checkSize('field', 'x'.repeat(LIMITS.fieldChars))).toBeNull();
    expect(checkSize('field', 'x'.repeat(LIMITS.fieldChars + 1))).toBe(
      limitMessage('field', LIMITS.fieldChars + 1),
    );
    expect(checkSize('template', { length: LIMITS.templateChars + 1 })).toContain('template');
  });

  it('counts nesting the way Markdown nests: markers on one line, quotes and indentation', () => {
    expect(nestingDepth('plain text\n\nmore')).toBe(0);
    expect(nestingDepth('- a\n  - b\n    - c')).toBe(3);
    expect(nestingDepth(`${'- '.repeat(5000)}x`)).toBe(5000);
    expect(nestingDepth(`${'>'.repeat(300)} x`)).toBe(300);
    expect(nestingDepth('1. a\n   1) b')).toBeGreaterThanOrEqual(2);
    expect(nestingDepth('-no list\n*emphasis*\n2024 was a year')).toBe(0);
    const indented = Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- ${i}`).join('\n');
    expect(nestingDepth(indented)).toBeGreaterThanOrEqual(400);
  });

  it('finds the longest line', () => {
    expect(longestLine('')).toBe(0);
    expect(longestLine('ab\nabcd\n')).toBe(4);
    expect(longestLine('x'.repeat(10))).toBe(10);
  });

  it('the preview refuses absurd input at once and renders ordinary input', () => {
    expect(previewHazard('# Title\n\n- a\n  - b\n')).toBeNull();
    expect(previewHazard(`- ${'- '.repeat(5000)}x`)).toBe(limitMessage('nesting', 5001));
    expect(previewHazard('x'.repeat(10_000_000))).toBe(limitMessage('document', 10_000_000));
    expect(previewHazard(`# A\n\n${'x'.repeat(LIMITS.previewLineChars + 1)}`)).toMatch(
      /One line has 200,001 characters/,
    );
  });
});

describe('limits applied', () => {
  it('a template over the limit or nested too deeply is refused with the limit message', () => {
    const big = `## A\n\n${'word '.repeat(LIMITS.templateChars / 5)}x`;
    expect(() => parseTemplate(big)).toThrow(TemplateError);
    expect(() => parseTemplate(big)).toThrow(limitMessage('template', big.length));
    const deep = `## A\n\n${'- '.repeat(LIMITS.nestingDepth + 10)}x\n`;
    expect(() => parseTemplate(deep)).toThrow(limitMessage('nesting', LIMITS.nestingDepth + 10));
  });

  it('a 1 MB template is within the limit and parses', () => {
    const sections = Array.from(
      { length: 2000 },
      (_, i) =>
        `## Section ${i}\n\n<!-- Say what ${i} is. -->\n\n${'Some words here. '.repeat(28)}\n`,
    ).join('\n');
    expect(sections.length).toBeGreaterThan(1_000_000);
    expect(checkSize('template', sections)).toBeNull();
    expect(() => parseTemplate(sections)).not.toThrow();
  });

  it('a share link is refused when its data, its template or a value is over the limit', () => {
    const tooLong = decodeShare('A'.repeat(LIMITS.shareLinkChars + 1));
    expect(tooLong).toEqual({
      ok: false,
      error: `The share link cannot be opened. ${limitMessage('shareLink', LIMITS.shareLinkChars + 1)}`,
    });
    // Repetitive text compresses well: a short link can carry an oversized template.
    const templateSource = `## A\n\n${'x'.repeat(LIMITS.templateChars)}`;
    const withTemplate = decodeShare(
      encodeShare({ v: 1, templateId: 'imported-x', templateSource, title: 't', values: {} }),
    );
    expect(withTemplate.ok).toBe(false);
    if (!withTemplate.ok) {
      expect(withTemplate.error).toContain(limitMessage('template', templateSource.length));
    }
    const value = 'y'.repeat(LIMITS.fieldChars + 1);
    const withValue = decodeShare(
      encodeShare({ v: 1, templateId: 'enhancement-rfc', title: 't', values: { a: [value] } }),
    );
    expect(withValue.ok).toBe(false);
    if (!withValue.ok) expect(withValue.error).toContain(limitMessage('field', value.length));
    const fits = decodeShare(
      encodeShare({ v: 1, templateId: 'enhancement-rfc', title: 't', values: { a: 'fine' } }),
    );
    expect(fits.ok).toBe(true);
  }, 60_000);
});
