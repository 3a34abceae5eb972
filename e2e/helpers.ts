import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** Shared steps of the browser tests: opening a template and finding the editor's parts. */

/** A dialog (author text run as script) or an uncaught page error fails the test. */
export function failOnDialogsAndErrors(page: Page): void {
  page.on('dialog', (dialog) => {
    void dialog.dismiss();
    throw new Error(`Unexpected dialog: ${dialog.message()}`);
  });
  page.on('pageerror', (error) => {
    throw error;
  });
}

export async function openTemplate(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name, exact: false }).first().click();
  await expect(page).toHaveURL(/#\/draft\/[a-z0-9]+$/);
  await expect(page.getByText(/\d+ of \d+ sections complete/)).toBeVisible();
}

export function form(page: Page): Locator {
  return page.getByRole('form', { name: 'Proposal form' });
}

export function section(page: Page, title: string | RegExp): Locator {
  return form(page).getByRole('region', { name: title }).first();
}

export function preview(page: Page): Locator {
  return page.getByRole('region', { name: 'Preview' });
}

/** Scrolls the preview's scroller (the nearest box around its sections that scrolls) to `fraction` of its height at once, as a dragged scrollbar does. */
export async function scrollPreview(page: Page, fraction: number): Promise<void> {
  await page.locator('.preview-sections').evaluate((sections, at) => {
    let scroller: HTMLElement | null = sections.parentElement;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight + 1) {
      scroller = scroller.parentElement;
    }
    const target = scroller ?? document.scrollingElement!;
    target.scrollTop = target.scrollHeight * at;
  }, fraction);
}

/** The exact text of the preview's Markdown tab (what every export carries). */
export async function markdownText(page: Page): Promise<string> {
  const region = preview(page);
  await region.getByRole('tab', { name: 'Markdown' }).click();
  const text = (await region.getByRole('tabpanel', { name: 'Markdown' }).textContent()) ?? '';
  await region.getByRole('tab', { name: 'Preview' }).click();
  return text;
}

/**
 * What a text field shows: a textarea's or input's value, the Markdown source editor's text (its
 * chunks of lines joined by line breaks), or a rich-text editor's text (a prose field shows its
 * Markdown source in a textarea until its editor has loaded).
 */
export function shownText(field: Locator): Promise<string> {
  return field.evaluate((el) => {
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value;
    if (el.classList.contains('source-editor')) {
      return [...el.children].map((chunk) => chunk.textContent ?? '').join('\n');
    }
    return el.textContent ?? '';
  });
}

/**
 * Puts the caret of a textarea or of the Markdown source editor right after the first `after`
 * in its text (within one line of it), and focuses the field.
 */
export async function caretAfter(box: Locator, after: string): Promise<void> {
  await box.evaluate((el, needle) => {
    if (el instanceof HTMLTextAreaElement) {
      const at = el.value.indexOf(needle) + needle.length;
      el.focus();
      el.setSelectionRange(at, at);
      return;
    }
    const chunk = [...el.children].find((c) => c.textContent?.includes(needle));
    const text = chunk?.firstChild;
    if (!chunk || !text) throw new Error(`not in the field: ${needle}`);
    chunk.scrollIntoView({ block: 'center' });
    (el as HTMLElement).focus();
    const at = (text.textContent ?? '').indexOf(needle) + needle.length;
    window.getSelection()?.setBaseAndExtent(text, at, text, at);
  }, after);
}

/**
 * Sets a text field's whole value at once, as a paste does (typing a megabyte would take
 * minutes). A textarea's value is set through the prototype's setter, as typing does, so the
 * app's own input handling sees it; an editor gets its text selected and a paste event.
 */
export async function pasteInto(box: Locator, text: string): Promise<void> {
  if (await box.evaluate((el) => el instanceof HTMLTextAreaElement)) {
    await box.evaluate((el, value) => {
      Reflect.set(HTMLTextAreaElement.prototype, 'value', value, el);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
    return;
  }
  // An editor: its whole text selected, then a paste of `text` as the clipboard gives it.
  await box.click();
  await box.press('ControlOrMeta+a');
  await box.evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Opens the gallery's template import with `text` pasted in; returns the text box. */
export async function pasteTemplate(page: Page, text: string): Promise<Locator> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a template' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Pasted text' }).check();
  const box = dialog.getByRole('textbox', { name: 'Template text' });
  await pasteInto(box, text);
  await expect(box).toHaveValue(text);
  return box;
}
