import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import {
  caretAfter,
  failOnDialogsAndErrors,
  markdownText,
  openTemplate,
  preview,
  section,
  shownText,
} from './helpers.ts';

/**
 * A prose field's Markdown source: plain text in an editor that lays out only the lines near the
 * screen. It must edit text exactly as a textarea does, whatever the answer's size.
 */

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

async function openSource(page: Page): Promise<Locator> {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const background = section(page, /^Background/);
  await background.getByRole('button', { name: 'Markdown source for Motivation' }).click();
  const source = background.getByRole('textbox', { name: 'Motivation' });
  await expect(source).toHaveClass(/source-editor/);
  return source;
}

test('Enter, Backspace and undo edit the Markdown source as in a textarea; the preview follows', async ({
  page,
}) => {
  const source = await openSource(page);
  await source.click();
  await page.keyboard.type('Line one');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Line two');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- an item');
  await expect.poll(() => shownText(source)).toBe('Line one\nLine two\n\n- an item');
  await expect(preview(page).getByRole('listitem').filter({ hasText: 'an item' })).toBeVisible();

  // Backspace at the start of a line joins it to the line before; undo brings the break back.
  await caretAfter(source, 'Line one');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Backspace');
  await expect.poll(() => shownText(source)).toBe('Line oneLine two\n\n- an item');
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => shownText(source)).toBe('Line one\nLine two\n\n- an item');
  await expect(page.locator('.save-indicator')).toHaveText('Saved');
  expect(await markdownText(page)).toContain('Line one\nLine two\n\n- an item');
});

test('a paste is plain text with its line breaks, and a copy gives the lines back', async ({
  page,
}) => {
  const source = await openSource(page);
  await source.click();
  await source.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'First **line**\r\nSecond line\r\n\r\n<b>not markup</b>');
    data.setData('text/html', '<p><b>Bold</b> from a web page</p>');
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  const pasted = 'First **line**\nSecond line\n\n<b>not markup</b>';
  await expect.poll(() => shownText(source)).toBe(pasted);

  // A paste with no text (an image, a file) over a selection leaves the text as it was.
  await source.press('ControlOrMeta+a');
  await source.evaluate((el) => {
    el.dispatchEvent(
      new ClipboardEvent('paste', {
        clipboardData: new DataTransfer(),
        bubbles: true,
        cancelable: true,
      }),
    );
  });
  await source.press('End');
  await expect.poll(() => shownText(source)).toBe(pasted);

  // What the editor puts on the clipboard, read after its own copy handler has run.
  await page.evaluate(() => {
    window.addEventListener('copy', (event) => {
      document.body.dataset.copied = event.clipboardData?.getData('text/plain') ?? '';
    });
  });
  await source.press('ControlOrMeta+a');
  await source.press('ControlOrMeta+c');
  await expect.poll(() => page.evaluate(() => document.body.dataset.copied ?? null)).toBe(pasted);
});

test('a 300 KB answer: typing in its middle lands there, and all of it is kept after a reload', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const source = await openSource(page);
  const paragraphs = Array.from(
    { length: 2600 },
    (_, i) =>
      `Paragraph ${String(i).padStart(4, '0')}: the layer cache keeps the latency within its budget for every tenant, in every region, at every size.`,
  );
  const text = paragraphs.join('\n\n');
  expect(text.length).toBeGreaterThan(300_000);
  await source.fill(text, { timeout: 120_000 });
  await expect.poll(() => shownText(source), { timeout: 60_000 }).toBe(text);
  // The text is held in many blocks, so only those near the screen are laid out.
  expect(await source.evaluate((el) => el.children.length)).toBeGreaterThan(50);

  await caretAfter(source, 'Paragraph 0750');
  await page.keyboard.type(' (edited)');
  const edited = text.replace('Paragraph 0750', 'Paragraph 0750 (edited)');
  await expect.poll(() => shownText(source)).toBe(edited);
  await expect(page.locator('.save-indicator')).toHaveText('Saved', { timeout: 30_000 });
  expect(await markdownText(page)).toContain(edited);

  await page.reload();
  const markdown = await markdownText(page);
  expect(markdown).toContain(edited);
});

test('while the source editor loads, a textarea stands in and hands over the text and the caret', async ({
  page,
}) => {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/SourceEditor-[^/]*\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const background = section(page, /^Background/);
  await background.getByRole('button', { name: 'Markdown source for Motivation' }).click();
  const standIn = background.locator('textarea.prose-source');
  await standIn.click();
  await page.keyboard.type('Typed while loading');
  release();
  const editor = background.locator('.source-editor');
  await expect(editor).toBeVisible();
  await expect(editor).toBeFocused();
  await page.keyboard.type(', then in the editor');
  await expect.poll(() => shownText(editor)).toBe('Typed while loading, then in the editor');
  expect(await markdownText(page)).toContain('Typed while loading, then in the editor');
});

test('when the source editor cannot be loaded, the textarea stays and keeps what is typed', async ({
  page,
}) => {
  await page.route(/\/SourceEditor-[^/]*\.js$/, (route) => route.abort());
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const background = section(page, /^Background/);
  await background.getByRole('button', { name: 'Markdown source for Motivation' }).click();
  const standIn = background.locator('textarea.prose-source');
  await standIn.click();
  await page.keyboard.type('Still editable');
  await expect(standIn).toHaveValue('Still editable');
  await expect(background.locator('.source-editor')).toHaveCount(0);
  expect(await markdownText(page)).toContain('Still editable');
});

test('the caret stays in view: Ctrl+End, then Enter and typing at the end of a long answer', async ({
  page,
}) => {
  const source = await openSource(page);
  const lines = Array.from({ length: 400 }, (_, i) => `Line ${i}`).join('\n');
  await source.fill(lines);
  await expect.poll(() => shownText(source)).toBe(lines);
  await source.press('ControlOrMeta+Home');
  await source.press('ControlOrMeta+End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  // The caret's new line, the field's last, is scrolled into its box (Enter is the editor's,
  // not the browser's: the editor scrolls).
  await expect
    .poll(() => source.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
    .toBeLessThan(10);
  await page.keyboard.type('The end');
  await expect.poll(() => shownText(source)).toBe(`${lines}\n\n\nThe end`);
});

test('a click on the field’s label focuses its editor, in rich text and in Markdown source', async ({
  page,
}) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const background = section(page, /^Background/);
  const rich = background.getByRole('textbox', { name: 'Motivation' });
  await expect(rich).toHaveAttribute('contenteditable', 'true');
  const id = await rich.getAttribute('id');
  const label = page.locator(`label[for="${id}"]`);
  await label.click();
  await expect(rich).toBeFocused();
  await background.getByRole('button', { name: 'Markdown source for Motivation' }).click();
  const source = background.locator('.source-editor');
  await expect(source).toBeVisible();
  await label.click();
  await expect(source).toBeFocused();
  await page.keyboard.type('Typed after the label');
  await expect.poll(() => shownText(source)).toBe('Typed after the label');
});
