import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { failOnDialogsAndErrors, form, markdownText, openTemplate } from './helpers.ts';

/**
 * One title, one place: the draft's name, the document's title heading and front matter
 * `title`, and the issue title are the one field at the top of the form.
 */

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

function titleInput(page: Page) {
  return form(page)
    .getByRole('textbox', { name: /^Title/ })
    .first();
}

test('the RFC title is typed once: heading, front matter, page heading and draft name', async ({
  page,
}) => {
  await openTemplate(page, 'Enhancement RFC');
  const title = titleInput(page);
  // The title is the form's first field, where the caret starts.
  await expect(title).toBeFocused();
  await expect(title).toHaveAttribute('placeholder', 'Enhancement Title');
  await page.keyboard.type('Layer caching');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Layer caching', exact: true }),
  ).toBeVisible();
  await expect
    .poll(() => markdownText(page))
    .toMatch(/^---\ntitle: Layer caching\n[^]*\n# Enhancement: Layer caching\n/);
  // The front matter shows as GitHub shows it: a table of keys and values.
  const frontMatter = page.getByRole('region', { name: 'Preview' }).locator('table.front-matter');
  await expect(frontMatter.locator('th').first()).toHaveText('title');
  await expect(frontMatter.locator('td').first()).toHaveText('Layer caching');
  // No second place to type it.
  await expect(form(page).getByRole('region', { name: 'Document metadata' })).toBeVisible();
  await expect(
    form(page)
      .getByRole('region', { name: 'Document metadata' })
      .getByRole('textbox', {
        name: /^title/i,
      }),
  ).toHaveCount(0);
  await expect(page.locator('.save-indicator')).toHaveText('Saved');
  await page.goto('/');
  const drafts = page.getByRole('region', { name: 'Your drafts' });
  await expect(drafts.getByRole('listitem')).toHaveCount(1);
  await expect(drafts.getByRole('link', { name: 'Layer caching', exact: true })).toBeVisible();
  const row = drafts.getByRole('listitem').first();

  // Renamed in the draft list: the one title follows.
  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByRole('textbox').fill('Layer cache v2');
  await row.getByRole('textbox').press('Enter');
  await page
    .getByRole('region', { name: 'Your drafts' })
    .getByRole('link', { name: 'Layer cache v2', exact: true })
    .click();
  await expect(titleInput(page)).toHaveValue('Layer cache v2');
  await expect
    .poll(() => markdownText(page))
    .toMatch(/^---\ntitle: Layer cache v2\n[^]*\n# Enhancement: Layer cache v2\n/);
});

test('the issue never gets the template placeholder title', async ({ page }) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  await expect(titleInput(page)).toHaveAttribute(
    'placeholder',
    ':wrench:(scope): Brief description of the enhancement',
  );
  const openDialog = async () => {
    await page.getByRole('button', { name: 'Open on GitHub…' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /anyway/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Open on GitHub' });
    await dialog.getByRole('textbox', { name: 'Repository' }).fill('octo-org/octo-repo');
    return dialog;
  };
  let dialog = await openDialog();
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue('');
  const href = async () =>
    new URL(
      (await dialog.getByRole('region', { name: 'Link' }).getByRole('link').getAttribute('href')) ??
        '',
    );
  let link = await href();
  expect(link.searchParams.has('title')).toBe(false);
  await page.keyboard.press('Escape');

  await titleInput(page).fill(':wrench:(ci): Cache image layers');
  dialog = await openDialog();
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue(
    ':wrench:(ci): Cache image layers',
  );
  link = await href();
  expect(link.searchParams.get('title')).toBe(':wrench:(ci): Cache image layers');
});
