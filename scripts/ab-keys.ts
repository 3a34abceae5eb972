/**
 * Two builds side by side (a tool, not a test): keystroke → preview latencies typed into the
 * same text in build A and build B, their runs interleaved (A, B, B, A, …) so that the load of a
 * shared machine falls on both alike.
 *   node bin/run-ts.js scripts/ab-keys.ts --a DIR --b DIR [--kb 100,300] [--mode rich|source]
 *     [--rounds 3] [--keys 30]
 * Prints p50 / p95 of keydown → first preview mutation and → the next frame, per build and size.
 */
import type { Browser, Page } from '@playwright/test';
import { fillProseField, openEpDraft, proseContent, startServer, stats } from './bench-browser.ts';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : (argv[i + 1] ?? fallback);
};
const roots = { A: opt('--a', 'dist'), B: opt('--b', 'dist') };
const sizes = opt('--kb', '100,300').split(',').map(Number);
const mode = opt('--mode', 'rich');
const rounds = Number(opt('--rounds', '3'));
const keys = Number(opt('--keys', '30'));

interface Sample {
  mutation: number;
  frame: number;
}

const { findChromium, CHROMIUM_ARGS } = await import('./find-chromium.js');
const { chromium } = await import('@playwright/test');
const servers = {
  A: await startServer(process.cwd(), ['--root', roots.A]),
  B: await startServer(process.cwd(), ['--root', roots.B]),
};
const browser = await chromium.launch({ executablePath: findChromium().path, args: CHROMIUM_ARGS });
try {
  for (const kb of sizes) {
    const text = proseContent(kb * 1024);
    const pooled: Record<'A' | 'B', Sample[]> = { A: [], B: [] };
    for (let round = 0; round < rounds; round += 1) {
      const order: ('A' | 'B')[] = round % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
      for (const which of order) {
        pooled[which].push(...(await run(browser, servers[which].url, text)));
      }
    }
    for (const which of ['A', 'B'] as const) {
      const m = stats(pooled[which].map((s) => s.mutation));
      const f = stats(pooled[which].map((s) => s.frame));
      console.log(
        `${which} ${kb} KB ${mode}: DOM update ${m.p50.toFixed(1)} / ${m.p95.toFixed(1)} ms, next frame ${f.p50.toFixed(1)} / ${f.p95.toFixed(1)} ms (${m.n} keys)`,
      );
    }
  }
} finally {
  await browser.close();
  servers.A.stop();
  servers.B.stop();
}

async function run(browser: Browser, url: string, text: string): Promise<Sample[]> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    serviceWorkers: 'block',
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await openEpDraft(page);
    const { note } = await fillProseField(page, text, mode === 'rich' ? 'rich' : 'source');
    if (note) throw new Error(note);
    await page.waitForTimeout(200);
    await instrument(page);
    await page.keyboard.type(' warm up', { delay: 60 });
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      const w = window as unknown as { __ab: { on: boolean; samples: Sample[] } };
      w.__ab.samples = [];
      w.__ab.on = true;
    });
    const sentence = ' and the layer cache keeps p95 latency within the budget for every tenant.';
    await page.keyboard.type(sentence.repeat(3).slice(0, keys), { delay: 60 });
    await page.waitForTimeout(1000);
    return await page.evaluate(
      () => (window as unknown as { __ab: { samples: Sample[] } }).__ab.samples,
    );
  } finally {
    await context.close();
  }
}

async function instrument(page: Page): Promise<void> {
  const target = page.getByRole('region', { name: 'Preview' }).locator('.markdown-body').first();
  await target.evaluate((body) => {
    const state = { on: false, pending: [] as number[], samples: [] as Sample[] };
    (window as unknown as { __ab: typeof state }).__ab = state;
    document.addEventListener(
      'keydown',
      (e) => {
        if (state.on) state.pending.push(e.timeStamp);
      },
      { capture: true },
    );
    new MutationObserver(() => {
      if (state.pending.length === 0) return;
      const now = performance.now();
      const started = state.pending.splice(0);
      requestAnimationFrame(() => {
        const frame = performance.now();
        for (const t of started) state.samples.push({ mutation: now - t, frame: frame - t });
      });
    }).observe(body, { subtree: true, childList: true, characterData: true });
  });
}
