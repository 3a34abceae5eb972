import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { form, pasteTemplate } from './helpers.ts';

function draftRow(page: Page, title: string) {
  return page
    .getByRole('region', { name: 'Your drafts' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

test('drafts: create, list, rename, duplicate, delete with undo, survive a reload', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByText('No drafts yet.')).toBeVisible();

  // A template opened and left without a keystroke leaves no draft behind.
  const rfc = page.getByRole('button', { name: 'Enhancement RFC', exact: false });
  await rfc.click();
  await expect(page).toHaveURL(/#\/draft\/[a-z0-9]+$/);
  await expect(page.getByText(/\d+ of \d+ sections complete/)).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/(#\/?)?$/);
  await expect(page.getByText('No drafts yet.')).toBeVisible();

  await rfc.click();
  await expect(page).toHaveURL(/#\/draft\/[a-z0-9]+$/);
  const draftUrl = page.url();
  await page.getByRole('textbox', { name: /^Category/ }).fill('performance');
  await expect(page.locator('.save-indicator')).toHaveText('Saved');

  // Back to the gallery: the #/new/ entry was replaced, so one step back is the gallery.
  await page.goBack();
  await expect(page).toHaveURL(/\/(#\/?)?$/);
  const drafts = page.getByRole('region', { name: 'Your drafts' });
  await expect(drafts.getByRole('listitem')).toHaveCount(1);
  await expect(drafts.getByRole('listitem')).toContainText('Enhancement RFC');
  await expect(drafts.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  // The progress line counts like the editor's meter: nothing is filled in a new RFC draft.
  await expect(drafts.getByRole('listitem')).toContainText(/(^|[^0-9])0 of \d+ sections complete/);

  // Rename: Escape cancels, Enter saves.
  const row = drafts.getByRole('listitem').first();
  await row.getByRole('button', { name: 'Rename' }).click();
  const input = row.getByRole('textbox');
  await input.fill('Ignored');
  await input.press('Escape');
  await expect(row.getByRole('link', { name: 'Untitled proposal', exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByRole('textbox').fill('Faster builds');
  await row.getByRole('textbox').press('Enter');
  await expect(draftRow(page, 'Faster builds')).toHaveCount(1);

  // Duplicate.
  await draftRow(page, 'Faster builds').getByRole('button', { name: 'Duplicate' }).click();
  await expect(draftRow(page, 'Faster builds (copy)')).toHaveCount(1);
  await expect(drafts.getByRole('listitem')).toHaveCount(2);

  // Delete, then Undo from the toast (focus is moved to it for keyboard users).
  await draftRow(page, 'Faster builds (copy)').getByRole('button', { name: 'Delete' }).click();
  await expect(drafts.getByRole('listitem')).toHaveCount(1);
  const toast = page.getByRole('status').filter({ hasText: 'Deleted “Faster builds (copy)”' });
  await expect(toast).toBeVisible();
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeFocused();
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(drafts.getByRole('listitem')).toHaveCount(2);
  await expect(draftRow(page, 'Faster builds (copy)')).toHaveCount(1);

  // A reload keeps everything.
  await page.reload();
  await expect(drafts.getByRole('listitem')).toHaveCount(2);
  await expect(draftRow(page, 'Faster builds')).toHaveCount(1);
  await expect(draftRow(page, 'Faster builds (copy)')).toHaveCount(1);

  // Open goes to the draft.
  await draftRow(page, 'Faster builds').getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(draftUrl);
});

test('an unknown draft says so and links back', async ({ page }) => {
  await page.goto('/#/draft/doesnotexist');
  await expect(page.getByRole('heading', { level: 1, name: 'Draft not found' })).toBeVisible();
  await page.getByRole('link', { name: /back to/i }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start a proposal' })).toBeVisible();
});

test('the theme toggle sets data-theme and keeps it over a reload', async ({ page }) => {
  await page.goto('/');
  const html = page.locator('html');
  const toggle = page.getByRole('button', { name: /^Theme: / });
  await expect(toggle).toHaveAccessibleName('Theme: System');
  await expect(html).not.toHaveAttribute('data-theme');

  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Theme: Dark' })).toBeVisible();

  await page.getByRole('button', { name: 'Theme: Dark' }).click();
  await expect(html).not.toHaveAttribute('data-theme');
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  await expect(page).toHaveURL(/\/(#\/?)?$/);
});

test('a draft of a 1,000-section template gets its progress line without holding up the gallery', async ({
  page,
}) => {
  // A large template opens in seconds on a busy shared machine.
  test.setTimeout(180_000);
  // Names without numbers ("Topic ab"): numbered headings would be one repeated block.
  const name = (i: number): string =>
    (i >= 26 ? name(Math.floor(i / 26) - 1) : '') + String.fromCharCode(97 + (i % 26));
  const template = Array.from({ length: 1000 }, (_, i) => `## Topic ${name(i)}\n`).join('\n');
  await pasteTemplate(page, template);
  await page.getByRole('button', { name: 'Check the template' }).click();
  await page.getByRole('button', { name: 'Add and start a proposal' }).click({ timeout: 60_000 });
  await expect(page).toHaveURL(/#\/draft\//, { timeout: 60_000 });
  // The first answer after the title.
  const first = form(page).getByRole('textbox').nth(1);
  await first.fill('Answered');
  await expect(page.locator('.save-indicator')).toHaveText('Saved', { timeout: 60_000 });

  // The line is read and checked in a worker: the gallery answers at once meanwhile.
  const worker = page.waitForEvent('worker', (w) => w.url().includes('progressWorker'));
  await page.getByRole('link', { name: 'Proposal Studio' }).click();
  await worker;
  await page.getByRole('button', { name: 'Import a template' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(draftRow(page, 'Untitled proposal')).toContainText('of 1000 sections complete', {
    timeout: 60_000,
  });
});
