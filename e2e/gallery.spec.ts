import { expect, test } from '@playwright/test';
import { BUILT_IN_TEMPLATES } from '../src/templates/registry.ts';

test('the first screen lists the five built-in templates with their descriptions @phone', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Start a proposal' })).toBeVisible();
  expect(BUILT_IN_TEMPLATES).toHaveLength(5);
  for (const t of BUILT_IN_TEMPLATES) {
    const card = page.getByRole('button', { name: t.name, exact: false }).first();
    await expect(card).toBeVisible();
    await expect(card).toContainText(t.description);
  }
});
