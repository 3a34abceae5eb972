// @vitest-environment jsdom
/**
 * The rich-text editor as the form uses it: the author's Markdown shown as rich text, blocks it
 * cannot show kept as their source, a task's box ticking it, and the link guard on `href`.
 */
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAllowedHref, RichTextEditor } from './RichTextEditor.tsx';

afterEach(cleanup);

function mount(value: string) {
  const onChange = vi.fn<(markdown: string) => void>();
  const onRoundTripMismatch = vi.fn();
  const { container } = render(
    <RichTextEditor
      id="f"
      labelledBy="f-label"
      value={value}
      onChange={onChange}
      onRoundTripMismatch={onRoundTripMismatch}
      placeholder="An example"
    />,
  );
  const editor = container.querySelector<HTMLElement>('.ProseMirror')!;
  return { editor, onChange, onRoundTripMismatch };
}

describe('RichTextEditor', () => {
  it('shows Markdown as rich text, as a labelled multi-line text box', () => {
    const { editor, onRoundTripMismatch } = mount('Some **bold** and `code`.\n\n- one\n- two');
    expect(editor.getAttribute('role')).toBe('textbox');
    expect(editor.getAttribute('aria-labelledby')).toBe('f-label');
    expect(editor.querySelector('strong')?.textContent).toBe('bold');
    expect(editor.querySelectorAll('li')).toHaveLength(2);
    expect(onRoundTripMismatch).not.toHaveBeenCalled();
  });

  it('shows a table as its source, kept as written', () => {
    const { editor, onRoundTripMismatch } = mount('Before\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(editor.querySelector('pre.markdown-block')?.textContent).toBe(
      '| a | b |\n|---|---|\n| 1 | 2 |',
    );
    expect(onRoundTripMismatch).not.toHaveBeenCalled();
  });

  it('keeps the parts around the caret laid out, and Ctrl+End goes to the last block', () => {
    // 200 paragraphs: parts of 8 blocks, 25 of them.
    const text = Array.from({ length: 200 }, (_, i) => `Paragraph ${i}`).join('\n\n');
    const { editor, onChange } = mount(text);
    expect(editor.children).toHaveLength(25);
    const near = () =>
      [...editor.children].flatMap((part, i) =>
        part.classList.contains('near-selection') ? [i] : [],
      );
    // Parts far from the caret may skip layout (editor.css); the caret's and its neighbours never.
    expect(near()).toEqual([0, 1, 2]);
    fireEvent.keyDown(editor, { key: 'End', ctrlKey: true });
    expect(near()).toEqual([22, 23, 24]);
    fireEvent.keyDown(editor, { key: 'Home', ctrlKey: true, shiftKey: true });
    expect(near()).toEqual([0, 1, 2, 22, 23, 24]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('ticks a task when its box is clicked', () => {
    const { editor, onChange } = mount('- [ ] write the summary\n- [x] pick a title');
    const boxes = editor.querySelectorAll<HTMLInputElement>('input[type=checkbox]');
    expect([...boxes].map((b) => b.checked)).toEqual([false, true]);
    fireEvent.click(boxes[0]!);
    expect(onChange).toHaveBeenLastCalledWith('- [x] write the summary\n- [x] pick a title');
  });

  it('shows the example in the empty editor', () => {
    const { editor } = mount('');
    expect(editor.querySelector('p.is-editor-empty')?.getAttribute('data-placeholder')).toBe(
      'An example',
    );
  });

  it('keeps a disallowed link in the Markdown but gives it no live href', () => {
    const { editor } = mount('[x](javascript:alert(1))');
    const link = editor.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
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
