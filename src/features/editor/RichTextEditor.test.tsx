// @vitest-environment jsdom
/**
 * The prose editor's own extension list: Markdown round trips through Tiptap for what a prose
 * field holds, and the link mark's guard on `href` (it replaces Tiptap's Link extension).
 */
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { isAllowedHref, PROSE_EXTENSIONS } from './RichTextEditor.tsx';

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

function roundTrip(markdown: string): { markdown: string; html: string } {
  editor = new Editor({
    extensions: PROSE_EXTENSIONS,
    content: markdown,
    contentType: 'markdown',
    injectCSS: false,
  });
  return { markdown: editor.getMarkdown(), html: editor.view.dom.innerHTML };
}

describe('prose extensions', () => {
  it.each([
    'Some **bold**, *italic*, ~~struck~~ and `code`.',
    'A [link](https://example.com/a?b=c#d) and [another](https://x.test "Title").',
    '- one\n- two',
    '1. first\n2. second',
    '- [ ] open\n- [x] done',
    '> quoted',
    '```go\nfunc main() {}\n```',
    '## Heading',
    'Line one  \nline two',
    '---',
  ])('keeps %j', (markdown) => {
    expect(roundTrip(markdown).markdown.trimEnd()).toBe(markdown);
  });

  it('keeps a disallowed link in the Markdown but gives it no live href', () => {
    const { markdown, html } = roundTrip('[x](javascript:alert(1))');
    expect(markdown.trimEnd()).toBe('[x](javascript:alert(1))');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });
});

describe('isAllowedHref', () => {
  it.each([
    'https://example.com',
    'http://x',
    'MAILTO:a@b.c',
    '/docs',
    '#anchor',
    'page.md',
    '?q=1',
  ])('allows %j', (href) => expect(isAllowedHref(href)).toBe(true));
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'java\u0000script:x',
    'data:text/html,<script>',
    'vbscript:x',
    'tel:123',
    null,
    undefined,
    42,
  ])('refuses %j', (href) => expect(isAllowedHref(href)).toBe(false));
});
