/**
 * Filled Markdown → values: the inverse of renderDocument. Headings are matched to the
 * template's sections by their fixed parts (placeholders capture the author's text); inside a
 * section, labels and other fixed blocks anchor the regions that belong to each field. Content
 * that matches no field is kept per section (`extraKey`) and re-emitted, never dropped.
 */
import type { Token } from 'marked';
import type { Field, FieldValue, GroupInstance, Values } from '../model.ts';
import {
  extraKey,
  FRONT_MATTER_KEY,
  FRONT_MATTER_READ_KEY,
  headingKey,
  headingReadKey,
  labelKey as writtenLabelKey,
  ORDER_KEY,
  sourceKey,
} from '../model.ts';
import { COMMENT_RE, commentText, matchKey, normalizeNewlines, unescapeMarkdown } from '../text.ts';
import { parseYaml, splitFrontMatter } from '../template/frontmatter.ts';
import { TemplateError } from '../template/errors.ts';
import { headingText, lexMarkdown } from '../template/lex.ts';
import { splitLabelledLine } from '../template/plaintext.ts';
import type { Block, Section, SectionGroup, Template, TitleSpec } from '../template/types.ts';
import {
  anchorsOf,
  matchTitle,
  strictTitleRegex,
  titleRegex,
  escapeBlockText,
  unescapeBlockText,
  type Anchors,
} from './anchors.ts';
import { allFields, completeValues, emptyValue } from './walk.ts';
import { headingFieldsJson, renderTitle } from './render.ts';
import { keepsAuthorLines } from './lossless.ts';
import { headingWords, rewordFinder, weighWords } from './similar.ts';
import {
  isStructured,
  readFieldBlock,
  readFieldText,
  renderField,
  templateValue,
} from '../fields/index.ts';
import { escapeRe } from '../fields/items.ts';
import { readInline } from '../fields/text.ts';

export interface ReadResult {
  values: Values;
  /** Each found section's heading as it stands in the document, by section or group id. */
  headings: Record<string, string>;
  /** Why the document's front matter could not be read (it is kept as written, unread). */
  frontMatterError?: string;
}

interface Unit {
  type: string;
  raw: string;
  start: number;
  end: number;
}

type Scope = Values;

interface Target {
  node: Section | SectionGroup;
  section: Section;
  pattern: { exec(text: string): RegExpExecArray | null };
}

/**
 * "(Optional)", "(if applicable)", "[optional]": a heading matches its section with or without
 * them.
 */
const OPTIONAL_MARK_RE = /\\?[([][ \t]*(?:optional|if applicable|if any|if needed)[ \t]*\\?[)\]]/gi;
const HAS_OPTIONAL_MARK_RE =
  /\\?[([][ \t]*(?:optional|if applicable|if any|if needed)[ \t]*\\?[)\]]/i;

function titleMatcher(spec: TitleSpec) {
  const strict = strictTitleRegex(spec);
  let loose: ReturnType<typeof titleRegex> | null = null;
  const hasMark = spec.parts.some((p) => p.type === 'fixed' && HAS_OPTIONAL_MARK_RE.test(p.text));
  const bare: TitleSpec = {
    ...spec,
    parts: spec.parts.map((p) =>
      p.type === 'fixed' ? { ...p, text: p.text.replace(OPTIONAL_MARK_RE, '') } : p,
    ),
  };
  let bareLoose: ReturnType<typeof titleRegex> | null = null;
  return {
    exec: (text: string) => {
      const hit = strict.exec(text) ?? (loose ??= titleRegex(spec)).exec(text);
      if (hit) return hit;
      const plain = /[([]/.test(text) ? text.replace(OPTIONAL_MARK_RE, '').trim() : text;
      if (!hasMark && plain === text) return null;
      return (bareLoose ??= titleRegex(bare)).exec(plain);
    },
  };
}

export function readDocument(template: Template, markdown: string): ReadResult {
  const source = normalizeNewlines(markdown.replace(/^\uFEFF/, ''));
  const values: Values = {};
  const headings: Record<string, string> = {};

  const { frontMatter, body } = documentFrontMatter(source);
  let frontMatterError: string | undefined;
  if (frontMatter !== null) {
    // Kept as written: keys the template does not have, comments and order come back.
    values[FRONT_MATTER_KEY] = frontMatter;
    if (template.frontMatter) {
      // Front matter that is not valid YAML (a list indented out of its key) is still the
      // author's: it is kept as written and its fields stay unread, never a reason to fail.
      try {
        readFrontMatter(template, frontMatter, values);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        frontMatterError = error.message;
      }
    }
  }

  const anchors = anchorsOf(template);
  const { hints, lines: hintLines } = templateHints(template);

  // Targets: every heading the template has, in document order.
  const targets: Target[] = [];
  const visit = (section: Section) => {
    for (const child of section.children) {
      if (child.type === 'group') {
        targets.push({
          node: child,
          section: child.instance,
          pattern: titleMatcher(child.instance.heading!),
        });
      } else {
        targets.push({ node: child, section: child, pattern: titleMatcher(child.heading!) });
        visit(child);
      }
    }
  };
  visit(template.root);

  const plain =
    template.format === 'text' || copiedFromPage(body, targets)
      ? plainDocumentToMarkdown(body, targets, template)
      : body;
  // How bare heading lines were made headings: after a plain-text template, or copied from a page.
  const fromPlain: PlainOrigin =
    plain === body ? null : template.format === 'text' ? 'template' : 'page';
  const { text, written: promoted } = promoteBoldHeadings(
    closeListItemFences(plain),
    targets,
    template,
  );
  const tokens = lexMarkdown(text);
  const reworded = rewordTargets(
    template,
    targets,
    tokens.flatMap((t) => (t.type === 'heading' ? [headingText(t.raw)] : [])),
  );

  // Assign the document's top-level tokens to sections and group instances.
  const buckets = new Map<Section, Unit[]>([[template.root, []]]);
  const instances = new Map<
    SectionGroup,
    { title: string; raw: string; match: RegExpExecArray; units: Unit[] }[]
  >();
  let current: Unit[] = buckets.get(template.root)!;
  let pointer = 0;
  let offset = 0;
  let titleSeen = false;
  const docOrder: string[] = [];
  // A document whose headings all stand deeper than the template's (`## Title`, `### Context`
  // for `# Title`, `## Context`) is read as if they were not shifted.
  const levels = tokens.flatMap((t) =>
    t.type === 'heading' ? [(t as { depth: number }).depth] : [],
  );
  const templateTop = Math.min(7, ...targets.map((t) => t.section.level));
  const docTop = Math.min(7, ...levels);
  // Only when the tops agree (one title each): a document that leaves out the title heading
  // has many headings at its top level, and those are sections, not titles.
  const shift =
    docTop > templateTop &&
    docTop < 7 &&
    levels.filter((l) => l === docTop).length ===
      targets.filter((t) => t.section.level === templateTop).length
      ? docTop - templateTop
      : 0;
  for (const token of tokens) {
    const unit: Unit = {
      type: token.type,
      raw: token.raw,
      start: offset,
      end: offset + token.raw.length,
    };
    offset = unit.end;
    if (token.type === 'heading') {
      // A comment in a heading (`## Drivers <!-- optional -->`) is tried without it too.
      const written = headingText(token.raw);
      const bare = written.replace(COMMENT_RE, '').trim();
      const depth = ((token as { depth?: number }).depth ?? 0) - shift;
      const exec = (t: Target) =>
        // A heading that is all placeholder (`# [short title]`) matches only at its own level.
        wordless(t) && depth !== t.section.level
          ? null
          : (t.pattern.exec(written) ?? (bare !== written ? t.pattern.exec(bare) : null));
      const text = written;
      let matched = -1;
      let match: RegExpExecArray | null = null;
      const from = Math.max(0, pointer - 1);
      const tryRange = (start: number, end: number) => {
        for (let k = start; k < end; k++) {
          const t = targets[k]!;
          if (k === pointer - 1 && t.node.type !== 'group') continue;
          if (buckets.has(t.section) && t.node.type !== 'group') continue;
          // A heading of placeholders only (`# [Title]`, `### {title of option}`) matches any
          // text: it is looked for no further than the next section, or an author's own heading
          // would jump ahead to it.
          if (wordless(t) && (k > pointer || k < pointer - 1)) continue;
          match = exec(t);
          if (match) {
            matched = k;
            return;
          }
        }
      };
      tryRange(from, Math.min(targets.length, pointer + 400));
      // Sections may stand in another order than the template's (an older template version).
      if (matched < 0) tryRange(0, from);
      // A heading of placeholders only takes a heading no section names word for word
      // (`# Summary` in a document without a title is the Summary section, not the title).
      if (matched >= 0 && wordless(targets[matched]!)) {
        const k = targets.findIndex(
          (t, i) =>
            i !== matched &&
            !wordless(t) &&
            (t.node.type === 'group' || !buckets.has(t.section)) &&
            strictTitleRegex(nextHeading(t)).exec(bare) !== null,
        );
        if (k >= 0) {
          matched = k;
          match = exec(targets[k]!) ?? strictTitleRegex(nextHeading(targets[k]!)).exec(bare);
        }
      }
      // The document's H1 is its title, whatever its shape: it fills the template's title.
      // A template without an H1 whose first heading is its title: the document's first heading.
      if (matched < 0 && !titleSeen) {
        const k = targets.findIndex((t) => t.section.titleFieldId !== undefined);
        const t = targets[k];
        const level = t?.section.level ?? 1;
        if (
          t &&
          !buckets.has(t.section) &&
          (depth === 1 || depth === level) &&
          (level === 1 || docOrder.length === 0)
        ) {
          titleSeen = true;
          pointer = Math.max(pointer, k + 1);
          const units: Unit[] = [];
          buckets.set(t.section, units);
          current = units;
          headings[t.section.id] = text;
          for (const f of t.section.headingFields) values[f.id] = '';
          values[t.section.titleFieldId!] = bare;
          keepWrittenHeading(t.section, token.raw, fromPlain, values);
          docOrder.push(t.section.id);
          continue;
        }
      }
      if (depth === 1) titleSeen = true;
      // A heading reworded from the template's (an older version of it).
      if (matched < 0) {
        const k = reworded(bare, depth, (i) => !buckets.has(targets[i]!.section));
        if (k >= 0) {
          matched = k;
          match = Object.assign([bare], { index: 0, input: bare }) as RegExpExecArray;
        }
      }
      // Another instance of the current repeat, unless the heading is the next section's: a
      // repeat whose heading is all placeholder ("### [option 1]") would match any heading.
      if (matched >= 0 && matched === pointer - 1 && pointer < targets.length) {
        const next = targets[pointer]!;
        const nextMatch =
          wordless(next) && depth !== next.section.level
            ? null
            : strictTitleRegex(nextHeading(next)).exec(written);
        if (nextMatch) {
          matched = pointer;
          match = nextMatch;
        }
      }
      if (matched >= 0 && match) {
        const t = targets[matched]!;
        pointer = matched + 1;
        if (t.node.type === 'group') {
          const list = instances.get(t.node) ?? [];
          instances.set(t.node, list);
          const raw = promoted.get(unit.start) ?? token.raw;
          const inst = { title: text, raw, match, units: [] as Unit[] };
          if (list.length === 0) docOrder.push(t.node.id);
          list.push(inst);
          current = inst.units;
          headings[t.node.id] ??= text;
        } else {
          const units: Unit[] = [];
          buckets.set(t.section, units);
          current = units;
          headings[t.section.id] = text;
          readTitleFields(t.section.heading!, match, t.section.headingFields, values);
          keepWrittenHeading(t.section, promoted.get(unit.start) ?? token.raw, fromPlain, values);
          docOrder.push(t.section.id);
        }
        continue;
      }
    }
    if (token.type !== 'space') current.push(unit);
  }

  const inTemplateOrder = templateOrder(template.root).filter((id) => docOrder.includes(id));
  if (inTemplateOrder.join('\n') !== docOrder.join('\n')) values[ORDER_KEY] = docOrder;

  const ctx: ReadContext = {
    anchors,
    claims: new Map(),
    hints,
    hintLines,
    source: text,
    emptyAnswer: template.emptyAnswer,
    placeholderIsAnswer: template.issueForm,
  };
  for (const [section, units] of buckets) {
    // Before the first template heading, the document's own title heading may stand above
    // the template's opening fields (`# Rust 2020 Roadmap` over the metadata list).
    readBlocks(section.blocks, units, values, section.id, '', {
      ...ctx,
      top: section === template.root,
    });
  }
  for (const node of allGroups(template)) {
    const list = instances.get(node);
    if (!list) continue;
    values[node.id] = list.map((inst, i) => {
      const scope: GroupInstance = {};
      readTitleFields(node.instance.heading!, inst.match, node.instance.headingFields, scope);
      keepWrittenHeading(node.instance, inst.raw, fromPlain, scope, i + 1);
      readBlocks(node.instance.blocks, inst.units, scope, '', '', ctx);
      return completeValues(node.field.fields, scope);
    });
  }
  return {
    values: completeValues(allFields(template), values),
    headings,
    ...(frontMatterError === undefined ? {} : { frontMatterError }),
  };
}

/**
 * A document filled in from a plain-text template may itself be plain text (copied from a
 * rendered page): its headings are the lines that match the template's headings, a line of
 * several labelled values is one line per label, and `Key: value` of a key-value field takes the
 * template's item form again (`- Key: value`). A document with Markdown headings is left as is.
 */
function plainDocumentToMarkdown(body: string, targets: Target[], template: Template): string {
  const labels = inlineLabels(template);
  const items = keyItemPrefixes(template);
  const lines = body.split('\n');
  const isHeadingLine = (line: string) => {
    const m = /^ {0,3}#{1,6}[ \t]+(.*)$/.exec(line);
    return m !== null && targets.some((t) => t.pattern.exec(m[1]!.trim()) !== null);
  };
  if (lines.some(isHeadingLine)) return body;
  // Which section each line names word for word (-1: none), to keep reworded ones in order.
  const exact = lines.map((l) => {
    const t = l.trim();
    return t === '' || t.length > 120 ? -1 : targets.findIndex((x) => x.pattern.exec(t) !== null);
  });
  // Copied from a page, a table of contents names the sections again before they start: only
  // the last line naming a section is its heading, and a list of contents is not headings (a
  // plain-text template's headings may follow each other: `Author: …` under the title).
  const lastNaming = new Map<number, number>();
  exact.forEach((k, i) => k >= 0 && lastNaming.set(k, i));
  const inRun = contentsRuns(lines, exact);
  if (template.format !== 'text') {
    exact.forEach((k, i) => {
      if (k >= 0 && (lastNaming.get(k) !== i || inRun[i])) exact[i] = -1;
    });
  }
  // Against a Markdown template, a short line standing alone that reads like one of the
  // template's headings reworded ("Motivation and overview") is that heading too.
  const reworded =
    template.format === 'text'
      ? null
      : rewordTargets(
          template,
          targets,
          lines.filter((_, i) => exact[i]! >= 0).map((l) => l.trim()),
        );
  const levels = [...new Set(targets.map((x) => x.section.level))];
  const titleAt = targets.findIndex(
    (x) => x.section.titleFieldId !== undefined && x.section.level === 1,
  );
  let previous = -1;
  let fence = false;
  let lastItem = -1;
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (/^ {0,3}(```|~~~)/.test(line)) fence = !fence;
    const t = line.trim();
    if (fence || t === '' || t.length > 120 || /^([-*+]|\d+[.)])\s|^\[|^[#>|]/.test(t)) {
      out.push(line);
      continue;
    }
    let k = exact[i]!;
    // A page's first line is its title, whatever its shape (as a document's H1 is).
    if (k < 0 && reworded && titleAt >= 0 && out.every((l) => l.trim() === '')) {
      out.push(`# ${t}`);
      continue;
    }
    if (k < 0 && reworded && standsAlone(lines, i) && /^[\p{Lu}\d`]/u.test(t)) {
      // Between the sections named before and after it, in the template's order; a heading
      // one word longer or shorter than the template's counts as at its level.
      const next = exact.slice(i + 1).find((x) => x >= 0) ?? targets.length;
      const inOrder = (x: number) => x > previous && x < next;
      k = reworded(t, null, inOrder);
      for (const level of levels) {
        if (k >= 0) break;
        const found = reworded(t, level, inOrder);
        if (found >= 0 && targets[found]!.section.level === level) k = found;
      }
    }
    const target = targets[k];
    if (target) {
      previous = Math.max(previous, k);
      out.push('', `${'#'.repeat(Math.max(1, target.section.level))} ${t}`, '');
      continue;
    }
    const pair = /^([^:]{1,60}?)\s*:\s+(\S.*)$/.exec(t);
    const prefix = pair ? items.get(pair[1]!.toLowerCase()) : undefined;
    if (prefix !== undefined) {
      // Items copied one per paragraph are one list again.
      if (lastItem >= 0 && out.slice(lastItem + 1).every((l) => l.trim() === '')) {
        out.length = lastItem + 1;
      }
      out.push(`${prefix}${pair![2]}`);
      lastItem = out.length - 1;
      continue;
    }
    const split =
      splitKnownLabels(t, labels) ?? (template.format === 'text' ? splitLabelledLine(t) : null);
    out.push(...(split ? ['', ...split, ''] : [line]));
  }
  return out.join('\n');
}

/**
 * Lines of a list of contents: three or more lines in a row naming sections, each followed
 * (blank lines aside) by another line naming a section. A line followed by text is a heading.
 */
function contentsRuns(lines: string[], exact: number[]): boolean[] {
  const out = lines.map(() => false);
  let run: number[] = [];
  let last = -1;
  const close = () => {
    if (run.length >= 3) for (const i of run) out[i] = true;
    run = [];
  };
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    if (exact[i]! >= 0) {
      if (last >= 0) run.push(last);
      last = i;
    } else {
      last = -1;
      close();
    }
  });
  close();
  return out;
}

/** A short line between blank lines, not ending like a sentence: it may be a heading. */
function standsAlone(lines: string[], i: number): boolean {
  const t = lines[i]!.trim();
  return (
    (lines[i - 1] ?? '').trim() === '' &&
    (lines[i + 1] ?? '').trim() === '' &&
    t.length <= 80 &&
    t.split(/\s+/).length <= 10 &&
    !/[.,;:!?]$/.test(t)
  );
}

/** The item form (`- Feature Name: `) of each key of the template's list-like key-value fields. */
function keyItemPrefixes(template: Template): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'field' && b.field.kind === 'keyvalue' && b.layout) {
        b.field.entries.forEach((entry, i) => {
          const prefix = b.layout![i]?.prefix;
          if (prefix && /^ *[-*+] /.test(prefix)) out.set(entry.key.toLowerCase(), prefix);
        });
      } else if (b.type === 'quote' || b.type === 'group') visit(b.blocks);
    }
  };
  const walk = (s: Section) => {
    visit(s.blocks);
    for (const c of s.children) walk(c.type === 'group' ? c.instance : c);
  };
  walk(template.root);
  return out;
}

/**
 * A document read against a Markdown template whose sections are named by bare lines only (at
 * least two of them, none written as a Markdown heading, ATX or setext): text copied from a
 * rendered page, where headings lost their `#` (and code its fences, so a `# comment` line of
 * a code sample does not count). It is read as a plain-text document.
 */
function copiedFromPage(body: string, targets: Target[]): boolean {
  const lines = body.split('\n');
  const names = (text: string) =>
    text !== '' && text.length <= 120 && targets.find((x) => x.pattern.exec(text) !== null);
  const outside: number[] = [];
  let fence = false;
  for (const [i, line] of lines.entries()) {
    if (/^ {0,3}(```|~~~)/.test(line)) fence = !fence;
    else if (!fence) outside.push(i);
  }
  // Headings first: a Markdown document names a section by one, and is told at its first.
  for (const i of outside) {
    const atx = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/.exec(lines[i]!);
    if (atx && names(atx[1]!.trim())) return false;
  }
  const named = new Set<Target>();
  for (const i of outside) {
    const target = names(lines[i]!.trim());
    if (!target) continue;
    if (/^ {0,3}(=+|-+)[ \t]*$/.test(lines[i + 1] ?? '')) return false;
    named.add(target);
  }
  return named.size >= 2;
}

/** `Author: Ada Lovelace Created: …` split at the template's own labels, so values keep spaces. */
function splitKnownLabels(line: string, labels: string[]): string[] | null {
  const found: { at: number; label: string }[] = [];
  for (const label of labels) {
    const re = new RegExp(`(^|\\s)${escapeRe(label)}:\\s`, 'gi');
    for (const m of line.matchAll(re)) found.push({ at: (m.index ?? 0) + m[1]!.length, label });
  }
  if (!found.some((f) => f.at === 0)) return null;
  found.sort((a, b) => a.at - b.at);
  return found.map((f, i) => {
    const end = i + 1 < found.length ? found[i + 1]!.at : line.length;
    return `**${f.label}**: ${line.slice(f.at + f.label.length + 1, end).trim()}`;
  });
}

/** Labels of the one-line fields (`**Status**: Draft`) a template has. */
function inlineLabels(template: Template): string[] {
  const out: string[] = [];
  const visit = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'inline') out.push(b.field.label);
      else if (b.type === 'quote' || b.type === 'group') visit(b.blocks);
    }
  };
  const walk = (s: Section) => {
    visit(s.blocks);
    for (const c of s.children) walk(c.type === 'group' ? c.instance : c);
  };
  walk(template.root);
  return out;
}

/** A heading of fixed text only, as the template writes it. */
function plainHeading(t: Target): string {
  return t.section.heading!.parts.map((p) => (p.type === 'fixed' ? p.text : '')).join('');
}

interface RewordCache {
  words: string[][];
  weigh: (w: string) => number;
  /** The match keys of every template heading, with and without "(Optional)". */
  keys: Set<string>;
}
const rewordCache = new WeakMap<Template, RewordCache>();

/**
 * Finds the section a reworded heading stands for (see similar.ts), or -1: among sections of
 * fixed words (no placeholders, not the title) that no heading of the document names word for
 * word (`written`), and that `isOpen` allows.
 */
function rewordTargets(
  template: Template,
  targets: Target[],
  written: string[],
): (text: string, level: number | null, isOpen: (k: number) => boolean) => number {
  let cached = rewordCache.get(template);
  if (!cached) {
    const words = targets.map((t) => headingWords(plainHeading(t)));
    const keys = new Set(
      targets.flatMap((t) => {
        const text = plainHeading(t);
        return [matchKey(text), matchKey(text.replace(OPTIONAL_MARK_RE, ''))];
      }),
    );
    cached = { words, weigh: weighWords(targets.map(plainHeading)), keys };
    rewordCache.set(template, cached);
  }
  const named = new Set<string>();
  for (const h of written) {
    const bare = h.replace(COMMENT_RE, '').trim();
    named.add(matchKey(bare));
    named.add(matchKey(bare.replace(OPTIONAL_MARK_RE, '')));
  }
  const indices: number[] = [];
  targets.forEach((t, k) => {
    if (t.node.type !== 'section' || t.section.titleFieldId !== undefined) return;
    const spec = t.section.heading;
    if (!spec || !spec.parts.every((p) => p.type === 'fixed') || !hasFixedWords(spec)) return;
    const text = plainHeading(t);
    if (named.has(matchKey(text)) || named.has(matchKey(text.replace(OPTIONAL_MARK_RE, ''))))
      return;
    indices.push(k);
  });
  const words = cached.words;
  const find = rewordFinder(
    indices.map((k) => ({ words: words[k]!, level: targets[k]!.section.level })),
    cached.weigh,
  );
  const keys = cached.keys;
  return (text, level, isOpen) => {
    // A heading that names a section word for word is that section's.
    if (keys.has(matchKey(text)) || keys.has(matchKey(text.replace(OPTIONAL_MARK_RE, ''))))
      return -1;
    const i = find(text, level, (j) => isOpen(indices[j]!));
    return i < 0 ? -1 : indices[i]!;
  };
}

/** Whether a target's heading has no fixed words, only placeholders and numbers. */
function wordless(t: Target): boolean {
  return !hasFixedWords(t.section.heading!);
}

/**
 * A document written against an older version of its template may hold a template heading as a
 * bold line (`**Does it change defaults?**`) or a bold list item whose answer is indented below
 * it (`* **How is it switched on?**`). When the document has no such heading, that line becomes
 * the heading (at the template's level) and the item's answer its section's content, dedented.
 */
function promoteBoldHeadings(
  body: string,
  targets: Target[],
  template: Template,
): { text: string; written: Map<number, string> } {
  const written = new Map<number, string>();
  if (!/^ {0,3}(?:[-*+][ \t]+)?\*\*/m.test(body)) return { text: body, written };
  const lines = body.split('\n');
  const present = lines
    .filter((l) => /^ {0,3}#{1,6}[ \t]/.test(l))
    .map((l) => headingText(l).replace(COMMENT_RE, '').trim());
  let open = targets.filter(
    (t) =>
      t.node.type === 'section' &&
      t.section.heading !== null &&
      hasFixedWords(t.section.heading) &&
      !present.some((h) => t.pattern.exec(h) !== null),
  );
  // A reworded heading stands for its section too (see similar.ts).
  const reworded = rewordTargets(template, targets, present);
  const openSet = new Set(open);
  for (const h of present) {
    const k = reworded(h, null, (i) => openSet.has(targets[i]!));
    if (k >= 0) openSet.delete(targets[k]!);
  }
  open = open.filter((t) => openSet.has(t));
  if (open.length === 0) return { text: body, written };
  const alike = (bold: string) => {
    const k = reworded(bold, null, (i) => openSet.has(targets[i]!));
    return k < 0 ? -1 : open.indexOf(targets[k]!);
  };
  const out: string[] = [];
  let offset = 0;
  const push = (...parts: string[]) => {
    for (const p of parts) {
      out.push(p);
      offset += p.length + 1;
    }
  };
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence === null ? f[1]![0]! : fence === f[1]![0] ? null : fence;
    const m = fence === null ? /^( {0,3})([-*+][ \t]+)?\*\*(.*)$/.exec(line) : null;
    if (!m) {
      push(line);
      continue;
    }
    // The bold text may wrap over a few lines.
    let rest = m[3]!;
    let j = i;
    while (!rest.includes('**') && j + 1 < lines.length && j - i < 3 && lines[j + 1]!.trim())
      rest += ` ${lines[++j]!.trim()}`;
    const close = rest.indexOf('**');
    const bold = close > 0 ? rest.slice(0, close).trim().replace(/:$/, '').trim() : '';
    let k = bold ? open.findIndex((t) => t.pattern.exec(bold) !== null) : -1;
    if (k < 0 && bold) k = alike(bold);
    if (k < 0) {
      push(line);
      continue;
    }
    const target = open.splice(k, 1)[0]!;
    openSet.delete(target);
    const after = rest
      .slice(close + 2)
      .replace(/^:?[ \t]*/, '')
      .trim();
    push('');
    // The line(s) as written stand for the heading in the output (see headingKey).
    // An answer on the bold line itself (`* **Is it on by default?** No`) stays on it: the
    // kept line ends before the answer, with its space, and the output joins them again.
    const last = lines[j]!.trimEnd();
    const head = after && last.endsWith(after) ? last.slice(0, last.length - after.length) : last;
    if (!after || /\s$/.test(head))
      written.set(offset, [...lines.slice(i, j), after ? head : last].join('\n'));
    push(`${'#'.repeat(Math.min(6, Math.max(1, target.section.level)))} ${bold}`, '');
    if (after) push(after);
    i = j;
    if (m[2]) {
      // The item's answer keeps its indentation (its nested lists stay nested), only what
      // would turn it into an indented code block goes: an answer indented four spaces or
      // more (`- **Unit tests**:` then `    - Config conversion`) is moved left as a whole.
      const indent = m[1]!.length + m[2].length;
      let end = i;
      while (
        end + 1 < lines.length &&
        (lines[end + 1]!.trim() === '' || /^ */.exec(lines[end + 1]!)![0].length >= indent)
      )
        end++;
      const answer = lines.slice(i + 1, end + 1);
      const least = Math.min(
        ...answer.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length),
      );
      const shift = Math.max(0, indent - 2, Number.isFinite(least) ? least - 2 : 0);
      for (const l of answer) push(l.slice(Math.min(shift, /^ */.exec(l)![0].length)));
      i = end;
    }
    if (out[out.length - 1] !== '') push('');
  }
  return { text: out.join('\n'), written };
}

const FENCE_LINE_RE = /^( *)(`{3,}|~{3,})(.*)$/;

/**
 * A code fence opened inside a list item and closed less indented than it was opened
 * (`  \`\`\`` … ` \`\`\``): the closing line stands outside the item, so it opens a new fence
 * that swallows the rest of the document, its headings included. The author meant it to close
 * the code: it is indented as its opening line, when every line between is indented as much.
 */
export function closeListItemFences(body: string): string {
  if (!/^ {2,}(`{3,}|~{3,})/m.test(body)) return body;
  const lines = body.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_LINE_RE.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const fence = open[2]!;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      const close = FENCE_LINE_RE.exec(line);
      if (
        close &&
        close[2]![0] === fence[0] &&
        close[2]!.length >= fence.length &&
        close[3]!.trim() === ''
      ) {
        const at = close[1]!.length;
        const item = at < indent ? listItemIndent(lines, i) : -1;
        if (at < item) {
          lines[j] = ' '.repeat(item) + line.trimStart();
          changed = true;
        }
        break;
      }
      if (line.trim() !== '' && /^ */.exec(line)![0].length < indent) {
        j -= 1;
        break;
      }
    }
    i = j;
  }
  return changed ? lines.join('\n') : body;
}

/**
 * The content indentation of the list item the fence on line `i` stands in, or -1: the nearest
 * less indented line is the item's, or a lazy continuation line of it (a paragraph line right
 * below the item's text).
 */
function listItemIndent(lines: string[], i: number): number {
  const indent = /^ */.exec(lines[i]!)![0].length;
  for (let k = i - 1; k >= 0; k--) {
    const line = lines[k]!;
    if (line.trim() === '') continue;
    const at = /^ */.exec(line)![0].length;
    if (at >= indent) continue;
    const item = /^ *(?:[-*+]|\d{1,9}[.)]) {1,4}(?=\S)/.exec(line);
    if (item) return item[0].length;
    const above = lines[k - 1];
    if (above === undefined || above.trim() === '' || /^ {0,3}(#|`{3}|~{3})/.test(line)) return -1;
  }
  return -1;
}

/**
 * Keeps a matched heading as the document wrote it (see headingKey) when writing the template's
 * heading would change its line: another wording, level or closing, a setext underline, or the
 * bold line it was promoted from. Headings with fields of their own are written from them.
 */
type PlainOrigin = 'template' | 'page' | null;

function keepWrittenHeading(
  section: Section,
  raw: string,
  fromPlainText: PlainOrigin,
  values: Values,
  number = 0,
): void {
  if (section.heading === null) return;
  const line = raw.replace(/\n+$/, '');
  if (line.trim() === '') return;
  const title = renderTitle(section.heading, values, number).trim();
  // A plain-text document's bare heading lines were made Markdown headings to be read; the
  // output writes the template's heading, with the same words; a line copied from a page that
  // rewords a Markdown template's heading is kept as written.
  const words = (text: string) =>
    text
      .replace(/^#+\s*/, '')
      .replace(/\s+/g, ' ')
      .toLowerCase();
  if (
    fromPlainText &&
    !/^[-*+ ]|\*\*/.test(line) &&
    (fromPlainText === 'template' || words(line) === words(title))
  )
    return;
  if (line.trim() === title) return;
  values[headingKey(section.id)] = line;
  if (section.headingFields.length > 0 || number > 0)
    values[headingReadKey(section.id)] = headingFieldsJson(section, values, number);
}

/** Node ids of the template in its own order (sections depth first; a repeat as one). */
function templateOrder(root: Section): string[] {
  const out: string[] = [];
  const walk = (s: Section) => {
    for (const c of s.children) {
      out.push(c.id);
      if (c.type === 'section') walk(c);
    }
  };
  walk(root);
  return out;
}

/** Whether a heading has fixed words besides its placeholders. */
function hasFixedWords(spec: TitleSpec): boolean {
  return spec.parts.some((p) => p.type === 'fixed' && matchKey(p.text) !== '');
}

function nextHeading(t: Target): TitleSpec {
  return t.section.heading!;
}

function allGroups(template: Template): SectionGroup[] {
  const out: SectionGroup[] = [];
  const visit = (s: Section) => {
    for (const c of s.children) {
      if (c.type === 'group') out.push(c);
      else visit(c);
    }
  };
  visit(template.root);
  return out;
}

function readTitleFields(
  spec: TitleSpec,
  match: RegExpExecArray,
  fields: Field[],
  scope: Scope,
): void {
  let group = 1;
  for (const part of spec.parts) {
    if (part.type === 'number') group++;
    else if (part.type === 'field') {
      const text = (match[group++] ?? '').trim();
      const field = fields.find((f) => f.id === part.fieldId);
      if (field)
        scope[field.id] = isTitlePlaceholder(text, part.placeholder, part.examples) ? '' : text;
    }
  }
}

/** A heading's placeholder, as written or without its brackets (`\[Name]`, `[Name]`, `Name`). */
function isTitlePlaceholder(text: string, placeholder: string, examples: string[] = []): boolean {
  if (text === '') return true;
  const bare = (s: string) =>
    unescapeMarkdown(s)
      .replace(/^\[|\]$/g, '')
      .trim();
  // The template's own example names ("Phase 2: Core Functionality") are not answers either.
  return [placeholder, ...examples].some((p) => p !== '' && (text === p || bare(text) === bare(p)));
}

/** A document's front matter; a `---` first line that never closes is a rule, not front matter. */
function documentFrontMatter(source: string): { frontMatter: string | null; body: string } {
  try {
    return splitFrontMatter(source);
  } catch {
    return { frontMatter: null, body: source };
  }
}

function readFrontMatter(template: Template, yamlText: string, values: Values): void {
  const data = parseYaml(yamlText);
  if (!data || typeof data !== 'object' || Array.isArray(data)) return;
  const read: Record<string, string> = {};
  const record = data as Record<string, unknown>;
  for (const entry of template.frontMatter!.entries) {
    const field = entry.field;
    if (!field || !(entry.key in record)) continue;
    const value = record[entry.key];
    if (field.kind === 'list') {
      const items = Array.isArray(value)
        ? value.map((v) => scalarText(v))
        : value == null
          ? []
          : [scalarText(value)];
      const same = items.length === 1 && `[${items[0]}]` === entry.rawValue;
      values[field.id] = same ? [] : items.filter((v) => v !== '');
    } else {
      let text = Array.isArray(value)
        ? value.map((v) => scalarText(v)).join(', ')
        : scalarText(value);
      if (Array.isArray(value) && entry.rawValue === `[${text}]`) text = '';
      if (
        text === field.placeholder ||
        (field.kind === 'text' && text === field.defaultValue && false)
      )
        text = '';
      values[field.id] = text;
    }
    read[entry.key] = JSON.stringify(values[field.id]);
  }
  values[FRONT_MATTER_READ_KEY] = read;
}

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return JSON.stringify(v);
}

/** Guidance comments of the template: dropped when a document still carries them. */
function templateHints(template: Template): { hints: Set<string>; lines: Set<string> } {
  const out = new Set<string>();
  const lines = new Set<string>();
  const add = (h: string) => {
    if (!h) return;
    out.add(matchKey(h));
    for (const line of h.split('\n')) if (hintLine(line)) lines.add(hintLine(line));
    // Each paragraph of a guidance text on its own too: a document may keep any of them.
    for (const part of h.split(/\n\s*\n/)) if (part.trim()) out.add(matchKey(part));
  };
  const visitBlocks = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'field' || b.type === 'inline' || b.type === 'group') {
        add(b.field.hint);
        if (b.field.kind === 'keyvalue') b.field.entries.forEach((e) => add(e.hint));
      }
      // Each guidance comment on its own, as output that keeps guidance writes them.
      if (b.type === 'field') b.guidance?.forEach((g) => add(commentText(g)));
      if (b.type === 'inline' && b.guidance) add(commentText(b.guidance));
      if (b.type === 'quote' || b.type === 'group') visitBlocks(b.blocks);
    }
  };
  const visit = (s: Section) => {
    add(s.hint);
    if (s.lead) add(s.lead);
    s.guidance?.forEach((g) => add(commentText(g)));
    visitBlocks(s.blocks);
    for (const c of s.children) visit(c.type === 'group' ? c.instance : c);
  };
  visit(template.root);
  return { hints: out, lines };
}

interface ReadContext {
  anchors: Anchors;
  /** What each structured field reads from a unit's text (null: not its kind). */
  claims: Map<FieldBlock, Map<string, Claim | null>>;
  hints: Set<string>;
  /** Reading the part before the template's first heading. */
  top?: boolean;
  /** Each line of the template's guidance as written (spacing aside). */
  hintLines: Set<string>;
  source: string;
  emptyAnswer: string;
  /** Issue forms: GitHub never writes a placeholder, so text equal to one is the author's. */
  placeholderIsAnswer?: boolean;
}

const LABEL_ONLY_RE = /^\*\*([^*\n]+?)\*\*\s*:?\s*$/;
const LABEL_START_RE = /^(\*\*([^*\n]+?)\*\*\s*:?)[ \t]*/;
/** A plain label (`Author: …`), for inline fields whose template label is plain. */
const PLAIN_LABEL_START_RE = /^(([A-Z][^\n:*[\]]{0,40}?):)[ \t]*/;

/** Label words compared loosely: `Author(s)` and `Author`, `Authors` are one label. */
function labelKey(label: string): string {
  return matchKey(label.replace(/\((?:s|es)\)/gi, '')).replace(/s$/, '');
}

/** `Fixes #12`, `Closes: https://…`: an issue reference after its words (template `Fixes #`). */
const REF_LABEL_START_RE = /^(([A-Z][\w ]{0,30}?):?[ \t]+)(?=#|https?:\/\/)/;

function labelStart(block: Extract<Block, { type: 'inline' }>, raw: string) {
  if (block.emptyText === '#') return REF_LABEL_START_RE.exec(raw);
  return block.prefix.startsWith('**') ? LABEL_START_RE.exec(raw) : PLAIN_LABEL_START_RE.exec(raw);
}

/**
 * Splits paragraphs made of `**Label**: value` lines into one unit per line, and a label that
 * runs straight into its content (`**Test Scenarios:**\n1\\.`) into the label and the content.
 */
function splitUnits(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (const u of units) {
    const trimmed = u.raw.replace(/\n+$/, '');
    const lines = trimmed.split('\n');
    if (
      u.type === 'paragraph' &&
      lines.length > 1 &&
      LABEL_ONLY_RE.test(lines[0]!) &&
      !lines.every((l) => /^\*\*/.test(l))
    ) {
      const first = lines[0]!;
      out.push({ type: 'paragraph', raw: first, start: u.start, end: u.start + first.length });
      const restStart = u.start + first.length + 1;
      const rest = lines
        .slice(1)
        .map((l) => l.replace(/^(\s*\d+)\\([.)])/, '$1$2'))
        .join('\n');
      for (const r of toUnits(lexMarkdown(rest)))
        out.push({ ...r, start: restStart + r.start, end: restStart + r.end });
      continue;
    }
    if (u.type === 'paragraph' && lines.length > 1 && lines.every((l) => /^\*\*/.test(l))) {
      let pos = u.start;
      for (const line of lines) {
        out.push({ type: 'paragraph', raw: line, start: pos, end: pos + line.length });
        pos += line.length + 1;
      }
    } else {
      out.push(u);
    }
  }
  return out;
}

/**
 * The template's guidance comment with the answer written after it on the same line
 * (`<!-- Describe the bug. --> It crashes on start.`): the comment, then the answer's own units.
 */
function splitLeadingHint(unit: Unit, ctx: ReadContext): Unit[] {
  if (unit.type !== 'html') return [unit];
  const m = /^<!--[\s\S]*?-->[ \t]*/.exec(unit.raw);
  if (!m || unit.raw.slice(m[0].length).trim() === '') return [unit];
  const comment = m[0].trimEnd();
  if (!ctx.hints.has(matchKey(commentText(comment)))) return [unit];
  const restStart = unit.start + m[0].length;
  const rest = unit.raw.slice(m[0].length);
  return [
    { type: 'html', raw: comment, start: unit.start, end: unit.start + comment.length },
    ...toUnits(lexMarkdown(rest)).map((r) => ({
      ...r,
      start: restStart + r.start,
      end: restStart + r.end,
    })),
  ];
}

/**
 * The template's own guidance left in a document: its comments, bracketed instructions, quoted
 * guidance (`> Why are we doing this?`), instruction paragraphs and lists, word for word.
 */
function isHintComment(unit: Unit, ctx: ReadContext): boolean {
  const raw = unit.raw.trim();
  if (unit.type === 'html' && /^<!--[\s\S]*-->$/.test(raw))
    return ctx.hints.has(matchKey(commentText(raw)));
  // An issue form's descriptions are never written into the body by GitHub: visible text
  // there is the author's, even when it repeats a description word for word.
  if (ctx.placeholderIsAnswer) return false;
  // Visible text is the template's only when it is its guidance line for line: a comment's
  // text shown as paragraphs, or guidance wrapped anew (an older template), is the author's.
  return (
    (unit.type === 'paragraph' || unit.type === 'blockquote' || unit.type === 'list') &&
    matchKey(raw) !== '' &&
    ctx.hints.has(matchKey(raw)) &&
    raw.split('\n').every((l) => hintLine(l) === '' || ctx.hintLines.has(hintLine(l)))
  );
}

function hintLine(line: string): string {
  return matchKey(line);
}

function staticMatches(block: Extract<Block, { type: 'static' }>, unit: Unit): boolean {
  if (/^ {0,3}([-*_])( *\1){2,} *$/.test(block.raw)) return unit.type === 'hr';
  if (/^\*\*/.test(block.raw))
    return (
      unit.type === 'paragraph' &&
      LABEL_ONLY_RE.test(unit.raw.trim()) &&
      matchKey(unit.raw) === block.anchor
    );
  return matchKey(unit.raw) === block.anchor && unit.raw.trim() !== '';
}

function inlineMatches(block: Extract<Block, { type: 'inline' }>, unit: Unit): boolean {
  if (unit.type !== 'paragraph') return false;
  const m = labelStart(block, unit.raw);
  if (m === null || labelKey(m[2]!) !== labelKey(block.prefix.replace(/:?\s*$/, ''))) return false;
  // One line, or a value on the next lines after a guidance comment
  // (`**Description:** <!-- … -->` then the text below).
  const first = unit.raw.split('\n')[0]!.slice(m[0].length).trim();
  return (
    !unit.raw.trim().includes('\n') ||
    (block.guidance !== undefined && /^<!--[\s\S]*-->$/.test(first))
  );
}

const GROUP_LABEL_RE = /^\*\*(.+)\*\*:?[ \t]*$/;

function labelMatch(spec: TitleSpec, unit: Unit): RegExpExecArray | null {
  if (unit.type !== 'paragraph' || unit.raw.trim().includes('\n')) return null;
  const m = GROUP_LABEL_RE.exec(unit.raw.trim());
  return m ? matchTitle(spec, m[1]!) : null;
}

/**
 * Reads a section's blocks from its units. Every unit is claimed by at most one block, in
 * document order (anchors first, then the fields between them); a unit no block can take
 * without losing text is kept as written, in the slot before the next block that claimed
 * something, so it comes back where the author wrote it.
 */
function readBlocks(
  blocks: Block[],
  rawUnits: Unit[],
  scope: Scope,
  sectionId: string,
  slotPrefix: string,
  ctx: ReadContext,
): void {
  const units = splitUnits(rawUnits)
    .flatMap((u) => splitLeadingHint(u, ctx))
    .filter((u) => !isHintComment(u, ctx));
  /** The block that claimed each unit, or -1. */
  const owner: number[] = units.map(() => -1);
  const anchorAt: number[] = blocks.map(() => -1);
  let pos = 0;
  blocks.forEach((block, i) => {
    for (let j = pos; j < units.length; j++) {
      if (anchorHit(block, units[j]!)) {
        anchorAt[i] = j;
        owner[j] = i;
        pos = j + 1;
        return;
      }
    }
  });

  const nextAnchor = (i: number) => {
    for (let k = i + 1; k < blocks.length; k++) if (anchorAt[k]! >= 0) return anchorAt[k]!;
    return units.length;
  };
  const prevAnchor = (i: number) => {
    for (let k = i - 1; k >= 0; k--) if (anchorAt[k]! >= 0) return anchorAt[k]!;
    return -1;
  };

  let i = 0;
  while (i < blocks.length) {
    const block = blocks[i]!;
    if (block.type === 'inline') {
      const j = anchorAt[i]!;
      const value = j >= 0 ? inlineValue(block, units[j]!, ctx) : '';
      scope[block.field.id] = value;
      // A label written otherwise (`Author:` for `Author(s):`, `**Key:**` for `**Key**:`) stays.
      // `**Owner**: …` for `**Owner** …`: a colon the template's label lacks is the author's too.
      const prefix = block.prefix.trimEnd();
      const m =
        j >= 0 &&
        (!units[j]!.raw.startsWith(prefix) ||
          (!prefix.includes(':') &&
            /^\s*:/.test(units[j]!.raw.slice(prefix.length)) &&
            !value.startsWith(':')))
          ? labelStart(block, units[j]!.raw)
          : null;
      if (m && m[0].trimEnd() !== block.prefix.trimEnd())
        scope[writtenLabelKey(block.field.id)] = m[0];
      i++;
      continue;
    }
    if (block.type === 'quote') {
      const j = anchorAt[i]!;
      const prefix = `${slotPrefix}${i}_`;
      if (j >= 0) {
        const unit = units[j]!;
        let lines = unit.raw
          .replace(/\n+$/, '')
          .split('\n')
          .map((l) => l.replace(/^ {0,3}> ?/, ''));
        if (block.header) lines = lines.slice(1);
        while (lines.length && lines[0]!.trim() === '') lines.shift();
        const inner = lines.join('\n');
        const innerUnits = toUnits(lexMarkdown(inner));
        readBlocks(block.blocks, innerUnits, scope, sectionId, prefix, { ...ctx, source: inner });
      } else {
        readBlocks(block.blocks, [], scope, sectionId, prefix, ctx);
      }
      i++;
      continue;
    }
    if (block.type === 'group') {
      scope[block.field.id] =
        anchorAt[i]! < 0 ? [] : readLabelGroup(block, i, units, owner, nextAnchor(i), ctx);
      i++;
      continue;
    }
    if (block.type === 'static') {
      i++;
      continue;
    }
    // A run of field blocks sharing the region between two anchors.
    let j = i;
    while (j < blocks.length && blocks[j]!.type === 'field') j++;
    // In document order: after the anchor before the run and after anything an earlier block
    // claimed (a list the checklist kept comes before a later prose field's text).
    let from = prevAnchor(i) + 1;
    for (let x = units.length - 1; x >= from; x--) {
      if (owner[x]! >= 0 && owner[x]! < i) {
        from = x + 1;
        break;
      }
    }
    const to = nextAnchor(j - 1);
    const region: number[] = [];
    for (let x = from; x < to; x++) if (owner[x] === -1) region.push(x);
    const run: RunBlock[] = [];
    for (let k = i; k < j; k++) run.push({ block: blocks[k] as FieldBlock, index: k });
    claimRun(run, region, units, scope, owner, ctx);
    i = j;
  }

  keepUnclaimed(blocks, units, owner, scope, sectionId, slotPrefix, ctx);
}

function anchorHit(block: Block, u: Unit): boolean {
  switch (block.type) {
    case 'static':
      return staticMatches(block, u);
    case 'inline':
      return inlineMatches(block, u);
    case 'quote':
      return u.type === 'blockquote' && (!block.header || /^ {0,3}> ?\\?\[!/i.test(u.raw));
    case 'group':
      return labelMatch(block.label, u) !== null;
    default:
      return false;
  }
}

/** A repeat written with bold labels: each label and what follows it, up to the next anchor. */
function readLabelGroup(
  block: Extract<Block, { type: 'group' }>,
  index: number,
  units: Unit[],
  owner: number[],
  end: number,
  ctx: ReadContext,
): GroupInstance[] {
  const list: GroupInstance[] = [];
  let k = units.findIndex((_u, x) => owner[x] === index);
  while (k >= 0 && k < end) {
    const match = labelMatch(block.label, units[k]!);
    if (!match) break;
    owner[k] = index;
    let e = k + 1;
    while (e < end && !labelMatch(block.label, units[e]!)) e++;
    const inst: GroupInstance = {};
    let g = 1;
    for (const part of block.label.parts) {
      if (part.type === 'number') g++;
      else if (part.type === 'field') {
        const text = (match[g++] ?? '').trim();
        inst[part.fieldId] = isTitlePlaceholder(text, part.placeholder, part.examples) ? '' : text;
      }
    }
    for (let x = k + 1; x < e; x++) owner[x] = index;
    readBlocks(block.blocks, units.slice(k + 1, e), inst, '', '', ctx);
    list.push(completeValues(block.field.fields, inst));
    k = e;
  }
  return list;
}

/**
 * Units no block claimed are kept as written: each in the slot of the first later block that
 * claimed something (so it is written just before it), or at the end of the section.
 */
function keepUnclaimed(
  blocks: Block[],
  units: Unit[],
  owner: number[],
  scope: Scope,
  sectionId: string,
  slotPrefix: string,
  ctx: ReadContext,
): void {
  const blockCount = blocks.length;
  const firstClaim: number[] = Array.from({ length: blockCount }, () => Infinity);
  owner.forEach((b, u) => {
    if (b >= 0) firstClaim[b] = Math.min(firstClaim[b]!, u);
  });
  const kept = new Map<string, string[]>();
  units.forEach((u, idx) => {
    if (owner[idx] !== -1) return;
    const raw = u.raw.trim();
    if (raw === '' || raw === ctx.emptyAnswer) return;
    let slot = blockCount;
    for (let b = 0; b < blockCount; b++) {
      if (firstClaim[b]! > idx && firstClaim[b]! !== Infinity) {
        slot = b;
        break;
      }
    }
    const key =
      slot === blockCount && slotPrefix === ''
        ? extraKey(sectionId)
        : extraKey(sectionId, `${slotPrefix}${slot}`);
    let text = u.raw.replace(/\n+$/, '');
    // The template's fixed text (a table of contents) that the author's own items joined into
    // one block: it is written as the template's anyway, so only the author's part is kept.
    for (let b = 0; b < slot; b++) {
      const block = blocks[b]!;
      if (block.type !== 'static' || firstClaim[b] !== Infinity) continue;
      const fixed = block.raw.trim();
      if (fixed !== '' && text.startsWith(`${fixed}\n`)) {
        text = text.slice(fixed.length).replace(/^\n+/, '');
        firstClaim[b] = idx;
        break;
      }
    }
    const list = kept.get(key) ?? [];
    list.push(text);
    kept.set(key, list);
  });
  for (const [key, parts] of kept) {
    const text = parts.join('\n\n');
    const prev = scope[key];
    scope[key] = typeof prev === 'string' && prev ? `${prev}\n\n${text}` : text;
  }
}

function toUnits(tokens: Token[]): Unit[] {
  const out: Unit[] = [];
  let offset = 0;
  for (const t of tokens) {
    if (t.type !== 'space')
      out.push({ type: t.type, raw: t.raw, start: offset, end: offset + t.raw.length });
    offset += t.raw.length;
  }
  return out;
}

type FieldBlock = Extract<Block, { type: 'field' }>;
interface RunBlock {
  block: FieldBlock;
  index: number;
}

interface Claim {
  value: FieldValue;
  /** The unit as written, when the value cannot give all of it back. */
  source: string | null;
}

/**
 * What a structured field reads from a unit, or null when the unit is not of its kind. When
 * writing the value back would lose some of the author's text (nested items, another column,
 * another code language), the unit is also kept as written (`source`).
 */
function tryClaim(block: FieldBlock, unit: Unit, ctx: ReadContext): Claim | null {
  let byUnit = ctx.claims.get(block);
  if (!byUnit) ctx.claims.set(block, (byUnit = new Map<string, Claim | null>()));
  if (!byUnit.has(unit.raw)) byUnit.set(unit.raw, claimValue(block, unit, ctx));
  return byUnit.get(unit.raw) ?? null;
}

/** The template's own text of a field (its examples), written as the field would be. */
const ownText = new WeakMap<FieldBlock, string>();

function claimValue(block: FieldBlock, unit: Unit, ctx: ReadContext): Claim | null {
  const value = readUnit(block, unit);
  if (value === null) return null;
  const field = block.field;
  const written = renderField(field, value, ctx.anchors, block.layout);
  let own = ownText.get(block);
  if (own === undefined) {
    own = renderField(field, templateValue(field), ctx.anchors, block.layout);
    ownText.set(block, own);
  }
  // GitHub's `_No response_` is its own text, not the author's.
  const lossless = keepsAuthorLines(unit.raw, written, `${own}\n${ctx.emptyAnswer}`);
  return { value, source: lossless ? null : unit.raw.replace(/\n+$/, '') };
}

/** What a structured field reads from a unit of its kind (null: another kind of block). */
export function readUnit(
  block: FieldBlock,
  unit: { type: string; raw: string },
): FieldValue | null {
  return readFieldBlock(block.field, unit, block.layout);
}

/**
 * Gives each field of a run its units, in document order: a structured field takes the first
 * later unit it can read without loss; a text field takes the units up to the first one a
 * later structured field of the run would take. Anything skipped stays unclaimed (kept).
 */
function claimRun(
  run: RunBlock[],
  region: number[],
  units: Unit[],
  scope: Scope,
  owner: number[],
  ctx: ReadContext,
): void {
  let p = 0;
  let textTaken = false;
  /** The last unit at or after `from` that a block can read, or -1. */
  const lastOfKind = (block: FieldBlock, from: number): number => {
    for (let q = region.length - 1; q >= from; q--)
      if (tryClaim(block, units[region[q]!]!, ctx) !== null) return q;
    return -1;
  };
  for (let k = 0; k < run.length; k++) {
    const { block, index } = run[k]!;
    const field = block.field;
    if (isStructured(field)) {
      scope[field.id] = emptyValue(field);
      const from = field.kind === 'code' ? lastOfKind(block, p) : p;
      for (let q = from; q >= 0 && q < region.length; q++) {
        // An author's own heading starts their own part: a block below it stays under it.
        if (units[region[q]!]!.type === 'heading' && !ctx.top) break;
        const claim = tryClaim(block, units[region[q]!]!, ctx);
        if (claim !== null) {
          scope[field.id] = claim.value;
          if (claim.source !== null) scope[sourceKey(field.id)] = claim.source;
          owner[region[q]!] = index;
          p = q + 1;
          break;
        }
      }
      continue;
    }
    scope[field.id] = '';
    let end = region.length;
    search: for (let q = p; q < region.length; q++) {
      // An author's heading that the field would write escaped (it looks like a template
      // heading) is not taken in: it and what follows are kept as written.
      const unit = units[region[q]!]!;
      const raw = unit.raw.trim();
      if (
        unit.type === 'heading' &&
        escapeBlockText(unescapeBlockText(raw, ctx.anchors), ctx.anchors) !== raw
      ) {
        end = q;
        break;
      }
      for (let m = k + 1; m < run.length; m++) {
        const later = run[m]!.block;
        // A code field takes the last code block (code written in the text before it stays
        // the text's); other structured fields the first block of their kind.
        const takes =
          later.field.kind === 'code'
            ? q === lastOfKind(later, p)
            : isStructured(later.field) && tryClaim(later, units[region[q]!]!, ctx) !== null;
        if (takes) {
          end = q;
          break search;
        }
      }
    }
    // One text field takes the text; a second text field in the same region has no text of
    // its own to tell apart.
    if (textTaken) continue;
    const take = region.slice(p, end).filter((idx) => units[idx]!.raw.trim() !== ctx.emptyAnswer);
    if (take.length === 0) continue;
    const startUnit = units[take[0]!]!;
    const endUnit = units[take[take.length - 1]!]!;
    // The exact source from the first to the last unit: spacing between blocks is the author's.
    const raw = ctx.source.slice(startUnit.start, endUnit.end);
    scope[field.id] = readFieldText(field, raw, ctx);
    for (let x = p; x < end; x++) owner[region[x]!] = index;
    textTaken = true;
    p = end;
  }
}

function inlineValue(
  block: Extract<Block, { type: 'inline' }>,
  unit: Unit,
  ctx: ReadContext,
): string {
  return readInline(
    unit.raw,
    block.prefix,
    block.emptyText,
    (key) => ctx.hints.has(key),
    labelStart(block, unit.raw),
  );
}
