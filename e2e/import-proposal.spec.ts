import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { failOnDialogsAndErrors, form, markdownText, pasteInto } from './helpers.ts';

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

/** Drops a file on the gallery, as dragging it from the desktop does. */
async function dropFile(page: Page, name: string, text: string) {
  const target = page.getByRole('heading', { name: 'Start a proposal' });
  await target.waitFor();
  const data = await page.evaluateHandle(
    ([fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName, { type: 'text/markdown' }));
      return transfer;
    },
    [name, text] as const,
  );
  await target.dispatchEvent('dragover', { dataTransfer: data });
  await target.dispatchEvent('drop', { dataTransfer: data });
}

test('a filled proposal dropped on the gallery opens as "Import a proposal"; the draft list names its template', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a template' }).click();
  const add = page.getByRole('dialog');
  await add.getByRole('radio', { name: 'Pasted text' }).check();
  await add.getByRole('textbox', { name: 'Template text' }).fill(TEMPLATE);
  await add.getByRole('button', { name: 'Check the template' }).click();
  await add.getByRole('textbox', { name: 'Template name' }).fill('Decision record');
  await add.getByRole('button', { name: 'Add to your templates' }).click();
  await expect(add).toBeHidden();

  await dropFile(page, 'uploads.md', FILLED);
  const dialog = page.getByRole('dialog', { name: 'Import a proposal' });
  await expect(
    dialog.getByRole('combobox', { name: 'Template it follows' }).locator('option:checked'),
  ).toHaveText(/^Decision record \(5 of 5/);
  await expect(dialog.getByRole('status')).toHaveText(/^\d+ fields filled, 0 sections missing/);
  await dialog.getByRole('button', { name: 'Create the draft' }).click();
  await expect(form(page).getByRole('textbox', { name: 'Outcome' })).toContainText(
    'We use a queue.',
  );

  await page.goto('/');
  const drafts = page.getByRole('region', { name: 'Your drafts' });
  const item = drafts.getByRole('listitem', { name: 'Faster uploads' });
  await expect(item).toContainText('Decision record · edited');
  // Removed, the template's name stays with the draft made from it.
  const mine = page.getByRole('region', { name: 'Your templates' });
  await mine.getByRole('button', { name: 'Remove Decision record' }).click();
  await mine.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(mine.getByRole('listitem')).toHaveCount(0);
  await expect(item).toContainText('Decision record · edited');
});

test('a dropped file that follows no known template asks whether it is a proposal or a template', async ({
  page,
}) => {
  await page.goto('/');
  await dropFile(page, 'plan.md', '## Goal\n\nShip it.\n\n## Plan\n\nStep by step.\n');
  const ask = page.getByRole('dialog', { name: 'Import “plan.md”' });
  await expect(ask).toContainText('What is it?');
  await ask.getByRole('button', { name: 'A filled proposal' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a proposal' });
  await expect(dialog.getByRole('textbox', { name: 'Or paste the proposal' })).toHaveValue(
    /Step by step\./,
  );
  await dialog.getByRole('button', { name: 'Close' }).click();

  await dropFile(page, 'plan.md', '## Goal\n\nShip it.\n\n## Plan\n\nStep by step.\n');
  await page
    .getByRole('dialog', { name: 'Import “plan.md”' })
    .getByRole('button', { name: 'A template' })
    .click();
  await expect(
    page.getByRole('dialog', { name: 'Import a template' }).getByRole('textbox', {
      name: 'Template name',
    }),
  ).toHaveValue('Goal');
});

test('a large proposal is read in the background with progress and Cancel; its text is kept', async ({
  page,
}) => {
  const large = `${FILLED}\n${Array.from({ length: 700 }, (_, i) => `## Note ${i + 1}\n\n${'More words about uploads. '.repeat(4)}\n`).join('\n')}`;
  expect(large.length).toBeGreaterThan(60_000);
  test.setTimeout(120_000);
  await addTemplate(page, TEMPLATE);
  await page.getByRole('button', { name: 'Import a proposal' }).click();
  const dialog = page.getByRole('dialog');
  const box = dialog.getByRole('textbox', { name: 'Or paste the proposal' });
  await pasteInto(box, large);
  // The worker's script is held back until Cancel is pressed, so the reading is surely under way.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/proposalWorker-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  await dialog.getByRole('button', { name: 'Read the proposal' }).click();
  const progress = dialog.getByRole('status').filter({ hasText: 'Reading the proposal' });
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Cancelled. The proposal text is still here.');
  await expect(box).toHaveValue(large);
  release();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await dialog.getByRole('button', { name: 'Read the proposal' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/paragraphs kept as is$/, {
    timeout: 30_000,
  });
  await dialog.getByRole('button', { name: 'Create the draft' }).click();
  await expect(form(page).getByRole('textbox', { name: 'Outcome' })).toContainText(
    'We use a queue.',
    { timeout: 30_000 },
  );
});
