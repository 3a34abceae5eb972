/** @vitest-environment jsdom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MAX_URL_LENGTH } from '../../core/github.ts';
import { SHARE_HASH_PREFIX, decodeShare } from '../../core/share.ts';
import type { SharePayload } from '../../core/share.ts';
import { COPIED_MESSAGE, ExportBar } from './ExportBar.tsx';
import type { ExportBarProps, ExportDocument } from './ExportBar.tsx';
import { ExportDialog, TOO_LONG_MESSAGE } from './ExportDialog.tsx';
import type { ExportDialogProps } from './ExportDialog.tsx';
import { EXPORT_SETTINGS_KEY, loadExportSettings } from './exportSettings.ts';

const writeText = vi.fn<(text: string) => Promise<void>>();
const open = vi.fn<typeof window.open>();

beforeEach(() => {
  writeText.mockReset().mockResolvedValue(undefined);
  open.mockReset().mockReturnValue(null);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  vi.spyOn(window, 'open').mockImplementation(open);
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const payload: SharePayload = {
  v: 1,
  templateId: 'ai-enhancement-request',
  title: 'Faster exports',
  values: { summary: 'Make it faster & <better> 😀' },
};

const MARKDOWN = '# Faster exports\n\nBody & more 😀\n';

function renderBar({
  markdown = MARKDOWN,
  missing = [],
  partial = [],
  ...props
}: Partial<ExportBarProps & ExportDocument> = {}) {
  const meta = { title: '[Enhancement]: Faster exports', labels: ['enhancement'], assignees: [] };
  return render(
    <ExportBar
      getDocument={() => ({ markdown, meta, missing, partial })}
      title="Faster exports"
      templateId="ai-enhancement-request"
      defaultTarget="issue"
      getSharePayload={() => payload}
      {...props}
    />,
  );
}

function renderDialog(props: Partial<ExportDialogProps> = {}) {
  const onClose = vi.fn();
  const result = render(
    <ExportDialog
      markdown={'# Title\n\nBody'}
      title="My proposal"
      templateId="enhancement-rfc"
      defaultTarget="issue"
      meta={{ labels: ['enhancement', 'rfc'], assignees: ['octocat'] }}
      onClose={onClose}
      {...props}
    />,
  );
  return { ...result, onClose };
}

describe('ExportDialog', () => {
  it('refuses an invalid repository with a message tied to the field', async () => {
    renderDialog();
    const input = screen.getByLabelText('Repository');
    fireEvent.change(input, { target: { value: 'https://github.com.evil.com/a/b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub' }));
    await waitFor(() => expect(input).toHaveProperty('ariaInvalid', 'true'));
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    const error = describedBy
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');
    expect(error).toMatch(/Only links to https:\/\/github.com/);
    expect(document.activeElement).toBe(input);
    expect(open).not.toHaveBeenCalled();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('opens a prefilled issue on github.com only, and remembers the repository', async () => {
    renderDialog();
    fireEvent.change(screen.getByLabelText('Repository'), {
      target: { value: 'octo-org/octo-repo' },
    });
    expect(screen.getByText(/of 8,000 characters$/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub' }));
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    const [url, targetName, features] = open.mock.calls[0] ?? [];
    expect(targetName).toBe('_blank');
    expect(features).toBe('noopener,noreferrer');
    const parsed = new URL(String(url));
    expect(parsed.origin + parsed.pathname).toBe(
      'https://github.com/octo-org/octo-repo/issues/new',
    );
    expect(parsed.searchParams.get('title')).toBe('My proposal');
    expect(parsed.searchParams.get('body')).toBe('# Title\n\nBody');
    // Labels and assignees are opt-in.
    expect(parsed.searchParams.has('labels')).toBe(false);
    expect(parsed.searchParams.has('assignees')).toBe(false);
    expect(writeText).not.toHaveBeenCalled();
    expect(loadExportSettings().repository).toBe('octo-org/octo-repo');
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe(url);
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('adds labels and assignees only when ticked', async () => {
    renderDialog();
    fireEvent.change(screen.getByLabelText('Repository'), { target: { value: 'o/r' } });
    fireEvent.click(screen.getByLabelText('Add labels'));
    fireEvent.click(screen.getByLabelText('Add assignees'));
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub' }));
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    const parsed = new URL(String(open.mock.calls[0]?.[0]));
    expect(parsed.searchParams.get('labels')).toBe('enhancement,rfc');
    expect(parsed.searchParams.get('assignees')).toBe('octocat');
  });

  it('copies a body that is too long, opens the link without it and says so', async () => {
    const markdown = '# 提案\n\n' + '日本語のテキスト。'.repeat(400);
    renderDialog({ markdown });
    fireEvent.change(screen.getByLabelText('Repository'), {
      target: { value: 'octo-org/octo-repo' },
    });
    expect(
      screen.getByText(/too long for a GitHub link, so the link leaves the body out/),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub' }));
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    expect(writeText).toHaveBeenCalledWith(markdown);
    // The clipboard is written before the new tab takes the focus.
    expect(writeText.mock.invocationCallOrder[0]).toBeLessThan(
      open.mock.invocationCallOrder[0] ?? 0,
    );
    const url = String(open.mock.calls[0]?.[0]);
    expect(url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    expect(new URL(url).searchParams.has('body')).toBe(false);
    expect(await screen.findByText(TOO_LONG_MESSAGE)).toBeTruthy();
  });

  it('validates pull-request branches and new-file paths', async () => {
    renderDialog({ defaultTarget: 'pull-request' });
    fireEvent.change(screen.getByLabelText('Repository'), { target: { value: 'o/r' } });
    fireEvent.change(screen.getByLabelText('Your branch (head)'), { target: { value: 'a..b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub' }));
    expect(await screen.findByText('A branch name cannot contain "..".')).toBeTruthy();
    expect(open).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Create'), { target: { value: 'new-file' } });
    expect(screen.getByLabelText<HTMLInputElement>('File path').value).toBe(
      'docs/proposals/my-proposal.md',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Branch').value).toBe('main');
    fireEvent.change(screen.getByLabelText('File path'), { target: { value: '../x.md' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub' }));
    expect(await screen.findByText('The file path has no "." or ".." parts.')).toBeTruthy();
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses a non-https Enterprise host', async () => {
    renderDialog();
    fireEvent.change(screen.getByLabelText('Repository'), { target: { value: 'o/r' } });
    fireEvent.change(screen.getByLabelText('GitHub host'), {
      target: { value: 'javascript:alert(1)' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub' }));
    expect(await screen.findByText('Only https:// hosts can be used.')).toBeTruthy();
    expect(open).not.toHaveBeenCalled();
  });

  it('asks once before sending proposals to an Enterprise host, and names the host each time', async () => {
    renderDialog();
    fireEvent.change(screen.getByLabelText('Repository'), { target: { value: 'o/r' } });
    fireEvent.change(screen.getByLabelText('GitHub host'), {
      target: { value: 'githubb.com' },
    });
    expect(screen.getByText('Opens on githubb.com')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub' }));
    const ask = await screen.findByRole('alertdialog');
    expect(ask.textContent).toContain('Send proposals to githubb.com?');
    expect(ask.textContent).toContain('looks like GitHub’s, but it is not github.com');
    expect(open).not.toHaveBeenCalled();
    // Not remembered until confirmed.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(loadExportSettings().host).toBe('');
    expect(open).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Yes, open on githubb.com' }));
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    expect(open.mock.calls[0]?.[0]).toMatch(/^https:\/\/githubb\.com\/o\/r\//);
    expect(loadExportSettings().confirmedHosts).toEqual(['https://githubb.com']);

    // Confirmed once: the next time it opens at once, still naming the host.
    cleanup();
    renderDialog();
    expect(screen.getByText('Opens on githubb.com')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub' }));
    await waitFor(() => expect(open).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('closes on Escape', () => {
    const { onClose } = renderDialog();
    fireEvent.keyDown(screen.getByLabelText('Repository'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('ignores corrupt remembered settings', () => {
    localStorage.setItem(EXPORT_SETTINGS_KEY, '{"v":1,"repository":42');
    expect(loadExportSettings().branch).toBe('main');
    localStorage.setItem(EXPORT_SETTINGS_KEY, JSON.stringify({ v: 9, repository: 'x' }));
    expect(loadExportSettings().repository).toBe('');
  });
});

describe('ExportBar', () => {
  it('asks before exporting an incomplete proposal, listing the empty sections', async () => {
    renderBar({ missing: ['Summary', 'Motivation', 'Risks'] });
    fireEvent.click(screen.getByRole('button', { name: 'Copy Markdown' }));
    const dialog = screen.getByRole('dialog', {
      name: '3 required sections are empty: export anyway?',
    });
    const items = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual(['Summary', 'Motivation', 'Risks']);
    expect(writeText).not.toHaveBeenCalled();
    // "Go back" is focused, so Enter never exports by accident.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Go back' }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy Markdown anyway' }));
    await waitFor(() =>
      expect(writeText).toHaveBeenCalledWith('# Faster exports\n\nBody & more 😀\n'),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByText(COPIED_MESSAGE)).toBeTruthy();
  });

  it('does nothing when the author goes back', () => {
    renderBar({ missing: ['Summary'] });
    const button = screen.getByRole('button', { name: 'Open on GitHub…' });
    button.focus();
    fireEvent.click(button);
    const dialog = screen.getByRole('dialog', {
      name: '1 required section is empty: export anyway?',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('asks when sections are only partly filled, listing both kinds; Go back shows what is left', () => {
    const onGoBack = vi.fn();
    renderBar({ missing: ['Summary'], partial: ['Risks', 'Plan'], onGoBack });
    fireEvent.click(screen.getByRole('button', { name: 'Download .md' }));
    const dialog = screen.getByRole('dialog', {
      name: '1 required section is empty: export anyway?',
    });
    const texts = (name: string) =>
      within(within(dialog).getByRole('list', { name }))
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(texts('Empty')).toEqual(['Summary']);
    expect(texts('Partly filled')).toEqual(['Risks', 'Plan']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onGoBack).toHaveBeenCalledTimes(1);
  });

  it('asks about partly filled sections even when none is empty', () => {
    renderBar({ partial: ['Risks'] });
    fireEvent.click(screen.getByRole('button', { name: 'Copy Markdown' }));
    expect(
      screen.getByRole('dialog', { name: '1 required section is partly filled: export anyway?' }),
    ).toBeTruthy();
    expect(writeText).not.toHaveBeenCalled();
  });

  it('opens the export dialog after confirming, without asking twice', async () => {
    renderBar({ missing: ['Summary'] });
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub anyway' }));
    expect(await screen.findByRole('dialog', { name: 'Open on GitHub' })).toBeTruthy();
  });

  it('copies without asking when complete, with the keyboard shortcut too', async () => {
    renderBar();
    const copy = screen.getByRole('button', { name: 'Copy Markdown' });
    expect(copy.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+C');
    // Ctrl+Shift+C opens the developer tools: it is left to the browser.
    fireEvent.keyDown(document.body, { key: 'C', code: 'KeyC', ctrlKey: true, shiftKey: true });
    expect(writeText).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: 'C', code: 'KeyC', altKey: true, shiftKey: true });
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('dialog')).toBeNull();
    // ⌥ on a Mac types another character: the key's position decides.
    fireEvent.keyDown(document.body, { key: '˝', code: 'KeyG', altKey: true, shiftKey: true });
    expect(screen.getByRole('dialog', { name: 'Open on GitHub' })).toBeTruthy();
  });

  it('falls back to execCommand when the Clipboard API is missing', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    let copied = '';
    const execCommand = vi.fn((command: string) => {
      const active = document.querySelector('textarea');
      copied = command === 'copy' && active ? active.value : '';
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    renderBar();
    fireEvent.click(screen.getByRole('button', { name: 'Copy Markdown' }));
    expect(await screen.findByText(COPIED_MESSAGE)).toBeTruthy();
    expect(copied).toBe('# Faster exports\n\nBody & more 😀\n');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('downloads the exact Markdown as a .md file named after the title', async () => {
    let blob: Blob | undefined;
    const createObjectURL = vi.fn((b: Blob) => {
      blob = b;
      return 'blob:x';
    });
    Object.defineProperty(URL, 'createObjectURL', { value: createObjectURL, configurable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: vi.fn(), configurable: true });
    let fileName = '';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      fileName = this.download;
    });
    renderBar({ title: 'Faster Exports: Phase 2!' });
    fireEvent.click(screen.getByRole('button', { name: 'Download .md' }));
    expect(fileName).toBe('faster-exports-phase-2.md');
    expect(blob?.type).toBe('text/markdown;charset=utf-8');
    expect(await blob?.text()).toBe('# Faster exports\n\nBody & more 😀\n');
    expect(screen.getByText('Downloaded faster-exports-phase-2.md.')).toBeTruthy();
  });

  it('exports the document as it is at the click, not as the bar was last drawn', async () => {
    // The bar is not redrawn with each keystroke: what was typed since must still be exported.
    let doc: ExportDocument = {
      markdown: '# Faster exports\n\nTyped before the bar was drawn',
      meta: { title: 'Faster exports', labels: [], assignees: [] },
      missing: [],
      partial: [],
    };
    let blob: Blob | undefined;
    Object.defineProperty(URL, 'createObjectURL', {
      value: (b: Blob) => {
        blob = b;
        return 'blob:x';
      },
      configurable: true,
    });
    Object.defineProperty(URL, 'revokeObjectURL', { value: vi.fn(), configurable: true });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderBar({ getDocument: () => doc });
    doc = { ...doc, markdown: `${doc.markdown} and the last keys` };

    fireEvent.click(screen.getByRole('button', { name: 'Copy Markdown' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(doc.markdown));
    fireEvent.click(screen.getByRole('button', { name: 'Download .md' }));
    expect(await blob?.text()).toBe(doc.markdown);

    doc = {
      ...doc,
      markdown: `${doc.markdown}, then more`,
      meta: { ...doc.meta, title: 'Faster exports, retitled' },
    };
    fireEvent.click(screen.getByRole('button', { name: 'Open on GitHub…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Open on GitHub' });
    fireEvent.change(within(dialog).getByLabelText('Repository'), { target: { value: 'o/r' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open on GitHub' }));
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    const opened = new URL(String(open.mock.calls[0]?.[0]));
    expect(opened.searchParams.get('body')).toBe(doc.markdown);
    expect(opened.searchParams.get('title')).toBe('Faster exports, retitled');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));

    // A section emptied since the bar was drawn is asked about.
    doc = { ...doc, missing: ['Summary'] };
    fireEvent.click(screen.getByRole('button', { name: 'Copy Markdown' }));
    expect(
      screen.getByRole('dialog', { name: '1 required section is empty: export anyway?' }),
    ).toBeTruthy();
  });

  it('copies a share link carrying the draft in the fragment, and warns when it is long', async () => {
    renderBar();
    fireEvent.click(screen.getByRole('button', { name: 'Share link' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share link' });
    const url = String(writeText.mock.calls[0]?.[0]);
    const hash = new URL(url).hash;
    expect(hash.startsWith(SHARE_HASH_PREFIX)).toBe(true);
    expect(decodeShare(hash.slice(SHARE_HASH_PREFIX.length))).toEqual({ ok: true, payload });
    expect(within(dialog).getByText('Copied the share link to the clipboard.')).toBeTruthy();
    expect(within(dialog).queryByText(/some chat tools/)).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));

    // Incompressible text makes a long link.
    const noisy = Array.from({ length: 6000 }, (_, i) =>
      String.fromCodePoint(0x4e00 + ((i * 7919) % 20000)),
    ).join('');
    cleanup();
    renderBar({ getSharePayload: () => ({ ...payload, values: { summary: noisy } }) });
    fireEvent.click(screen.getByRole('button', { name: 'Share link' }));
    const long = await screen.findByRole('dialog', { name: 'Share link' });
    expect(
      within(long).getByText(/some chat tools, mail programs and browsers cut long links/),
    ).toBeTruthy();
  });
});
