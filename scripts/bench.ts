/**
 * `npm run bench`: every figure of the performance budgets (docs/architecture.md "Budgets",
 * issue #12) measured in one run and printed as one table beside its budget, with the baseline
 * beside the app's keystroke figures; the same figures are written to bench-results.json.
 * It reports; it does not fail (exit 0 unless the bench itself breaks). It builds what it needs
 * (`vite build`), so it runs on a fresh clone after `npm ci`.
 *
 *   node bin/run-ts.js scripts/bench.ts [--no-build] [--no-browser] [--no-large] [--no-jsdom]
 *        [--no-core] [--runs N] [--keystrokes N] [--sizes 10,100,300] [--modes source,rich]
 *        [--json FILE] [--dist DIR]
 *
 * - Core, per built-in template: parseTemplate, renderDocument, readDocument, checkDocument
 *   (median of 50 runs after warm-up); a synthetic Markdown template of 250 KB, 500 KB and 1 MB
 *   for linearity; checkMarkdown on a filled 100 KB document.
 * - Bundle: gzip size (zlib's default level; kB = 1000 bytes, as Vite prints) of every JS file in
 *   dist/assets; the first screen is the entry chunk of dist/index.html plus the chunks it
 *   imports statically (transitively); an editing session adds the editor route, the rich-text
 *   editor and one built-in template (the largest such session is judged).
 * - Keystroke → preview in Chromium, source and rich-text mode, 10/100/300 KB, beside the
 *   baseline; large templates (1 MB, 10,000 headings): open time and keystrokes
 *   (scripts/bench-browser.ts).
 * - Keystroke → preview in jsdom (scripts/bench-preview.ts), as a secondary line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { checkDocument, checkMarkdown } from '../src/core/check.ts';
import { readDocument } from '../src/core/document/read.ts';
import { renderDocument } from '../src/core/document/render.ts';
import { parseTemplate } from '../src/core/template/parse.ts';
import type { Template } from '../src/core/template/types.ts';
import { TEMPLATE_HINTS } from '../src/templates/hints.ts';
import { readTemplateText } from '../src/templates/load-node.ts';
import type { Stats } from './bench-browser.ts';
import { random, WORDS } from './bench-preview.ts';
import { BUILT_IN_TEMPLATES, type TemplateEntry } from '../src/templates/registry.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const argv = process.argv.slice(2);
const args = new Set(argv);
function numberArg(name: string, fallback: number): number {
  const i = argv.indexOf(name);
  const value = i === -1 ? NaN : Number(argv[i + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
function stringArg(name: string, fallback: string): string {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : (argv[i + 1] ?? fallback);
}
/** The built app measured: dist/ (built first), or `--dist DIR` as it is (another build, to compare). */
const distDir = argv.includes('--dist') ? resolve(stringArg('--dist', 'dist')) : join(root, 'dist');
/** Everything measured, written to bench-results.json. */
const json: Record<string, unknown> = {};

// ---------------------------------------------------------------------------------------------
// Report

type Status = 'ok' | 'OVER' | 'info' | 'skipped';
interface Row {
  group: string;
  measure: string;
  value: string;
  budget: string;
  status: Status;
  /** The baseline's figure measured in the same run, where there is one. */
  baseline: string;
}
const rows: Row[] = [];
const notes: string[] = [];

function row(
  group: string,
  measure: string,
  value: string,
  budget = '',
  status: Status = 'info',
  baseline = '',
) {
  rows.push({ group, measure, value, budget, status, baseline });
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
    baseline: 'baseline (same run)',
  };
  const widths = {
    group: Math.max(...[header, ...rows].map((r) => r.group.length)),
    measure: Math.max(...[header, ...rows].map((r) => r.measure.length)),
    value: Math.max(...[header, ...rows].map((r) => r.value.length)),
    budget: Math.max(...[header, ...rows].map((r) => r.budget.length)),
    status: 'status'.length,
  };
  const line = (r: Row, status: string) =>
    `${r.group.padEnd(widths.group)}  ${r.measure.padEnd(widths.measure)}  ${r.value.padStart(widths.value)}  ${r.budget.padEnd(widths.budget)}  ${status.padEnd(widths.status)}  ${r.baseline}`.trimEnd();
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
  const perTemplate: Record<string, Record<string, number>> = {};
  for (const entry of BUILT_IN_TEMPLATES) {
    const text = readTemplateText(entry);
    const options = hintsFor(entry);
    const parse = median(time(() => parseTemplate(text, entry.format, options), 50, 20));
    judged(
      'core, per built-in template',
      `${entry.id} (${kb(text.length).toFixed(1)} KB): parseTemplate, median of 50`,
      parse,
      'ms',
      2,
      2,
    );
    // Values as an author leaves them: the template filled with paragraphs, read back.
    const template = parseTemplate(text, entry.format, options);
    const { values } = readDocument(template, filledDocument(text, text.length * 2));
    let rendered = '';
    const render = median(time(() => (rendered = renderDocument(template, values)), 50, 10));
    const read = median(time(() => readDocument(template, rendered), 50, 10));
    const check = median(time(() => checkDocument(template, values), 50, 10));
    row(
      'core, per built-in template',
      `${entry.id}: render / read / check (${kb(rendered.length).toFixed(1)} KB document), median of 50`,
      `${render.toFixed(2)} / ${read.toFixed(2)} / ${check.toFixed(2)} ms`,
      '(no budget)',
    );
    perTemplate[entry.id] = { bytes: text.length, parse, render, read, check };
  }
  json.core = { perTemplate };
  let perKb: number[] = [];
  for (const sizeKb of [250, 500, 1024]) {
    const text = syntheticTemplate(sizeKb * 1024);
    const runs = sizeKb > 500 ? 5 : 7;
    const ms = median(time(() => parseTemplate(text, 'markdown'), runs, 1));
    perKb.push(ms / kb(text.length));
    const label = `synthetic ${sizeKb === 1024 ? '1 MB' : `${sizeKb} KB`} Markdown, median of ${runs}`;
    if (sizeKb === 1024) judged('parseTemplate', label, ms, 'ms', 300, 0);
    else row('parseTemplate', label, `${ms.toFixed(0)} ms`);
    (json.core as Record<string, unknown>)[`parseSynthetic${sizeKb}KB`] = ms;
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
  const dist = distDir;
  if (!args.has('--no-build') && !argv.includes('--dist')) {
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
  // A service worker or other script outside assets/ counts towards all JS too.
  for (const f of readdirSync(dist).filter((f) => f.endsWith('.js'))) {
    gz.set(`../${f}`, gzipSync(readFileSync(join(dist, f))).length);
    files.push(`../${f}`);
  }
  for (const f of files.filter((f) => !f.startsWith('../'))) {
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

  const chunks: Record<string, number> = {};
  for (const f of [...files].sort((a, b) => gz.get(b)! - gz.get(a)!)) {
    chunks[f] = gz.get(f)!;
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
    120,
  );

  // What one editing session with a built-in template loads: the first screen, the editor
  // route, the rich-text editor, the gallery's draft progress and one template, with their
  // static imports. The largest of the built-in templates' sessions is judged.
  const byPrefix = (prefix: string) =>
    files.find((f) => new RegExp(`^${prefix}-[\\w-]{8}\\.js$`).test(f));
  const sessions = BUILT_IN_TEMPLATES.map((entry) => {
    const session = new Set(firstScreen);
    for (const prefix of ['EditorRoute', 'RichTextEditor', 'draftProgress', entry.id]) {
      const f = byPrefix(prefix);
      if (f) closure(f, session);
    }
    return { id: entry.id, files: session.size, bytes: sum(session) };
  }).sort((a, b) => b.bytes - a.bytes);
  const largest = sessions[0];
  if (largest) {
    judged(
      'bundle (gzip)',
      `one editing session JS (${largest.id}, ${largest.files} files; the largest)`,
      kB(largest.bytes),
      'kB',
      250,
    );
  }
  judged('bundle (gzip)', `all JS in dist/ (${files.length} files)`, kB(sum(files)), 'kB', 300);
  // Everything a host serves (HTML, CSS, icons, manifest, service worker), source maps aside.
  const everything = listFiles(dist).filter((f) => !f.endsWith('.map'));
  const everythingGz = everything.reduce((t, f) => t + gzipSync(readFileSync(f)).length, 0);
  judged(
    'bundle (gzip)',
    `all of dist/ but source maps (${everything.length} files)`,
    kB(everythingGz),
    'kB',
    300,
  );
  json.bundle = {
    unit: 'bytes gzip (zlib default level)',
    firstScreen: sum(firstScreen),
    firstScreenFiles: [...firstScreen],
    sessions,
    allJs: sum(files),
    allFilesButMaps: everythingGz,
    chunks,
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)],
  );
}

// ---------------------------------------------------------------------------------------------
// Keystroke to preview, and large templates, in Chromium (scripts/bench-browser.ts)

const KEYSTROKE_DOM_MS = 16;
const KEYSTROKE_FRAME_MS = 21;
const FLAT_P50_MS = 2;
const OPEN_MS = 1000;

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '—');
const statsText = (s: Stats) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`;

function judgeStats(group: string, measure: string, s: Stats, budget: number, base?: Stats) {
  const ok = Number.isFinite(s.p95) && s.p95 <= budget;
  row(
    group,
    measure,
    statsText(s),
    `p95 ≤ ${budget} ms`,
    Number.isFinite(s.p95) ? (ok ? 'ok' : 'OVER') : 'skipped',
    base ? statsText(base) : '',
  );
}

async function benchBrowser(): Promise<void> {
  const group = 'keystroke → preview (Chromium)';
  if (args.has('--no-browser')) {
    row(group, 'skipped (--no-browser)', '', '', 'skipped');
    return;
  }
  if (!existsSync(join(distDir, 'index.html'))) {
    row(group, 'skipped: no dist/ (build failed or --no-build)', '', '', 'skipped');
    return;
  }
  const { runBrowserBench } = await import('./bench-browser.ts');
  const result = await runBrowserBench({
    root,
    dist: distDir,
    sizesKb: stringArg('--sizes', '10,100,300')
      .split(',')
      .map(Number)
      .filter((n) => n > 0),
    modes: stringArg('--modes', 'source,rich')
      .split(',')
      .filter((mode): mode is 'source' | 'rich' => mode === 'source' || mode === 'rich'),
    keystrokes: numberArg('--keystrokes', 40),
    runs: numberArg('--runs', 1),
    largeTemplates: !args.has('--no-large'),
    log: (line) => console.error(line),
  });
  json.browser = result;
  notes.push(
    `Chromium: ${result.chromium}. Keystrokes typed mid-document into a prose field holding generated paragraphs; figures are p50 / p95 / max, median of ${numberArg('--runs', 1)} run(s); the baseline is a textarea page re-rendering the whole document with marked + DOMPurify per keystroke, on the same text.`,
  );
  const find = (mode: string, size: number) =>
    result.keystrokes.find((k) => k.mode === mode && k.sizeKb === size);
  for (const mode of ['source', 'rich'] as const) {
    const name = mode === 'source' ? 'Markdown source' : 'rich text';
    for (const size of [10, 100, 300]) {
      const k = find(mode, size);
      const base = find('baseline', size);
      if (!k) continue;
      const label = `${name}, ${size} KB`;
      if (mode === 'source' && base && base.timed === 0)
        notes.push(`baseline, ${size} KB: not measured (${base.note ?? 'no samples'})`);
      if (k.timed === 0) {
        row(group, `${label}: not measured`, k.note ?? 'no samples', '', 'skipped');
        continue;
      }
      const seen = keysSeen(k);
      judgeStats(
        group,
        `${label}, keydown → DOM update (${seen})`,
        k.mutation,
        KEYSTROKE_DOM_MS,
        base?.mutation,
      );
      judgeStats(group, `${label}, keydown → next frame`, k.frame, KEYSTROKE_FRAME_MS, base?.frame);
    }
    const small = find(mode, 10);
    const large = find(mode, 300);
    if (small?.timed && large?.timed) {
      const growth = large.mutation.p50 - small.mutation.p50;
      row(
        group,
        `${name}: p50 at 300 KB − p50 at 10 KB (DOM update)`,
        `${growth.toFixed(1)} ms`,
        `≤ ${FLAT_P50_MS} ms`,
        growth <= FLAT_P50_MS ? 'ok' : 'OVER',
      );
    }
  }

  const big = 'large templates (Chromium)';
  if (result.largeTemplates.length === 0) row(big, 'skipped (--no-large)', '', '', 'skipped');
  for (const t of result.largeTemplates) {
    const label = `${t.name} (${(t.bytes / 1024).toFixed(0)} KB, ${t.headings} headings)`;
    if (t.openMs == null) {
      row(
        big,
        `${label}: open → usable form`,
        `> ${t.timeoutMs / 1000} s`,
        `≤ ${OPEN_MS} ms`,
        'OVER',
      );
      if (t.note) notes.push(`${t.name}: ${t.note}`);
      continue;
    }
    judged(big, `${label}: open → usable form`, t.openMs, 'ms', OPEN_MS, 0);
    if (t.busyAfterMs !== undefined && t.longestTaskAfterMs !== undefined) {
      row(
        big,
        `${t.name}: busy after usable (last task ≥ 100 ms ends) / longest task`,
        `${t.busyAfterMs.toFixed(0)} ms / ${t.longestTaskAfterMs.toFixed(0)} ms`,
        'longest ≤ 100 ms',
        t.longestTaskAfterMs <= 100 ? 'ok' : 'OVER',
      );
    }
    if (t.checkMs !== undefined) {
      row(big, `${t.name}: import dialog's check before it (worker)`, `${t.checkMs.toFixed(0)} ms`);
    }
    if (t.keystroke && t.keystroke.timed > 0) {
      judgeStats(
        big,
        `${t.name}: keydown → DOM update (${keysSeen(t.keystroke)})`,
        t.keystroke.mutation,
        KEYSTROKE_DOM_MS,
      );
      judgeStats(big, `${t.name}: keydown → next frame`, t.keystroke.frame, KEYSTROKE_FRAME_MS);
    } else {
      row(big, `${t.name}: keystrokes`, t.note ?? 'not measured', '', 'skipped');
    }
  }
}

/** "38/40 keys", plus the whitespace keys that changed nothing in the preview, if any. */
function keysSeen(k: { timed: number; unchanged: number; keystrokes: number }): string {
  const blank = k.unchanged
    ? `; ${k.unchanged} space(s) changed nothing in the preview, timed to the next frame`
    : '';
  return `${k.timed}/${k.keystrokes} keys${blank}`;
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
  json.jsdom = results;
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
    ...(args.has('--no-core')
      ? []
      : ([
          ['core, per built-in template', benchParse],
          ['checkMarkdown', benchCheck],
        ] satisfies [string, () => void][])),
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
  const machine = `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`;
  console.log(
    `\nProposal Studio bench — budgets of docs/architecture.md "Budgets" (issue #12) — ${machine}`,
  );
  console.log(
    `load average (1/5/15 min): ${loadBefore} at start, ${load()} at end (a busy machine inflates times)`,
  );
  console.log('keystroke figures: p50 / p95 / max\n');
  printTable();
  if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
  const judgedRows = rows.filter((r) => r.status === 'ok' || r.status === 'OVER');
  const over = judgedRows.filter((r) => r.status === 'OVER');
  console.log(
    `\n${judgedRows.length - over.length} of ${judgedRows.length} budgets met${over.length ? `; over:\n${over.map((r) => `  - ${r.group}: ${r.measure.trim()} (${r.value} > ${r.budget.replace(/^≤ /, '')})`).join('\n')}` : '.'}`,
  );
  const file = resolve(root, stringArg('--json', 'bench-results.json'));
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        loadAverage: { start: loadBefore, end: load() },
        budgetsMet: judgedRows.length - over.length,
        budgetsJudged: judgedRows.length,
        table: rows,
        notes,
        ...json,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Written to ${file}.`);
}

await main();
