import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.js';

const PORT = Number(process.env.E2E_PORT ?? 4318);
const browser = findChromium();

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // On CI a test that fails once is run once more and reported as flaky (the list says so), so a
  // shared, loaded machine does not block a change; locally every failure counts at once.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'retain-on-failure',
    // A service worker cached by one test would serve the next one; only e2e/offline.spec.ts
    // allows them (each test has a fresh context either way).
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: browser.path,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
    {
      name: 'phone',
      use: { viewport: { width: 360, height: 740 }, isMobile: false, hasTouch: true },
      grep: /@phone/,
    },
  ],
  // The tests run against the built app (dist/), served the same way `npm start` serves it.
  webServer: {
    command: `node scripts/serve.js --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
