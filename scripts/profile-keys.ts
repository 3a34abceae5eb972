/**
 * Where a keystroke's time goes, in the built app (a tool, not a test):
 *   node bin/run-ts.js scripts/profile-keys.ts [--root DIR] [--kb 300] [--mode source|rich]
 *     [--keys 30] [--trace] [--out FILE.cpuprofile] [--css 'a style to add before typing']
 * Types mid-document into a prose field holding generated paragraphs and prints the components
 * rendered per keystroke (V8's call counts), the functions with the most self and total time
 * (CPU profile), and with --trace the browser's own work per keystroke (layout, paint, editing).
 * Build without minifying to read the names: `npx vite build --minify false --outDir DIR`.
 */
import { writeFileSync } from 'node:fs';
import {
  fillProseField,
  openEpDraft,
  proseContent,
  toolOption,
  withAppPage,
} from './bench-browser.ts';
import { traceReport } from './profile-report.ts';
import type { Node, Profile, TraceEvent } from './profile-report.ts';

const opt = toolOption;
const root = opt('--root', process.cwd());
const kb = Number(opt('--kb', '300'));
const mode = opt('--mode', 'source');
const keys = Number(opt('--keys', '30'));

await withAppPage(root, async (page, context, browser) => {
  await openEpDraft(page);
  const { note } = await fillProseField(
    page,
    proseContent(kb * 1024),
    mode === 'rich' ? 'rich' : 'source',
  );
  if (note) throw new Error(note);
  // --css: a style added to the page before typing (what-if: hide or restyle a part).
  if (process.argv.includes('--css')) await page.addStyleTag({ content: opt('--css', '') });
  await page.keyboard.type(' warm up', { delay: 60 });
  await page.waitForTimeout(500);
  if (process.argv.includes('--trace')) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8.execute'] });
    await page.keyboard.type(
      ' and the layer cache keeps p95 latency within budget'.slice(0, keys),
      { delay: 60 },
    );
    await page.waitForTimeout(300);
    const buffer = await browser.stopTracing();
    traceReport(JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }, keys);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  await cdp.send('Profiler.takePreciseCoverage');
  await cdp.send('Profiler.start');
  await page.keyboard.type(' and the layer cache keeps p95 latency within budget'.slice(0, keys), {
    delay: 60,
  });
  await page.waitForTimeout(300);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const coverage = (await cdp.send('Profiler.takePreciseCoverage')) as {
    result: {
      url: string;
      functions: { functionName: string; ranges: { count: number; startOffset: number }[] }[];
    }[];
  };
  const counts: [string, number][] = [];
  for (const script of coverage.result) {
    if (!script.url.includes('/assets/')) continue;
    for (const fn of script.functions) {
      const count = fn.ranges[0]?.count ?? 0;
      if (count > 0 && fn.functionName)
        counts.push([`${fn.functionName} ${script.url.split('/').pop()}`, count]);
    }
  }
  counts.sort((a, b) => b[1] - a[1]);
  console.log('--- calls (first 60 named, per key)');
  for (const [name, count] of counts.filter(([n]) => /^[A-Z]/.test(n)).slice(0, 150))
    console.log(`${(count / keys).toFixed(1).padStart(8)}  ${name}`);
  if (process.argv.includes('--out'))
    writeFileSync(opt('--out', 'keys.cpuprofile'), JSON.stringify(profile));
  report(profile);
  await context.close();
});

function report(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    all += dt;
    const n = byId.get(id)!;
    const key = (m: Node) =>
      `${m.callFrame.functionName || '(anon)'} ${m.callFrame.url.split('/').pop()}:${m.callFrame.lineNumber + 1}`;
    self.set(key(n), (self.get(key(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let m: Node | undefined = n; m; m = byId.get(parent.get(m.id) ?? -1)) {
      const k = key(m);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`)
      .join('\n');
  console.log(
    `profile ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms, ${keys} keys, sampled ${all.toFixed(0)} ms`,
  );
  console.log('--- self\n' + top(self, 40));
  console.log('--- total\n' + top(total, 60));
}
