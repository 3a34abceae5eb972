/**
 * The browser half of `npm run bench` (called by scripts/bench.ts): the built app served by
 * scripts/serve.js, driven in Chromium by Playwright.
 *
 * - Keystroke → preview: a prose field holding a generated proposal of 10, 100 and 300 KB, in
 *   Markdown source mode and in rich-text mode; keystrokes typed mid-document (at the end of a
 *   paragraph in the middle). In the page: keydown (its event time) → the first mutation inside
 *   the preview's `.markdown-body` after it → the animation frame after that mutation.
 * - The baseline, measured in the same run on the same text: a plain textarea page whose whole
 *   document is re-rendered by marked + DOMPurify (the app's versions) on every keystroke.
 * - Large templates: a generated 1 MB template (about 2,000 sections) and a 10,000-heading
 *   template, pasted into "Import a template": the import dialog's check (read in the worker),
 *   then the time from "Add and start a proposal" to a usable form (progress line and first text
 *   box in the page, timed in the page: work that follows at once, such as the preview, does
 *   not count), then keystrokes in its first text field.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { random, WORDS } from './bench-preview.ts';

export interface Stats {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

export interface KeystrokeResult {
  /** 'source' | 'rich' in the app; 'baseline' for the textarea page. */
  mode: 'source' | 'rich' | 'baseline';
  sizeKb: number;
  keystrokes: number;
  /** Keystrokes typed whose preview update was seen. */
  timed: number;
  /** Whitespace keys that changed nothing in the preview (timed to the next frame only). */
  unchanged: number;
  mutation: Stats;
  frame: Stats;
  note?: string;
}

export interface LargeTemplateResult {
  name: string;
  bytes: number;
  headings: number;
  /** ms from "Add and start a proposal" to a usable form; null when it timed out. */
  openMs: number | null;
  /** ms the import dialog took to check (read) the pasted template. */
  checkMs?: number;
  /**
   * After the form is usable: ms until the last main-thread task of 100 ms or more ended (0 when
   * none came; a keystroke elsewhere waits at most one task), and the longest such task.
   */
  busyAfterMs?: number;
  longestTaskAfterMs?: number;
  timeoutMs: number;
  keystroke?: KeyStats & { keystrokes: number };
  note?: string;
}

export interface BrowserBenchOptions {
  root: string;
  /** The built app to serve (default: root/dist). */
  dist?: string;
  sizesKb: number[];
  modes: ('source' | 'rich')[];
  keystrokes: number;
  /** Runs per configuration; the reported figures are the medians of the runs' figures. */
  runs: number;
  largeTemplates: boolean;
  log: (line: string) => void;
}

export interface BrowserBenchResult {
  chromium: string;
  keystrokes: KeystrokeResult[];
  largeTemplates: LargeTemplateResult[];
}

// ---------------------------------------------------------------------------------------------
// Generated text

function wordsFrom(next: () => number) {
  return (count: number) =>
    Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
}

/**
 * One prose field's answer of about `bytes`: paragraphs with bold and code spans. No lists or
 * headings, so the rich-text editor gives it back unchanged (it does not switch to source).
 */
export function proseContent(bytes: number): string {
  const words = wordsFrom(random(11));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block = `${words(12)}. ${words(15)} **${words(2)}** and \`${words(1)}\`. ${words(10)}.`;
    parts.push(block);
    size += block.length + 2;
  }
  return parts.join('\n\n');
}

/** A Markdown template of about `bytes` with `sections` headings (prose questions, labels, lists). */
export function largeTemplate(bytes: number, sections: number): string {
  const words = wordsFrom(random(5));
  const head = '# RFC: [Title]\n\n**Author**: [Your Name]\n**Created**: YYYY-MM-DD\n\n';
  const perSection = Math.max(0, Math.floor((bytes - head.length) / sections));
  const parts = [head];
  for (let n = 1; n < sections; n++) {
    let body = `## ${n}. ${words(3)}\n\n`;
    const kind = n % 4;
    if (kind === 1) body += `- Item 1...\n- Item 2...\n\n`;
    else if (kind === 2) body += `**Owner**: [Your Name]\n\n`;
    const filler = Math.max(0, perSection - body.length - 12);
    let guidance = '';
    while (guidance.length < filler) guidance += `${words(8)}. `;
    body += `<!-- ${guidance.slice(0, filler).trim()} -->\n\n`;
    parts.push(body);
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Helpers

export interface KeyStats {
  /** keydown → preview update, over the keys that updated it. */
  mutation: Stats;
  /** keydown → next frame, over every key. */
  frame: Stats;
  timed: number;
  unchanged: number;
}

function keyStats(samples: readonly Sample[]): KeyStats {
  const updated = samples.filter((s) => !s.unchanged);
  return {
    mutation: stats(updated.map((s) => s.mutation)),
    frame: stats(samples.map((s) => s.frame)),
    timed: updated.length,
    unchanged: samples.length - updated.length,
  };
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ??
    NaN;
  return { p50: at(50), p95: at(95), max: sorted.at(-1) ?? NaN, n: sorted.length };
}

function medianOf(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianStats(list: Stats[]): Stats {
  return {
    p50: medianOf(list.map((s) => s.p50)),
    p95: medianOf(list.map((s) => s.p95)),
    max: medianOf(list.map((s) => s.max)),
    n: list.reduce((n, s) => n + s.n, 0),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts scripts/serve.js on a free port; resolves to its URL and a stop function. */
export async function startServer(
  root: string,
  extraArgs: string[] = [],
): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [join(root, 'scripts/serve.js'), '--port', String(port), ...extraArgs],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('scripts/serve.js did not start')), 15_000);
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /https?:\/\/\S+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[0].replace(/\/?$/, '/'));
      }
    });
    server.once('exit', (code) => reject(new Error(`scripts/serve.js exited (${code})`)));
  });
  return { url, stop: () => server.kill() };
}

interface Sample {
  /** keydown → preview mutation; NaN when the key changed nothing in the preview. */
  mutation: number;
  frame: number;
  /** A whitespace key with no preview update before the next key (see instrument). */
  unchanged?: boolean;
}
interface BenchState {
  active: boolean;
  pending: { t: number; key: string; frame?: number }[];
  samples: Sample[];
}

/**
 * Instrumentation: keydown (event time) → the first mutation inside `selector` after it → the
 * animation frame after that mutation. Keystrokes whose update lands together share it, so a
 * slow update counts for every key it waited for. One exception: a space or other whitespace
 * key that has no preview update before the next key is pressed changed nothing there (a
 * trailing space in a one-line field renders the same Markdown); it is timed to the first
 * frame after its keydown (the field's own echo) and counted apart, instead of being charged
 * the 60 ms wait for the next key. Any other key always waits for a preview update.
 */
async function instrument(target: Locator): Promise<void> {
  await target.evaluate((observed) => {
    const state: BenchState = { active: false, pending: [], samples: [] };
    (window as unknown as { __bench: BenchState }).__bench = state;
    document.addEventListener(
      'keydown',
      (event) => {
        if (!state.active) return;
        state.pending = state.pending.filter((p) => {
          if (p.key.trim() !== '' || p.frame === undefined) return true;
          state.samples.push({ mutation: NaN, frame: p.frame - p.t, unchanged: true });
          return false;
        });
        const entry: BenchState['pending'][number] = { t: event.timeStamp, key: event.key };
        state.pending.push(entry);
        requestAnimationFrame(() => (entry.frame = performance.now()));
      },
      { capture: true },
    );
    new MutationObserver(() => {
      if (state.pending.length === 0) return;
      const now = performance.now();
      const started = state.pending.splice(0);
      requestAnimationFrame(() => {
        const frame = performance.now();
        for (const { t } of started) state.samples.push({ mutation: now - t, frame: frame - t });
      });
    }).observe(observed, { subtree: true, childList: true, characterData: true });
  });
}

/** Types `count` characters (a sentence, repeated) and returns the samples. */
async function typeTimed(
  page: Page,
  count: number,
  delay: number,
): Promise<{ samples: Sample[]; pending: number }> {
  await page.evaluate(() => {
    const state = (window as unknown as { __bench: BenchState }).__bench;
    state.samples = [];
    state.pending = [];
    state.active = true;
  });
  const sentence = ' and the layer cache keeps p95 latency within the budget for every tenant.';
  const text = sentence.repeat(Math.ceil(count / sentence.length)).slice(0, count);
  await page.keyboard.type(text, { delay });
  await page.waitForTimeout(1000);
  return page.evaluate(() => {
    const state = (window as unknown as { __bench: BenchState }).__bench;
    state.active = false;
    return { samples: state.samples, pending: state.pending.length };
  });
}

/**
 * Pastes `text` into "Import a template" and checks it; returns the dialog's "Add and start a
 * proposal" button once the check has passed.
 */
export async function pasteTemplate(page: Page, text: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Import a template' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Pasted text' }).check();
  const paste = dialog.getByRole('textbox', { name: 'Template text' });
  await paste.waitFor();
  // One input event with the whole text, as a paste gives (fill() types it in chunks).
  await paste.evaluate((el, value) => {
    const area = el as HTMLTextAreaElement;
    // The prototype's setter, so React sees the change as the browser's own.
    Reflect.set(HTMLTextAreaElement.prototype, 'value', value, area);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await dialog.getByRole('button', { name: 'Check the template' }).click();
  const start = dialog.getByRole('button', { name: 'Add and start a proposal' });
  await start.waitFor();
  return start;
}

/** A tool's `--name value` option (scripts/profile-*.ts, loaf-large.ts, tasks-large.ts). */
export function toolOption(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i === -1 ? fallback : (argv[i + 1] ?? fallback);
}

/** The bench's generated large template: `10k` (10,000 headings) or else 1 MB (2,000). */
export function largeTemplateOf(which: string): string {
  return which === '10k' ? largeTemplate(600 * 1024, 10_000) : largeTemplate(1024 * 1024, 2000);
}

/**
 * For the tools: `use` gets a page of the built app in `root` (served by scripts/serve.js) in
 * the bench's Chromium and window; the browser and the server are closed after.
 */
export async function withAppPage(
  root: string,
  use: (page: Page, context: BrowserContext, browser: Browser) => Promise<void>,
): Promise<void> {
  const { findChromium, CHROMIUM_ARGS } = await import('./find-chromium.js');
  const { chromium } = await import('@playwright/test');
  const server = await startServer(process.cwd(), ['--root', root]);
  const browser = await chromium.launch({
    executablePath: findChromium().path,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(server.url);
    await use(page, context, browser);
  } finally {
    await browser.close();
    server.stop();
  }
}

/** Places the caret at the end of the paragraph nearest the middle of a textarea's text. */
async function caretMidTextarea(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().focus();
  await page.evaluate((sel) => {
    const el = document.querySelector<HTMLTextAreaElement>(sel);
    if (!el) throw new Error(`no ${sel}`);
    const mid = el.value.indexOf('\n\n', Math.floor(el.value.length / 2));
    const at = mid === -1 ? el.value.length : mid;
    el.setSelectionRange(at, at);
    el.focus();
  }, selector);
}

/** In the source editor, the caret at the end of a paragraph in its middle chunk of lines. */
async function caretMidSource(field: Locator): Promise<void> {
  await field.evaluate((root) => {
    const chunk = root.children[Math.floor(root.children.length / 2)];
    const text = chunk?.firstChild;
    if (!chunk || !text) throw new Error('no text in the source editor');
    const t = text.textContent ?? '';
    let at = t.indexOf('\n\n', Math.floor(t.length / 2));
    if (at === -1) at = t.length;
    chunk.scrollIntoView({ block: 'center' });
    (root as HTMLElement).focus();
    window.getSelection()?.setBaseAndExtent(text, at, text, at);
  });
  await field.page().waitForTimeout(200);
}

// ---------------------------------------------------------------------------------------------
// Runs

/** The app's rendered preview: the Markdown body in the region named "Preview". */
const preview = (page: Page): Locator =>
  page.getByRole('region', { name: 'Preview' }).locator('.markdown-body').first();

const BASELINE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Baseline</title>
<style>body{display:flex;gap:1rem;margin:0;font:14px sans-serif}textarea{width:48vw;height:95vh}#out{width:48vw;height:95vh;overflow:auto}</style>
<script src="marked.umd.js"></script><script src="purify.min.js"></script></head>
<body><textarea id="src" aria-label="Markdown"></textarea><div id="out" class="markdown-body"></div>
<script>
const src = document.getElementById('src');
const out = document.getElementById('out');
const render = () => { out.innerHTML = DOMPurify.sanitize(marked.parse(src.value, { gfm: true })); };
src.addEventListener('input', render);
window.__setText = (text) => { src.value = text; render(); };
</script></body></html>`;

async function routeBaseline(context: BrowserContext, base: string): Promise<string> {
  const require = createRequire(import.meta.url);
  // The browser builds that sit beside each package's main file (not in their `exports`).
  const marked = readFileSync(join(dirname(require.resolve('marked')), 'marked.umd.js'));
  const purify = readFileSync(join(dirname(require.resolve('dompurify')), 'purify.min.js'));
  const at = new URL('__bench-baseline/', base).href;
  await context.route(`${at}**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.endsWith('marked.umd.js'))
      return route.fulfill({ body: marked, contentType: 'text/javascript' });
    if (path.endsWith('purify.min.js'))
      return route.fulfill({ body: purify, contentType: 'text/javascript' });
    return route.fulfill({ body: BASELINE_HTML, contentType: 'text/html' });
  });
  return `${at}index.html`;
}

async function baselineRun(
  browser: Browser,
  base: string,
  text: string,
  keystrokes: number,
): Promise<{ samples: Sample[]; pending: number }> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    serviceWorkers: 'block',
  });
  try {
    const url = await routeBaseline(context, base);
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate(
      (t) => (window as unknown as { __setText(t: string): void }).__setText(t),
      text,
    );
    await instrument(page.locator('#out'));
    await caretMidTextarea(page, '#src');
    await page.keyboard.type(' warm up', { delay: 60 });
    await page.waitForTimeout(300);
    return await typeTimed(page, keystrokes, 60);
  } finally {
    await context.close();
  }
}

/** Opens the EP template in a fresh context. */
async function openEditor(browser: Browser, base: string) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  await page.goto(base);
  await openEpDraft(page);
  await preview(page).waitFor();
  return { context, page };
}

/**
 * In the editor of the EP template: fills its first prose field with `text` in Markdown source
 * (one input, as a paste) and waits for the preview to show it; then, for `rich`, opens the same
 * field's rich-text editor. Leaves the caret at the end of the middle paragraph. Returns a note
 * when the field stayed in Markdown source (nothing of rich text can then be measured).
 */
export async function fillProseField(
  page: Page,
  text: string,
  mode: 'source' | 'rich',
): Promise<{ note?: string }> {
  const form = page.getByRole('form', { name: 'Proposal form' });
  const toggle = form.getByRole('button', { name: /^Markdown source for / }).first();
  // The button's own click: a pointer click can land while focus moves in the form.
  const press = () => toggle.evaluate((el) => (el as HTMLButtonElement).click());
  await press();
  await page.waitForFunction(() => document.querySelector('form .prose-source') != null);
  // The source editor, or the textarea standing in while it loads: measured once it is there.
  await page
    .waitForFunction(() => document.querySelector('form .source-editor') != null, null, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  // Fill the field's source with the bulk (one input); wait until the preview shows it.
  const field = form.locator('.prose-source').first();
  await field.fill(text, { timeout: 120_000 });
  const body = await preview(page).elementHandle();
  await page.waitForFunction(
    ([el, length]) => (el?.textContent?.length ?? 0) >= length * 0.8,
    [body, text.length] as const,
    { timeout: 120_000, polling: 200 },
  );
  if (mode === 'source') {
    if (await field.evaluate((el) => el instanceof HTMLTextAreaElement)) {
      await caretMidTextarea(page, 'form textarea.prose-source');
    } else {
      await caretMidSource(field);
    }
    return {};
  }
  // The field's rich-text editor takes the id its source had: the same field is measured.
  const id = await field.getAttribute('id');
  if (!id) throw new Error('the prose field has no id');
  await press();
  const editor = form.locator(`[id="${id}"].ProseMirror`);
  await editor.waitFor({ timeout: 60_000 }).catch(() => undefined);
  if ((await editor.count()) === 0) {
    return {
      note: 'the field stayed in Markdown source (the rich-text editor did not take the text)',
    };
  }
  await editor.click();
  // Caret at the end of the middle paragraph; ProseMirror follows the DOM selection.
  await editor.evaluate((root) => {
    const paragraphs = root.querySelectorAll(':scope > p, :scope > .prose-part > p');
    const p = paragraphs[Math.floor(paragraphs.length / 2)];
    if (!p) throw new Error('no paragraph in the rich-text editor');
    const range = document.createRange();
    range.selectNodeContents(p);
    range.collapse(false);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await page.waitForTimeout(200);
  return {};
}

/** Opens the EP template's editor from the gallery (a page on the app's start). */
export async function openEpDraft(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: 'Enhancement Proposal (EP)', exact: false })
    .first()
    .click();
  await page.waitForURL(/#\/draft\//);
}

async function appRun(
  browser: Browser,
  base: string,
  mode: 'source' | 'rich',
  text: string,
  keystrokes: number,
): Promise<{ samples: Sample[]; pending: number; note?: string }> {
  const { context, page } = await openEditor(browser, base);
  try {
    const { note } = await fillProseField(page, text, mode);
    if (note) return { samples: [], pending: 0, note };
    await instrument(preview(page));
    await page.keyboard.type(' warm up', { delay: 60 });
    await page.waitForTimeout(500);
    return await typeTimed(page, keystrokes, 60);
  } finally {
    await context.close();
  }
}

/**
 * In the page (a string: the script runner's helpers must not reach the page): the time of the
 * click that opens the template, and of the first DOM change after which the form is usable.
 */
export const USABLE_PROBE = `(() => {
  const w = window;
  const usable = () =>
    [...document.querySelectorAll('.completeness-text')].some((e) =>
      /\\d+ of \\d+ sections? complete/.test(e.textContent || ''),
    ) && document.querySelector('form[aria-label="Proposal form"] input[type="text"], form[aria-label="Proposal form"] textarea, form[aria-label="Proposal form"] [contenteditable="true"]');
  const observer = new MutationObserver(() => {
    if (w.__benchUsable || !w.__benchClick || !usable()) return;
    w.__benchUsable = performance.now();
    performance.mark('usable');
    observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  document.addEventListener('click', () => { w.__benchClick = performance.now(); }, { capture: true, once: true });
  w.__benchTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__benchTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
})()`;

/**
 * Waits until the page has run no long task for a second and a half (at most `timeoutMs`), then
 * returns what ran after the form was usable: when the last task of 100 ms or more ended, and
 * the longest task.
 */
async function settle(
  page: Page,
  timeoutMs: number,
): Promise<{ busyAfterMs: number; longestTaskAfterMs: number }> {
  const quietMs = 1500;
  const until = performance.now() + timeoutMs;
  for (;;) {
    const idleFor = await page.evaluate<number>(`(() => {
      const last = window.__benchTasks.at(-1);
      return performance.now() - (last ? last[0] + last[1] : window.__benchUsable);
    })()`);
    if (idleFor >= quietMs || performance.now() > until) break;
    await page.waitForTimeout(quietMs - idleFor + 50);
  }
  return page.evaluate<{ busyAfterMs: number; longestTaskAfterMs: number }>(`(() => {
    const from = window.__benchUsable;
    let busy = 0, longest = 0;
    for (const [start, duration] of window.__benchTasks) {
      if (start + duration <= from) continue;
      longest = Math.max(longest, duration);
      if (duration >= 100) busy = Math.max(busy, start + duration - from);
    }
    return { busyAfterMs: busy, longestTaskAfterMs: longest };
  })()`);
}

export async function largeTemplateRun(
  browser: Browser,
  base: string,
  name: string,
  text: string,
  headings: number,
  keystrokes: number,
  log: (line: string) => void,
  /** Receives every keystroke's figures (scripts/ab-large.ts pools them over runs). */
  sink?: { mutation: number[]; frame: number[] },
): Promise<LargeTemplateResult> {
  const timeoutMs = 60_000;
  const result: LargeTemplateResult = {
    name,
    bytes: text.length,
    headings,
    openMs: null,
    timeoutMs,
  };
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    serviceWorkers: 'block',
  });
  const step = (what: string) => log(`    ${name}: ${what}`);
  try {
    const page = await context.newPage();
    // A frozen page must not hold the bench: every action gives up after a while.
    page.setDefaultTimeout(timeoutMs);
    await page.goto(base);
    step('pasting the template');
    const checkStart = performance.now();
    const startButton = await pasteTemplate(page, text);
    result.checkMs = performance.now() - checkStart;
    step('opening it');
    // The page notes when the form is usable (its meter and a text box are in the DOM), so work
    // that follows at once (the preview) does not count, as it would in Playwright's polling.
    await page.evaluate(USABLE_PROBE);
    const start = performance.now();
    await startButton.click();
    try {
      const form = page.getByRole('form', { name: 'Proposal form' });
      // Waited for in the page: Playwright's text and role queries walk the whole DOM at each
      // poll, which would slow the very page being timed.
      await page.waitForFunction(
        () => ((window as unknown as { __benchUsable?: number }).__benchUsable ?? 0) > 0,
        null,
        { timeout: timeoutMs, polling: 100 },
      );
      const author = form.getByRole('textbox', { name: 'Author', exact: true }).first();
      await author.waitFor({ timeout: timeoutMs });
      const inPage = await page.evaluate('window.__benchUsable - window.__benchClick');
      result.openMs = typeof inPage === 'number' && inPage > 0 ? inPage : performance.now() - start;
      await preview(page).waitFor({
        timeout: timeoutMs,
      });
      Object.assign(result, await settle(page, timeoutMs));
      step(
        `usable after ${result.openMs.toFixed(0)} ms, busy for ${result.busyAfterMs?.toFixed(0)} ms more (longest task ${result.longestTaskAfterMs?.toFixed(0)} ms); typing`,
      );
      await instrument(preview(page));
      await author.click({ timeout: timeoutMs });
      await page.keyboard.type('Ada', { delay: 60 });
      await page.waitForTimeout(500);
      const { samples } = await typeTimed(page, keystrokes, 60);
      sink?.mutation.push(...samples.filter((s) => !s.unchanged).map((s) => s.mutation));
      sink?.frame.push(...samples.map((s) => s.frame));
      result.keystroke = { ...keyStats(samples), keystrokes };
    } catch (error) {
      result.note = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    }
  } catch (error) {
    result.note = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  } finally {
    // A frozen page can make close() wait; do not let it hold the bench.
    await Promise.race([context.close(), new Promise((r) => setTimeout(r, 10_000))]);
  }
  return result;
}

export async function runBrowserBench(options: BrowserBenchOptions): Promise<BrowserBenchResult> {
  const { findChromium, CHROMIUM_ARGS } = await import('./find-chromium.js');
  const found = findChromium();
  if (!found.path) throw new Error('no Chromium found (see README)');
  const { chromium } = await import('@playwright/test');
  const server = await startServer(options.root, options.dist ? ['--root', options.dist] : []);
  const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
  const out: BrowserBenchResult = {
    chromium: `${found.path} (${found.source})`,
    keystrokes: [],
    largeTemplates: [],
  };
  try {
    for (const sizeKb of options.sizesKb) {
      const text = proseContent(sizeKb * 1024);
      const configs: ('baseline' | 'source' | 'rich')[] = ['baseline', ...options.modes];
      for (const mode of configs) {
        const runs: { samples: Sample[]; pending: number; note?: string }[] = [];
        for (let run = 0; run < options.runs; run++) {
          options.log(`  browser: ${mode}, ${sizeKb} KB, run ${run + 1} of ${options.runs}`);
          try {
            runs.push(
              mode === 'baseline'
                ? await baselineRun(browser, server.url, text, options.keystrokes)
                : await appRun(browser, server.url, mode, text, options.keystrokes),
            );
          } catch (error) {
            runs.push({
              samples: [],
              pending: 0,
              note: (error instanceof Error ? error.message : String(error)).split('\n')[0],
            });
          }
        }
        const perRun = runs.filter((r) => r.samples.length > 0).map((r) => keyStats(r.samples));
        const note = runs.find((r) => r.note)?.note;
        out.keystrokes.push({
          mode,
          sizeKb,
          keystrokes: options.keystrokes,
          timed: medianOf(perRun.map((r) => r.timed)) || 0,
          unchanged: medianOf(perRun.map((r) => r.unchanged)) || 0,
          mutation: medianStats(perRun.map((r) => r.mutation)),
          frame: medianStats(perRun.map((r) => r.frame)),
          ...(note ? { note } : {}),
        });
      }
    }
    if (options.largeTemplates) {
      const big = [
        { name: '1 MB template', text: largeTemplate(1024 * 1024, 2000), headings: 2000 },
        {
          name: '10,000-heading template',
          text: largeTemplate(600 * 1024, 10_000),
          headings: 10_000,
        },
      ];
      for (const t of big) {
        options.log(`  browser: ${t.name} (${(t.text.length / 1024).toFixed(0)} KB)`);
        out.largeTemplates.push(
          await largeTemplateRun(
            browser,
            server.url,
            t.name,
            t.text,
            t.headings,
            options.keystrokes,
            options.log,
          ),
        );
      }
    }
  } finally {
    await browser.close();
    server.stop();
  }
  return out;
}
