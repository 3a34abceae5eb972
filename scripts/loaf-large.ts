/**
 * Which work lands in slow frames while typing in a large template (a tool, not a test): opens
 * the bench's generated template like scripts/profile-large.ts, types keystrokes as the bench
 * does, and prints each long animation frame (over --min ms, default 30) during the open's
 * aftermath and the typing, with the scripts it ran (invoker, function, duration) and its
 * style and layout time.
 *   node bin/run-ts.js scripts/loaf-large.ts [--root DIR] [--which 1mb|10k] [--keys 40] [--min 30]
 */
import { largeTemplateOf, pasteTemplate, toolOption, withAppPage } from './bench-browser.ts';

const opt = toolOption;
const root = opt('--root', process.cwd());
const which = opt('--which', '1mb');
const keys = Number(opt('--keys', '40'));
const min = Number(opt('--min', '30'));
const text = largeTemplateOf(which);

await withAppPage(root, async (page, context) => {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__keys = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.duration < ${min}) continue;
        window.__frames.push({
          start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
          render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
          style: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
          scripts: e.scripts.map((s) => ({
            invoker: s.invoker, type: s.invokerType, fn: s.sourceFunctionName,
            at: s.sourceURL.split('/').pop() + ':' + s.sourceCharPosition,
            duration: s.duration, forced: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
    document.addEventListener('keydown', (e) => window.__keys.push(e.timeStamp), { capture: true });
  })()`);
  const start = await pasteTemplate(page, text);
  await page.waitForTimeout(1000);
  const t0 = await page.evaluate<number>('performance.now()');
  await start.click();
  const form = page.getByRole('form', { name: 'Proposal form' });
  const author = form.getByRole('textbox', { name: 'Author', exact: true }).first();
  await author.waitFor();
  await page.waitForTimeout(3000);
  await author.click();
  await page.keyboard.type('Ada', { delay: 60 });
  await page.waitForTimeout(500);
  const k0 = await page.evaluate<number>('performance.now()');
  const sentence = ' and the layer cache keeps p95 latency within the budget for every tenant.';
  await page.keyboard.type(sentence.repeat(3).slice(0, keys), { delay: 60 });
  await page.waitForTimeout(1500);
  interface Frame {
    start: number;
    duration: number;
    blocking: number;
    render: number;
    style: number;
    scripts: {
      invoker: string;
      type: string;
      fn: string;
      at: string;
      duration: number;
      forced: number;
    }[];
  }
  const frames = await page.evaluate<Frame[]>('window.__frames');
  for (const f of frames) {
    const phase =
      f.start >= k0 ? `keys+${(f.start - k0).toFixed(0)}` : `open+${(f.start - t0).toFixed(0)}`;
    console.log(
      `${phase} ms: frame ${f.duration.toFixed(0)} ms (render ${f.render.toFixed(0)}, style/layout ${f.style.toFixed(0)})`,
    );
    for (const s of f.scripts)
      console.log(
        `    ${s.duration.toFixed(0).padStart(4)} ms ${s.type} ${s.invoker} ${s.fn} ${s.at}${s.forced ? ` (forced layout ${s.forced.toFixed(0)})` : ''}`,
      );
  }
  await context.close();
});
