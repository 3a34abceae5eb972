import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { failOnDialogsAndErrors, form, openTemplate, preview } from './helpers.ts';

// The only spec that lets the service worker run (playwright.config.ts blocks it elsewhere);
// every test has a fresh browser context, so nothing it caches reaches another test.
test.use({ serviceWorkers: 'allow' });
test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

/** Waits until the service worker has cached the app and controls the page. */
async function waitForOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('the app opened once keeps working offline: reload, open a draft, type, start another', async ({
  page,
  context,
}) => {
  await openTemplate(page, 'Enhancement Proposal (EP)');
  const title = form(page).getByRole('textbox', { name: 'Author', exact: true }).first();
  await title.fill('Ada Lovelace');
  await expect(preview(page)).toContainText('Ada Lovelace');
  await waitForOfflineReady(page);
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Your drafts' })).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  const drafts = page.getByRole('region', { name: 'Your drafts' });
  await expect(drafts).toBeVisible();
  await drafts.getByRole('link', { name: 'Open', exact: true }).first().click();
  await expect(page).toHaveURL(/#\/draft\//);
  await expect(title).toHaveValue('Ada Lovelace');
  // The editor's lazily loaded parts (preview, rich text) come from the cache too.
  await title.fill('Ada Lovelace, offline');
  await expect(preview(page)).toContainText('Ada Lovelace, offline');
  await expect(form(page).locator('.ProseMirror').first()).toBeVisible();

  // A template never opened before is in the cache as well.
  await page.goto('/');
  await page.getByRole('button', { name: 'Enhancement RFC', exact: false }).first().click();
  await expect(page.getByText(/\d+ of \d+ sections complete/)).toBeVisible();
});

test('the app is installable: a manifest with icons, start URL and scope', async ({ page }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifestUrl = new URL(href!, page.url());
  const response = await page.request.get(manifestUrl.href);
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as {
    name: string;
    start_url: string;
    scope: string;
    display: string;
    icons: { src: string; sizes: string; type: string }[];
  };
  expect(manifest.name).toBe('Proposal Studio');
  expect(manifest.display).toBe('standalone');
  expect(new URL(manifest.start_url, manifestUrl).href).toBe(new URL('./', page.url()).href);
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );
  for (const icon of manifest.icons) {
    const image = await page.request.get(new URL(icon.src, manifestUrl).href);
    expect(image.ok(), icon.src).toBe(true);
    expect(image.headers()['content-type']).toBe(icon.type);
  }
});
