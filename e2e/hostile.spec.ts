import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import LZString from 'lz-string';
import {
  failOnDialogsAndErrors,
  form,
  markdownText,
  openTemplate,
  pasteTemplate,
  preview,
  shownText,
} from './helpers.ts';

/**
 * Hostile input: each case shows its message, nothing blanks, the page keeps answering, and no
 * character the author had is lost.
 */

test.beforeEach(async ({ page, context }) => {
  failOnDialogsAndErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

const TEN_MB = 10_000_000;

/** The page answers: a frame is painted and another field takes typing. */
async function expectResponsive(page: Page, elsewhere: Locator): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  await elsewhere.fill('still typing');
  await expect(elsewhere).toHaveValue('still typing');
}

async function pasteHuge(page: Page, target: Locator): Promise<void> {
  await page.evaluate((n) => navigator.clipboard.writeText('x'.repeat(n)), TEN_MB);
  await target.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ControlOrMeta+V');
}

async function fieldText(target: Locator): Promise<string> {
  return target.evaluate((el) =>
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
      ? el.value
      : (el.textContent ?? ''),
  );
}

/** The editor is still there: the form, the preview and the title field. */
async function expectNotBlank(page: Page): Promise<void> {
  await expect(form(page)).toBeVisible();
  await expect(preview(page)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Proposal Studio' })).toBeVisible();
}

for (const kind of ['one-line', 'prose', 'code'] as const) {
  test(`a 10 MB paste into a ${kind} field is refused with a message; the field keeps its text`, async ({
    page,
  }) => {
    await openTemplate(page, 'RFC');
    const fields = {
      'one-line': form(page).locator('input[type="text"]').first(),
      prose: form(page).locator('[contenteditable="true"]').first(),
      code: form(page).locator('textarea.code-input').first(),
    };
    const target = fields[kind];
    const elsewhere = form(page).locator('input[type="text"]').nth(1);
    await expect(target).toBeVisible();
    // The author's own text first.
    await target.click();
    await page.keyboard.type('Mine ');
    const before = await fieldText(target);
    expect(before).toContain('Mine');

    await pasteHuge(page, target);
    await expect(page.getByRole('alert').filter({ hasText: 'was not added' })).toContainText(
      'This text has 10,000,',
    );
    await expect(page.getByRole('alert').filter({ hasText: 'was not added' })).toContainText(
      'one field holds at most 100,000',
    );
    expect(await fieldText(target)).toBe(before);
    await expectNotBlank(page);
    await expectResponsive(page, elsewhere);
    // Characters lost: none (the author's text is in the document too).
    expect(await markdownText(page)).toContain('Mine');
  });
}

test('a list nested 5,000 levels deep: the preview shows it as plain text with a notice', async ({
  page,
}) => {
  await openTemplate(page, 'RFC');
  const toggle = form(page)
    .getByRole('button', { name: /Markdown source/ })
    .first();
  await toggle.click();
  const source = form(page).locator('.prose-source').first();
  const deep = `${'- '.repeat(5000)}deepest`;
  await source.fill(deep);
  await expect(preview(page).getByRole('status')).toContainText(
    'Shown as plain text: Lists or quotes are nested 5,000 levels deep',
  );
  await expectNotBlank(page);
  await expectResponsive(page, form(page).locator('input[type="text"]').first());
  expect(await shownText(source)).toBe(deep);
  expect(await markdownText(page)).toContain(deep);
});

/** While the worker reads, the page answers (a frame is painted) and the progress is still up. */
async function probeWhileReading(page: Page): Promise<void> {
  const progress = page.getByRole('status').filter({ hasText: 'Reading the template' });
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  await expect(progress.getByRole('button', { name: 'Cancel' })).toBeVisible();
}

const TEN_THOUSAND_HEADINGS = Array.from(
  { length: 10_000 },
  (_, i) => `## Question ${i + 1}\n`,
).join('\n');

const ONE_MB = Array.from(
  { length: 2000 },
  (_, i) =>
    `## Section ${i + 1}\n\n<!-- What belongs in section ${i + 1}? -->\n\n${'Some words of guidance. '.repeat(21)}\n`,
).join('\n');

test('a 1 MB template is read in the background with progress and Cancel; the text is kept', async ({
  page,
}) => {
  expect(ONE_MB.length).toBeGreaterThan(1_000_000);
  const box = await pasteTemplate(page, ONE_MB);
  // The worker's script is held back until Cancel is pressed, so the reading is surely under way.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/templateWorker-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await page.getByRole('button', { name: 'Check the template' }).click();
  await probeWhileReading(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert')).toHaveText('Cancelled. The template text is still here.');
  await expect(box).toHaveValue(ONE_MB);
  release();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  // Read to the end, it opens as a form.
  await page.getByRole('button', { name: 'Check the template' }).click();
  await page.getByRole('button', { name: 'Add and start a proposal' }).click({ timeout: 60_000 });
  await expect(page).toHaveURL(/#\/draft\//, { timeout: 60_000 });
  await expect(form(page)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('link', { name: 'Proposal Studio' })).toBeVisible();
});

test('a 10,000-heading template is read in the background and opens', async ({ page }) => {
  await pasteTemplate(page, TEN_THOUSAND_HEADINGS);
  await page.getByRole('button', { name: 'Check the template' }).click();
  await probeWhileReading(page);
  await page.getByRole('button', { name: 'Add and start a proposal' }).click({ timeout: 60_000 });
  await expect(page).toHaveURL(/#\/draft\//, { timeout: 60_000 });
  await expect(form(page)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('link', { name: 'Proposal Studio' })).toBeVisible();
});

/** A name per number whose digits are letters (numbered headings would be one repeated group). */
const topic = (n: number) => `Topic ${[...String(n)].map((d) => 'bcdfghjklm'[Number(d)]).join('')}`;

/** Ten thousand sections of their own, each an empty heading (a question). */
const TEN_THOUSAND_SECTIONS = Array.from({ length: 10_000 }, (_, i) => `## ${topic(i + 1)}\n`).join(
  '\n',
);

test('a 10,000-heading template: the outline lists every section, and a jump to the last shows it in the form and the preview', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await pasteTemplate(page, TEN_THOUSAND_SECTIONS);
  await page.getByRole('button', { name: 'Check the template' }).click();
  await page.getByRole('button', { name: 'Add and start a proposal' }).click({ timeout: 60_000 });
  const outline = page.getByRole('navigation', { name: 'Outline' });
  await expect(outline.getByRole('button', { name: new RegExp(`^${topic(1)}\\b`) })).toBeVisible({
    timeout: 60_000,
  });
  // Scrolled to its end, the outline shows the last section (its lines mount as they come near).
  const last = outline.getByRole('button', { name: new RegExp(`^${topic(10_000)}\\b`) });
  await expect(async () => {
    await page
      .locator('.editor-sidebar')
      .evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
    await expect(last).toBeAttached({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  // Every section is in the outline, in order, once: lines near the view, and the titles that
  // lines not yet mounted hold for find in page.
  const text = (await outline.locator('ol').first().textContent()) ?? '';
  const titles = [...text.matchAll(/Topic [b-m]+/g)].map((m) => m[0]);
  expect(titles).toEqual(Array.from({ length: 10_000 }, (_, i) => topic(i + 1)));

  await last.click();
  const card = form(page).getByRole('region', { name: topic(10_000) });
  await expect(card).toBeInViewport();
  // The caret is in its field.
  await expect.poll(() => card.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  const heading = preview(page).getByRole('heading', { name: topic(10_000) });
  await expect(heading).toBeInViewport({ timeout: 20_000 });
  // The preview's sections far from the view wait unrendered, their text kept for find in page.
  await expect(preview(page).getByRole('heading', { name: topic(5000), exact: true })).toHaveCount(
    0,
  );
  await expect(preview(page).locator('.markdown-body')).toContainText(topic(5000));
});

test('a binary file chosen as a template is refused with its message', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a template' }).click();
  const bytes = Buffer.alloc(100_000);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 7919) % 256;
  await page
    .getByLabel('Template file')
    .setInputFiles({ name: 'photo.md', mimeType: 'text/markdown', buffer: bytes });
  await expect(page.getByRole('alert')).toContainText('This template cannot be used');
  await expect(page.getByRole('alert')).toContainText('binary');
  await expect(page).not.toHaveURL(/#\/draft\//);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
});

test('a template over the limit is refused before it is read', async ({ page }) => {
  await pasteTemplate(page, `## A\n\n${'x'.repeat(2_000_001)}`);
  await page.getByRole('button', { name: 'Check the template' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'This template has 2,000,007 characters; a template may have at most 2,000,000.',
  );
});

test('a share link whose template cannot be read is refused before anything is saved', async ({
  page,
}) => {
  // What encodeShare (src/core/share.ts) writes.
  const data = LZString.compressToEncodedURIComponent(
    JSON.stringify({
      v: 1,
      templateId: 'imported-deep',
      templateSource: `## Steps\n\n${'- '.repeat(300)}x\n`,
      title: 'Shared deep proposal',
      values: {},
    }),
  );
  await page.goto(`/#/share/${data}`);
  await expect(
    page.getByRole('heading', { name: 'This share link cannot be opened' }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(
    'The template it carries cannot be read: Lists or quotes are nested 300 levels deep',
  );
  await expect(page.getByRole('alert')).toContainText('Nothing was saved.');
  await expect(page.getByRole('button', { name: 'Open as a new draft' })).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.getByText('Shared deep proposal')).toHaveCount(0);
});
