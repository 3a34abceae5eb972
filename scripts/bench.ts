/**
 * `npm run bench`: measured numbers against the budgets in DESIGN.md ("Budgets"), as one table.
 * It reports; it does not fail (exit 0 unless the bench itself breaks).
 *
 *   node bin/run-ts.js scripts/bench.ts [--no-build] [--no-browser] [--no-jsdom]
 *
 * - parseTemplate: median of 50 runs (after warm-up) per built-in template; a synthetic Markdown
 *   template of 250 KB, 500 KB and 1 MB for linearity.
 * - checkMarkdown on a filled 100 KB document of a built-in template.
 * - Bundle: gzip size (zlib's default level; kB = 1000 bytes, as Vite prints) of every JS file in
 *   dist/assets; the first screen is the entry chunk of dist/index.html plus the chunks it
 *   imports statically (transitively).
 * - Keystroke to preview in Chromium (the built app, served by scripts/serve.js): a 100 KB and a
 *   300 KB document, 100 characters typed into a text field; in the page, keydown → first
 *   mutation of the preview's DOM, and → the next animation frame after it.
 * - Keystroke to preview in jsdom (scripts/bench-preview.ts), as a secondary line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { checkMarkdown } from '../src/core/check.ts';
import { parseTemplate } from '../src/core/template/parse.ts';
import type { Template } from '../src/core/template/types.ts';
import { TEMPLATE_HINTS } from '../src/templates/hints.ts';
import { readTemplateText } from '../src/templates/load-node.ts';
import { random, WORDS } from './bench-preview.ts';
import { BUILT_IN_TEMPLATES, type TemplateEntry } from '../src/templates/registry.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = new Set(process.argv.slice(2));

// ---------------------------------------------------------------------------------------------
// Report

type Status = 'ok' | 'OVER' | 'info' | 'skipped';
interface Row {
  group: string;
  measure: string;
  value: string;
  budget: string;
  status: Status;
}
const rows: Row[] = [];
const notes: string[] = [];

function row(group: string, measure: string, value: string, budget = '', status: Status = 'info') {
  rows.push({ group, measure, value, budget, status });
}
function judged(
  group: string,
  measure: string,
  value: number,
  unit: string,
  budget: number,
  digits = 1,
) {
  row(
    group,
    measure,
    `${value.toFixed(digits)} ${unit}`,
    `≤ ${budget} ${unit}`,
    value <= budget ? 'ok' : 'OVER',
  );
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function printTable(): void {
  const header: Row = {
    group: 'area',
    measure: 'measure',
    value: 'value',
    budget: 'budget',
    status: 'info',
  };
  const widths = {
    group: Math.max(...[header, ...rows].map((r) => r.group.length)),
    measure: Math.max(...[header, ...rows].map((r) => r.measure.length)),
    value: Math.max(...[header, ...rows].map((r) => r.value.length)),
    budget: Math.max(...[header, ...rows].map((r) => r.budget.length)),
  };
  const line = (r: Row, status: string) =>
    `${r.group.padEnd(widths.group)}  ${r.measure.padEnd(widths.measure)}  ${r.value.padStart(widths.value)}  ${r.budget.padEnd(widths.budget)}  ${status}`;
  const out = [line(header, 'status')];
  out.push('-'.repeat(out[0]!.length + 2));
  let group = '';
  for (const r of rows) {
    if (group && r.group !== group) out.push('');
    group = r.group;
    out.push(line(r, r.status === 'info' ? '' : r.status));
  }
  console.log(out.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Helpers

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
function time(fn: () => void, runs: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times;
}
const kb = (bytes: number) => bytes / 1024;
/** Bundle sizes in kB of 1000 bytes, as Vite prints them. */
const kB = (bytes: number) => bytes / 1000;
const hintsFor = (entry: TemplateEntry) => {
  const hints = TEMPLATE_HINTS[entry.id];
  return hints ? { hints } : {};
};

function wordsFrom(next: () => number) {
  return (count: number) =>
    Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
}

// ---------------------------------------------------------------------------------------------
// parseTemplate

/** A Markdown template of about `bytes`: sections, bold labels, placeholders, lists, code, tables. */
function syntheticTemplate(bytes: number): string {
  const words = wordsFrom(random(7));
  const parts = [
    '# EP-XXX: [Enhancement Title]\n\n**Author**: [Your Name]\n**Created**: YYYY-MM-DD\n',
  ];
  let size = parts[0]!.length;
  for (let n = 1; size < bytes; n++) {
    const block = `## ${n}. Area ${words(2)}

<!-- Describe ${words(8)}. -->
[Explain ${words(10)}]

**Owner**: [Your Name]
**Size**: Small / Medium / Large / XL

### Requirements ${n}

- Requirement 1...
- Requirement 2...

### Tasks ${n}

- [ ] Task 1
- [ ] Task 2

### Example ${n}

\`\`\`go
// ${words(6)}
func Area${n}(ctx context.Context) error {
\treturn nil
}
\`\`\`

| Risk | Probability | Impact | Mitigation |
| ---- | ----------- | ------ | ---------- |
| [Risk ${n}] | High/Medium/Low | High/Medium/Low | [Mitigation] |

`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}

function benchParse(): void {
  for (const entry of BUILT_IN_TEMPLATES) {
    const text = readTemplateText(entry);
    const options = hintsFor(entry);
    const times = time(() => parseTemplate(text, entry.format, options), 50, 20);
    judged(
      'parseTemplate',
      `${entry.id} (${kb(text.length).toFixed(1)} KB), median of 50`,
      median(times),
      'ms',
      2,
      2,
    );
  }
  let perKb: number[] = [];
  for (const sizeKb of [250, 500, 1024]) {
    const text = syntheticTemplate(sizeKb * 1024);
    const runs = sizeKb > 500 ? 5 : 7;
    const ms = median(time(() => parseTemplate(text, 'markdown'), runs, 1));
    perKb.push(ms / kb(text.length));
    const label = `synthetic ${sizeKb === 1024 ? '1 MB' : `${sizeKb} KB`} Markdown, median of ${runs}`;
    if (sizeKb === 1024) judged('parseTemplate', label, ms, 'ms', 300, 0);
    else row('parseTemplate', label, `${ms.toFixed(0)} ms`);
  }
  const growth = perKb[2]! / perKb[0]!;
  row(
    'parseTemplate',
    'linearity: ms per KB at 1 MB ÷ at 250 KB',
    `${growth.toFixed(2)}×`,
    '≈ 1 (linear)',
    growth <= 1.5 ? 'ok' : 'OVER',
  );
  perKb = [];
}

// ---------------------------------------------------------------------------------------------
// checkMarkdown

/** The template's text with placeholders answered and paragraphs added under every heading. */
function filledDocument(template: string, bytes: number): string {
  const words = wordsFrom(random(3));
  const lines = template.replace(/\[[^\]\n]*\]/g, () => words(3)).split('\n');
  const headings = lines.filter((l) => /^#{1,6} /.test(l)).length || 1;
  const paragraph = () => `${words(14)}. ${words(12)}. ${words(16)}.`;
  const per = Math.max(
    1,
    Math.ceil((bytes - template.length) / headings / (paragraph().length + 2)),
  );
  const out: string[] = [];
  let fence = false;
  for (const line of lines) {
    out.push(line);
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (!fence && /^#{1,6} /.test(line)) {
      for (let i = 0; i < per; i++) out.push('', paragraph());
      out.push('');
    }
  }
  return out.join('\n');
}

function benchCheck(): void {
  const entry = BUILT_IN_TEMPLATES.find((t) => t.id === 'enhancement-proposal')!;
  const text = readTemplateText(entry);
  const template: Template = parseTemplate(text, entry.format, hintsFor(entry));
  const doc = filledDocument(text, 100 * 1024);
  let report: ReturnType<typeof checkMarkdown> | undefined;
  const times = time(() => (report = checkMarkdown(template, doc)), 15, 3);
  row(
    'checkMarkdown',
    `${entry.id}, filled ${kb(doc.length).toFixed(0)} KB document, median of 15 (p95 ${percentile(times, 95).toFixed(1)} ms)`,
    `${median(times).toFixed(1)} ms`,
    '(no budget)',
  );
  notes.push(
    `checkMarkdown sanity: ${report?.missing.length ?? '?'} sections missing, ${report?.warnings.length ?? '?'} warnings in the filled document.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Bundle

function benchBundle(): void {
  const dist = join(root, 'dist');
  if (!args.has('--no-build')) {
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) {
      row('bundle', 'vite build', 'failed', '', 'skipped');
      return;
    }
  }
  const indexHtml = join(dist, 'index.html');
  if (!existsSync(indexHtml)) {
    row('bundle', 'dist/index.html', 'missing (run without --no-build)', '', 'skipped');
    return;
  }
  const assets = join(dist, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = new Map<string, number>();
  const code = new Map<string, string>();
  for (const f of files) {
    const text = readFileSync(join(assets, f), 'utf8');
    code.set(f, text);
    gz.set(f, gzipSync(text).length);
  }
  /** A chunk and the chunks it imports statically (`import … from"./x.js"`, `import"./x.js"`). */
  const closure = (start: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(start) || !code.has(start)) return seen;
    seen.add(start);
    const re = /\bimport\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']\.\/([^"']+\.js)["']/g;
    for (const m of code.get(start)!.matchAll(re)) closure(m[1]!, seen);
    return seen;
  };
  const html = readFileSync(indexHtml, 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="[^"]*assets\/([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const preloads = [
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="[^"]*assets\/([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const firstScreen = new Set<string>();
  for (const f of [...entries, ...preloads]) closure(f, firstScreen);
  const sum = (names: Iterable<string>) =>
    [...names].reduce((total, f) => total + (gz.get(f) ?? 0), 0);

  for (const f of [...files].sort((a, b) => gz.get(b)! - gz.get(a)!)) {
    row(
      'bundle (gzip)',
      `${f}${firstScreen.has(f) ? ' (first screen)' : ''}`,
      `${kB(gz.get(f)!).toFixed(1)} kB`,
    );
  }
  judged(
    'bundle (gzip)',
    `first screen JS (${firstScreen.size} file(s))`,
    kB(sum(firstScreen)),
    'kB',
    150,
  );
  judged(
    'bundle (gzip)',
    `all JS in dist/assets (${files.length} files)`,
    kB(sum(files)),
    'kB',
    300,
  );

  // What one editing session with a built-in template loads: first screen, the editor route,
  // the rich-text editor and one template, with their static imports.
  const byPrefix = (prefix: string) => files.find((f) => f.startsWith(`${prefix}-`));
  const session = new Set(firstScreen);
  for (const prefix of ['EditorRoute', 'RichTextEditor', 'enhancement-proposal']) {
    const f = byPrefix(prefix);
    if (f) closure(f, session);
  }
  row(
    'bundle (gzip)',
    `loaded by an EP editing session (${session.size} files; info)`,
    `${kB(sum(session)).toFixed(1)} kB`,
  );
}

// ---------------------------------------------------------------------------------------------
// Keystroke to preview in Chromium

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

/** Prose of about `bytes`: paragraphs, lists and code, no headings (it is one field's answer). */
function proseContent(bytes: number): string {
  const words = wordsFrom(random(11));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block =
      i % 5 === 3
        ? `- ${words(6)}\n- ${words(8)}\n- ${words(5)}`
        : i % 7 === 5
          ? `\`\`\`ts\nconst ${'x'}${i} = ${i}; // ${words(5)}\n\`\`\``
          : `${words(12)}. ${words(15)} **${words(2)}** and \`${words(1)}\`. ${words(10)}.`;
    parts.push(block);
    size += block.length + 2;
  }
  return parts.join('\n\n');
}

interface BrowserSample {
  mutation: number;
  frame: number;
}

async function benchBrowser(): Promise<void> {
  const group = 'keystroke → preview (Chromium)';
  if (args.has('--no-browser')) {
    row(group, 'skipped (--no-browser)', '', '', 'skipped');
    return;
  }
  if (!existsSync(join(root, 'dist', 'index.html'))) {
    row(group, 'skipped: no dist/ (build failed or --no-build)', '', '', 'skipped');
    return;
  }
  const { findChromium, CHROMIUM_ARGS } = await import('./find-chromium.js');
  const found = findChromium();
  if (!found.path) {
    row(group, 'skipped: no Chromium found (see README)', '', '', 'skipped');
    return;
  }
  const { chromium } = await import('@playwright/test');
  const port = await freePort();
  const server = spawn(process.execPath, [join(root, 'scripts/serve.js'), '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
    server.once('exit', (codeValue) => reject(new Error(`scripts/serve.js exited (${codeValue})`)));
  });
  const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page
      .getByRole('button', { name: 'Enhancement Proposal (EP)', exact: false })
      .first()
      .click();
    await page.waitForURL(/#\/draft\//);
    const form = page.getByRole('form', { name: 'Proposal form' });
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.locator('.markdown-body').first().waitFor();
    const author = form.getByRole('textbox', { name: 'Author', exact: true }).first();
    await author.waitFor();

    // One prose field in Markdown source mode: its textarea takes the bulk of the document.
    const sourceButton = form.getByRole('button', { name: /^Markdown source for / }).first();
    const label = (
      (await sourceButton.getAttribute('aria-label')) ??
      (await sourceButton.textContent()) ??
      ''
    )
      .replace(/^\s*Markdown source\s*for\s*/, '')
      .trim();
    await sourceButton.click();
    const source = form
      .locator('textarea')
      .and(form.getByRole('textbox', { name: label, exact: true }))
      .first();
    await source.waitFor();
    notes.push(
      `Chromium: ${found.path} (${found.source}); bulk text in the prose field "${label}", typing into "Author".`,
    );

    // Instrumentation, installed once: keydown (its event time) → the first mutation inside the
    // preview's .markdown-body after it → the animation frame after that mutation. Keystrokes
    // whose update lands together share the mutation (the deferred preview may batch them).
    await preview.evaluate((region) => {
      const state = {
        active: false,
        pending: [] as number[],
        samples: [] as { mutation: number; frame: number }[],
      };
      (window as unknown as { __bench: typeof state }).__bench = state;
      document.addEventListener(
        'keydown',
        (event) => {
          if (state.active) state.pending.push(event.timeStamp);
        },
        { capture: true },
      );
      new MutationObserver((records) => {
        if (state.pending.length === 0) return;
        const inBody = records.some((r) => {
          const node = r.target instanceof Element ? r.target : r.target.parentElement;
          return node?.closest('.markdown-body') != null;
        });
        if (!inBody) return;
        const now = performance.now();
        const started = state.pending.splice(0);
        requestAnimationFrame(() => {
          const frame = performance.now();
          for (const t of started) state.samples.push({ mutation: now - t, frame: frame - t });
        });
      }).observe(region, { subtree: true, childList: true, characterData: true });
    });

    for (const sizeKb of [100, 300]) {
      const bulk = proseContent(sizeKb * 1024);
      const pasted = performance.now();
      await source.fill(bulk, { timeout: 120_000 });
      // The preview shows the bulk when its text is about as long as the bulk's.
      const deadline = Date.now() + 120_000;
      let shown = 0;
      while (
        (shown = await preview.evaluate(
          (el) => el.querySelector('.markdown-body')?.textContent?.length ?? 0,
        )) <
        bulk.length * 0.8
      ) {
        if (Date.now() > deadline)
          throw new Error(`the preview never showed the ${sizeKb} KB text`);
        await page.waitForTimeout(100);
      }
      const pasteMs = performance.now() - pasted;

      await author.click();
      await author.press('End');
      // Warm-up keystrokes, not timed.
      await page.keyboard.type(' warm up', { delay: 60 });
      await page.waitForTimeout(500);
      await page.evaluate(() => {
        const state = (
          window as unknown as {
            __bench: { active: boolean; samples: unknown[]; pending: unknown[] };
          }
        ).__bench;
        state.samples = [];
        state.pending = [];
        state.active = true;
      });
      const typed = ' and the layer cache keeps p95 latency within the budget for every tenant ok.'
        .padEnd(100, 'x')
        .slice(0, 100);
      await page.keyboard.type(typed, { delay: 60 });
      await page.waitForTimeout(1000);
      const { samples, pending } = await page.evaluate(() => {
        const state = (
          window as unknown as {
            __bench: { active: boolean; samples: BrowserSample[]; pending: number[] };
          }
        ).__bench;
        state.active = false;
        return { samples: state.samples, pending: state.pending.length };
      });
      const mutation = samples.map((s) => s.mutation);
      const frame = samples.map((s) => s.frame);
      row(
        group,
        `${sizeKb} KB document (${kb(shown).toFixed(0)} KB of preview text), ${samples.length} of 100 keystrokes timed${pending ? `, ${pending} without a preview update` : ''}`,
        '',
      );
      row(
        group,
        `  paste ${sizeKb} KB into "${label}" → preview shows it (info)`,
        `${pasteMs.toFixed(0)} ms`,
      );
      judged(group, `  keydown → preview DOM mutated, p50`, percentile(mutation, 50), 'ms', 16);
      judged(group, `  keydown → preview DOM mutated, p95`, percentile(mutation, 95), 'ms', 16);
      judged(group, `  keydown → next frame after it, p50`, percentile(frame, 50), 'ms', 21);
      judged(group, `  keydown → next frame after it, p95`, percentile(frame, 95), 'ms', 21);
      // Back to the end of the prose field's text for the next size.
      await author.fill('Ada Lovelace');
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

// ---------------------------------------------------------------------------------------------
// Keystroke to preview in jsdom (secondary)

async function benchJsdom(): Promise<void> {
  const group = 'keystroke → preview (jsdom)';
  if (args.has('--no-jsdom')) {
    row(group, 'skipped (--no-jsdom)', '', '', 'skipped');
    return;
  }
  const { runPreviewBench, PREVIEW_BUDGET_MS } = await import('./bench-preview.ts');
  const results = await runPreviewBench({ log: () => {} });
  for (const r of results) {
    judged(
      group,
      `${r.sizeKb} KB, ${r.sections} sections: section render + DOM update, p95 (p50 ${r.p50Ms.toFixed(1)} ms; whole document p95 ${r.wholeDocumentP95Ms.toFixed(0)} ms)`,
      r.p95Ms,
      'ms',
      PREVIEW_BUDGET_MS,
    );
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const loadBefore = load();
  const steps: [string, () => void | Promise<void>][] = [
    ['parseTemplate', benchParse],
    ['checkMarkdown', benchCheck],
    ['bundle (gzip)', benchBundle],
    ['keystroke → preview (Chromium)', benchBrowser],
    ['keystroke → preview (jsdom)', benchJsdom],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      row(
        name,
        'failed',
        error instanceof Error ? error.message.split('\n')[0]! : String(error),
        '',
        'skipped',
      );
    }
  }
  console.log(
    `\nProposal Studio bench — budgets from DESIGN.md "Budgets" — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`,
  );
  console.log(
    `load average (1/5/15 min): ${loadBefore} at start, ${load()} at end (a busy machine inflates times)\n`,
  );
  printTable();
  if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
}

await main();
