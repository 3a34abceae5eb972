// Makes sure the browser tests have a Chromium: uses one it finds, else tries Playwright's
// installer, else (as root, with apt-get) installs Debian's chromium, else says how to get one.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.js';

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', timeout: 10 * 60 * 1000 });
  return result.status === 0;
}

let found = findChromium();
if (!found.path) {
  console.log("No Chromium found; trying Playwright's installer…");
  run('npx', ['--no-install', 'playwright', 'install', 'chromium']);
  found = findChromium();
}
if (!found.path && process.platform === 'linux' && process.getuid?.() === 0) {
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (hasApt) {
    console.log("Installing Debian's chromium with apt-get…");
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']) ||
      (run('apt-get', ['update']) &&
        run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']));
    found = findChromium();
  }
}
if (!found.path) {
  console.error(
    'No Chromium found: install one (e.g. `sudo apt-get install chromium` or `npx playwright install chromium`) or set CHROMIUM_PATH to its executable.',
  );
  process.exit(1);
}
console.log(`Browser tests use ${found.path} (${found.source}).`);
