import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { cspMeta } from '../scripts/csp.js';
import { failOnDialogsAndErrors, openTemplate } from './helpers.ts';

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

/** Collects every `securitypolicyviolation` (and CSP console report) from the first script on. */
async function collectViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(
        `${event.violatedDirective}: ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return async () => [
    ...(await page.evaluate(
      () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
    )),
    ...console,
  ];
}

test('no Content-Security-Policy violation on load, in the editor, or with an imported template', async ({
  page,
}) => {
  const violations = await collectViolations(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  expect(await violations()).toEqual([]);

  // The editor loads the form's schemas, the rich-text editor and the preview.
  await openTemplate(page, 'RFC');
  await page.getByRole('textbox').first().fill('A title');
  expect(await violations()).toEqual([]);

  // An imported template loads the parser and the YAML library.
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a template' }).click();
  await page.getByLabel('Pasted text').check();
  await page
    .getByRole('textbox', { name: 'Template text' })
    .fill('---\nname: Idea\n---\n## Problem\n\n<!-- What is wrong? -->\n');
  await page.getByRole('button', { name: 'Check the template' }).click();
  await page.getByRole('button', { name: 'Add and start a proposal' }).click();
  await expect(page).toHaveURL(/#\/draft\//);
  await expect(page.getByText(/sections? complete/)).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('the built page carries the policy itself, so it holds without the server’s header', async ({
  page,
}) => {
  // A static host sends no headers: strip the server's policy and rely on the meta tag.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveAttribute('content', cspMeta());
  // An injected inline script does not run.
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});

test('a dark theme chosen earlier is applied before the app runs (no light flash), under the policy', async ({
  page,
}) => {
  const violations = await collectViolations(page);
  await page.goto('/');
  const toggle = page.getByRole('button', { name: /^Theme: / });
  await toggle.click();
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The app's scripts are held back: only what index.html itself runs can set the theme.
  await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort());
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('#root')).toBeEmpty();
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme))
    .toBe('dark');
  expect(await violations()).toEqual([]);
});

test('remote images in an imported document load only after the author allows them', async ({
  page,
}) => {
  const pings: string[] = [];
  await page.route('https://tracker.example/**', async (route) => {
    pings.push(route.request().url());
    await route.fulfill({ status: 204, body: '' });
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a proposal' }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByRole('textbox', { name: 'Or paste the proposal' })
    .fill('Read me.\n\n![pixel](https://tracker.example/p.gif)\n');
  await dialog.getByRole('button', { name: 'Read the proposal' }).click();
  const choice = dialog.getByRole('combobox', { name: 'Template it follows' });
  const rfc = await choice
    .locator('option', { hasText: 'Enhancement RFC (' })
    .getAttribute('value');
  await choice.selectOption(rfc ?? '');
  await dialog.getByRole('button', { name: 'Create the draft' }).click();

  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('img', { name: 'pixel' })).toBeAttached();
  await expect(preview).toContainText('1 remote image blocked');
  await expect(preview.getByRole('img', { name: 'pixel' })).not.toHaveAttribute('src');
  expect(pings).toEqual([]);

  await preview.getByRole('button', { name: 'Show' }).click();
  await expect(preview.getByRole('img', { name: 'pixel' })).toHaveAttribute(
    'src',
    'https://tracker.example/p.gif',
  );
  await expect.poll(() => pings.length).toBeGreaterThan(0);
  await expect(preview).not.toContainText('remote image blocked');
});
