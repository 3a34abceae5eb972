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
 * What a text field shows: a textarea's or input's value, or a rich-text editor's text (a
 * prose field shows its Markdown source in a textarea until the rich-text editor has loaded).
 */
export function shownText(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement
      ? el.value
      : (el.textContent ?? ''),
  );
}

/**
 * Sets a text area's whole value in one input event, as a paste does (typing a megabyte would
 * take minutes). The value is set through the prototype's setter, as typing does, so the app's
 * own input handling sees it.
 */
export async function pasteInto(box: Locator, text: string): Promise<void> {
  await box.evaluate((el, value) => {
    Reflect.set(HTMLTextAreaElement.prototype, 'value', value, el);
    el.dispatchEvent(new Event('input', { bubbles: true }));
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
