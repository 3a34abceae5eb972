import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { failOnDialogsAndErrors, form, markdownText, openTemplate, preview } from './helpers.ts';

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
  const source = form(page).locator('textarea.prose-source').first();
  const deep = `${'- '.repeat(5000)}deepest`;
  await source.fill(deep);
  await expect(preview(page).getByRole('status')).toContainText(
    'Shown as plain text: Lists or quotes are nested 5,000 levels deep',
  );
  await expectNotBlank(page);
  await expectResponsive(page, form(page).locator('input[type="text"]').first());
  expect(await source.inputValue()).toBe(deep);
  expect(await markdownText(page)).toContain(deep);
});
