/**
 * Preview benchmark: keystroke → updated preview DOM, at 100 KB and 300 KB.
 *
 * Run: node bin/run-ts.js scripts/bench-preview.ts [--keystrokes N] [--whole-document-keystrokes N]
 * Or call `runPreviewBench()` (e.g. from scripts/bench.ts).
 *
 * What is measured, per keystroke: the section renderer (scan, lex/render/sanitize of the changed
 * section) plus the DOM update of the changed section's element, in jsdom under Node. It is script
 * time only: no layout or paint (a real browser adds those; jsdom's DOM is usually slower than a
 * browser's). Budget (docs: DESIGN.md "Budgets"): p95 ≤ 16 ms from keydown to the DOM update.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

export const PREVIEW_BUDGET_MS = 16;
const WARMUP_KEYSTROKES = 20;

export interface PreviewBenchResult {
  sizeKb: number;
  bytes: number;
  sections: number;
  keystrokes: number;
  firstRenderMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Whole-document renderMarkdown + innerHTML per keystroke, for comparison. */
  wholeDocumentP50Ms: number;
  wholeDocumentP95Ms: number;
  withinBudget: boolean;
}

export interface PreviewBenchOptions {
  sizesKb?: number[];
  keystrokes?: number;
  /** Keystrokes timed for the whole-document comparison (it is slow). */
  wholeDocumentKeystrokes?: number;
  log?: (line: string) => void;
}

interface JsdomModule {
  JSDOM: new (html: string) => { window: Window & typeof globalThis };
}

/** A small deterministic PRNG, so every run types into the same document. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const WORDS =
  'the proposal service cache request latency queue budget owner rollout metric error retry gateway tenant storage cluster policy schema migration review deploy alert window token index shard replica backoff'.split(
    ' ',
  );

/** A realistic proposal of about `bytes` bytes: many sections, lists, tables, code, alerts. */
export function generateProposal(bytes: number, seed = 1): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const sentence = (words: number) => {
    const text = Array.from({ length: words }, () => pick(WORDS)).join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = () =>
    Array.from({ length: 3 + Math.floor(next() * 4) }, () =>
      sentence(8 + Math.floor(next() * 10)),
    ).join(' ');

  const parts: string[] = [
    '---\ntitle: Queue-backed request handling\nstatus: draft\nauthors:\n  - someone\n---\n',
    '# RFC: Queue-backed request handling\n',
    '> [!NOTE]\n> **TLDR**: move slow requests onto a queue to keep p95 latency within budget.\n',
  ];
  let size = parts.join('\n').length;
  for (let section = 1; size < bytes; section++) {
    const block: string[] = [`## ${section}. ${sentence(4).slice(0, -1)}`, paragraph()];
    block.push(`### ${section}.1 Details`, paragraph());
    block.push(Array.from({ length: 4 }, () => `- ${sentence(6)}`).join('\n'));
    block.push(
      Array.from({ length: 3 }, (_, i) => `- [${i === 0 ? 'x' : ' '}] ${sentence(5)}`).join('\n'),
    );
    if (section % 2 === 0) {
      block.push(
        '| Risk | Likelihood | Mitigation |\n| --- | --- | --- |\n' +
          Array.from(
            { length: 4 },
            () => `| ${sentence(3)} | ${pick(['High', 'Medium', 'Low'])} | ${sentence(6)} |`,
          ).join('\n'),
      );
    }
    if (section % 3 === 0) {
      block.push(
        '```ts\n' +
          `export interface Request${section} {\n  id: string;\n  // ${sentence(5)}\n  retries: number;\n}\n\n# not a heading: code\n` +
          '```',
      );
    }
    if (section % 5 === 0) block.push(`> \\[!WARNING]\n> ${sentence(10)}`);
    if (section % 4 === 0)
      block.push(`See [the design][design-${section % 7}] and <https://example.com/${section}>.`);
    block.push(`<!-- ${sentence(6)} -->`);
    const text = `${block.join('\n\n')}\n`;
    parts.push(text);
    size += text.length + 1;
  }
  parts.push(
    Array.from({ length: 7 }, (_, i) => `[design-${i}]: https://example.com/design/${i}`).join(
      '\n',
    ),
  );
  return `${parts.join('\n')}\n`;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

async function installDom(): Promise<Window & typeof globalThis> {
  if (typeof window !== 'undefined') return window;
  const specifier = 'jsdom';
  const { JSDOM } = (await import(specifier)) as JsdomModule;
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  return dom.window;
}

export async function runPreviewBench(
  options: PreviewBenchOptions = {},
): Promise<PreviewBenchResult[]> {
  const sizesKb = options.sizesKb ?? [100, 300];
  const keystrokes = options.keystrokes ?? 200;
  const wholeDocumentKeystrokes = options.wholeDocumentKeystrokes ?? 20;
  const log = options.log ?? ((line: string) => console.log(line));
  const win = await installDom();
  // Imported after the DOM exists: the sanitizer binds DOMPurify to `window`.
  const { createSectionRenderer } = await import('../src/features/preview/sectionRenderer.ts');
  const { createSectionElements, syncSections } =
    await import('../src/features/preview/sectionDom.ts');
  const { renderMarkdown } = await import('../src/features/preview/renderMarkdown.ts');
  type Sections = ReturnType<ReturnType<typeof createSectionRenderer>['render']>['sections'];

  log('Preview bench: keystroke -> section renderer + DOM update of the changed section');
  log('  (jsdom in Node, script time only, no layout/paint; budget p95 <= 16 ms per keystroke)');
  log(
    `  machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} (a busy machine inflates p95)`,
  );

  const results: PreviewBenchResult[] = [];
  for (const sizeKb of sizesKb) {
    let doc = generateProposal(sizeKb * 1024);
    const container = win.document.createElement('div');
    win.document.body.replaceChildren(container);
    // The preview's own per-section DOM update (src/features/preview/sectionDom.ts).
    const elements = createSectionElements(container);
    const update = (sections: Sections) => {
      syncSections(elements, sections);
    };

    const renderer = createSectionRenderer();
    let start = performance.now();
    const first = renderer.render(doc).sections;
    update(first);
    const firstRenderMs = performance.now() - start;

    // Type at the end of a paragraph in the middle of the document.
    let at = doc.indexOf('\n\n', doc.indexOf('### ', Math.floor(doc.length / 2)) + 4);
    at = doc.indexOf('\n\n', at + 2);
    const typed = ' and then the retry budget applies to every tenant on the shared gateway.';
    const times: number[] = [];
    // The first keystrokes compile the per-keystroke path: typed, not timed.
    for (let i = -WARMUP_KEYSTROKES; i < keystrokes; i++) {
      doc = doc.slice(0, at) + typed.charAt((i + typed.length) % typed.length) + doc.slice(at);
      at += 1;
      start = performance.now();
      update(renderer.render(doc).sections);
      if (i >= 0) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);

    const wholeTimes: number[] = [];
    const wholeContainer = win.document.createElement('div');
    for (let i = 0; i < wholeDocumentKeystrokes; i++) {
      doc = doc.slice(0, at) + typed.charAt(i % typed.length) + doc.slice(at);
      at += 1;
      start = performance.now();
      wholeContainer.innerHTML = renderMarkdown(doc);
      wholeTimes.push(performance.now() - start);
    }
    wholeTimes.sort((a, b) => a - b);

    const result: PreviewBenchResult = {
      sizeKb,
      bytes: doc.length,
      sections: first.length,
      keystrokes,
      firstRenderMs,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
      maxMs: times.at(-1) ?? NaN,
      wholeDocumentP50Ms: percentile(wholeTimes, 50),
      wholeDocumentP95Ms: percentile(wholeTimes, 95),
      withinBudget: percentile(times, 95) <= PREVIEW_BUDGET_MS,
    };
    results.push(result);
    const ms = (value: number) => `${value.toFixed(2)} ms`;
    log(
      `  ${String(sizeKb).padStart(3)} KB (${result.sections} sections, ${keystrokes} keystrokes): ` +
        `p50 ${ms(result.p50Ms)}, p95 ${ms(result.p95Ms)}, max ${ms(result.maxMs)} ` +
        `[${result.withinBudget ? 'within' : 'OVER'} budget ${PREVIEW_BUDGET_MS} ms]; ` +
        `first render ${ms(firstRenderMs)}; whole-document re-render p50 ${ms(result.wholeDocumentP50Ms)}, ` +
        `p95 ${ms(result.wholeDocumentP95Ms)} (${wholeDocumentKeystrokes} keystrokes)`,
    );
  }
  return results;
}

const invokedPath = process.argv[1];
if (invokedPath && import.meta.url === pathToFileURL(invokedPath).href) {
  const numberFlag = (name: string): number | undefined => {
    const index = process.argv.indexOf(name);
    return index === -1 ? undefined : Number(process.argv[index + 1]);
  };
  const results = await runPreviewBench({
    keystrokes: numberFlag('--keystrokes'),
    wholeDocumentKeystrokes: numberFlag('--whole-document-keystrokes'),
  });
  process.exitCode = results.every((result) => result.withinBudget) ? 0 : 1;
}
