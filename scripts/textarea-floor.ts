/**
 * What a keystroke costs in a bare textarea holding the bench's text (a tool, not a test): no
 * app, an input listener that writes the value's length into the page. The floor under the
 * app's Markdown source keystroke at each size (the browser's own editing, layout and paint).
 *   node bin/run-ts.js scripts/textarea-floor.ts [--kb 10,100,300] [--keys 40] [--rounds 2]
 * Prints p50 / p95 of keydown → the input event's handler (the DOM update) and → the next frame.
 */
import { proseContent, stats } from './bench-browser.ts';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : (argv[i + 1] ?? fallback);
};
const sizes = opt('--kb', '10,100,300').split(',').map(Number);
const keys = Number(opt('--keys', '40'));
const rounds = Number(opt('--rounds', '2'));

const { findChromium, CHROMIUM_ARGS } = await import('./find-chromium.js');
const { chromium } = await import('@playwright/test');
const browser = await chromium.launch({ executablePath: findChromium().path, args: CHROMIUM_ARGS });
const sentence = ' and the layer cache keeps p95 latency within the budget for every tenant.';
try {
  for (const kb of sizes) {
    const samples: [number, number][] = [];
    for (let round = 0; round < rounds; round += 1) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // As the app's source textarea: 16 rows, the text's paragraphs, the caret mid-document.
      await page.setContent('<textarea rows="16" style="width: 600px"></textarea><p id="out"></p>');
      await page.evaluate(
        (text) => {
          const area = document.querySelector('textarea')!;
          const out = document.getElementById('out')!;
          area.value = text;
          area.focus();
          const mid = text.indexOf('\n\n', Math.floor(text.length / 2));
          area.setSelectionRange(mid, mid);
          const state = { start: 0, samples: [] as [number, number][] };
          (window as unknown as { floor: typeof state }).floor = state;
          document.addEventListener('keydown', (e) => (state.start = e.timeStamp), true);
          area.addEventListener('input', () => {
            out.textContent = String(area.value.length);
            const start = state.start;
            const mutation = performance.now() - start;
            requestAnimationFrame(() => state.samples.push([mutation, performance.now() - start]));
          });
        },
        proseContent(kb * 1024),
      );
      await page.keyboard.type(sentence.repeat(Math.ceil(keys / sentence.length)).slice(0, keys), {
        delay: 60,
      });
      await page.waitForTimeout(300);
      samples.push(
        ...(await page.evaluate(
          () => (window as unknown as { floor: { samples: [number, number][] } }).floor.samples,
        )),
      );
      await page.close();
    }
    const m = stats(samples.map((s) => s[0]));
    const f = stats(samples.map((s) => s[1]));
    console.log(
      `bare textarea ${kb} KB: DOM update ${m.p50.toFixed(1)} / ${m.p95.toFixed(1)} ms, next frame ${f.p50.toFixed(1)} / ${f.p95.toFixed(1)} ms (${m.n} keys)`,
    );
  }
} finally {
  await browser.close();
}
