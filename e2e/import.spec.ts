import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { failOnDialogsAndErrors, form, markdownText } from './helpers.ts';

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

const ISSUE_FORM = `name: Feature request
description: Suggest an idea
labels: [enhancement]
body:
  - type: markdown
    attributes:
      value: Thanks for taking the time!
  - type: textarea
    id: problem
    attributes:
      label: Problem
      description: What problem does this solve?
    validations:
      required: true
  - type: dropdown
    id: area
    attributes:
      label: Area
      options: [CLI, Web]
    validations:
      required: true
  - type: textarea
    id: extra
    attributes:
      label: Additional context
`;

async function importTemplate(page: Page, text: string) {
  await page.goto('/');
  await page.getByText('Use your own template').click();
  await page.getByRole('textbox', { name: 'Or paste the template' }).fill(text);
  await page.getByRole('button', { name: 'Start a proposal from it' }).click();
}

test('an imported GitHub issue form becomes a guided form and GitHub’s issue body', async ({
  page,
}) => {
  await importTemplate(page, ISSUE_FORM);
  await expect(page).toHaveURL(/#\/draft\//);
  await expect(page.getByText('0 of 2 sections complete')).toBeVisible();
  await form(page).getByRole('textbox', { name: 'Problem' }).fill('Builds are slow.');
  await form(page).getByRole('combobox', { name: 'Area' }).selectOption('CLI');
  await expect(page.getByText('2 of 2 sections complete')).toBeVisible();
  const md = await markdownText(page);
  expect(md).toBe(
    '### Problem\n\nBuilds are slow.\n\n### Area\n\nCLI\n\n### Additional context\n\n_No response_\n',
  );
  // The draft is listed as an imported template and reopens the same.
  await page.reload();
  await expect(form(page).getByRole('textbox', { name: 'Problem' })).toHaveValue(
    'Builds are slow.',
  );
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Your drafts' })).toContainText(
    'Imported template',
  );
});

test('a broken template is refused with a message saying where', async ({ page }) => {
  await importTemplate(page, 'name: x\nbody: [\n  - type: input\n');
  await expect(page.getByRole('alert')).toContainText(/cannot be used: .*line \d+/);
  await expect(page).not.toHaveURL(/#\/draft\//);

  await page.getByRole('textbox', { name: 'Or paste the template' }).fill('## Notes\n\n---\n');
  await page.getByRole('button', { name: 'Start a proposal from it' }).click();
  await expect(page.getByRole('alert')).toContainText('nothing to fill in');
});

test('a Markdown template pasted from a project works like a built-in one', async ({ page }) => {
  await importTemplate(
    page,
    '## Summary\n\n<!-- One paragraph -->\n\n## Risks\n\n| Risk | Impact |\n| --- | --- |\n| | High/Medium/Low |\n',
  );
  await expect(page.getByText('0 of 2 sections complete')).toBeVisible();
  await form(page).getByRole('textbox', { name: 'Summary' }).fill('Cache layers.');
  await expect(page.getByText('1 of 2 sections complete')).toBeVisible();
  expect(await markdownText(page)).toContain('## Summary\n\nCache layers.\n\n## Risks');
});
