import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { failOnDialogsAndErrors, form, markdownText } from './helpers.ts';

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

// A decision-record template and a document filled outside the app: renamed headings,
// an extra paragraph, an extra section and a front matter key the template does not have.
const TEMPLATE = `---
title: "[Title]"
status: draft
---

# Decision: [Title]

## Context

<!-- What is the situation? -->

## Alternatives

### Alternative 1: [Name]

<!-- Describe it -->

### Alternative 2: [Name]

<!-- Describe it -->

## Outcome

<!-- What we chose -->
`;

const FILLED = `---
title: Faster uploads
status: accepted
owner: sam
---

# Decision: Faster uploads

## Context

Uploads block the page.

A note the template did not ask for.

## Alternatives

### Alternative 1: Use a queue

A worker drains a queue.

### Alternative 2: Bigger servers

Costs more.

## Outcome

We use a queue.

## Follow-up

Check again in May.
`;

const ISSUE_FORM = `name: Idea
description: Share an idea
body:
  - type: textarea
    id: problem
    attributes:
      label: Problem
    validations:
      required: true
  - type: input
    id: version
    attributes:
      label: Version
  - type: textarea
    id: proposal
    attributes:
      label: Proposal
    validations:
      required: true
`;

async function addTemplate(page: Page, text: string) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a template' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Pasted text' }).check();
  await dialog.getByRole('textbox', { name: 'Template text' }).fill(text);
  await dialog.getByRole('button', { name: 'Check the template' }).click();
  await dialog.getByRole('button', { name: 'Add to your templates' }).click();
  await expect(dialog).toBeHidden();
}

async function importProposal(page: Page, text: string) {
  await page.getByRole('button', { name: 'Import a proposal' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Or paste the proposal' }).fill(text);
  await dialog.getByRole('button', { name: 'Read the proposal' }).click();
  return dialog;
}

test('a document filled elsewhere opens with every value in place and the rest kept visibly', async ({
  page,
}) => {
  await addTemplate(page, TEMPLATE);
  const dialog = await importProposal(page, FILLED);
  const choice = dialog.getByRole('combobox', { name: 'Template it follows' });
  await expect(choice.locator('option:checked')).toHaveText(/^Decision: \[Title\] \(5 of 5/);
  await expect(dialog.getByRole('status')).toHaveText(
    /^\d+ fields filled, 0 sections missing, 0 paragraphs kept as is$/,
  );
  await dialog.getByRole('button', { name: 'Create the draft' }).click();

  await expect(page).toHaveURL(/#\/draft\//);
  await expect(page.getByText(/^Imported: \d+ fields filled/)).toBeVisible();
  const f = form(page);
  await expect(f.getByRole('textbox', { name: 'Context' })).toContainText(
    'A note the template did not ask for.',
  );
  await expect(f.getByRole('textbox', { name: 'Name' }).first()).toHaveValue('Use a queue');
  await expect(f.getByRole('textbox', { name: 'Name' }).nth(1)).toHaveValue('Bigger servers');
  const kept = f.getByRole('textbox', { name: 'Kept from your document' });
  await expect(kept).toHaveValue(/owner: sam/);

  const md = await markdownText(page);
  for (const text of [
    'title: Faster uploads',
    'status: accepted',
    'owner: sam',
    '# Decision: Faster uploads',
    'A note the template did not ask for.',
    '### Alternative 1: Use a queue',
    'A worker drains a queue.',
    '### Alternative 2: Bigger servers',
    'Costs more.',
    'We use a queue.',
    '## Follow-up',
    'Check again in May.',
  ]) {
    expect(md).toContain(text);
  }

  // Exported and imported again, the document comes back byte for byte.
  await page.goto('/');
  const again = await importProposal(page, md);
  await again.getByRole('button', { name: 'Create the draft' }).click();
  await expect(page).toHaveURL(/#\/draft\//);
  expect(await markdownText(page)).toBe(md);
});

test('the body GitHub wrote for an issue form imports into that form', async ({ page }) => {
  await addTemplate(page, ISSUE_FORM);
  const body =
    '### Problem\n\nUploads are slow.\n\n### Version\n\n_No response_\n\n### Proposal\n\nQueue them.\n\nAnd retry.\n';
  const dialog = await importProposal(page, body);
  await expect(
    dialog.getByRole('combobox', { name: 'Template it follows' }).locator('option:checked'),
  ).toHaveText(/^Idea /);
  await dialog.getByRole('button', { name: 'Create the draft' }).click();
  await expect(form(page).getByRole('textbox', { name: 'Problem' })).toContainText(
    'Uploads are slow.',
  );
  await expect(form(page).getByRole('textbox', { name: 'Proposal' })).toContainText('And retry.');
  expect(await markdownText(page)).toBe(body);
});

test('a document that matches no template asks which one it follows', async ({ page }) => {
  await page.goto('/');
  const dialog = await importProposal(page, 'Just a note.\n');
  const choice = dialog.getByRole('combobox', { name: 'Template it follows' });
  await expect(choice).toHaveValue('');
  await expect(dialog.getByRole('button', { name: 'Create the draft' })).toBeDisabled();
  const rfc = await choice
    .locator('option', { hasText: 'Enhancement RFC (' })
    .getAttribute('value');
  await choice.selectOption(rfc ?? '');
  await expect(dialog.getByRole('status')).toContainText('1 paragraph kept as is');
});
