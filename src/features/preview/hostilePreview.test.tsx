/** @vitest-environment jsdom */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { PreviewPane } from './PreviewPane.tsx';

afterEach(cleanup);

describe('preview of absurd input', () => {
  test('5,000 nested list levels are shown as plain text with a notice, not rendered', () => {
    const deep = `# Title\n\n${'- '.repeat(5000)}deepest\n`;
    render(<PreviewPane markdown={deep} />);
    const region = screen.getByRole('region', { name: 'Preview' });
    expect(screen.getByRole('status').textContent).toMatch(
      /Shown as plain text: Lists or quotes are nested 5,000 levels deep/,
    );
    expect(region.querySelector('pre')?.textContent).toBe(deep);
    expect(region.querySelector('ul')).toBeNull();
  });

  test('10 MB on one line: the notice says how much is shown; nothing is rendered', () => {
    const huge = `# Title\n\n${'x'.repeat(10_000_000)}`;
    render(<PreviewPane markdown={huge} />);
    expect(screen.getByRole('status').textContent).toMatch(
      /This document has 10,000,009 characters.*the first 100,000 of 10,000,009 characters are shown/,
    );
    const shown = screen.getByRole('region', { name: 'Preview' }).querySelector('pre');
    expect(shown?.textContent).toBe(huge.slice(0, 100_000));
  });

  test('ordinary Markdown is still rendered', () => {
    render(<PreviewPane markdown={'# Title\n\n- a\n  - b\n'} />);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Title' })).toBeTruthy();
  });
});
