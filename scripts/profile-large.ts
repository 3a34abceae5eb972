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

const opt = toolOption;
const root = opt('--root', process.cwd());
const which = opt('--which', '1mb');
const keys = Number(opt('--keys', '20'));
const text = largeTemplateOf(which);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

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

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  ts: number;
  args?: { name?: string; data?: { functionName?: string; type?: string } };
}

/** The browser's own work on the main thread (self time per event name), per keystroke. */
function traceReport(trace: { traceEvents: TraceEvent[] }, per: number) {
  const events = trace.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mainEvents = events.filter(
    (e) => e.ph === 'X' && main && e.tid === main.tid && e.pid === main.pid && e.dur !== undefined,
  );
  const sum = new Map<string, number>();
  mainEvents.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const stack: { e: TraceEvent; child: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack.at(-1)!.e.ts + (stack.at(-1)!.e.dur ?? 0) <= upTo) {
      const top = stack.pop()!;
      const self = (top.e.dur ?? 0) - top.child;
      sum.set(top.e.name, (sum.get(top.e.name) ?? 0) + self / 1000);
      if (stack.length) stack.at(-1)!.child += top.e.dur ?? 0;
    }
  };
  for (const e of mainEvents) {
    close(e.ts);
    stack.push({ e, child: 0 });
  }
  close(Infinity);
  console.log('--- trace (main thread, self ms per key)');
  for (const [name, ms] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(ms / per).toFixed(2).padStart(9)}  ${name}`);
  const long = mainEvents.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 20000);
  console.log(
    `--- tasks over 20 ms: ${long.map((e) => ((e.dur ?? 0) / 1000).toFixed(0)).join(', ')}`,
  );
  // What each of those tasks did: the events inside it, by their own (self) time.
  const t0 = mainEvents[0]?.ts ?? 0;
  for (const task of long) {
    const end = task.ts + (task.dur ?? 0);
    const inside = mainEvents.filter((e) => e !== task && e.ts >= task.ts && e.ts < end);
    const own = new Map<string, number>();
    const open: { e: TraceEvent; child: number }[] = [];
    const shut = (upTo: number) => {
      while (open.length && open.at(-1)!.e.ts + (open.at(-1)!.e.dur ?? 0) <= upTo) {
        const top = open.pop()!;
        const label =
          top.e.name +
          (top.e.args?.data?.functionName ? ` ${top.e.args.data.functionName}` : '') +
          (top.e.args?.data?.type ? ` (${top.e.args.data.type})` : '');
        own.set(label, (own.get(label) ?? 0) + ((top.e.dur ?? 0) - top.child) / 1000);
        if (open.length) open.at(-1)!.child += top.e.dur ?? 0;
      }
    };
    for (const e of inside) {
      shut(e.ts);
      open.push({ e, child: 0 });
    }
    shut(Infinity);
    const top = [...own].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(
      `    task at ${((task.ts - t0) / 1000).toFixed(0)} ms, ${((task.dur ?? 0) / 1000).toFixed(0)} ms: ${top.map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ')}`,
    );
  }
}
