import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import { failOnDialogsAndErrors, form, openTemplate, section } from './helpers.ts';

/**
 * The editor as a new user meets it: honest progress, field errors, Next missing, keyboard
 * use, and accessibility (axe, WCAG 2.1 A/AA and best practices) with screenshots kept as
 * artifacts at phone and desktop sizes, light and dark.
 */

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

const TEMPLATES = [
  'Enhancement Request (AI Agent)',
  'Feature Pull Request',
  'Enhancement Proposal (EP)',
  'Enhancement Proposal (plain text)',
  'Enhancement RFC',
];

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ') ?? ''}`,
  );
  expect(summary, `axe violations in ${what}`).toEqual([]);
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('the meter counts partly filled sections apart, never as complete', async ({ page }) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const meter = page.locator('.completeness-text');
  await expect(meter).toHaveText(/^0 of (\d+) sections complete$/);
  await form(page).getByRole('textbox', { name: 'TLDR' }).fill('Cache layers');
  await expect(meter).toHaveText(/^1 of \d+ sections complete$/);
  // One field of Background: partly filled, not complete.
  const background = section(page, /^Background/);
  await background.getByRole('textbox', { name: 'Component', exact: true }).fill('CI');
  await expect(meter).toHaveText(/^1 of \d+ sections complete · 1 partly filled$/);
  const outline = page.getByRole('navigation', { name: 'Outline' });
  await expect(outline.getByRole('button', { name: /Background.*Partly filled/ })).toBeVisible();
  await expect(background.locator('.status')).toHaveText(/Partly filled/);
  await expect(page.locator('.meter-partial')).not.toHaveCSS('width', '0px');
  // The section being edited is highlighted in the outline.
  await expect(outline.getByRole('button', { name: /^Background/ })).toHaveAttribute(
    'aria-current',
    'true',
  );
});

test('an empty required field says so once left; Next missing visits every one', async ({
  page,
}) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const affected = form(page).getByRole('textbox', { name: 'TLDR' });
  await affected.focus();
  await expect(affected).not.toHaveAttribute('aria-invalid', 'true');
  await affected.press('Tab');
  await expect(affected).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await affected.getAttribute('aria-describedby')) ?? '';
  const error = page.locator(`[id="${describedBy.split(' ').at(-1)}"]`);
  await expect(error).toHaveText('TLDR is required.');

  // An export attempt shows every empty required field's error.
  await page.getByRole('button', { name: 'Download .md' }).click();
  await page.keyboard.press('Escape');
  const errors = await page.locator('form .field-error').evaluateAll((els) => els.map((e) => e.id));
  expect(errors.length).toBeGreaterThan(10);

  // Next missing goes through exactly those fields, in order, and comes round again.
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const visited: string[] = [];
  for (let i = 0; i < errors.length; i++) {
    await page.keyboard.press('Alt+Shift+N');
    visited.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        const frame = el?.closest('.group-field') ?? el?.closest('.field');
        return frame?.querySelector('.field-error')?.id ?? `none:${el?.id ?? ''}`;
      }),
    );
  }
  expect(visited).toEqual(errors);
});

test('focus: first field on open, kept on a moved item, back after remove and Undo', async ({
  page,
}) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  await expect(form(page).locator(':focus')).toHaveCount(1);
  const background = section(page, /^Background/);
  const first = background.getByRole('textbox', { name: 'Pain Points, item 1' });
  await first.fill('Slow');
  await first.press('Enter');
  await page.keyboard.type('Costly');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(first).toBeFocused();
  await expect(first).toHaveValue('Costly');
  await background.getByRole('button', { name: 'Remove Pain Points, item 2' }).click();
  await expect(background.getByRole('textbox', { name: 'Pain Points, item 2' })).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: 'Removed Pain Points, item 2' }),
  ).toBeVisible();
  await page.getByRole('button', { name: /^Undo/ }).click();
  const restored = background.getByRole('textbox', { name: 'Pain Points, item 2' });
  await expect(restored).toHaveValue('Slow');
  await expect(restored).toBeFocused();
  // Ctrl+Z outside a text field undoes a removal too.
  await background.getByRole('button', { name: 'Remove Pain Points, item 2' }).click();
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('Control+z');
  await expect(background.getByRole('textbox', { name: 'Pain Points, item 2' })).toHaveValue(
    'Slow',
  );
});

test('the AI request can be filled by keyboard alone in under 95 Tab presses', async ({ page }) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const meter = page.locator('.completeness-text');
  let tabs = 0;
  for (let step = 0; step < 200; step++) {
    if (/^(\d+) of \1 sections complete$/.test((await meter.textContent()) ?? '')) break;
    const state = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const field = el?.closest('.field');
      const needs =
        !!field &&
        !!field.closest('form') &&
        !/\(optional\)/.test(field.querySelector('.field-label')?.textContent ?? '');
      const kind =
        el instanceof HTMLInputElement ? el.type : el?.isContentEditable ? 'rich' : el?.tagName;
      const filled =
        el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')
          ? !!field?.querySelector('input:checked')
          : el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
            ? el.value !== ''
            : el instanceof HTMLSelectElement
              ? el.value !== ''
              : (el?.textContent ?? '') !== '';
      return { needs, kind, filled };
    });
    if (state.needs && !state.filled) {
      if (state.kind === 'checkbox' || state.kind === 'radio') await page.keyboard.press('Space');
      else if (state.kind === 'SELECT') await page.keyboard.press('ArrowDown');
      else if (state.kind !== 'BUTTON') await page.keyboard.type('Answer');
    }
    await page.keyboard.press('Tab');
    tabs++;
  }
  await expect(meter).toHaveText(/^(\d+) of \1 sections complete$/);
  expect(tabs).toBeLessThan(95);
});

for (const [width, height, size] of [
  [375, 812, 'phone'],
  [1400, 900, 'desktop'],
] as const) {
  test(`gallery and every template's editor: screenshots and axe at ${size} size`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(480_000);
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await shot(page, testInfo, `gallery-${size}-${scheme}`);
      await expectNoAxeViolations(page, `the gallery (${scheme})`);
      for (const name of TEMPLATES) {
        await openTemplate(page, name);
        await page.evaluate(() => window.scrollTo(0, 0));
        if (size === 'phone') {
          // The first field is in view without scrolling.
          const first = form(page)
            .locator('input, textarea, select, [contenteditable=true]')
            .first();
          await expect(first).toBeInViewport();
        }
        await shot(page, testInfo, `editor-${name.replace(/\W+/g, '-')}-${size}-${scheme}`);
        await expectNoAxeViolations(page, `the editor of ${name} (${scheme})`);
      }
    }
  });
}

test('the export dialogs have no axe violations', async ({ page }) => {
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  await page.getByRole('button', { name: 'Download .md' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolations(page, 'the confirmation');
  await page.getByRole('dialog').getByRole('button', { name: 'Download .md anyway' }).click();
  await page.getByRole('button', { name: 'Open on GitHub…' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /anyway/ })
    .click();
  await expect(page.getByRole('dialog', { name: 'Open on GitHub' })).toBeVisible();
  await expectNoAxeViolations(page, 'the GitHub dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolations(page, 'the share dialog');
});
