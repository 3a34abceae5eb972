import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
  failOnDialogsAndErrors,
  form,
  markdownText,
  pasteTemplate,
  preview,
  scrollPreview,
} from './helpers.ts';

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

/** A name for part `n` in letters (`Area aab`): numbered headings would be read as a repeat. */
function area(n: number): string {
  let code = '';
  for (let rest = n, i = 0; i < 3; i++, rest = Math.floor(rest / 26)) {
    code = String.fromCharCode(97 + (rest % 26)) + code;
  }
  return `Area ${code}`;
}

/** A template of 10,000 headings: one title, then areas that each ask one question. */
function manyHeadings(count: number): string {
  const parts = ['# Migration plan\n\n**Owner**: [Your Name]\n'];
  for (let n = 1; n < count; n++) {
    parts.push(`## ${area(n)}\n\n<!-- What changes in this area, and who checks it -->\n`);
  }
  return parts.join('\n');
}

async function importPasted(page: Page, text: string) {
  await pasteTemplate(page, text);
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Check the template' }).click();
  // Reading 10,000 headings takes a while on a busy machine (no timing is asserted here).
  await dialog
    .getByRole('button', { name: 'Add and start a proposal' })
    .click({ timeout: 400_000 });
}

test('a 10,000-heading template opens, and an area far down is reached from the outline and filled', async ({
  page,
}) => {
  // Parsing and checking 10,000 headings on a shared 2-core machine takes minutes.
  test.setTimeout(900_000);
  await importPasted(page, manyHeadings(10_000));
  await expect(page).toHaveURL(/#\/draft\//, { timeout: 400_000 });
  await expect(page.getByText(/^0 of \d+ sections complete/)).toBeVisible({ timeout: 400_000 });

  // The form mounts only what is near the view: the area far down is not in the page until it
  // is needed. The outline lists every area; its lines mount as they come near, so the author
  // scrolls the outline down to the area (e2e/hostile.spec.ts checks the whole outline).
  const outline = page.getByRole('navigation', { name: 'Outline' });
  const far = form(page).getByRole('region', { name: area(9876), exact: true });
  await expect(far).toHaveCount(0);
  const line = outline.getByRole('button', { name: `${area(9876)} Missing` });
  let step = 0;
  await expect(async () => {
    // Where the line stands, about: lines are of one height; nearby tries cover the estimate.
    const offset = [0, -1, 1, -2, 2, -3, 3][step++ % 7] ?? 0;
    await page
      .locator('.editor-sidebar')
      .evaluate(
        (scroller, by) =>
          scroller.scrollTo({ top: (scroller.scrollHeight * 9876) / 10_000 + by * 600 }),
        offset,
      );
    await expect(line).toBeAttached({ timeout: 1000 });
  }).toPass({ timeout: 120_000 });
  await line.scrollIntoViewIfNeeded();
  await line.click();
  await expect(far).toBeVisible();
  const box = far.getByRole('textbox').first();
  await expect(box).toBeFocused();
  await page.keyboard.type('Checked by the night shift.');
  await expect(box).toContainText('Checked by the night shift.');

  // The answer is in its place in the document, and the part counts as answered.
  await expect(page.getByText(/^1 of \d+ sections complete/)).toBeVisible();
  const markdown = await markdownText(page);
  expect(markdown).toContain(
    `## ${area(9876)}\n\nChecked by the night shift.\n\n## ${area(9877)}\n`,
  );

  // The preview renders sections as they come near: wherever it is scrolled to at once (a
  // scrollbar dragged), what is in view is rendered, never left as a waiting placeholder.
  for (const at of [0.37, 0.61, 0.88, 0.12]) {
    await scrollPreview(page, at);
    await expect
      .poll(
        () =>
          page.locator('.preview-sections').evaluate((sections, fraction) => {
            let scroller: HTMLElement | null = sections.parentElement;
            while (scroller && scroller.scrollHeight <= scroller.clientHeight + 1) {
              scroller = scroller.parentElement;
            }
            const view = (scroller ?? document.documentElement).getBoundingClientRect();
            const inView = [...sections.children].filter((child) => {
              // A rendered section is `display: contents`: its box is its contents'.
              const range = document.createRange();
              range.selectNodeContents(child);
              const box = child.classList.contains('preview-section-pending')
                ? child.getBoundingClientRect()
                : range.getBoundingClientRect();
              return box.bottom > view.top && box.top < view.bottom && box.height > 0;
            });
            const waiting = inView.filter((c) => c.classList.contains('preview-section-pending'));
            const area = /Area ([a-z]{3})/.exec(
              inView.find((c) => !waiting.includes(c))?.textContent ?? '',
            )?.[1];
            // The part of the document in view is where it was scrolled to: its first area's
            // number, of 10,000 (a preview cut short at its first sections fails here).
            const n = [...(area ?? '')].reduce((v, ch) => v * 26 + ch.charCodeAt(0) - 97, 0);
            return {
              someShown: inView.length > waiting.length,
              waiting: waiting.length,
              near: area !== undefined && Math.abs(n / 10_000 - fraction) < 0.1,
            };
          }, at),
        { timeout: 30_000 },
      )
      .toEqual({ someShown: true, waiting: 0, near: true });
  }
});

/** Opens a template of `count` areas and waits for its form (and first report). */
async function openMany(page: Page, count: number) {
  // Parsing and checking thousands of headings takes a while on a busy machine.
  test.setTimeout(300_000);
  await importPasted(page, manyHeadings(count));
  await expect(page).toHaveURL(/#\/draft\//, { timeout: 200_000 });
  await expect(page.getByText(/^0 of \d+ sections complete/)).toBeVisible({ timeout: 200_000 });
}

test('a large template’s preview fills in to its last area, with what was typed as it opened', async ({
  page,
}) => {
  await openMany(page, 2000);
  // Typed at once: the preview opens a part at a time after the form, and must not miss it.
  const owner = form(page).getByRole('textbox', { name: 'Owner', exact: true });
  await owner.fill('Ada Lovelace');
  const region = preview(page);
  await expect(region.getByText('Owner: Ada Lovelace')).toBeVisible();

  // Its last area, reached from the outline, is shown in the preview too (sections far down
  // render as they are needed).
  const line = page
    .getByRole('navigation', { name: 'Outline' })
    .getByRole('button', { name: `${area(1999)} Missing` });
  await expect(async () => {
    await page
      .locator('.editor-sidebar')
      .evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
    await expect(line).toBeAttached({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await line.click();
  await expect(region.getByRole('heading', { name: area(1999), exact: true })).toBeVisible();
  // Every area is in the preview, in order (rendered, or waiting with its text near the view).
  const text = (await region.locator('.preview-sections').textContent()) ?? '';
  let at = 0;
  for (let n = 1; n < 2000; n++) {
    const found = text.indexOf(area(n), at);
    expect(found, area(n)).toBeGreaterThan(at);
    at = found;
  }
  const markdown = await markdownText(page);
  expect(markdown).toContain('**Owner**: Ada Lovelace\n');
  expect(markdown).toContain(`## ${area(1998)}\n\n## ${area(1999)}\n`);
});

test('a download right after a large template opens carries the whole document', async ({
  page,
}) => {
  await openMany(page, 2000);
  const owner = form(page).getByRole('textbox', { name: 'Owner', exact: true });
  await owner.fill('Grace Hopper');
  // At once, while the preview may still be opening.
  await page
    .getByRole('group', { name: 'Export' })
    .getByRole('button', { name: 'Download .md' })
    .click();
  const confirm = page.getByRole('dialog', {
    name: /required sections? (is|are) (empty|partly filled): export anyway\?/,
  });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    confirm.getByRole('button', { name: 'Download .md anyway' }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  expect(text.startsWith('# Migration plan\n\n**Owner**: Grace Hopper\n')).toBe(true);
  for (let n = 1; n < 2000; n++) expect(text, area(n)).toContain(`## ${area(n)}\n`);
  expect(text.endsWith(`## ${area(1999)}\n`)).toBe(true);
  // The same text as the Markdown tab shows.
  expect(await markdownText(page)).toBe(text);
});
