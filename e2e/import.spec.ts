import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { failOnDialogsAndErrors, form, markdownText } from './helpers.ts';

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

// Templates written for these tests, in the shapes people bring: an issue form, a Markdown
// issue template with front matter, a design-doc template without it, and a plain-text copy.

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

const BROKEN_FORM = `name: Broken
description: A form with mistakes
body:
  - type: input
    id: who are you
    attributes:
      label: Name
  - type: dropdown
    id: pick
    attributes:
      label: Name
      options:
        - None
        - A
        - A
  - type: markdown
    attributes:
      value: Bye
    validations:
      required: true
`;

const MARKDOWN_ISSUE = `---
name: Design review
about: Ask for a review of a design
title: "[Design] "
labels: design
---

## Summary

<!-- One paragraph -->

## Risks

| Risk | Impact |
| --- | --- |
| | High/Medium/Low |
`;

const PLAIN_TEXT = `Release checklist

Version
[The version number]

Highlights
- Highlight 1
- Highlight 2
`;

function dialog(page: Page): Locator {
  return page.getByRole('dialog');
}

async function openImport(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a template' }).click();
  await expect(dialog(page)).toBeVisible();
}

async function paste(page: Page, text: string) {
  await dialog(page).getByRole('radio', { name: 'Pasted text' }).check();
  await dialog(page).getByRole('textbox', { name: 'Template text' }).fill(text);
  await dialog(page).getByRole('button', { name: 'Check the template' }).click();
}

test('an issue form is checked, previewed as GitHub shows it, and becomes a guided form', async ({
  page,
}) => {
  await openImport(page);
  await paste(page, ISSUE_FORM);
  const preview = dialog(page).getByRole('region', { name: /Form preview: Feature request/ });
  await expect(preview).toContainText('Thanks for taking the time!');
  await expect(preview.getByRole('textbox', { name: 'Problem required' })).toBeVisible();
  await expect(preview.getByRole('combobox', { name: 'Area required' })).toContainText('CLI');
  await expect(dialog(page).getByRole('textbox', { name: 'Template name' })).toHaveValue(
    'Feature request',
  );
  await dialog(page).getByRole('button', { name: 'Add and start a proposal' }).click();

  await expect(page).toHaveURL(/#\/draft\//);
  await expect(page.getByText('0 of 2 sections complete')).toBeVisible();
  await form(page).getByRole('textbox', { name: 'Problem' }).fill('Builds are slow.');
  await form(page).getByRole('combobox', { name: 'Area' }).selectOption('CLI');
  await expect(page.getByText('2 of 2 sections complete')).toBeVisible();
  const md = await markdownText(page);
  expect(md).toBe(
    '### Problem\n\nBuilds are slow.\n\n### Area\n\nCLI\n\n### Additional context\n\n_No response_\n',
  );
  await page.reload();
  // The answer survives the reload (the prose field may open as rich text, not a textarea).
  await expect(form(page).getByRole('textbox', { name: 'Problem' })).toBeVisible();
  expect(await markdownText(page)).toContain('### Problem\n\nBuilds are slow.');
  // The template joined the gallery and is still there after a reload.
  await page.goto('/');
  await page.reload();
  const mine = page.getByRole('region', { name: 'Your templates' });
  await expect(mine.getByRole('listitem', { name: 'Feature request' })).toBeVisible();
  await expect(mine).toContainText('GitHub issue form');
});

test('a broken issue form shows each error at its element and line, and is not added', async ({
  page,
}) => {
  await openImport(page);
  await paste(page, BROKEN_FORM);
  const errors = dialog(page).getByRole('list', { name: 'Errors' });
  await expect(dialog(page).getByRole('alert')).toContainText('GitHub would not offer this form');
  await expect(errors.getByRole('listitem')).toHaveText([
    /^Line 5 · element 1 .*only letters, digits/,
    /^Line 11 · element 2 .*labels must be unique/,
    /^Line 13 · element 2 .*reserved/,
    /^Line 15 · element 2 .*options must be unique/,
    /^Line 19 · element 3 .*not allowed on a markdown element/,
  ]);
  await expect(dialog(page).getByRole('button', { name: /Add/ })).toHaveCount(0);
  await dialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('region', { name: 'Your templates' })).not.toContainText('Broken');
});

test('a Markdown template from a file takes its front matter name and its sections', async ({
  page,
}) => {
  await openImport(page);
  await dialog(page)
    .getByLabel('Template file')
    .setInputFiles({
      name: 'design_review.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(MARKDOWN_ISSUE),
    });
  await expect(dialog(page).getByRole('textbox', { name: 'Template name' })).toHaveValue(
    'Design review',
  );
  await dialog(page).getByRole('button', { name: 'Add and start a proposal' }).click();
  await expect(page.getByText('0 of 2 sections complete')).toBeVisible();
  await expect(form(page).getByRole('region', { name: 'Summary' })).toBeVisible();
  await expect(form(page).getByRole('region', { name: 'Risks' })).toBeVisible();
  await form(page).getByRole('textbox', { name: 'Summary' }).fill('Cache layers.');
  await expect(page.getByText('1 of 2 sections complete')).toBeVisible();
  expect(await markdownText(page)).toContain('## Summary\n\nCache layers.\n\n## Risks');
});

test('a plain-text template dropped on the gallery is named after its first heading', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Start a proposal' }).waitFor();
  const data = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'release.txt', { type: 'text/plain' }));
    return transfer;
  }, PLAIN_TEXT);
  const target = page.getByRole('heading', { name: 'Start a proposal' });
  await target.dispatchEvent('dragover', { dataTransfer: data });
  await target.dispatchEvent('drop', { dataTransfer: data });
  // It follows no known template: the author says it is one.
  await dialog(page).getByRole('button', { name: 'A template' }).click();
  await expect(dialog(page).getByRole('textbox', { name: 'Template name' })).toHaveValue(
    'Release checklist',
  );
  await dialog(page).getByRole('button', { name: 'Add and start a proposal' }).click();
  await expect(form(page).getByRole('region', { name: 'Version' })).toBeVisible();
  await expect(form(page).getByRole('region', { name: 'Highlights' })).toBeVisible();
});

test('an imported template can be renamed, updated (answers kept by field) and removed', async ({
  page,
}) => {
  await openImport(page);
  await paste(page, '## Goal\n\n<!-- Why -->\n\n## Plan\n\n<!-- How -->\n');
  await dialog(page).getByRole('textbox', { name: 'Template name' }).fill('Team plan');
  await dialog(page).getByRole('button', { name: 'Add and start a proposal' }).click();
  await form(page).getByRole('textbox', { name: 'Goal' }).fill('Ship it.');
  await form(page).getByRole('textbox', { name: 'Plan' }).fill('Step by step.');
  const draftUrl = page.url();

  await page.goto('/');
  const mine = page.getByRole('region', { name: 'Your templates' });
  await mine.getByRole('button', { name: 'Rename Team plan' }).click();
  await mine.getByRole('textbox', { name: 'New name' }).fill('Team plan v2');
  await mine.getByRole('button', { name: 'Save name' }).click();
  await expect(mine.getByRole('listitem', { name: 'Team plan v2' })).toBeVisible();

  await mine.getByRole('button', { name: 'Update Team plan v2' }).click();
  await paste(page, '## Goal\n\n<!-- Why -->\n\n## Risks\n\n<!-- What could go wrong -->\n');
  await dialog(page).getByRole('button', { name: 'Use this version', exact: true }).click();
  await expect(mine).toContainText('version 2');

  await page.goto(draftUrl);
  await expect(form(page).getByRole('textbox', { name: 'Goal' })).toContainText('Ship it.');
  await expect(form(page).getByRole('region', { name: 'Risks' })).toBeVisible();
  // The answer whose field is gone in the new version is kept, visibly, not dropped.
  await expect(page.getByText(/now follows version 2 of its template/)).toBeVisible();
  await expect(form(page).getByRole('textbox', { name: 'Kept from your document' })).toHaveValue(
    /## Plan\n\nStep by step\./,
  );
  expect(await markdownText(page)).toContain('Step by step.');

  await page.goto('/');
  await mine.getByRole('button', { name: 'Remove Team plan v2' }).click();
  await mine.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(mine.getByRole('listitem')).toHaveCount(0);
  // Its draft keeps working from the copy it last followed, and still names it.
  await expect(
    page.getByRole('region', { name: 'Your drafts' }).getByRole('listitem').first(),
  ).toContainText('Team plan v2 · edited');
  await page.goto(draftUrl);
  await expect(form(page).getByRole('textbox', { name: 'Goal' })).toContainText('Ship it.');
  await expect(form(page).getByRole('region', { name: 'Risks' })).toBeVisible();
  await expect(form(page).getByRole('textbox', { name: 'Kept from your document' })).toHaveValue(
    /Step by step\./,
  );
});

test('a repository address lists its templates, and a file on GitHub is read raw', async ({
  page,
}) => {
  const listing = (folder: string, names: string[]) =>
    names.map((name) => ({
      name,
      path: folder ? `${folder}/${name}` : name,
      type: 'file',
      download_url: `https://raw.githubusercontent.com/acme/app/main/${folder ? `${folder}/` : ''}${name}`,
    }));
  const json = (body: unknown, status = 200) => ({
    status,
    contentType: 'application/json',
    headers: { 'access-control-allow-origin': '*' },
    body: JSON.stringify(body),
  });
  await page.route('https://api.github.com/repos/acme/app/contents/**', (route) => {
    const path = new URL(route.request().url()).pathname.replace('/repos/acme/app/contents', '');
    switch (path) {
      case '/.github/ISSUE_TEMPLATE':
        return route.fulfill(json(listing('.github/ISSUE_TEMPLATE', ['idea.yml', 'config.yml'])));
      case '/.github':
        return route.fulfill(json(listing('.github', ['PULL_REQUEST_TEMPLATE.md', 'CODEOWNERS'])));
      case '':
      case '/':
        return route.fulfill(json(listing('', ['README.md'])));
      default:
        return route.fulfill(json({ message: 'Not Found' }, 404));
    }
  });
  await page.route('https://raw.githubusercontent.com/acme/app/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/plain',
      headers: { 'access-control-allow-origin': '*' },
      body: route.request().url().endsWith('idea.yml')
        ? ISSUE_FORM
        : '## Changes\n\n<!-- What -->\n',
    }),
  );
  await page.route('https://api.github.com/repos/busy/app/contents/**', (route) =>
    route.fulfill({
      ...json({ message: 'API rate limit exceeded' }, 403),
      headers: {
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'x-ratelimit-remaining',
        'x-ratelimit-remaining': '0',
      },
    }),
  );

  await openImport(page);
  await dialog(page).getByRole('radio', { name: 'A web address' }).check();
  const address = dialog(page).getByRole('textbox', { name: 'Web address (https)' });
  await address.fill('https://github.com/busy/app');
  await dialog(page).getByRole('button', { name: 'Fetch' }).click();
  await expect(dialog(page).getByRole('alert')).toContainText('limit of requests');

  await address.fill('https://github.com/acme/app');
  await dialog(page).getByRole('button', { name: 'Fetch' }).click();
  const files = dialog(page).getByRole('list', { name: 'Templates in the repository' });
  await expect(files.getByRole('button')).toHaveText([
    '.github/ISSUE_TEMPLATE/idea.yml',
    '.github/PULL_REQUEST_TEMPLATE.md',
  ]);
  await files.getByRole('button', { name: '.github/ISSUE_TEMPLATE/idea.yml' }).click();
  await expect(dialog(page).getByRole('textbox', { name: 'Template name' })).toHaveValue(
    'Feature request',
  );

  await address.fill('https://github.com/acme/app/blob/main/docs/pr.md');
  await dialog(page).getByRole('button', { name: 'Fetch' }).click();
  await expect(dialog(page).getByRole('textbox', { name: 'Template name' })).toHaveValue('Changes');
});

test('a template imported and a draft started in another tab show up here without a reload', async ({
  page,
  context,
}) => {
  await page.goto('/');
  const mine = page.getByRole('region', { name: 'Your templates' });
  await expect(mine).toContainText('Templates you import');
  const other = await context.newPage();
  failOnDialogsAndErrors(other);
  await other.goto('/');
  await other.getByRole('button', { name: 'Import a template' }).click();
  const add = other.getByRole('dialog');
  await add.getByRole('radio', { name: 'Pasted text' }).check();
  await add.getByRole('textbox', { name: 'Template text' }).fill('## Goal\n\n<!-- Why -->\n');
  await add.getByRole('button', { name: 'Check the template' }).click();
  await add.getByRole('textbox', { name: 'Template name' }).fill('Shared plan');
  await add.getByRole('button', { name: 'Add and start a proposal' }).click();
  await form(other).getByRole('textbox', { name: 'Goal' }).fill('From the other tab.');

  await expect(mine.getByRole('listitem', { name: 'Shared plan' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Your drafts' }).getByRole('listitem').first(),
  ).toContainText('Shared plan · edited');

  // Renamed and removed there, it changes here too.
  await other.goto('/');
  const theirs = other.getByRole('region', { name: 'Your templates' });
  await theirs.getByRole('button', { name: 'Rename Shared plan' }).click();
  await theirs.getByRole('textbox', { name: 'New name' }).fill('Team plan');
  await theirs.getByRole('button', { name: 'Save name' }).click();
  await expect(mine.getByRole('listitem', { name: 'Team plan' })).toBeVisible();
  await theirs.getByRole('button', { name: 'Remove Team plan' }).click();
  await theirs.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(mine.getByRole('listitem')).toHaveCount(0);
});
