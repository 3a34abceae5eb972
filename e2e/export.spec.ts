import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import {
  failOnDialogsAndErrors,
  form,
  markdownText,
  openTemplate,
  pasteTemplate,
  section,
} from './helpers.ts';

/**
 * Export, against the built app: Copy Markdown, Download .md, Open on GitHub (issue, pull
 * request, new file; the clipboard path for a long proposal; refused repositories) and share
 * links. Whatever leaves the app must be exactly the Markdown tab's text. Nothing reaches the
 * network: every https://github.com/ request is answered by a stub page, and any other host is
 * aborted and recorded.
 */

const REPOSITORY = 'octo-org/octo-repo';

test.beforeEach(async ({ page, context }) => {
  failOnDialogsAndErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  foreignRequests.set(context, await stubGithub(context));
});

test.afterEach(({ context }) => {
  expect(foreignRequests.get(context) ?? [], 'requests to hosts other than GitHub').toEqual([]);
});

const foreignRequests = new WeakMap<BrowserContext, string[]>();

/** Answers github.com with a stub page; refuses every other foreign host and records it. */
async function stubGithub(context: BrowserContext): Promise<string[]> {
  const foreign: string[] = [];
  await context.route('https://github.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>GitHub stub</title><p>stub</p>',
    }),
  );
  await context.route(
    (url) => url.hostname !== '127.0.0.1' && url.hostname !== 'github.com',
    (route) => {
      foreign.push(route.request().url());
      return route.abort();
    },
  );
  return foreign;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function exportBar(page: Page): Locator {
  return page.getByRole('group', { name: 'Export' });
}

/** The Markdown tab's text once it holds every given text (the preview follows the form). */
async function settledMarkdown(page: Page, ...texts: string[]): Promise<string> {
  let md = '';
  await expect(async () => {
    md = await markdownText(page);
    for (const text of texts) expect(md).toContain(text);
  }).toPass();
  return md;
}

/** The proposal's one title: the first field of the form. */
function titleInput(page: Page): Locator {
  return form(page)
    .getByRole('textbox', { name: /^Title/ })
    .first();
}

async function setDraftTitle(page: Page, title: string) {
  const input = titleInput(page);
  await input.fill(title);
  await input.blur();
  await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
}

async function fillProse(page: Page, name: string, text: string, within: Locator = form(page)) {
  const box = within.getByRole('textbox', { name, exact: true }).first();
  await box.fill(text);
  await expect(box)
    .toContainText(text)
    .catch(async () => expect(box).toHaveValue(text));
}

/** A few fields of the enhancement request; returns texts that must be in the document. */
async function fillEnhancementRequest(page: Page): Promise<string[]> {
  await form(page)
    .getByRole('textbox', { name: 'TLDR' })
    .fill("Cache image layers & save time (it's slow)");
  const background = section(page, /^Background/);
  await fillProse(page, 'Current State', 'Builds take “twenty” minutes <today>', background);
  await background.getByRole('textbox', { name: 'Component', exact: true }).fill('CI runners');
  await background.getByRole('textbox', { name: 'Pain Points, item 1' }).fill('Slow feedback 😀');
  return [
    "Cache image layers & save time (it's slow)",
    'Builds take “twenty” minutes',
    'CI runners',
    'Slow feedback 😀',
  ];
}

/** The number of required sections still empty, from the meter. */
async function missingCount(page: Page): Promise<number> {
  const text = (await page.locator('.completeness-text').textContent()) ?? '';
  const m = /(\d+) of (\d+) sections? complete(?: · (\d+) partly filled)?/.exec(text);
  return Number(m?.[2]) - Number(m?.[1]) - Number(m?.[3] ?? 0);
}

function confirmDialog(page: Page): Locator {
  return page.getByRole('dialog', {
    name: /required sections? (is|are) (empty|partly filled): export anyway\?/,
  });
}

async function confirmIncomplete(page: Page, action: string) {
  const dialog = confirmDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: `${action} anyway` }).click();
  await expect(dialog).toBeHidden();
}

async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

async function writeClipboard(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
}

function githubDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Open on GitHub' });
}

/** Query parameters decoded with decodeURIComponent only (no `+` → space rewriting). */
function queryParams(url: string): Map<string, string> {
  const params = new Map<string, string>();
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    params.set(name, decodeURIComponent(eq < 0 ? '' : pair.slice(eq + 1)));
  }
  return params;
}

interface Opened {
  /** The URL the new tab loaded. */
  url: string;
  /** The link the dialog shows (its href, as the app built it). */
  href: string;
  /** The length the dialog shows. */
  shownLength: number;
}

/** Presses "Open on GitHub" in the dialog and returns what the new tab opened. */
async function openFromDialog(page: Page): Promise<Opened> {
  const dialog = githubDialog(page);
  const link = dialog.getByRole('region', { name: 'Link' });
  const lengthText = (await link.getByText(/ of 8,000 characters$/).textContent()) ?? '';
  const shownLength = Number(lengthText.split(' of ')[0]?.replace(/,/g, ''));
  const href = (await link.getByRole('link').getAttribute('href')) ?? '';
  const [popup] = await Promise.all([
    page.context().waitForEvent('page'),
    dialog.getByRole('button', { name: 'Open on GitHub', exact: true }).click(),
  ]);
  await popup.waitForLoadState('domcontentloaded');
  await expect(popup).toHaveTitle('GitHub stub');
  const url = popup.url();
  await popup.close();
  return { url, href, shownLength };
}

// ---------------------------------------------------------------------------------------------

test('Copy Markdown puts exactly the Markdown tab on the clipboard; so does its shortcut', async ({
  page,
}) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const texts = await fillEnhancementRequest(page);
  const md = await settledMarkdown(page, ...texts);

  const missing = await missingCount(page);
  expect(missing).toBeGreaterThan(1);
  await exportBar(page).getByRole('button', { name: 'Copy Markdown' }).click();
  await expect(confirmDialog(page)).toHaveAccessibleName(
    `${missing} required sections are empty: export anyway?`,
  );
  await confirmIncomplete(page, 'Copy Markdown');
  await expect(exportBar(page).getByRole('status')).toHaveText('Copied Markdown to the clipboard.');
  expect(await readClipboard(page)).toBe(md);

  // The shortcut the bar shows, after another edit.
  await form(page).getByRole('textbox', { name: 'TLDR' }).fill('Second version of the summary');
  const md2 = await settledMarkdown(page, 'Second version of the summary');
  await writeClipboard(page, 'something else');
  const label = (await exportBar(page).locator('kbd').first().textContent()) ?? '';
  // Not Ctrl+Shift+C, which opens the developer tools in Chrome, Edge and Firefox.
  expect(label).toBe('Alt+Shift+C');
  await expect(exportBar(page).getByRole('button', { name: 'Copy Markdown' })).toHaveAttribute(
    'aria-keyshortcuts',
    'Alt+Shift+C',
  );
  await titleInput(page).focus();
  await page.keyboard.press('Alt+Shift+C');
  await confirmIncomplete(page, 'Copy Markdown');
  await expect(exportBar(page).getByRole('status')).toHaveText('Copied Markdown to the clipboard.');
  await expect.poll(() => readClipboard(page)).toBe(md2);
});

test('Download .md saves the Markdown tab under a name from the draft title', async ({ page }) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const texts = await fillEnhancementRequest(page);
  await setDraftTitle(page, 'Layer cache: faster CI builds!');
  const md = await settledMarkdown(page, ...texts);

  await exportBar(page).getByRole('button', { name: 'Download .md' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    confirmIncomplete(page, 'Download .md'),
  ]);
  expect(download.suggestedFilename()).toBe('layer-cache-faster-ci-builds.md');
  const path = await download.path();
  expect(await readFile(path, 'utf8')).toBe(md);
  await expect(exportBar(page).getByRole('status')).toHaveText(
    'Downloaded layer-cache-faster-ci-builds.md.',
  );
});

test('issue: labels and title from the front matter, the body is the Markdown tab', async ({
  page,
}) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const texts = await fillEnhancementRequest(page);
  await titleInput(page).fill(':wrench:(ci): Cache image layers');
  const md = await settledMarkdown(page, ...texts);
  // The issue template's front matter describes the template, not the issue.
  expect(md.startsWith('---')).toBe(false);
  expect(md).not.toContain('labels: enhancement');
  expect(md).not.toContain('about: Propose improvements');

  await exportBar(page).getByRole('button', { name: 'Open on GitHub…' }).click();
  await confirmIncomplete(page, 'Open on GitHub');
  const dialog = githubDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Repository' })).toBeFocused();
  await expect(dialog.getByRole('combobox', { name: 'Create' })).toHaveValue('issue');
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue(
    ':wrench:(ci): Cache image layers',
  );
  // Labels are opt-in (GitHub answers 404 without permission), prefilled from the front matter.
  const labels = dialog.getByRole('textbox', { name: 'Labels, separated by commas' });
  await expect(labels).toHaveValue('enhancement');
  await expect(labels).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Add labels' }).check();
  await dialog.getByRole('textbox', { name: 'Repository' }).fill(REPOSITORY);

  const opened = await openFromDialog(page);
  const url = new URL(opened.url);
  expect(url.origin).toBe('https://github.com');
  expect(url.pathname).toBe('/octo-org/octo-repo/issues/new');
  const params = queryParams(opened.href);
  expect(params.get('title')).toBe(':wrench:(ci): Cache image layers');
  expect(params.get('labels')).toBe('enhancement');
  expect(params.get('body')).toBe(md);
  expect([...params.keys()].sort()).toEqual(['body', 'labels', 'title']);
  // What the tab opened is the link the dialog shows, and its length is the one shown.
  expect(queryParams(opened.url)).toEqual(params);
  expect(opened.shownLength).toBe(opened.href.length);
  expect(opened.shownLength).toBeLessThan(8000);
  expect(opened.url.length).toBeLessThan(8000);
  await expect(dialog.getByRole('status')).toContainText('Opened GitHub in a new tab');
});

test('pull request: compare/BASE...HEAD with quick_pull, the body is the Markdown tab', async ({
  page,
}) => {
  await openTemplate(page, 'Feature Pull Request');
  await setDraftTitle(page, 'Add the layer cache service');
  await section(page, /^Feature Overview/)
    .getByRole('textbox', { name: 'Related Issue' })
    .fill('https://github.com/octo-org/octo-repo/issues/7');
  await section(page, /^Implementation Details/)
    .getByRole('textbox', { name: 'Name' })
    .first()
    .fill('Cache service');
  const md = await settledMarkdown(page, 'issues/7', 'Component 1: Cache service');

  // By the shortcut the bar shows for Open on GitHub.
  await expect(exportBar(page).locator('kbd').nth(1)).toHaveText('Alt+Shift+G');
  await page.keyboard.press('Alt+Shift+G');
  await confirmIncomplete(page, 'Open on GitHub');
  const dialog = githubDialog(page);
  await expect(dialog.getByRole('combobox', { name: 'Create' })).toHaveValue('pull-request');
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue(
    'Add the layer cache service',
  );
  await dialog.getByRole('textbox', { name: 'Repository' }).fill(REPOSITORY);
  await dialog.getByRole('textbox', { name: 'Base branch' }).fill('main');
  await dialog.getByRole('textbox', { name: 'Your branch (head)' }).fill('feature/layer-cache');

  const opened = await openFromDialog(page);
  const url = new URL(opened.url);
  expect(url.origin).toBe('https://github.com');
  expect(url.pathname).toBe('/octo-org/octo-repo/compare/main...feature/layer-cache');
  const params = queryParams(opened.href);
  expect(params.get('quick_pull')).toBe('1');
  expect(params.get('title')).toBe('Add the layer cache service');
  expect(params.get('body')).toBe(md);
  expect(params.has('labels')).toBe(false);
  expect(queryParams(opened.url)).toEqual(params);
  expect(opened.shownLength).toBe(opened.href.length);
  expect(opened.shownLength).toBeLessThan(8000);
});

test('new file: new/BRANCH?filename=PATH&value=… keeps the RFC front matter', async ({ page }) => {
  await openTemplate(page, 'Enhancement RFC');
  await setDraftTitle(page, 'Layer caching RFC');
  const useCases = section(page, /^Use Cases?/);
  await useCases.getByRole('textbox', { name: 'Name' }).first().fill('Warm rebuild');
  const md = await settledMarkdown(page, 'title: Layer caching RFC', 'Use Case 1: Warm rebuild');
  expect(md.startsWith('---\n')).toBe(true);

  await exportBar(page).getByRole('button', { name: 'Open on GitHub…' }).click();
  await confirmIncomplete(page, 'Open on GitHub');
  const dialog = githubDialog(page);
  await expect(dialog.getByRole('combobox', { name: 'Create' })).toHaveValue('new-file');
  await expect(dialog.getByRole('textbox', { name: 'Branch' })).toHaveValue('main');
  await expect(dialog.getByRole('textbox', { name: 'File path' })).toHaveValue(
    'docs/proposals/layer-caching-rfc.md',
  );
  await dialog.getByRole('textbox', { name: 'Repository' }).fill(REPOSITORY);

  const opened = await openFromDialog(page);
  const url = new URL(opened.url);
  expect(url.origin).toBe('https://github.com');
  expect(url.pathname).toBe('/octo-org/octo-repo/new/main');
  const params = queryParams(opened.href);
  expect(params.get('filename')).toBe('docs/proposals/layer-caching-rfc.md');
  expect(params.get('value')).toBe(md);
  expect([...params.keys()].sort()).toEqual(['filename', 'value']);
  expect(queryParams(opened.url)).toEqual(params);
  expect(opened.shownLength).toBe(opened.href.length);
  expect(opened.shownLength).toBeLessThan(8000);
});

// Browsers percent-encode `'` in a query (WHATWG special-query set): the length the app
// measures and shows must be the length GitHub receives, or a link just under the limit gets 414.
test('the length shown is the length GitHub receives, apostrophes included', async ({ page }) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  await setDraftTitle(page, 'Cache image layers');
  const background = section(page, /^Background/);
  await background.getByRole('button', { name: 'Markdown source for Motivation' }).click();
  const text = "it's ".repeat(450).trim();
  await background.getByRole('textbox', { name: 'Motivation' }).fill(text);
  const md = await settledMarkdown(page, text);

  await exportBar(page).getByRole('button', { name: 'Open on GitHub…' }).click();
  await confirmIncomplete(page, 'Open on GitHub');
  const dialog = githubDialog(page);
  await dialog.getByRole('textbox', { name: 'Repository' }).fill(REPOSITORY);
  await expect(dialog.getByText(/too long for a GitHub link/)).toHaveCount(0);
  const opened = await openFromDialog(page);
  expect(queryParams(opened.url).get('body')).toBe(md);
  expect(opened.shownLength).toBeLessThan(8000);
  expect(opened.url.length).toBe(opened.shownLength);
  expect(opened.url.length).toBeLessThanOrEqual(8000);
});

test('a 20 KB proposal goes by the clipboard: the link has no body and says so', async ({
  page,
}) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  await setDraftTitle(page, 'Cache image layers');
  const background = section(page, /^Background/);
  await background.getByRole('button', { name: 'Markdown source for Motivation' }).click();
  const paragraph =
    'Layer caching keeps every unchanged image layer between builds, so a rebuild only pays for what changed. ';
  const long = Array.from({ length: 200 }, (_, i) => `${i + 1}. ${paragraph}`.trim()).join('\n');
  expect(long.length).toBeGreaterThan(20_000);
  await background.getByRole('textbox', { name: 'Motivation' }).fill(long);
  const md = await settledMarkdown(page, '200. Layer caching keeps');
  expect(md).toContain(long);

  await writeClipboard(page, 'not the proposal');
  await exportBar(page).getByRole('button', { name: 'Open on GitHub…' }).click();
  await confirmIncomplete(page, 'Open on GitHub');
  const dialog = githubDialog(page);
  await dialog.getByRole('textbox', { name: 'Repository' }).fill(REPOSITORY);
  await expect(
    dialog.getByText(/too long for a GitHub link, so the link leaves the body out/),
  ).toBeVisible();

  const opened = await openFromDialog(page);
  expect(new URL(opened.url).pathname).toBe('/octo-org/octo-repo/issues/new');
  const params = queryParams(opened.url);
  expect(params.has('body')).toBe(false);
  expect(params.get('title')).toBe('Cache image layers');
  expect(opened.shownLength).toBe(opened.href.length);
  expect(opened.shownLength).toBeLessThan(8000);
  await expect(dialog.getByRole('status')).toHaveText(
    'The proposal is too long for a GitHub link: it is on your clipboard, paste it into the body.',
  );
  expect(await readClipboard(page)).toBe(md);
});

test('an invalid repository is refused with a message and nothing opens', async ({
  page,
  context,
}) => {
  const opened: string[] = [];
  context.on('page', (p) => opened.push(p.url()));
  const requests: string[] = [];
  context.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1')) requests.push(r.url());
  });
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  await exportBar(page).getByRole('button', { name: 'Open on GitHub…' }).click();
  await confirmIncomplete(page, 'Open on GitHub');
  const dialog = githubDialog(page);
  const repository = dialog.getByRole('textbox', { name: 'Repository' });
  const cases: [string, RegExp][] = [
    ['bad repo!', /must not contain spaces/],
    ['../x', /owner/i],
    ['https://evil.example/a/b', /Only links to https:\/\/github\.com can be pasted here/],
    ['octo-org/octo repo', /must not contain spaces/],
    ['javascript:alert(1)', /Only links to https:\/\/github\.com/],
  ];
  for (const [input, message] of cases) {
    await repository.fill(input);
    await dialog.getByRole('button', { name: 'Open on GitHub', exact: true }).click();
    await expect(repository).toHaveAttribute('aria-invalid', 'true');
    await expect(repository).toHaveAccessibleDescription(message);
    await expect(repository).toBeFocused();
    await expect(dialog.getByRole('region', { name: 'Link' }).getByRole('link')).toHaveCount(0);
  }
  // The message of a field left with a bad value must not eat the click that left it.
  await repository.fill('still bad!');
  await dialog.getByRole('checkbox', { name: 'Add labels' }).click();
  await expect(dialog.getByRole('checkbox', { name: 'Add labels' })).toBeChecked();
  await expect(repository).toHaveAccessibleDescription(/must not contain spaces|only letters/);
  await page.waitForTimeout(300);
  expect(opened).toEqual([]);
  expect(requests).toEqual([]);
  expect(context.pages()).toHaveLength(1);
});

test('a share link opens as a new draft with the same values, never over an existing one', async ({
  page,
  browser,
}) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const texts = await fillEnhancementRequest(page);
  await setDraftTitle(page, 'Shared layer cache');
  const technical = section(page, /^Technical Considerations/);
  await technical.getByRole('checkbox', { name: /^Network changes/ }).check();
  await technical.getByRole('radio', { name: /^Fully backward compatible/ }).check();
  const md = await settledMarkdown(page, ...texts, '[x] Network changes');
  const originalUrl = page.url();
  await expect(page.locator('.save-indicator')).toHaveText('Saved');

  await exportBar(page).getByRole('button', { name: 'Share link' }).click();
  const shareDialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(shareDialog.getByRole('status')).toHaveText(
    'Copied the share link to the clipboard.',
  );
  const link = await shareDialog.getByRole('textbox', { name: /^Link/ }).inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/share\/[A-Za-z0-9+\-$]+$/);
  expect(await readClipboard(page)).toBe(link);
  await shareDialog.getByRole('button', { name: 'Done' }).click();
  await expect(shareDialog).toBeHidden();

  // Another browser: the link shows the proposal and opens it as a draft, twice → two drafts.
  const other = await browser.newContext();
  const otherForeign = await stubGithub(other);
  const page2 = await other.newPage();
  page2.on('pageerror', (error) => {
    throw error;
  });
  const draftIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    await page2.goto(link);
    await expect(page2.getByRole('heading', { level: 1, name: 'A shared proposal' })).toBeVisible();
    await expect(
      page2.getByText('“Shared layer cache” · Enhancement Request (AI Agent)'),
    ).toBeVisible();
    await page2.getByRole('button', { name: 'Open as a new draft' }).click();
    await expect(page2).toHaveURL(/#\/draft\/[a-z0-9]+$/);
    await expect(page2.getByText(/\d+ of \d+ sections complete/)).toBeVisible();
    await expect(titleInput(page2)).toHaveValue('Shared layer cache');
    expect(await settledMarkdown(page2, ...texts)).toBe(md);
    draftIds.push(new URL(page2.url()).hash);
  }
  expect(draftIds[0]).not.toBe(draftIds[1]);
  await page2.goto('/');
  const drafts2 = page2.getByRole('region', { name: 'Your drafts' });
  await expect(drafts2.getByRole('listitem')).toHaveCount(2);
  await other.close();
  expect(otherForeign).toEqual([]);

  // The original browser: opening the link adds a draft and leaves the original untouched.
  await page.goto(link);
  await page.getByRole('button', { name: 'Open as a new draft' }).click();
  await expect(page).toHaveURL(/#\/draft\/[a-z0-9]+$/);
  expect(page.url()).not.toBe(originalUrl);
  expect(await settledMarkdown(page, ...texts)).toBe(md);
  await page.goto(originalUrl);
  await expect(page.getByText(/\d+ of \d+ sections complete/)).toBeVisible();
  expect(await settledMarkdown(page, ...texts)).toBe(md);
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Your drafts' }).getByRole('listitem')).toHaveCount(
    2,
  );
});

test('an incomplete proposal asks once: Go back exports nothing, confirming exports', async ({
  page,
}) => {
  await openTemplate(page, 'Enhancement RFC');
  await titleInput(page).fill('Half-done RFC');
  const md = await settledMarkdown(page, 'title: Half-done RFC');
  const missing = await missingCount(page);
  expect(missing).toBeGreaterThan(1);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));

  const download = exportBar(page).getByRole('button', { name: 'Download .md' });
  await download.click();
  const dialog = confirmDialog(page);
  await expect(dialog).toHaveAccessibleName(
    `${missing} required sections are empty: export anyway?`,
  );
  const empty = dialog.getByRole('list', { name: 'Empty' }).getByRole('listitem');
  await expect(empty).toHaveCount(missing);
  // The same sections as the editor's outline marks missing.
  const outline = page.getByRole('navigation', { name: 'Outline' });
  const listed = await outline.locator('.status-missing .outline-title').allTextContents();
  expect(await empty.allTextContents()).toEqual(listed);
  await expect(dialog.getByRole('button', { name: 'Go back' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Go back' }).click();
  await expect(dialog).toBeHidden();
  // Go back lands in the first empty required field, which now says so.
  const focused = form(page).locator(':focus');
  await expect(focused).toHaveCount(1);
  await expect(outline.locator('.status-missing, .status-partial').first()).toHaveAttribute(
    'aria-current',
    'true',
  );
  await page.waitForTimeout(500);
  expect(downloads).toEqual([]);
  await expect(exportBar(page).getByRole('status')).toHaveText('');

  // Escape goes back to where the author was.
  await download.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.waitForTimeout(300);
  expect(downloads).toEqual([]);

  await download.click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    confirmIncomplete(page, 'Download .md'),
  ]);
  expect(await readFile(await file.path(), 'utf8')).toBe(md);
  await page.waitForTimeout(300);
  expect(downloads).toHaveLength(1);
  await expect(confirmDialog(page)).toHaveCount(0);
});

test('an export made right after typing carries the last keys typed', async ({ page }) => {
  // One required answer, so the proposal is complete with the first key and no question comes
  // between the keys and the export: the export bar is drawn again only once typing pauses,
  // and must not export (or ask about) the document as it was then.
  await pasteTemplate(page, '# Tiny proposal\n\n## Summary\n\n<!-- One line: what changes -->\n');
  const importDialog = page.getByRole('dialog');
  await importDialog.getByRole('button', { name: 'Check the template' }).click();
  await importDialog.getByRole('button', { name: 'Add and start a proposal' }).click();
  await expect(page).toHaveURL(/#\/draft\/[a-z0-9]+$/);
  const summary = form(page).getByRole('textbox', { name: 'Summary' });
  await expect(summary).toHaveAttribute('contenteditable', 'true');
  const status = exportBar(page).getByRole('status');

  // The shortcut, pressed with the last key.
  await summary.click();
  await page.keyboard.type('Cache layers');
  await page.keyboard.press('Alt+Shift+C');
  await expect(status).toHaveText('Copied Markdown to the clipboard.');
  expect(await readClipboard(page)).toContain('Cache layers');
  expect(await readClipboard(page)).toBe(await settledMarkdown(page, 'Cache layers'));

  // The buttons, clicked right after typing.
  await summary.press('End');
  await page.keyboard.type(' per runner');
  await exportBar(page).getByRole('button', { name: 'Copy Markdown' }).click();
  await expect(status).toHaveText('Copied Markdown to the clipboard.');
  expect(await readClipboard(page)).toContain('Cache layers per runner');

  await summary.press('End');
  await page.keyboard.type(' and reuse them');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportBar(page).getByRole('button', { name: 'Download .md' }).click(),
  ]);
  const downloaded = await readFile(await download.path(), 'utf8');
  expect(downloaded).toContain('Cache layers per runner and reuse them');
  expect(downloaded).toBe(await settledMarkdown(page, 'and reuse them'));

  // Open on GitHub: the body and the title as typed just before.
  await summary.press('End');
  await page.keyboard.type(' across builds');
  await titleInput(page).fill('Layer cache');
  await page.keyboard.type(' now');
  await exportBar(page).getByRole('button', { name: 'Open on GitHub…' }).click();
  const dialog = githubDialog(page);
  await dialog.getByRole('textbox', { name: 'Repository' }).fill(REPOSITORY);
  const opened = await openFromDialog(page);
  const params = queryParams(opened.url);
  expect(params.get('title')).toBe('Layer cache now');
  expect(params.get('body')).toContain('Cache layers per runner and reuse them across builds');
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(params.get('body')).toBe(await settledMarkdown(page, 'across builds'));
});
