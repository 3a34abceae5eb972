import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { failOnDialogsAndErrors, form, openTemplate, section } from './helpers.ts';

/**
 * The editor's layout as a new user meets it on a phone and a desktop: a compact header,
 * sections as cards at the document's main heading level, and an imported issue form with no
 * axe violations in light and dark.
 */

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

const ISSUE_FORM = `name: Feature request
description: Suggest an idea
title: "[Feature]: "
labels: [enhancement]
body:
  - type: markdown
    attributes:
      value: Thanks for taking the time to suggest an idea!
  - type: input
    id: summary
    attributes:
      label: Summary
      placeholder: One line
    validations:
      required: true
  - type: textarea
    id: problem
    attributes:
      label: Problem
      description: What problem does this solve?
    validations:
      required: true
  - type: markdown
    attributes:
      value: The next questions help us plan.
  - type: dropdown
    id: area
    attributes:
      label: Area
      options: [CLI, Web]
  - type: checkboxes
    id: terms
    attributes:
      label: Code of conduct
      options:
        - label: I agree to follow the code of conduct
          required: true
`;

async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ') ?? ''}`,
  );
  expect(summary, `axe violations in ${what}`).toEqual([]);
}

test('on a phone the header is compact and the first fields are in view', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const header = await page.locator('.editor-header').boundingBox();
  expect(header?.height ?? 1000).toBeLessThan(812 * 0.25);
  // Shortcut hints are for keyboards: not shown on a phone.
  await expect(page.getByText('copies the Markdown')).toBeHidden();
  await expect(form(page).getByRole('textbox', { name: /^Title/ })).toBeInViewport();
  await expect(form(page).getByRole('textbox', { name: 'TLDR' })).toBeInViewport();
});

test('a title heading that wraps every section does not become one card', async ({ page }) => {
  for (const name of ['Enhancement RFC', 'Enhancement Proposal (EP)']) {
    await openTemplate(page, name);
    const summary = section(page, /^(Executive )?Summary/);
    await expect(summary.getByRole('heading', { level: 2 }).first()).toHaveText(
      /^(Executive )?Summary/,
    );
    // Not inside the title's card.
    expect(
      await summary.evaluate((el) => el.parentElement?.closest('.section-card') === null),
    ).toBe(true);
  }
});

test('an imported issue form: its notes stand where the form puts them; no axe violations', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a template' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Pasted text' }).check();
  await dialog.getByRole('textbox', { name: 'Template text' }).fill(ISSUE_FORM);
  await dialog.getByRole('button', { name: 'Check the template' }).click();
  await dialog.getByRole('button', { name: 'Add and start a proposal' }).click();
  await expect(page).toHaveURL(/#\/draft\//);
  await expect(page.getByText(/\d+ of \d+ sections complete/)).toBeVisible();

  // The form's markdown notes come before the field they precede, in the form's order.
  const texts = await form(page).evaluate((el) => el.textContent ?? '');
  const order = [
    'Thanks for taking the time',
    'Summary',
    'Problem',
    'The next questions help us plan',
    'Area',
  ].map((t) => texts.indexOf(t));
  expect(order.every((at) => at >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  // The issue title is the form's first field; the template's prefix is not a placeholder.
  await expect(form(page).getByRole('textbox', { name: /^Title/ })).toBeFocused();

  for (const [width, height] of [
    [375, 812],
    [1400, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectNoAxeViolations(page, `the imported issue form at ${width}px, ${scheme}`);
    }
  }
});
