/**
 * Template + values → Markdown. Static parts come out as the template wrote them; fields are
 * written from the author's values; author text that could be mistaken for structure is escaped.
 */
import type { FieldValue, GroupInstance, Values } from '../model.ts';
import {
  extraKey,
  FRONT_MATTER_KEY,
  FRONT_MATTER_READ_KEY,
  headingKey,
  headingReadKey,
  labelKey,
  ORDER_KEY,
  sectionExtras,
  sourceKey,
} from '../model.ts';
import { setFrontMatterValue, yamlInline } from '../template/frontmatter.ts';
import type {
  Block,
  FrontMatter,
  Section,
  SectionNode,
  Template,
  TitleSpec,
} from '../template/types.ts';
import { anchorsOf, type Anchors } from './anchors.ts';
import { sourcesTouched, withSourcesRead } from './sources.ts';
import { isFieldFilled, renderField } from '../fields/index.ts';
import { renderInline } from '../fields/text.ts';
import { ownFields } from './walk.ts';
import { joinRopes, ropeString, type Rope } from '../docText.ts';

export interface RenderOptions {
  /** Leave the front matter out even for document templates. */
  omitFrontMatter?: boolean;
  /** Keep the template's guidance comments in the output (GitHub does not show them). */
  keepGuidance?: boolean;
  /** Leave out optional sections in which nothing is filled. */
  dropEmptyOptional?: boolean;
}

interface RenderContext {
  anchors: Anchors;
  template: Template;
  options: RenderOptions;
  /** The document's own values (sections rendered with them may be cached). */
  values?: Values;
  cache?: RenderCache | undefined;
  /** Sections whose whole text (with their subsections) may be taken from the cache. */
  whole?: WholeSections | undefined;
}

/** This render's use of a tracked cache (see `createRenderCache`): what cannot be reused. */
interface WholeSections {
  texts: WeakMap<Section, Rope>;
  /** Sections that read a changed value, or whose reads are not known, and those holding them. */
  dirty: Set<Section>;
  /** Per section with many children: the text of each run of CHUNK children (see `childrenText`). */
  chunks: WeakMap<Section, (Rope | undefined)[]>;
  /** Per such section, the runs holding a dirty child. */
  dirtyChunks: Map<Section, Set<number>>;
  /** Each section's index among its parent's children (for its run). */
  indices: Map<Section, number>;
}

/**
 * A section's children are joined in runs of this many, each run's text kept while none of its
 * children is dirty: a keystroke in a section of 10,000 subsections joins about 160 runs, not
 * 10,000 texts.
 */
const CHUNK = 64;

/** A run of children shorter than this is kept as one flat string (see `childrenText`). */
const FLAT_RUN = 64 * 1024;

/**
 * What one section's own text (heading, blocks, kept text: not its subsections) was made from:
 * the values it read, as they were. The editor renders the whole document on every keystroke;
 * with a cache, only sections whose own values changed are written again.
 */
interface CachedSection {
  reads: Map<string, unknown>;
  text: Rope;
}

export interface RenderCache {
  options: string;
  sections: WeakMap<Section, CachedSection>;
  /** Set when the caller reports every change of a value (`valuesChanged`). */
  tracked?: TrackedSections;
}

/**
 * A tracked cache also keeps each section's whole text (with its subsections), taken as it is
 * while no value it was made from is reported changed: a keystroke in a template of 10,000
 * sections then writes its own section and the sections holding it, instead of looking up
 * every section's cached text and comparing every value it read.
 */
interface TrackedSections {
  texts: WeakMap<Section, Rope>;
  chunks: WeakMap<Section, (Rope | undefined)[]>;
  /** Each section's index among its parent's children, per template root. */
  indices: WeakMap<Section, Map<Section, number>>;
  /** Sections with a repeat among their children (written every time). */
  withRepeats: WeakMap<Section, boolean>;
  /**
   * The sections whose own text read each value (by key): the one section, or a set when more
   * than one did (most values are read by one section: a set each was half of a first render's
   * time in a template of 10,000 sections).
   */
  readers: Map<string, Section | Set<Section>>;
  /** Sections whose own text is not cached (what they read is not known): always written. */
  unknown: Set<Section>;
  /** Each section's parent, per template root. */
  parents: WeakMap<Section, Map<Section, Section>>;
  /** Keys changed since the last render; null: anything may have changed. */
  changed: Set<string> | null;
  /** The values object last rendered (another object: anything may have changed). */
  values: Values | null;
  /** The values last rendered when their kept blocks' text gave nothing to read (`sourcesRead`). */
  sourcesIdle: Values | null;
}

/**
 * A cache for `renderDocument` over one template (see `CachedSection`). With `tracked`, the
 * caller promises to report every change of a value with `valuesChanged` (the editor's form
 * store sees every edit), and unchanged sections' whole texts are reused.
 */
export function createRenderCache({ tracked = false }: { tracked?: boolean } = {}): RenderCache {
  const cache: RenderCache = { options: '', sections: new WeakMap() };
  if (tracked) {
    cache.tracked = {
      texts: new WeakMap(),
      chunks: new WeakMap(),
      indices: new WeakMap(),
      withRepeats: new WeakMap(),
      readers: new Map(),
      unknown: new Set(),
      parents: new WeakMap(),
      changed: null,
      values: null,
      sourcesIdle: null,
    };
  }
  return cache;
}

/** Tells a tracked cache that the values of `keys` changed (null: any value may have). */
export function valuesChanged(cache: RenderCache, keys: Iterable<string> | null): void {
  const tracked = cache.tracked;
  if (!tracked || tracked.changed === null) return;
  if (keys === null) tracked.changed = null;
  else for (const key of keys) tracked.changed.add(key);
}

/**
 * `withSourcesRead`, skipped when a tracked cache knows its answer: the same values object as
 * last time, which then gave itself back, and no change reported since that can alter that.
 */
function sourcesRead(root: Section, given: Values, tracked: TrackedSections | undefined): Values {
  if (
    tracked &&
    tracked.sourcesIdle === given &&
    tracked.changed !== null &&
    !sourcesTouched(root, given, tracked.changed)
  ) {
    return given;
  }
  const values = withSourcesRead(root, given);
  if (tracked) tracked.sourcesIdle = values === given ? given : null;
  return values;
}

function parentsOf(tracked: TrackedSections, root: Section): Map<Section, Section> {
  let parents = tracked.parents.get(root);
  if (!parents) {
    const found = new Map<Section, Section>();
    parents = found;
    const indices = new Map<Section, number>();
    const stack = [root];
    for (let s = stack.pop(); s; s = stack.pop()) {
      s.children.forEach((child, index) => {
        if (child.type !== 'section') return;
        found.set(child, s);
        indices.set(child, index);
        stack.push(child);
      });
    }
    tracked.parents.set(root, parents);
    tracked.indices.set(root, indices);
  }
  return parents;
}

/**
 * This render's reusable whole sections, or undefined when none are kept: with `wholeTexts`
 * false (values derived from kept blocks' text, which the caller did not change itself; the
 * author's order; optional sections left out when empty, which reads a whole subtree's values).
 * After a change not reported by key (or on the first render) every section is written anew.
 */
function wholeSections(
  cache: RenderCache | undefined,
  root: Section,
  given: Values,
  wholeTexts: boolean,
): WholeSections | undefined {
  const tracked = cache?.tracked;
  if (!tracked) return undefined;
  const changed = tracked.changed;
  const usable = changed !== null && tracked.values === given && wholeTexts;
  tracked.changed = new Set();
  tracked.values = given;
  const parents = parentsOf(tracked, root);
  const indices = tracked.indices.get(root) ?? new Map<Section, number>();
  if (!usable) {
    // Who reads what stays known (each section's own text is still cached by what it read).
    tracked.texts = new WeakMap();
    tracked.chunks = new WeakMap();
    return wholeTexts
      ? {
          texts: tracked.texts,
          dirty: new Set([root]),
          chunks: tracked.chunks,
          dirtyChunks: new Map(),
          indices,
        }
      : undefined;
  }
  const dirty = new Set<Section>([root]);
  const dirtyChunks = new Map<Section, Set<number>>();
  const mark = (from: Section) => {
    for (let s: Section | undefined = from; s && !dirty.has(s); s = parents.get(s)) {
      dirty.add(s);
      const parent = parents.get(s);
      if (!parent) continue;
      let runs = dirtyChunks.get(parent);
      if (!runs) dirtyChunks.set(parent, (runs = new Set()));
      runs.add(Math.floor((indices.get(s) ?? 0) / CHUNK));
    }
  };
  for (const key of changed) {
    const readers = tracked.readers.get(key);
    if (readers instanceof Set) for (const reader of readers) mark(reader);
    else if (readers) mark(readers);
  }
  for (const section of tracked.unknown) mark(section);
  return { texts: tracked.texts, dirty, chunks: tracked.chunks, dirtyChunks, indices };
}

/**
 * A value as it can be compared later: objects are mutated in place by the form, so copied (a
 * list of strings, a list field's value, as a copy of its items; others as JSON).
 */
class ListCopy {
  constructor(readonly items: readonly unknown[]) {}
}

function snapshot(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return new ListCopy(value.slice());
  }
  return JSON.stringify(value);
}

/** Whether `value` is what `was` (a snapshot) was taken of; a list is compared item by item. */
function sameAsSnapshot(value: unknown, was: unknown): boolean {
  if (was instanceof ListCopy) {
    if (!Array.isArray(value) || value.length !== was.items.length) return false;
    for (let i = 0; i < value.length; i++) if (value[i] !== was.items[i]) return false;
    return true;
  }
  if (typeof value !== 'object' || value === null) return value === was;
  return snapshot(value) === was;
}

function unchanged(reads: Map<string, unknown>, scope: Scope): boolean {
  for (const [key, was] of reads) {
    if (!sameAsSnapshot(scope[key], was)) return false;
  }
  return true;
}

type Scope = Record<string, FieldValue | undefined>;

export function renderDocument(
  template: Template,
  given: Values,
  options: RenderOptions = {},
  cache?: RenderCache,
): string {
  return ropeString(renderDocumentRope(template, given, options, cache));
}

/**
 * `renderDocument`'s text as the pieces it is made of (see `Rope`): a long answer is one piece,
 * the very string the field holds, and the sections a keystroke did not touch are the pieces
 * they were, so a reader can find and read the edit without copying the whole document.
 */
export function renderDocumentRope(
  template: Template,
  given: Values,
  options: RenderOptions = {},
  cache?: RenderCache,
): Rope {
  const values = sourcesRead(template.root, given, cache?.tracked);
  const anchors = anchorsOf(template);
  const out: Rope[] = [];
  const own = values[FRONT_MATTER_KEY];
  if (!options.omitFrontMatter) {
    // A document's own front matter is part of it, whatever the template says of its own.
    if (typeof own === 'string') out.push(renderOwnFrontMatter(template.frontMatter, own, values));
    else if (template.frontMatter?.role === 'document')
      out.push(renderFrontMatter(template.frontMatter, values));
  }
  if (cache) cacheOptions(cache, options);
  const order = values[ORDER_KEY];
  const inOrder = Array.isArray(order) && order.length > 0;
  // The author's order renders sections without their subsections: no whole section is kept.
  const whole = wholeSections(
    cache,
    template.root,
    given,
    values === given && !inOrder && !options.dropEmptyOptional,
  );
  const ctx: RenderContext = { anchors, template, options, values, cache, whole };
  const body = inOrder
    ? renderInOrder(
        template.root,
        values,
        ctx,
        order.filter((x) => typeof x === 'string'),
      )
    : renderSection(template.root, values, ctx, 0);
  if (body) out.push(body);
  return [joinRopes(out), '\n'];
}

/** The cache holds texts written with these options (other options: it starts afresh). */
function cacheOptions(cache: RenderCache, options: RenderOptions): void {
  const key = JSON.stringify(options);
  if (cache.options === key) return;
  cache.options = key;
  cache.sections = new WeakMap();
  valuesChanged(cache, null);
}

const sectionLists = new WeakMap<Section, Section[]>();

/** The template's sections whose own text a cache keeps (not repeats' instances), in order. */
function cachedSections(root: Section): Section[] {
  let list = sectionLists.get(root);
  if (!list) {
    list = [];
    const stack = [root];
    for (let s = stack.pop(); s; s = stack.pop()) {
      list.push(s);
      for (let i = s.children.length - 1; i >= 0; i--) {
        const child = s.children[i]!;
        if (child.type === 'section') stack.push(child);
      }
    }
    sectionLists.set(root, list);
  }
  return list;
}

/** `prepareRender`'s steps before the sections: the anchors, the list of sections, the sources. */
const PREPARE_SETUP = 3;

/**
 * Writes sections' own text into `cache` ahead of `renderDocument`, a step at a time from step
 * `from` (0 the first time) until `more()` says to stop; returns the step to go on from, or null
 * once every section is in the cache. Each call takes at least one step: what every render
 * reads first (made once per template), then one section each. A large template's first render
 * (10,000 sections, each written and what it reads noted) is then spread over several tasks,
 * and the render itself takes their texts. Safe whatever changes in between: a section's text
 * is taken from the cache only while the values it read are the same.
 */
export function prepareRender(
  template: Template,
  given: Values,
  options: RenderOptions,
  cache: RenderCache,
  from: number,
  more: () => boolean,
): number | null {
  cacheOptions(cache, options);
  let step = from;
  /** Ends a setup step: true when the call stops there. */
  const setupDone = (at: number): boolean => {
    if (step !== at) return false;
    step = at + 1;
    return !more();
  };
  const anchors = anchorsOf(template);
  if (setupDone(0)) return step;
  const sections = cachedSections(template.root);
  if (setupDone(1)) return step;
  const values = withSourcesRead(template.root, given);
  if (setupDone(2)) return step;
  const ctx: RenderContext = { anchors, template, options, values, cache };
  const first = step - PREPARE_SETUP;
  for (let i = first; i < sections.length; i++) {
    if (i > first && !more()) return i + PREPARE_SETUP;
    ownText(sections[i]!, values, ctx, 0);
  }
  return null;
}

function hasValue(value: FieldValue | undefined): value is string | string[] {
  return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value !== '';
}

export function renderFrontMatter(fm: FrontMatter, values: Values): string {
  let source = fm.source;
  const edits = fm.entries
    .filter((e) => e.field && e.range)
    .map((e) => ({ entry: e, value: values[e.field!.id] }))
    .filter(({ value }) => hasValue(value))
    .sort((a, b) => b.entry.range![0] - a.entry.range![0]);
  for (const { entry, value } of edits) {
    const [start, end] = entry.range!;
    // An empty value (`title:`) is written after the colon, with a space.
    const text = `${start === end ? ' ' : ''}${yamlInline(value as string | string[])}`;
    source = source.slice(0, start) + text + source.slice(end);
  }
  return fenceFrontMatter(source);
}

function fenceFrontMatter(source: string): string {
  return `---\n${source}${source.endsWith('\n') || source === '' ? '' : '\n'}---`;
}

/**
 * The document's own front matter, as it was read, with the template's fields the author has
 * changed since written over their lines: its other keys, comments and order stay as written.
 */
function renderOwnFrontMatter(fm: FrontMatter | null, source: string, values: Values): string {
  const read = values[FRONT_MATTER_READ_KEY];
  const before = read && typeof read === 'object' && !Array.isArray(read) ? read : {};
  let text = source;
  for (const entry of fm?.entries ?? []) {
    if (!entry.field) continue;
    const value = values[entry.field.id];
    const now = JSON.stringify(value ?? '');
    if ((before as Record<string, string>)[entry.key] === now) continue;
    if (!hasValue(value) && (before as Record<string, string>)[entry.key] === undefined) continue;
    text = setFrontMatterValue(
      text,
      entry.key,
      hasValue(value) ? yamlInline(value) : entry.rawValue,
    );
  }
  return fenceFrontMatter(text);
}

export function renderTitle(spec: TitleSpec, scope: Scope, number: number): string {
  let text = '';
  for (const part of spec.parts) {
    if (part.type === 'fixed') text += part.text;
    else if (part.type === 'number') text += String(number);
    else {
      const v = scope[part.fieldId];
      text +=
        typeof v === 'string' && v !== '' ? v : (part.examples?.[number - 1] ?? part.placeholder);
    }
  }
  return `${spec.open}${text.trimEnd()}${spec.close}`;
}

/**
 * The document's sections in the author's order (ORDER_KEY): each section's own content under
 * its heading, the sections the document lacked after the one before them in the template.
 */
function renderInOrder(root: Section, scope: Scope, ctx: RenderContext, order: string[]): Rope {
  const nodes: SectionNode[] = [];
  const parent = new Map<SectionNode, SectionNode>();
  const walk = (s: Section) => {
    for (const c of s.children) {
      nodes.push(c);
      if (s !== root) parent.set(c, s);
      if (c.type === 'section') walk(c);
    }
  };
  walk(root);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const written = new Set<SectionNode>();
  for (const id of order) {
    const n = byId.get(id);
    if (n) written.add(n);
  }
  // A section the document lacks follows the one before it in the template (linear: this
  // runs on every keystroke of an imported document).
  const after = new Map<SectionNode | null, SectionNode[]>();
  nodes.forEach((n, i) => {
    if (written.has(n)) return;
    const prev = i === 0 ? null : nodes[i - 1]!;
    const list = after.get(prev) ?? [];
    list.push(n);
    after.set(prev, list);
  });
  const seq: SectionNode[] = [];
  const emit = (n: SectionNode) => {
    seq.push(n);
    for (const m of after.get(n) ?? []) emit(m);
  };
  for (const m of after.get(null) ?? []) emit(m);
  for (const n of written) emit(n);
  const chunks: Rope[] = [];
  const own = renderSection(root, scope, ctx, 0, false);
  if (own) chunks.push(own);
  const dropped = new Set<SectionNode>();
  for (const n of seq) {
    const up = parent.get(n);
    if (up && dropped.has(up)) {
      dropped.add(n);
      continue;
    }
    const text =
      n.type === 'group' ? renderNode(n, scope, ctx) : renderSection(n, scope, ctx, 0, false);
    if (n.type === 'section' && ctx.options.dropEmptyOptional && n.optional && !hasAnswer(n, scope))
      dropped.add(n);
    if (text) chunks.push(text);
  }
  return joinRopes(chunks);
}

function renderSection(
  section: Section,
  scope: Scope,
  ctx: RenderContext,
  number: number,
  withChildren = true,
): Rope {
  if (ctx.options.dropEmptyOptional && section.optional && !hasAnswer(section, scope)) return '';
  const whole = withChildren && number === 0 && scope === ctx.values ? ctx.whole : undefined;
  if (whole && !whole.dirty.has(section)) {
    const text = whole.texts.get(section);
    if (text !== undefined) return text;
  }
  const chunks: Rope[] = [];
  const own = ownText(section, scope, ctx, number);
  if (own) chunks.push(own);
  if (withChildren) {
    if (whole && section.children.length > CHUNK) {
      const children = childrenText(section, scope, ctx, whole);
      if (children) chunks.push(children);
    } else {
      for (const child of section.children) {
        const text = renderNode(child, scope, ctx);
        if (text) chunks.push(text);
      }
    }
  }
  const text = joinRopes(chunks);
  if (whole) whole.texts.set(section, text);
  return text;
}

/**
 * The text of a section's many children, joined a run of CHUNK at a time; a run is taken as it
 * was while none of its children is dirty and it holds no repeat (repeats are not tracked).
 */
function childrenText(
  section: Section,
  scope: Scope,
  ctx: RenderContext,
  whole: WholeSections,
): Rope {
  const children = section.children;
  let cached = whole.chunks.get(section);
  if (!cached) whole.chunks.set(section, (cached = []));
  const dirtyRuns = whole.dirtyChunks.get(section);
  const runs: Rope[] = [];
  for (let run = 0; run * CHUNK < children.length; run++) {
    const kept = dirtyRuns?.has(run) ? undefined : cached[run];
    if (kept !== undefined) {
      if (kept) runs.push(kept);
      continue;
    }
    const parts: Rope[] = [];
    let repeats = false;
    for (let i = run * CHUNK; i < Math.min(children.length, (run + 1) * CHUNK); i++) {
      const child = children[i]!;
      if (child.type === 'group') repeats = true;
      const text = renderNode(child, scope, ctx);
      if (text) parts.push(text);
    }
    const joined = joinRopes(parts);
    // Made one flat string here (V8 flattens a concatenated string in place when read), so the
    // document is read through ~160 pieces, not ~20,000; a run holding a long answer stays in
    // pieces (flattening it would copy the answer at each keystroke in it).
    let text: Rope = joined;
    const whole = ropeString(joined);
    if (whole.length < FLAT_RUN) {
      whole.charCodeAt(0);
      text = whole;
    }
    cached[run] = repeats ? undefined : text;
    if (text) runs.push(text);
  }
  return joinRopes(runs);
}

/** A section's heading, guidance, blocks and kept text, from the cache when its values are the same. */
function ownText(section: Section, scope: Scope, ctx: RenderContext, number: number): Rope {
  const cache = ctx.cache;
  if (!cache || scope !== ctx.values || number !== 0)
    return ownTextNow(section, scope, ctx, number);
  const hit = cache.sections.get(section);
  if (hit && unchanged(hit.reads, scope)) return hit.text;
  const tracked = cache.tracked;
  const reads = new Map<string, unknown>();
  let complete = true;
  const recorded = new Proxy(scope, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof key === 'string') reads.set(key, snapshot(value));
      return value;
    },
    has(target, key) {
      complete = false;
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      complete = false;
      return Reflect.ownKeys(target);
    },
  });
  const text = ownTextNow(section, recorded, ctx, number);
  if (complete) cache.sections.set(section, { reads, text });
  else cache.sections.delete(section);
  if (tracked) {
    // Who reads what, for the next render to know which sections a change touches. A section
    // holding repeats (their instances are not cached) or whose reads are not known is
    // written every time.
    let withRepeats = tracked.withRepeats.get(section);
    if (withRepeats === undefined) {
      withRepeats = section.children.some((c) => c.type === 'group');
      tracked.withRepeats.set(section, withRepeats);
    }
    if (!complete || withRepeats) tracked.unknown.add(section);
    else tracked.unknown.delete(section);
    for (const key of reads.keys()) {
      const readers = tracked.readers.get(key);
      if (readers === undefined) tracked.readers.set(key, section);
      else if (readers instanceof Set) readers.add(section);
      else if (readers !== section) tracked.readers.set(key, new Set([readers, section]));
    }
  }
  return text;
}

function ownTextNow(section: Section, scope: Scope, ctx: RenderContext, number: number): Rope {
  const chunks: Rope[] = [];
  const written = scope[headingKey(section.id)];
  const asWritten =
    section.heading !== null &&
    typeof written === 'string' &&
    written.trim() !== '' &&
    ((section.headingFields.length === 0 && number === 0) ||
      scope[headingReadKey(section.id)] === headingFieldsJson(section, scope, number));
  if (section.heading)
    chunks.push(asWritten ? written.trimEnd() : renderTitle(section.heading, scope, number));
  if (ctx.options.keepGuidance && section.guidance?.length) chunks.push(...section.guidance);
  const own = renderBlocks(section.blocks, scope, ctx, section.id, '');
  if (own) chunks.push(own);
  const extra = scope[extraKey(section.id)];
  if (typeof extra === 'string' && extra.trim() !== '') chunks.push(extra.trim());
  // A heading kept as written that ends in a space had its answer on the same line: the
  // section's first text (a field or text kept as written) joins it again.
  if (
    asWritten &&
    /[ \t]$/.test(written) &&
    // (Not an ATX heading: `## Detailed Design ` with a trailing space is a heading alone.)
    !/^ {0,3}#{1,6}(?:[ \t]|$)/.test(written) &&
    chunks.length > 1 &&
    !/^ {0,3}#|^<!--/.test(ropeString(chunks[1]!))
  )
    chunks.splice(0, 2, `${written}${ropeString(chunks[1]!).replace(/^\s+/, '')}`);
  return joinRopes(chunks);
}

function renderNode(node: SectionNode, scope: Scope, ctx: RenderContext): Rope {
  if (node.type === 'section') return renderSection(node, scope, ctx, 0);
  if (
    ctx.options.dropEmptyOptional &&
    node.optional &&
    !isFieldFilled(node.field, scope[node.id])
  ) {
    return '';
  }
  const instances = asInstances(scope[node.id]);
  return joinRopes(
    instances.map((instance, i) => renderSection(node.instance, instance, ctx, i + 1)),
  );
}

/** The values of a heading's own fields, to tell whether the author changed them since. */
export function headingFieldsJson(section: Section, scope: Scope, number = 0): string {
  const fields = section.headingFields.map((f) => scope[f.id] ?? '');
  // A repeat's heading carries its number: moved to another place, it is written anew.
  return JSON.stringify(number > 0 ? [number, ...fields] : fields);
}

/** Whether anything in a section or its subsections is answered. */
function hasAnswer(section: Section, scope: Scope): boolean {
  if (ownFields(section).some((f) => isFieldFilled(f, scope[f.id]))) return true;
  if (sectionExtras(scope as Values, section.id).length > 0) return true;
  return section.children.some((c) =>
    c.type === 'group' ? isFieldFilled(c.field, scope[c.id]) : hasAnswer(c, scope),
  );
}

export function asInstances(value: FieldValue | undefined): GroupInstance[] {
  if (!Array.isArray(value)) return [{}];
  return (value as unknown[]).filter(
    (v): v is GroupInstance => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
}

/** Kept text of a section that stands in a slot (just before the block of that index). */
function keptText(scope: Scope, sectionId: string, slot: string): string {
  const v = scope[extraKey(sectionId, slot)];
  return typeof v === 'string' ? v.trim() : '';
}

function renderBlocks(
  blocks: Block[],
  scope: Scope,
  ctx: RenderContext,
  sectionId: string,
  slotPrefix: string,
): Rope {
  const out: Rope[] = [];
  let joinNext = false;
  const add = (text: Rope, join: boolean) => {
    if (out.length > 0) out.push(join ? '\n' : '\n\n');
    out.push(text);
  };
  for (const [i, block] of blocks.entries()) {
    const kept = keptText(scope, sectionId, `${slotPrefix}${i}`);
    if (kept) {
      add(kept, false);
      joinNext = false;
    }
    let text = renderBlock(block, scope, ctx, sectionId, `${slotPrefix}${i}_`);
    if (ctx.options.keepGuidance && block.type === 'field' && block.guidance?.length) {
      text = joinRopes([...block.guidance, text].filter(Boolean));
    }
    if (text === '') {
      continue;
    }
    add(text, joinNext);
    joinNext = block.type === 'inline' && block.joinNext;
  }
  // Inside a quote, text kept after its last block has a slot too (the section's own end
  // slot is written by renderSection).
  if (slotPrefix !== '') {
    const kept = keptText(scope, sectionId, `${slotPrefix}${blocks.length}`);
    if (kept) add(kept, false);
  }
  return out.length === 0 ? '' : out.length === 1 ? out[0]! : out;
}

function renderBlock(
  block: Block,
  scope: Scope,
  ctx: RenderContext,
  sectionId: string,
  innerPrefix: string,
): Rope {
  const { anchors, template } = ctx;
  switch (block.type) {
    case 'static':
      return block.raw;
    case 'inline': {
      const empty = ctx.options.keepGuidance && block.guidance ? block.guidance : block.emptyText;
      const written = scope[labelKey(block.field.id)];
      const prefix = typeof written === 'string' && written.trim() !== '' ? written : block.prefix;
      return renderInline(prefix, scope[block.field.id], empty);
    }
    case 'quote': {
      const inner = renderBlocks(block.blocks, scope, ctx, sectionId, innerPrefix);
      const quoted = ropeString(inner)
        .split('\n')
        .map((l) => (l === '' ? '>' : `> ${l}`))
        .join('\n');
      return block.header ? `${block.header}\n${quoted}` : quoted;
    }
    case 'group': {
      const instances = asInstances(scope[block.field.id]);
      return joinRopes(
        instances.map((instance, i) => {
          const label = renderTitle(block.label, instance, i + 1);
          const body = renderBlocks(block.blocks, instance, ctx, '', '');
          const extra = instance[extraKey('')];
          return joinRopes(
            [label, body, typeof extra === 'string' ? extra.trim() : ''].filter(Boolean),
          );
        }),
      );
    }
    case 'field': {
      // A block the form cannot show whole is written as the author wrote it.
      const source = scope[sourceKey(block.field.id)];
      if (typeof source === 'string' && source.trim() !== '') return source;
      // GitHub writes `_No response_` for an empty answer, code fields included.
      if (template.emptyAnswer && block.field.kind === 'code' && scope[block.field.id] === '') {
        return template.emptyAnswer;
      }
      const text = renderField(block.field, scope[block.field.id], anchors, block.layout);
      if (text === '' && template.emptyAnswer) return template.emptyAnswer;
      return text;
    }
  }
}
