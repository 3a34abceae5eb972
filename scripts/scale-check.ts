/**
 * The engine at scale, on real repositories read locally (never committed):
 *
 *   node bin/run-ts.js scripts/scale-check.ts <dir>… [--examples N] [--json]
 *
 * Each <dir> (or any directory directly inside it) is recognised as
 * - a kubernetes/enhancements checkout: every keps/sig-* /<kep>/README.md against
 *   keps/NNNN-kep-template/README.md;
 * - a rust-lang/rfcs checkout: every text/*.md against 0000-template.md.
 *
 * For each document: read, check and render back, timing it; it reports crashes, documents
 * where author text is lost (the invariant of src/core/testing/author-text.ts), verdicts
 * (complete / incomplete, missing sections per document), the most-missing sections and time.
 * Output is Markdown (docs/scale-check.md is written from it), or JSON with --json.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkDocument } from '../src/core/check.ts';
import { readDocument } from '../src/core/document/read.ts';
import { renderDocument } from '../src/core/document/render.ts';
import { parseTemplate } from '../src/core/template/parse.ts';
import type { Template } from '../src/core/template/types.ts';
import {
  lostAuthorLines,
  templateLineKeys,
  type LostLine,
} from '../src/core/testing/author-text.ts';

interface Corpus {
  name: string;
  root: string;
  templatePath: string;
  documents: string[];
}

interface DocResult {
  path: string;
  crash?: string;
  complete?: boolean;
  missing?: string[];
  lost?: LostLine[];
  ms: number;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function kepCorpus(root: string): Corpus | null {
  const templatePath = join(root, 'keps/NNNN-kep-template/README.md');
  if (!existsSync(templatePath)) return null;
  const documents: string[] = [];
  const keps = join(root, 'keps');
  for (const sig of readdirSync(keps)
    .filter((d) => d.startsWith('sig-'))
    .sort()) {
    for (const kep of readdirSync(join(keps, sig)).sort()) {
      const readme = join(keps, sig, kep, 'README.md');
      if (existsSync(readme)) documents.push(readme);
    }
  }
  return { name: 'Kubernetes KEPs', root, templatePath, documents };
}

function rfcCorpus(root: string): Corpus | null {
  const templatePath = join(root, '0000-template.md');
  const text = join(root, 'text');
  if (!existsSync(templatePath) || !isDir(text)) return null;
  const documents = readdirSync(text)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(text, f));
  return { name: 'Rust RFCs', root, templatePath, documents };
}

function findCorpora(dirs: string[]): Corpus[] {
  const out: Corpus[] = [];
  const seen = new Set<string>();
  const tryDir = (dir: string) => {
    for (const corpus of [kepCorpus(dir), rfcCorpus(dir)]) {
      if (corpus && !seen.has(corpus.templatePath)) {
        seen.add(corpus.templatePath);
        out.push(corpus);
      }
    }
  };
  for (const dir of dirs) {
    tryDir(dir);
    if (isDir(dir))
      for (const sub of readdirSync(dir)) if (isDir(join(dir, sub))) tryDir(join(dir, sub));
  }
  return out;
}

function runCorpus(corpus: Corpus): { template: Template; results: DocResult[]; parseMs: number } {
  const templateText = readFileSync(corpus.templatePath, 'utf8');
  const t0 = performance.now();
  const template = parseTemplate(templateText, 'markdown');
  const parseMs = performance.now() - t0;
  const keys = templateLineKeys(template, templateText);
  const results: DocResult[] = [];
  for (const path of corpus.documents) {
    const markdown = readFileSync(path, 'utf8');
    const start = performance.now();
    try {
      const { values, headings } = readDocument(template, markdown);
      const report = checkDocument(template, values, headings);
      const output = renderDocument(template, values);
      const ms = performance.now() - start;
      const lost = lostAuthorLines(template, markdown, output, { templateKeys: keys });
      results.push({
        path: relative(corpus.root, path),
        complete: report.complete,
        missing: report.missing.map((m) => m.title),
        lost,
        ms,
      });
    } catch (error) {
      results.push({
        path: relative(corpus.root, path),
        crash: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        ms: performance.now() - start,
      });
    }
  }
  return { template, results, parseMs };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

interface Summary {
  corpus: string;
  template: string;
  documents: number;
  crashes: { path: string; error: string }[];
  complete: number;
  incomplete: number;
  missingMedian: number;
  mostMissing: { title: string; documents: number }[];
  lostText: {
    documents: number;
    lines: number;
    /** Documents losing more than soft line breaks (a line missing or moved). */
    documentsBeyondReflow: number;
    byReason: Record<LostLine['reason'], number>;
    examples: { path: string; lines: LostLine[] }[];
  };
  timeMs: {
    templateParse: number;
    total: number;
    median: number;
    p95: number;
    max: number;
    slowest: string;
  };
}

function summarise(corpus: Corpus, run: ReturnType<typeof runCorpus>, examples: number): Summary {
  const ok = run.results.filter((r) => !r.crash);
  const counts = new Map<string, number>();
  for (const r of ok)
    for (const title of new Set(r.missing)) counts.set(title, (counts.get(title) ?? 0) + 1);
  const withLoss = ok.filter((r) => r.lost!.length > 0);
  const byReason: Record<LostLine['reason'], number> = { missing: 0, moved: 0, reflowed: 0 };
  for (const r of withLoss) for (const l of r.lost!) byReason[l.reason]++;
  const beyondReflow = withLoss.filter((r) => r.lost!.some((l) => l.reason !== 'reflowed'));
  const times = run.results.map((r) => r.ms);
  const slowest = run.results.reduce((a, b) => (b.ms > a.ms ? b : a), run.results[0]!);
  return {
    corpus: corpus.name,
    template: relative(corpus.root, corpus.templatePath),
    documents: run.results.length,
    crashes: run.results.filter((r) => r.crash).map((r) => ({ path: r.path, error: r.crash! })),
    complete: ok.filter((r) => r.complete).length,
    incomplete: ok.filter((r) => !r.complete).length,
    missingMedian: median(ok.map((r) => r.missing!.length)),
    mostMissing: [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 15)
      .map(([title, documents]) => ({ title, documents })),
    lostText: {
      documents: withLoss.length,
      lines: withLoss.reduce((n, r) => n + r.lost!.length, 0),
      documentsBeyondReflow: beyondReflow.length,
      byReason,
      examples: beyondReflow.slice(0, examples).map((r) => ({
        path: r.path,
        lines: r.lost!.filter((l) => l.reason !== 'reflowed').slice(0, 3),
      })),
    },
    timeMs: {
      templateParse: Math.round(run.parseMs),
      total: Math.round(times.reduce((a, b) => a + b, 0)),
      median: Number(median(times).toFixed(1)),
      p95: Number(percentile(times, 95).toFixed(1)),
      max: Math.round(slowest?.ms ?? 0),
      slowest: slowest?.path ?? '',
    },
  };
}

function markdown(s: Summary): string {
  const lines = [
    `## ${s.corpus}`,
    '',
    `Template: \`${s.template}\``,
    '',
    '| documents | crashes | complete | incomplete | median missing | author text lost (documents) | … beyond joined lines (documents) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| ${s.documents} | ${s.crashes.length} | ${s.complete} | ${s.incomplete} | ${s.missingMedian} | ${s.lostText.documents} | ${s.lostText.documentsBeyondReflow} |`,
    '',
    `Lost lines: ${s.lostText.lines} (missing ${s.lostText.byReason.missing}, moved to another section or order ${s.lostText.byReason.moved}, soft-wrapped lines joined ${s.lostText.byReason.reflowed}).`,
    '',
    `Time: template parsed in ${s.timeMs.templateParse} ms; documents ${s.timeMs.total} ms in all (read + check + render), median ${s.timeMs.median} ms, p95 ${s.timeMs.p95} ms, slowest ${s.timeMs.max} ms (\`${s.timeMs.slowest}\`).`,
    '',
    'Most-missing sections (documents reporting them):',
    '',
    ...s.mostMissing.map((m) => `- ${m.title}: ${m.documents}`),
  ];
  if (s.crashes.length) {
    lines.push('', 'Crashes:', '', ...s.crashes.map((c) => `- \`${c.path}\`: ${c.error}`));
  }
  if (s.lostText.examples.length) {
    lines.push('', 'Lost author text (missing or moved), first documents, up to 3 lines each:', '');
    for (const e of s.lostText.examples) {
      lines.push(`- \`${e.path}\``);
      for (const l of e.lines) {
        const text = l.line.trim();
        lines.push(
          `  - line ${l.lineNumber}, ${l.reason}: \`${text.length > 70 ? `${text.slice(0, 69)}…` : text}\``,
        );
      }
    }
  }
  return lines.join('\n');
}

function main(argv: string[]): number {
  const dirs: string[] = [];
  let examples = 10;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--examples') examples = Number(argv[++i] ?? '10');
    else dirs.push(arg);
  }
  if (dirs.length === 0) {
    console.error(
      'usage: node bin/run-ts.js scripts/scale-check.ts <dir>… [--examples N] [--json]',
    );
    return 2;
  }
  const corpora = findCorpora(dirs);
  if (corpora.length === 0) {
    console.error(
      `no kubernetes/enhancements or rust-lang/rfcs checkout found in ${dirs.join(', ')}`,
    );
    return 2;
  }
  const summaries = corpora.map((c) => summarise(c, runCorpus(c), examples));
  if (json) console.log(JSON.stringify(summaries, null, 2));
  else console.log(summaries.map(markdown).join('\n\n'));
  return summaries.some((s) => s.crashes.length > 0) ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
