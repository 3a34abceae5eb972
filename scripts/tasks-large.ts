/**
 * What each long task of a large template's open runs (a tool, not a test): pastes the bench's
 * generated template like scripts/profile-large.ts, traces the page and samples its CPU profile
 * from the click on "Add and start a proposal" until it has been quiet for a while, and prints
 * every main-thread task over --min ms (default 40) with what started it (timer, message,
 * animation frame, IndexedDB event…) and the heaviest functions sampled inside it.
 *   node bin/run-ts.js scripts/tasks-large.ts [--root DIR] [--which 1mb|10k] [--min 40]
 *     [--wait 4000]
 * Build without minifying to read the names: `npx vite build --minify false --outDir DIR`.
 */
import {
  largeTemplateOf,
  pasteTemplate,
  toolOption,
  USABLE_PROBE,
  withAppPage,
} from './bench-browser.ts';
import type { Node as ProfileNode, Profile, TraceEvent } from './profile-report.ts';

const opt = toolOption;
const root = opt('--root', process.cwd());
const which = opt('--which', '1mb');
const min = Number(opt('--min', '40'));
const wait = Number(opt('--wait', '4000'));
const text = largeTemplateOf(which);

await withAppPage(root, async (page, context, browser) => {
  const start = await pasteTemplate(page, text);
  await page.waitForTimeout(1000);
  // The bench's probe marks when the form is usable (`performance.mark('usable')`).
  await page.evaluate(USABLE_PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'blink.user_timing',
    ],
  });
  await cdp.send('Profiler.start');
  await start.click();
  const form = page.getByRole('form', { name: 'Proposal form' });
  await form.getByRole('textbox', { name: 'Author', exact: true }).first().waitFor();
  await page.waitForTimeout(wait);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const trace = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: TraceEvent[];
  };
  report(trace.traceEvents, profile);
  await context.close();
});

function report(events: TraceEvent[], profile: Profile) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mainEvents = events
    .filter((e) => e.ph === 'X' && main && e.tid === main.tid && e.pid === main.pid)
    .sort((a, b) => a.ts - b.ts);
  const tasks = mainEvents.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= min * 1000);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (m: ProfileNode) =>
    `${m.callFrame.functionName || '(anon)'} ${m.callFrame.url.split('/').pop()}:${m.callFrame.lineNumber + 1}`;
  // Sample times on the trace's clock (both are the browser's monotonic microseconds).
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  const t0 = tasks[0]?.ts ?? 0;
  console.log(`tasks of ${min} ms or more, from the first (ms after it):`);
  const usable = events.find((e) => e.name === 'usable');
  for (const e of events.filter((e) => e.name.startsWith('part ')))
    console.log(`+${((e.ts - (tasks[0]?.ts ?? 0)) / 1000).toFixed(0)} ${e.name}`);
  if (usable) console.log(`usable at +${((usable.ts - (tasks[0]?.ts ?? 0)) / 1000).toFixed(0)} ms`);
  // The workers' own long tasks (the completeness check), on the same clock.
  const workers = events.filter(
    (e) => e.name === 'thread_name' && /Worker/i.test(e.args?.name ?? '') && e.pid === main?.pid,
  );
  for (const w of workers) {
    const long = events.filter(
      (e) =>
        e.ph === 'X' &&
        e.tid === w.tid &&
        e.pid === w.pid &&
        e.name === 'RunTask' &&
        (e.dur ?? 0) >= 20_000,
    );
    if (long.length === 0) continue;
    console.log(
      `${w.args?.name} ${w.tid}: ${long.map((e) => `+${((e.ts - (tasks[0]?.ts ?? 0)) / 1000).toFixed(0)} ${((e.dur ?? 0) / 1000).toFixed(0)} ms`).join(', ')}`,
    );
  }
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    // What started the task: the outermost events inside it.
    const inside = mainEvents.filter((e) => e !== task && e.ts >= task.ts && e.ts < end);
    const outer: string[] = [];
    let until = -1;
    for (const e of inside) {
      if (e.ts < until) continue;
      until = e.ts + (e.dur ?? 0);
      if ((e.dur ?? 0) < 2000) continue;
      const d = e.args?.data;
      const what = d?.functionName || d?.type || '';
      outer.push(`${e.name}${what ? ` ${what}` : ''} ${((e.dur ?? 0) / 1000).toFixed(0)}`);
    }
    // Self time by event name (style, layout, paint, scripts…).
    const self = new Map<string, number>();
    const stack: { e: TraceEvent; child: number }[] = [];
    const close = (upTo: number) => {
      while (stack.length && stack.at(-1)!.e.ts + (stack.at(-1)!.e.dur ?? 0) <= upTo) {
        const top = stack.pop()!;
        self.set(top.e.name, (self.get(top.e.name) ?? 0) + ((top.e.dur ?? 0) - top.child) / 1000);
        if (stack.length) stack.at(-1)!.child += top.e.dur ?? 0;
      }
    };
    for (const e of inside) {
      close(e.ts);
      stack.push({ e, child: 0 });
    }
    close(Infinity);
    const total = new Map<string, number>();
    samples: for (let i = 0; i < profile.samples.length; i++) {
      const at = times[i]!;
      if (at < task.ts) continue;
      if (at >= end) break samples;
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const seen = new Set<string>();
      for (let m = byId.get(profile.samples[i]!); m; m = byId.get(parent.get(m.id) ?? -1)) {
        const k = key(m);
        if (seen.has(k) || k.startsWith('(root)')) continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + dt);
      }
    }
    console.log(
      `--- +${((task.ts - t0) / 1000).toFixed(0)} ms: task ${((task.dur ?? 0) / 1000).toFixed(0)} ms: ${outer.slice(0, 8).join(', ')}`,
    );
    console.log(
      `   self by event: ${[...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')}`,
    );
    for (const [k, v] of [...total]
      .filter(([k]) => !/^\((program|idle)\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 28))
      console.log(`      ${v.toFixed(1).padStart(7)} ms  ${k}`);
  }
}
