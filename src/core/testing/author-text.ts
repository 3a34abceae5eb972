/**
 * The "no author text lost" invariant, as a reusable check for tests and scripts:
 *
 *   every non-empty line of author text in a document D appears in
 *   renderDocument(T, readDocument(T, D)), in the same section and the same order.
 *
 * Author text is every line of D that is not the template's own: not a heading, label,
 * placeholder, guidance comment or static line of T (nor `_No response_`). Lines are compared
 * after normalising what rendering may legitimately change: list markers (`*`/`+` → `-`,
 * `3.` → `1.`), `[X]` → `[x]`, Markdown escapes, table padding and separator rows, spacing and
 * quotes around front matter values. Nesting (indented vs not) and ordered vs bullet are kept.
 *
 * A line's section is the nearest heading above it that stands in both the document and the
 * output (compared by text, at any level), so a heading the engine rewrote does not count
 * against the lines under it, while text moved under another kept heading does.
 */
import { defaultValues } from '../document/defaults.ts';
import { readDocument } from '../document/read.ts';
import { renderDocument } from '../document/render.ts';
import { allFields } from '../document/walk.ts';
import type { Field } from '../model.ts';
import type { Template } from '../template/types.ts';
import { matchKey, normalizeNewlines, unescapeMarkdown } from '../text.ts';

export interface LostLine {
  /** The line as the author wrote it. */
  line: string;
  /** 1-based line number in the document. */
  lineNumber: number;
  /** The section it stood in (heading text, "" before the first kept heading). */
  section: string;
  /**
   * `missing`: not in the output at all; `moved`: there, but in another section or order;
   * `reflowed`: its text is kept inside a longer line of the same section (a soft-wrapped
   * paragraph or list item joined into one line): the words survive, the line does not.
   */
  reason: 'missing' | 'moved' | 'reflowed';
}

interface Line {
  key: string;
  raw: string;
  lineNumber: number;
  heading: string | null;
  inFence: boolean;
}

const HEADING_RE = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;

/** A line compared modulo the changes rendering may make (see the module comment). */
export function normalizeLine(raw: string): string {
  let t = raw.replace(/\t/g, '    ');
  const indent = /^\s*/.exec(t)![0].length;
  t = t.trim().replace(/^#{1,6}\s+/, '');
  if (/^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/.test(t)) return '';
  t = t
    .replace(/^[*+-]\s+(?=\S)/, '- ')
    .replace(/^\d+[.)]\s+/, '1. ')
    .replace(/^(- |1\. )\[[xX]\]/, '$1[x]');
  t = unescapeMarkdown(t);
  if (t.startsWith('|') || /\s\|\s/.test(t)) {
    t = t
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim())
      .join('|');
  }
  t = t.replace(/^([\w-]+):\s*(["'])(.*)\2$/, '$1: $3');
  t = t.replace(/\s+/g, ' ');
  const nested = indent >= 2 && /^(- |1\. )/.test(t) ? '  ' : '';
  return nested + t;
}

/** Lines of text outside HTML comments (a comment's lines are guidance, not answers). */
function withoutComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ''));
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let fence: string | null = null;
  withoutComments(normalizeNewlines(text))
    .split('\n')
    .forEach((raw, i) => {
      const f = FENCE_RE.exec(raw);
      let inFence = fence !== null;
      if (f) {
        if (fence === null) fence = f[1]![0]!;
        else if (f[1]![0] === fence) fence = null;
        inFence = true;
      }
      const h = !inFence ? HEADING_RE.exec(raw) : null;
      out.push({
        key: normalizeLine(raw),
        raw,
        lineNumber: i + 1,
        heading: h ? matchKey(h[2] ?? '') : null,
        inFence,
      });
    });
  return out;
}

function fieldTexts(field: Field): string[] {
  const out = [field.label, field.placeholder, field.hint];
  switch (field.kind) {
    case 'list':
    case 'tasklist':
      out.push(...field.placeholderItems);
      break;
    case 'checklist':
      out.push(...field.options.flatMap((o) => [o.label, o.raw]));
      break;
    case 'choice':
      out.push(...field.options);
      break;
    case 'table':
      out.push(...field.placeholderRows.flat());
      break;
    case 'keyvalue':
      out.push(...field.entries.flatMap((e) => [e.key, e.placeholder, e.hint]));
      break;
    case 'group':
      out.push(...field.fields.flatMap(fieldTexts));
      break;
    case 'text':
    case 'prose':
      out.push(field.defaultValue);
      break;
    default:
      break;
  }
  return out;
}

/**
 * Normalised lines that belong to the template itself: its unfilled renderings (with and
 * without guidance, empty and with defaults), its fields' labels, placeholders and options,
 * and `extraText` (e.g. the template's source file).
 */
export function templateLineKeys(template: Template, extraText = ''): Set<string> {
  const texts = [
    renderDocument(template, {}),
    renderDocument(template, {}, { keepGuidance: true }),
    renderDocument(template, defaultValues(template, '2000-01-01'), { keepGuidance: true }),
    extraText,
    ...allFields(template).flatMap(fieldTexts),
  ];
  const keys = new Set<string>();
  for (const text of texts) {
    for (const raw of normalizeNewlines(text).split('\n')) {
      const key = normalizeLine(raw);
      if (!key) continue;
      keys.add(key);
      // A label or option line counts in any list or heading spelling.
      keys.add(matchKey(key));
    }
  }
  return keys;
}

function isTemplateLine(line: Line, template: Set<string>): boolean {
  if (!line.key) return true;
  if (template.has(line.key)) return true;
  if (line.inFence) return false;
  return template.has(matchKey(line.key));
}

function sectionsOf(all: Line[], kept: Set<string>): string[] {
  let current = '';
  return all.map((l) => {
    if (l.heading !== null && kept.has(l.heading)) current = l.heading;
    return current;
  });
}

/**
 * The author lines of `document` that are not in `output` in the same section and order.
 * `output` is normally renderDocument(T, readDocument(T, document).values).
 */
export interface LossOptions {
  /** Extra template text whose lines are not author text (e.g. the template's source). */
  templateText?: string;
  /** Precomputed templateLineKeys(template, templateText), to check many documents fast. */
  templateKeys?: Set<string>;
  /** Do not report lines whose words are kept in a joined line (`reflowed`). */
  allowReflow?: boolean;
}

/** A line's text without its list marker, for finding it inside a joined line. */
function bareText(key: string): string {
  return key.trim().replace(/^(- |1\. )(\[[ x]\] )?/, '');
}

export function lostAuthorLines(
  template: Template,
  document: string,
  output: string,
  options: LossOptions = {},
): LostLine[] {
  const templateKeys = options.templateKeys ?? templateLineKeys(template, options.templateText);
  const doc = lines(document.replace(/^\uFEFF/, ''));
  const out = lines(output);
  const outHeadings = new Set(out.flatMap((l) => (l.heading !== null ? [l.heading] : [])));
  const kept = new Set(
    doc.flatMap((l) => (l.heading !== null && outHeadings.has(l.heading) ? [l.heading] : [])),
  );
  const docSections = sectionsOf(doc, kept);
  const outSections = sectionsOf(out, kept);
  const lost: LostLine[] = [];
  let cursor = 0;
  doc.forEach((line, i) => {
    if (isTemplateLine(line, templateKeys)) return;
    const section = docSections[i]!;
    // A line copied from a page lost its bullet; the output may give the item form back.
    const asItem = /^\s*(- |1\. )/.test(line.key) ? line.key : `- ${line.key}`;
    let found = -1;
    for (let j = cursor; j < out.length; j++) {
      const key = out[j]!.key;
      if ((key === line.key || key === asItem) && outSections[j] === section) {
        found = j;
        break;
      }
    }
    if (found >= 0) {
      cursor = found + 1;
      return;
    }
    // A soft-wrapped line joined to its neighbours: the line starts the joined line, or it is
    // a continuation (not a list item of its own) found inside it. A list item swallowed by
    // another line is lost structure, not reflow.
    const bare = bareText(line.key);
    const isItem = /^\s*(- |1\. )/.test(line.key);
    const reflowed =
      bare.length > 0 &&
      out.some(
        (o, j) =>
          outSections[j] === section &&
          o.key.length > line.key.length &&
          (o.key.startsWith(line.key) || (!isItem && o.key.includes(bare))),
      );
    if (reflowed && options.allowReflow) return;
    const anywhere = out.some((o) => o.key === line.key || o.key === asItem);
    lost.push({
      line: line.raw,
      lineNumber: line.lineNumber,
      section,
      reason: reflowed ? 'reflowed' : anywhere ? 'moved' : 'missing',
    });
  });
  return lost;
}

/** Reads `document` against `template`, renders it back, and returns the author lines lost. */
export function roundTripLoss(
  template: Template,
  document: string,
  options: LossOptions = {},
): { output: string; lost: LostLine[] } {
  const output = renderDocument(template, readDocument(template, document).values);
  return { output, lost: lostAuthorLines(template, document, output, options) };
}

/** A readable report of lost lines, for assertion messages. */
export function describeLoss(lost: LostLine[]): string {
  return lost
    .map((l) => `  line ${l.lineNumber} (${l.reason}, section "${l.section}"): ${l.line.trim()}`)
    .join('\n');
}
