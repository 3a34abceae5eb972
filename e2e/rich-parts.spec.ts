import { expect, test } from '@playwright/test';
import {
  failOnDialogsAndErrors,
  markdownText,
  openTemplate,
  pasteInto,
  section,
} from './helpers.ts';

/**
 * A long rich-text answer is held in parts of a few blocks (only those near the screen are laid
 * out). A part's edges must not show: typing across them acts as between any two paragraphs.
 */

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

test('Backspace and Delete between two parts of a long rich-text answer join the paragraphs', async ({
  page,
}) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const background = section(page, /^Background/);
  await background.getByRole('button', { name: 'Markdown source for Motivation' }).click();
  const source = background.getByRole('textbox', { name: 'Motivation' });
  const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}`).join('\n\n');
  await pasteInto(source, text);
  await background.getByRole('button', { name: 'Markdown source for Motivation' }).click();
  const rich = background.getByRole('textbox', { name: 'Motivation' });
  await expect(rich).toHaveClass(/rich-text/);
  const parts = rich.locator(':scope > .prose-part');
  await expect(parts).toHaveCount(5);
  // The first paragraph of the second part: Backspace at its start joins it to the one before.
  const second = parts.nth(1).locator('p').first();
  await expect(second).toHaveText('Paragraph 8');
  await second.click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Backspace');
  await expect(rich.locator('p', { hasText: 'Paragraph 7Paragraph 8' })).toHaveCount(1);
  // Delete at the end of a part's last paragraph joins the next part's first to it (the first
  // two parts are one now).
  await expect(parts).toHaveCount(4);
  const last = parts.nth(1).locator('p').last();
  await expect(last).toHaveText('Paragraph 23');
  await last.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Delete');
  await expect(rich.locator('p', { hasText: 'Paragraph 23Paragraph 24' })).toHaveCount(1);
  await expect(page.locator('.save-indicator')).toHaveText('Saved');
  const markdown = await markdownText(page);
  expect(markdown).toContain('Paragraph 6\n\nParagraph 7Paragraph 8\n\nParagraph 9');
  expect(markdown).toContain('Paragraph 22\n\nParagraph 23Paragraph 24\n\nParagraph 25');
  expect(markdown).toContain('Paragraph 39');
});
