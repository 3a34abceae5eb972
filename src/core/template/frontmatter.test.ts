import { describe, expect, it } from 'vitest';
import { readDocument } from '../document/read.ts';
import { renderDocument } from '../document/render.ts';
import { splitFrontMatter } from './frontmatter.ts';
import { parseTemplate } from './parse.ts';

const NOTICE = '---\nThanks for reporting! Search the open issues first.\n---\n';
const QUESTIONS = '\n### What happened?\n\n<!-- Describe it -->\n\n### Steps\n\n<!-- 1, 2, 3 -->\n';

describe('front matter', () => {
  it('is a block between `---` rules that starts like YAML keys', () => {
    expect(splitFrontMatter('---\nname: Bug\nabout: x\n---\n# A\n')).toEqual({
      frontMatter: 'name: Bug\nabout: x',
      body: '# A\n',
    });
    expect(splitFrontMatter('---\n# a comment\n"quoted key": 1\n---\nA\n').frontMatter).toBe(
      '# a comment\n"quoted key": 1',
    );
    expect(splitFrontMatter('---\n---\nA\n').frontMatter).toBe('');
  });

  it('is not a notice between two rules: that stays Markdown, as GitHub shows it', () => {
    expect(splitFrontMatter(`${NOTICE}${QUESTIONS}`)).toEqual({
      frontMatter: null,
      body: `${NOTICE}${QUESTIONS}`,
    });
    // A rule at the top that is never closed is Markdown too.
    expect(splitFrontMatter('---\nSome text.\n').frontMatter).toBeNull();
  });

  it('still refuses YAML keys that are never closed', () => {
    expect(() => splitFrontMatter('---\nname: Bug\n\n# A\n')).toThrow(/never closed/);
  });

  it('a template opening with such a notice gives its questions, and a filled copy keeps the notice', () => {
    const template = parseTemplate(`${NOTICE}${QUESTIONS}`);
    const document = `${NOTICE}\n### What happened?\n\nThe page froze.\n\n### Steps\n\nOpen it.\n`;
    const output = renderDocument(template, readDocument(template, document).values);
    expect(output).toContain('Thanks for reporting! Search the open issues first.');
    expect(output).toContain('The page froze.');
    expect(output).toContain('Open it.');
  });
});
