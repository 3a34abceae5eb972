/**
 * Where a large template's open and keystroke time goes, in the built app (a tool, not a test):
 *   node bin/run-ts.js scripts/profile-large.ts [--root DIR] [--which 1mb|10k] [--keys 20]
 *     [--out FILE.cpuprofile] [--trace] [--css 'a style to add before typing']
 * Pastes the bench's generated template (scripts/bench-browser.ts) into "Import a template",
 * starts a proposal, and prints the CPU profile of the open (from the click until the page has
 * been quiet for a second): each main-thread run of work of 30 ms or more with its heaviest
 * functions, then the same for keystrokes typed in its first text field.
 * Build without minifying to read the names: `npx vite build --minify false --outDir DIR`.
 */
import { writeFileSync } from 'node:fs';
import { largeTemplateOf, pasteTemplate, toolOption, withAppPage } from './bench-browser.ts';
import { traceReport } from './profile-report.ts';
import type { Node, Profile, TraceEvent } from './profile-report.ts';

const opt = toolOption;
const root = opt('--root', process.cwd());
const which = opt('--which', '1mb');
const keys = Number(opt('--keys', '20'));
const text = largeTemplateOf(which);

await withAppPage(root, async (page, context, browser) => {
  const start = await pasteTemplate(page, text);
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await start.click();
  const form = page.getByRole('form', { name: 'Proposal form' });
  const author = form.getByRole('textbox', { name: 'Author', exact: true }).first();
  await author.waitFor();
  await page.waitForTimeout(2500);
  let { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  console.log('=== open');
  report(profile);
  if (process.argv.includes('--out'))
    writeFileSync(opt('--out', 'open.cpuprofile'), JSON.stringify(profile));
  // --css: a style added to the page before typing (what-if: hide or restyle a part).
  if (process.argv.includes('--css')) await page.addStyleTag({ content: opt('--css', '') });
  await author.click();
  await page.keyboard.type('Ada', { delay: 60 });
  await page.waitForTimeout(500);
  if (process.argv.includes('--trace')) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8.execute'] });
    await page.keyboard.type(' and the layer cache keeps p95 latency'.slice(0, keys), {
      delay: 60,
    });
    await page.waitForTimeout(1500);
    const buffer = await browser.stopTracing();
    traceReport(JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }, keys);
  }
  await cdp.send('Profiler.start');
  await page.keyboard.type(' and the layer cache keeps p95 latency'.slice(0, keys), { delay: 60 });
  await page.waitForTimeout(1500);
  ({ profile } = (await cdp.send('Profiler.stop')) as { profile: Profile });
  console.log(`=== ${keys} keystrokes`);
  report(profile);
  await context.close();
});

/** Runs of samples that are not idle (a gap of idle under 2 ms joins two), with their top functions. */
function report(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (m: Node) =>
    `${m.callFrame.functionName || '(anon)'} ${m.callFrame.url.split('/').pop()}:${m.callFrame.lineNumber + 1}`;
  let t = 0;
  type Run = { from: number; to: number; ids: [number, number][] };
  const runs: Run[] = [];
  let current: Run | null = null;
  let idleSince = -1;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = byId.get(id)!.callFrame.functionName;
    const idle = name === '(idle)' || name === '(program)' || name === '(garbage collector)';
    if (idle && name === '(idle)') {
      if (idleSince < 0) idleSince = t;
      if (current && t - idleSince > 2) {
        runs.push(current);
        current = null;
      }
    } else if (!idle || name !== '(idle)') {
      idleSince = -1;
      current ??= { from: t, to: t, ids: [] };
      current.to = t + dt;
      current.ids.push([id, dt]);
    }
    t += dt;
  });
  if (current) runs.push(current);
  const all = new Map<string, number>();
  for (const run of runs) {
    const dur = run.to - run.from;
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    for (const [id, dt] of run.ids) {
      const n = byId.get(id)!;
      self.set(key(n), (self.get(key(n)) ?? 0) + dt);
      const seen = new Set<string>();
      for (let m: Node | undefined = n; m; m = byId.get(parent.get(m.id) ?? -1)) {
        const k = key(m);
        if (seen.has(k)) continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + dt);
        all.set(k, (all.get(k) ?? 0) + dt);
      }
    }
    if (dur < 30) continue;
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .filter(([k]) => !k.startsWith('(root)'))
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => `      ${v.toFixed(1).padStart(7)} ms  ${k}`)
        .join('\n');
    console.log(`--- run at ${run.from.toFixed(0)} ms, ${dur.toFixed(0)} ms`);
    console.log(`   self:\n${top(self, 12)}\n   total:\n${top(total, 30)}`);
  }
  // Over every run (short ones too): where the time went in all.
  const sum = [...all]
    .filter(([k]) => !k.startsWith('(root)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40);
  console.log(
    `--- all runs, total:\n${sum.map(([k, v]) => `      ${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n')}`,
  );
}
