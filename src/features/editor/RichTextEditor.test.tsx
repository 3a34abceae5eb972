// @vitest-environment jsdom
/**
 * The prose editor's own extension list: Markdown round trips through Tiptap for what a prose
 * field holds, and the link mark's guard on `href` (it replaces Tiptap's Link extension).
 */
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { isAllowedHref, PROSE_EXTENSIONS } from './RichTextEditor.tsx';
import { proseMarkdownOf } from './proseMarkdown.ts';

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

describe('Markdown written per changed block', () => {
  const DOC = [
    '# Title',
    'Some **bold** and `code`.',
    '',
    '- one\n- two\n  - nested',
    '1. first\n2. second',
    '- [ ] open\n- [x] done',
    '> quoted\n>\n> more',
    '```go\nfunc main() {}\n```',
    '---',
    'Line one  \nline two with [a link](https://x.test "T")',
    'last',
  ].join('\n\n');

  it('is what getMarkdown() gives, after every kind of edit', () => {
    editor = new Editor({
      extensions: PROSE_EXTENSIONS,
      content: DOC,
      contentType: 'markdown',
      injectCSS: false,
    });
    const current = editor;
    const same = () => expect(proseMarkdownOf(current)).toBe(current.getMarkdown());
    same();
    const size = () => current.state.doc.content.size;
    const edits: (() => void)[] = [
      () => current.commands.insertContentAt(5, 'typed'),
      () => current.commands.insertContentAt(Math.floor(size() / 2), 'x'),
      () => current.chain().setTextSelection(3).splitBlock().run(),
      () => current.chain().setTextSelection(3).splitBlock().splitBlock().run(),
      () => current.commands.insertContentAt(size() - 1, ' end'),
      () => current.chain().setTextSelection({ from: 2, to: 12 }).deleteSelection().run(),
      () => current.commands.setContent('', { contentType: 'markdown' }),
      () => current.commands.insertContent('again'),
      () =>
        current.commands.setContent({
          type: 'doc',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'a' }] },
            { type: 'paragraph' },
            { type: 'paragraph', content: [{ type: 'text', text: 'b' }] },
          ],
        }),
      // The empty paragraph is unchanged, but now follows an empty one: it is written anew.
      () => current.chain().setTextSelection({ from: 1, to: 2 }).deleteSelection().run(),
    ];
    for (const edit of edits) {
      edit();
      same();
    }
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
