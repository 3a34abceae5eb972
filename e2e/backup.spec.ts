import { expect, test } from '@playwright/test';
import { failOnDialogsAndErrors, form, shownText } from './helpers.ts';

test('a backup restores drafts and templates in a fresh browser; a bad file changes nothing', async ({
  page,
  browser,
}) => {
  failOnDialogsAndErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a template' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Pasted text' }).check();
  await dialog.getByRole('textbox', { name: 'Template text' }).fill('## Goal\n\n<!-- Why -->\n');
  await dialog.getByRole('button', { name: 'Check the template' }).click();
  await dialog.getByRole('textbox', { name: 'Template name' }).fill('Backup plan');
  await dialog.getByRole('button', { name: 'Add and start a proposal' }).click();
  await form(page).getByRole('textbox', { name: 'Goal' }).fill('Keep everything.');
  await page.goto('/');
  const drafts = page.getByRole('region', { name: 'Your drafts' });
  // The library loads after the gallery shows: wait for the draft before counting.
  await expect(drafts.getByRole('listitem').first()).toBeVisible();
  const count = await drafts.getByRole('listitem').count();
  expect(count).toBeGreaterThan(0);

  const backup = page.getByRole('region', { name: 'Backup' });
  const download = page.waitForEvent('download');
  await backup.getByRole('button', { name: 'Download a backup' }).click();
  const file = await (await download).path();

  // A foreign file is refused in one sentence and nothing changes.
  await backup.getByLabel('Restore from a backup file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": "world"}'),
  });
  await expect(backup.getByRole('alert')).toHaveText(/^This file is not a Proposal Studio backup/);
  await expect(drafts.getByRole('listitem')).toHaveCount(count);

  // The same backup in this browser: the drafts are here already, offered as copies only.
  await backup.getByLabel('Restore from a backup file').setInputFiles(file);
  await expect(backup.getByRole('group', { name: 'Restore this backup' })).toContainText(
    'already here',
  );
  await backup.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(backup.getByRole('status')).toHaveText(/^Restored 0 drafts/);
  await expect(drafts.getByRole('listitem')).toHaveCount(count);

  // A fresh browser context (no storage) gets everything back.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  failOnDialogsAndErrors(fresh);
  await fresh.goto('/');
  const freshBackup = fresh.getByRole('region', { name: 'Backup' });
  await freshBackup.getByLabel('Restore from a backup file').setInputFiles(file);
  await freshBackup.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(freshBackup.getByRole('status')).toHaveText(/^Restored \d+ drafts? and 1 template/);
  await expect(fresh.getByRole('region', { name: 'Your templates' })).toContainText('Backup plan');
  const freshDrafts = fresh.getByRole('region', { name: 'Your drafts' });
  await expect(freshDrafts.getByRole('listitem')).toHaveCount(count);
  await freshDrafts.getByRole('link').first().click();
  // Shown as soon as the form is (the rich-text editor may still be loading on a busy machine).
  await expect
    .poll(() => shownText(form(fresh).getByRole('textbox', { name: 'Goal' })))
    .toContain('Keep everything.');
  await context.close();
});
