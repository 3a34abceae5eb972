/**
 * The invariant above every other rule, as a property: for documents made from each template
 * by what authors do outside the app (filling and emptying sections, deleting them, adding
 * paragraphs, nested lists, ordered lists, headings of their own, naming repeated blocks),
 * every line the author added comes back from renderDocument(readDocument(doc)), in the order
 * written and under the heading it was written under.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../template/parse.ts';
import type { Template } from '../template/types.ts';
import { BUILT_IN_TEMPLATES } from '../../templates/registry.ts';
import { readTemplateText } from '../../templates/load-node.ts';
import { TEMPLATE_HINTS } from '../../templates/hints.ts';
import { readDocument } from './read.ts';
import { renderDocument } from './render.ts';

const WORDS = ['queue', 'cache', 'build', 'Ana', 'faster', 'é', '日本語', 'v2', 'retry', '42'];

const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 6 })
  .map((w) => `${w.join(' ')}.`);

type Edit =
  | { op: 'paragraph'; text: string }
  | { op: 'nested'; items: string[] }
  | { op: 'ordered'; items: string[] }
  | { op: 'heading'; level: number; title: string; text: string }
  | { op: 'empty' }
  | { op: 'delete' }
  | { op: 'rename'; name: string };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  sentence.map((text) => ({ op: 'paragraph' as const, text })),
  fc
    .array(sentence, { minLength: 2, maxLength: 4 })
    .map((items) => ({ op: 'nested' as const, items })),
  fc
    .array(sentence, { minLength: 1, maxLength: 3 })
    .map((items) => ({ op: 'ordered' as const, items })),
  fc.tuple(fc.integer({ min: 2, max: 5 }), sentence, sentence).map(([level, title, text]) => ({
    op: 'heading' as const,
    level,
    title: `Note ${title}`,
    text,
  })),
  fc.constant({ op: 'empty' as const }),
  fc.constant({ op: 'delete' as const }),
  sentence.map((name) => ({ op: 'rename' as const, name })),
);

interface Part {
  heading: string | null;
  body: string[];
}

/** The document split at its headings (outside code fences). */
function splitSections(doc: string): Part[] {
  const parts: Part[] = [{ heading: null, body: [] }];
  let fence: string | null = null;
  // The front matter (its `# comments` are not headings) stays in the part before the first heading.
  let frontMatter = doc.startsWith('---\n');
  for (const [n, line] of doc.split('\n').entries()) {
    if (frontMatter) {
      parts[0]!.body.push(line);
      if (n > 0 && line === '---') frontMatter = false;
      continue;
    }
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence === null ? f[1]! : line.trim().startsWith(fence) ? null : fence;
    if (fence === null && !f && /^#{1,6} /.test(line)) parts.push({ heading: line, body: [] });
    else parts[parts.length - 1]!.body.push(line);
  }
  return parts;
}

/** Applies the edits; returns the document and the lines the author wrote, in order. */
function edit(doc: string, edits: [number, Edit][]): { doc: string; authored: string[][] } {
  const parts = splitSections(doc);
  const added: string[][] = parts.map(() => []);
  for (const [at, e] of edits) {
    const i = at % parts.length;
    const part = parts[i]!;
    switch (e.op) {
      case 'paragraph':
        part.body.push('', e.text, '');
        added[i]!.push(e.text);
        break;
      case 'nested': {
        const lines = [`- ${e.items[0]}`, ...e.items.slice(1).map((t) => `  - ${t}`)];
        part.body.push('', ...lines, '');
        added[i]!.push(...lines);
        break;
      }
      case 'ordered': {
        const lines = e.items.map((t, k) => `${k + 1}. ${t}`);
        part.body.push('', ...lines, '');
        added[i]!.push(...lines);
        break;
      }
      case 'heading': {
        const h = `${'#'.repeat(e.level)} ${e.title}`;
        part.body.push('', h, '', e.text, '');
        added[i]!.push(h, e.text);
        break;
      }
      case 'empty':
        if (added[i]!.length === 0) part.body = [''];
        break;
      case 'delete':
        if (i > 0 && added[i]!.length === 0) {
          part.heading = null;
          part.body = [];
        }
        break;
      case 'rename':
        // "### Alternative 1" → "### Alternative 1: Use a queue"
        if (part.heading && /\d\s*$/.test(part.heading) && added[i]!.length === 0) {
          part.heading = `${part.heading.trimEnd()}: ${e.name}`;
          added[i]!.push(part.heading);
        }
        break;
    }
  }
  const text = parts
    .map((p) => [p.heading, ...p.body].filter((l): l is string => l !== null).join('\n'))
    .join('\n');
  return { doc: text, authored: added.filter((a) => a.length > 0) };
}

/** Each author line is in the output, in order, and each section's lines stay together after
 * the line before them. */
function missingLines(output: string, authored: string[][]): string[] {
  // Ordered items are renumbered on output (a normalisation the docs list).
  const norm = (l: string) => l.replace(/^(\s*)\d{1,9}([.)])/, '$1N$2');
  const lines = output.split('\n').map(norm);
  const lost: string[] = [];
  let at = 0;
  for (const group of authored) {
    for (const want of group) {
      const found = lines.findIndex((l, k) => k >= at && l === norm(want));
      if (found < 0) lost.push(want);
      else at = found + 1;
    }
  }
  return lost;
}

const FIXTURE_DIRS = [
  join(import.meta.dirname, '..', '__fixtures__'),
  join(import.meta.dirname, '..', '__corpus__', 'templates'),
];

const templates: [string, Template][] = [
  ...BUILT_IN_TEMPLATES.filter((e) => e.format === 'markdown').map((e): [string, Template] => [
    e.id,
    parseTemplate(readTemplateText(e), e.format, { hints: TEMPLATE_HINTS[e.id] ?? {} }),
  ]),
  ...FIXTURE_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f): [string, Template] => [
        f,
        parseTemplate(readFileSync(join(dir, f), 'utf8'), 'markdown'),
      ]),
  ),
];

describe.each(templates)('no author text is lost: %s', (_id, template) => {
  it('in documents edited outside the app (200 runs)', { timeout: 300_000 }, () => {
    const start = renderDocument(template, {});
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), editArb), { minLength: 1, maxLength: 8 }),
        (edits) => {
          const { doc, authored } = edit(start, edits);
          const out = renderDocument(template, readDocument(template, doc).values);
          expect(missingLines(out, authored), `${doc}\n=== written ===\n${out}`).toEqual([]);
          // What the app writes reads back to itself.
          expect(
            renderDocument(template, readDocument(template, out).values),
            `${doc}\n=== written ===\n${out}`,
          ).toBe(out);
        },
      ),
      { numRuns: Number(process.env.PROP_RUNS ?? 200) },
    );
  });
});
