import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// A build for a sub-path (BASE_PATH=/proposal-studio/, as the GitHub Pages workflow makes it),
// served under that path by scripts/serve.js --base: assets, service worker scope and the
// manifest's start URL all stay inside it.
const BASE = '/proposal-studio/';
const PORT = Number(process.env.E2E_PORT ?? 4318) + 50;

test.describe.configure({ mode: 'serial' });
test.use({ serviceWorkers: 'allow' });

let dir = '';
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = mkdtempSync(join(tmpdir(), 'proposal-studio-subpath-'));
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'],
    {
      env: { ...process.env, BASE_PATH: BASE },
      encoding: 'utf8',
    },
  );
  expect(build.status, build.stderr).toBe(0);
  server = spawn(
    process.execPath,
    ['scripts/serve.js', '--dir', dir, '--base', BASE, '--port', String(PORT)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    server!.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('running at')) resolve();
    });
    server!.once('exit', (code) => reject(new Error(`serve.js exited (${code})`)));
  });
});

test.afterAll(() => {
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a build for /proposal-studio/ runs there, offline too', async ({ page, context }) => {
  const origin = `http://127.0.0.1:${PORT}`;
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(response.url());
  });
  await page.goto(`${origin}${BASE}`);
  await page
    .getByRole('button', { name: 'Enhancement Proposal (EP)', exact: false })
    .first()
    .click();
  await expect(page.getByText(/\d+ of \d+ sections complete/)).toBeVisible();
  // Every script and style came from under the sub-path.
  const assets = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
  );
  expect(assets.filter((path) => path.endsWith('.js')).length).toBeGreaterThan(1);
  expect(assets.filter((path) => !path.startsWith(BASE))).toEqual([]);
  expect(failed).toEqual([]);

  // The service worker is the sub-path's own, and the manifest starts the app there.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${origin}${BASE}`);
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestHref).toBe(`${BASE}manifest.webmanifest`);
  const manifestUrl = `${origin}${manifestHref}`;
  const manifest = (await (await page.request.get(manifestUrl)).json()) as {
    start_url: string;
    scope: string;
  };
  expect(new URL(manifest.start_url, manifestUrl).pathname).toBe(BASE);
  expect(new URL(manifest.scope, manifestUrl).pathname).toBe(BASE);

  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText(/\d+ of \d+ sections complete/)).toBeVisible();
});
