/**
 * Two builds side by side on the bench's large templates (a tool, not a test): open time, the
 * longest task after the form is usable, and keystroke → preview latencies, in build A and
 * build B, their runs interleaved (A, B, B, A, …) so that the load of a shared machine falls on
 * both alike.
 *   node bin/run-ts.js scripts/ab-large.ts --a DIR --b DIR [--which 1mb,10k] [--rounds 3]
 *     [--keys 40]
 * Prints, per build and template: the median open time, busy-after and longest task, and the
 * p50 / p95 of keydown → preview DOM update and → the next frame over all rounds' keystrokes.
 */
import { largeTemplate, largeTemplateRun, startServer, stats } from './bench-browser.ts';
import type { LargeTemplateResult } from './bench-browser.ts';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : (argv[i + 1] ?? fallback);
};
const roots = { A: opt('--a', 'dist'), B: opt('--b', 'dist') };
const which = opt('--which', '1mb,10k').split(',');
const rounds = Number(opt('--rounds', '3'));
const keys = Number(opt('--keys', '40'));

const templates = {
  '1mb': { name: '1 MB template', text: largeTemplate(1024 * 1024, 2000), headings: 2000 },
  '10k': {
    name: '10,000-heading template',
    text: largeTemplate(600 * 1024, 10_000),
    headings: 10_000,
  },
} as const;

const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? NaN;
};

const { findChromium, CHROMIUM_ARGS } = await import('./find-chromium.js');
const { chromium } = await import('@playwright/test');
const servers = {
  A: await startServer(process.cwd(), ['--root', roots.A]),
  B: await startServer(process.cwd(), ['--root', roots.B]),
};
const browser = await chromium.launch({ executablePath: findChromium().path, args: CHROMIUM_ARGS });
try {
  for (const id of which) {
    const t = templates[id as keyof typeof templates];
    if (!t) throw new Error(`unknown template ${id} (1mb or 10k)`);
    const results: Record<'A' | 'B', LargeTemplateResult[]> = { A: [], B: [] };
    const samples: Record<'A' | 'B', { mutation: number[]; frame: number[] }> = {
      A: { mutation: [], frame: [] },
      B: { mutation: [], frame: [] },
    };
    for (let round = 0; round < rounds; round += 1) {
      const order: ('A' | 'B')[] = round % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
      for (const build of order) {
        const r = await largeTemplateRun(
          browser,
          servers[build].url,
          t.name,
          t.text,
          t.headings,
          keys,
          () => undefined,
          samples[build],
        );
        results[build].push(r);
        console.log(
          `  ${build} round ${round + 1}: open ${r.openMs?.toFixed(0)} ms, busy ${r.busyAfterMs?.toFixed(0)} / longest ${r.longestTaskAfterMs?.toFixed(0)} ms, keys ${r.keystroke?.mutation.p50.toFixed(1)} / ${r.keystroke?.mutation.p95.toFixed(1)} ms${r.note ? ` (${r.note})` : ''}`,
        );
      }
    }
    for (const build of ['A', 'B'] as const) {
      const rs = results[build];
      const m = stats(samples[build].mutation);
      const f = stats(samples[build].frame);
      console.log(
        `${build} ${t.name}: open ${median(rs.map((r) => r.openMs ?? NaN)).toFixed(0)} ms, busy after ${median(rs.map((r) => r.busyAfterMs ?? NaN)).toFixed(0)} ms, longest task ${median(rs.map((r) => r.longestTaskAfterMs ?? NaN)).toFixed(0)} ms; DOM update ${m.p50.toFixed(1)} / ${m.p95.toFixed(1)} ms, next frame ${f.p50.toFixed(1)} / ${f.p95.toFixed(1)} ms (${m.n} keys)`,
      );
    }
  }
} finally {
  await browser.close();
  servers.A.stop();
  servers.B.stop();
}
