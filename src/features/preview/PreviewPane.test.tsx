/** @vitest-environment jsdom */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { PreviewPane } from './PreviewPane.tsx';

afterEach(cleanup);

const DOC =
  '# Title\n\nIntro with [a link](https://x.example).\n\n## One\n\nfirst\n\n## Two\n\nsecond\n';

function sectionElements(): Element[] {
  const host = screen.getByRole('region', { name: 'Preview' }).querySelector('.preview-sections');
  return Array.from(host?.children ?? []);
}

describe('PreviewPane', () => {
  test('shows the rendered document in a Preview region', () => {
    render(<PreviewPane markdown={DOC} />);
    const region = screen.getByRole('region', { name: 'Preview' });
    expect(region.classList.contains('markdown-body')).toBe(true);
    expect(screen.getByRole('heading', { level: 1, name: 'Title' })).toBeTruthy();
    const link = screen.getByRole('link', { name: 'a link' });
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    // Cut at headings and at the blocks after blank lines: each paragraph is a section.
    expect(sectionElements().map((section) => section.textContent?.trim())).toEqual([
      'Title',
      'Intro with a link.',
      'One',
      'first',
      'Two',
      'second',
    ]);
  });

  test('never puts unsanitized HTML in the DOM', () => {
    render(
      <PreviewPane markdown={'# X\n\n<img src=x onerror="alert(1)"><script>alert(2)</script>'} />,
    );
    const region = screen.getByRole('region', { name: 'Preview' });
    expect(region.querySelector('script')).toBeNull();
    expect(region.querySelector('img')?.hasAttribute('onerror')).toBe(false);
  });

  test('an edit replaces only the edited section', () => {
    const { rerender } = render(<PreviewPane markdown={DOC} />);
    const before = sectionElements();
    const contents = before.map((section) => section.firstChild);
    rerender(<PreviewPane markdown={DOC.replace('first', 'first, edited')} />);
    const after = sectionElements();
    expect(after).toEqual(before);
    after.forEach((section, index) => {
      if (index === 3) {
        expect(section.firstChild).not.toBe(contents[index]);
        expect(section.textContent).toContain('first, edited');
      } else {
        expect(section.firstChild).toBe(contents[index]);
      }
    });
  });

  test('a section added in the middle leaves its neighbours in place', () => {
    const { rerender } = render(<PreviewPane markdown={DOC} />);
    const before = sectionElements();
    const twoContent = before[4]?.firstChild;
    rerender(<PreviewPane markdown={DOC.replace('## Two', '## New\n\nnew\n\n## Two')} />);
    const after = sectionElements();
    expect(after).toHaveLength(8);
    expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
    expect(after[6]?.firstChild).toBe(twoContent);
    expect(after[4]?.textContent?.trim()).toBe('New');
    expect(after[5]?.textContent?.trim()).toBe('new');
  });

  test('tabs follow the WAI-ARIA pattern, with arrow keys', () => {
    render(<PreviewPane markdown={DOC} />);
    const previewTab = screen.getByRole('tab', { name: 'Preview' });
    const markdownTab = screen.getByRole('tab', { name: 'Markdown' });
    expect(screen.getByRole('tablist')).toBeTruthy();
    expect(previewTab.getAttribute('aria-selected')).toBe('true');
    expect(previewTab.tabIndex).toBe(0);
    expect(markdownTab.tabIndex).toBe(-1);
    const panel = screen.getByRole('tabpanel', { name: 'Preview' });
    expect(previewTab.getAttribute('aria-controls')).toBe(panel.id);

    previewTab.focus();
    act(() => {
      fireEvent.keyDown(previewTab, { key: 'ArrowRight' });
    });
    expect(markdownTab.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(markdownTab);
    expect(screen.getByRole('tabpanel', { name: 'Markdown' })).toBeTruthy();
    const source = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Markdown' });
    expect(source.value).toBe(DOC);
    expect(source.readOnly).toBe(true);

    act(() => {
      fireEvent.keyDown(markdownTab, { key: 'ArrowLeft' });
    });
    expect(previewTab.getAttribute('aria-selected')).toBe('true');
    act(() => {
      fireEvent.keyDown(previewTab, { key: 'End' });
    });
    expect(markdownTab.getAttribute('aria-selected')).toBe('true');
    act(() => {
      fireEvent.keyDown(markdownTab, { key: 'Home' });
    });
    expect(previewTab.getAttribute('aria-selected')).toBe('true');
    act(() => {
      fireEvent.click(markdownTab);
    });
    expect(markdownTab.getAttribute('aria-selected')).toBe('true');
  });

  test('the Markdown tab shows the exact text', () => {
    const text = '---\ntitle: x\n---\n# A  \n\n<!-- kept -->\n\ttab\r\n';
    render(<PreviewPane markdown={text} />);
    act(() => {
      fireEvent.click(screen.getByRole('tab', { name: 'Markdown' }));
    });
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Markdown' }).value).toBe(
      text.replace(/\r\n?/g, '\n'), // a textarea's value normalises line breaks
    );
  });

  test('loads no remote image until the author allows them, then shows them all', () => {
    render(
      <PreviewPane
        markdown={
          '# Doc\n\n![pixel](https://tracker.example/p.gif) ![logo](docs/logo.png)\n\n<img src="//cdn.example/a.png" alt="cdn">\n'
        }
      />,
    );
    const region = screen.getByRole('region', { name: 'Preview' });
    const pixel = screen.getByRole('img', { name: 'pixel' });
    expect(pixel.hasAttribute('src')).toBe(false);
    expect(screen.getByRole('img', { name: 'cdn' }).hasAttribute('src')).toBe(false);
    // A relative image comes from the app's own origin: nothing to hold back.
    expect(screen.getByRole('img', { name: 'logo' }).getAttribute('src')).toBe('docs/logo.png');
    expect(region.textContent).toContain('2 remote images blocked');
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    });
    expect(screen.getByRole('img', { name: 'pixel' }).getAttribute('src')).toBe(
      'https://tracker.example/p.gif',
    );
    expect(screen.getByRole('img', { name: 'cdn' }).getAttribute('src')).toBe(
      '//cdn.example/a.png',
    );
    expect(region.textContent).not.toContain('blocked');
  });
});
