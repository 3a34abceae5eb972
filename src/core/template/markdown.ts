/**
 * Markdown templates → Template. marked's lexer finds the blocks (keeping each token's raw
 * text, so static parts come back byte for byte); the rules below decide which blocks are
 * fields and of what kind. Rules are general: they look at the shape of the Markdown, never at
 * a particular template's wording (built-in templates may add hints where shape is ambiguous).
 */
import type { Token, Tokens } from 'marked';
import type {
  ChecklistField,
  CodeField,
  Field,
  GroupField,
  KeyValueEntry,
  KeyValueField,
  ListField,
  ProseField,
  TableField,
  TaskListField,
  TextField,
} from '../model.ts';
import {
  COMMENT_RE,
  commentText,
  isOnlyPlaceholders,
  isOptionalTitle,
  looksLikeDate,
  matchKey,
  normalizeNewlines,
  parseInlineOptions,
  slugify,
  unescapeMarkdown,
} from '../text.ts';
import { parseFrontMatter, splitFrontMatter } from './frontmatter.ts';
import type {
  Block,
  InlineField,
  KeyLayout,
  Section,
  SectionGroup,
  SectionNode,
  Template,
  TitlePart,
  TitleSpec,
} from './types.ts';
import { TemplateError } from './errors.ts';
import { headingText, lexMarkdown } from './lex.ts';

// The block lexer lives in lex.ts, so reading a document does not load the template parser.
export { headingText, lexMarkdown, MAX_NESTING } from './lex.ts';

/** Overrides for a built-in template where the Markdown alone is ambiguous. */
export interface TemplateHints {
  /** Checkbox groups (by field label) whose options exclude each other. */
  singleChoice?: string[];
  /** Table columns (by column name) whose cells are chosen from options. */
  columnOptions?: Record<string, string[]>;
}

export interface ParseOptions {
  hints?: TemplateHints;
}

const MAX_SOURCE = 5_000_000;

export function parseMarkdownTemplate(text: string, options: ParseOptions = {}): Template {
  if (text.length > MAX_SOURCE) throw new TemplateError('The template is larger than 5 MB.');
  const source = normalizeNewlines(text.replace(/^\uFEFF/, ''));
  const { frontMatter: fmSource, body } = splitFrontMatter(source);
  const frontMatter = fmSource === null ? null : parseFrontMatter(fmSource);
  const tokens = lexMarkdown(body);

  const ctx = new Context(options.hints ?? {});
  const root = finishSection(buildSectionTree(tokens), '', ctx, false);
  // A template with nothing to fill (front matter alone, or fixed text only) still asks for
  // the body of the issue: one text field.
  if (root.children.length === 0 && collectFields(root).length === 0) {
    root.blocks.push({
      type: 'field',
      field: {
        id: ctx.uniqueId('description'),
        kind: 'prose',
        label: 'Description',
        hint: '',
        placeholder: '',
        required: true,
        defaultValue: '',
      },
    });
  }
  if (frontMatter?.role === 'document') {
    for (const entry of frontMatter.entries) {
      if (entry.field) entry.field.id = `front-matter/${slugify(entry.key)}`;
    }
  }
  return { format: 'markdown', frontMatter, root, emptyAnswer: '', issueForm: false };
}

// ---------------------------------------------------------------------------------------------
// Sections

interface RawSection {
  level: number;
  /** A guidance comment in the heading says the section is optional. */
  commentOptional?: boolean;
  /** The template's one H1, standing for the document's title (`# RFC title`, `# [Title]`). */
  isTitle?: boolean;
  headingRaw: string | null;
  title: string;
  tokens: Token[];
  children: RawSection[];
}

/** `<details><summary>Instructions</summary>`: a folded block of guidance for the template. */
const GUIDE_DETAILS_RE =
  /^<details>\s*<summary>[^<]*\b(?:instructions?|guidance|guidelines|how to (?:use|fill))\b[^<]*<\/summary>/i;

/**
 * A folded block of instructions (`<details>` whose summary says "Instructions", down to its
 * `</details>`) is guidance, read as one comment: help for the form, never a question.
 */
function foldGuideDetails(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const close =
      t.type === 'html' && GUIDE_DETAILS_RE.test(t.raw.trim())
        ? findFrom(tokens, i, (u) => u.type === 'html' && /<\/details>/i.test(u.raw))
        : -1;
    if (close < 0) {
      out.push(t);
      continue;
    }
    const inner = tokens
      .slice(i, close + 1)
      .map((u) => u.raw)
      .join('')
      .replace(/<\/?(?:details|summary)>/gi, '')
      .replace(/--+>/g, '')
      .trim();
    const raw = `<!--\n${inner}\n-->\n\n`;
    out.push({ type: 'html', raw, text: raw, block: true, pre: false });
    i = close;
  }
  return out;
}

/** The index of the first item from `start` on that passes `test`, or -1. */
function findFrom<T>(items: readonly T[], start: number, test: (item: T) => boolean): number {
  for (let k = start; k < items.length; k++) if (test(items[k]!)) return k;
  return -1;
}

function buildSectionTree(all: Token[]): RawSection {
  const root: RawSection = { level: 0, headingRaw: null, title: '', tokens: [], children: [] };
  const stack: RawSection[] = [root];
  const tokens = foldGuideDetails(all);
  for (const token of tokens) {
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      const moved = commentAboveHeading(stack[stack.length - 1]!.tokens);
      const section: RawSection = {
        level: heading.depth,
        headingRaw: heading.raw.replace(/\n+$/, ''),
        // A comment in a heading (`## Decision Drivers <!-- optional -->`) is guidance.
        title: headingText(heading.raw).replace(COMMENT_RE, '').trim(),
        commentOptional:
          (heading.raw.includes('<!--') &&
            [...heading.raw.matchAll(COMMENT_RE)].some((m) => isOptionalTitle(m[0]))) ||
          (moved !== null && OPTIONAL_NOTE_RE.test(commentText(moved.raw))),
        tokens: moved ? [moved] : [],
        children: [],
      };
      while (stack.length > 1 && stack[stack.length - 1]!.level >= heading.depth) stack.pop();
      stack[stack.length - 1]!.children.push(section);
      stack.push(section);
    } else {
      stack[stack.length - 1]!.tokens.push(token);
    }
  }
  // The template's only H1 names the document's title when it is a placeholder or a phrase
  // such as `RFC title`; templates with many H1s (sections at level 1) have no title heading.
  // A level-1 heading closes every open section, so H1s are all the root's own children.
  const h1s = root.children.filter((s) => s.level === 1);
  if (h1s.length === 1 && isTitleHeading(h1s[0]!.title)) h1s[0]!.isTitle = true;
  // An example title whose guidance says so (`# Neat Enhancement Idea`, then "This is the
  // title of the enhancement."): the author replaces it with theirs.
  const lead = h1s.length === 1 ? h1s[0]!.tokens.find((t) => t.type !== 'space') : undefined;
  if (lead && (lead.type === 'paragraph' || isComment(lead)) && TITLE_NOTE_RE.test(lead.raw))
    h1s[0]!.isTitle = true;
  // Without an H1, a first heading that says "Title" (a setext `Title` over `----`, then `##`
  // sections) stands for the document's title: the author writes the proposal's name there.
  const first = root.children[0];
  if (
    h1s.length === 0 &&
    first !== undefined &&
    first.children.length === 0 &&
    root.children.length > 1 &&
    /^(?:[\p{L}\p{N}-]+\s+){0,3}title$/iu.test(unescapeMarkdown(first.title))
  )
    first.isTitle = true;
  return root;
}

/** Guidance under an H1 that calls it the document's title. */
const TITLE_NOTE_RE = /^\s*(?:<!--\s*)?(?:this|it) (?:is|should be) the (?:title|name) of\b/i;

/**
 * "This is an optional element", "Skip this section when not applicable", "This section may be
 * omitted if there are none": guidance that makes its section or field optional.
 */
const OPTIONAL_NOTE_RE =
  /^\s*\(?\s*optional\b|\ban\s+optional\s+(?:element|section|part|field)\b|\b(?:skip|omit|leave\s+out)\s+this\s+(?:section|part)\b|\bthis\s+(?:section|part)\s+(?:(?:may|can|could)\s+(?:be\s+)?)?(?:(?:safely\s+)?(?:omitted|skipped|left\s+out|left\s+empty|left\s+blank)|is\s+optional)\b|\b(?:remove|delete)\s+this\s+(?:section|part)\s+(?:if|when|for)\b/i;

const isComment = (t: Token) => t.type === 'html' && /^<!--[\s\S]*-->$/.test(t.raw.trim());

/**
 * A comment standing just above a heading, with no blank line between (`<!-- This is an optional
 * element -->` then `## Drivers`), belongs to that heading's section. It is taken out of `tokens`
 * and returned.
 */
function commentAboveHeading(tokens: Token[]): Token | null {
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]!.type === 'space') end--;
  const last = tokens[end - 1];
  if (!last || !isComment(last)) return null;
  // Markers such as `<!-- /toc -->` or `<!-- markdownlint-disable -->` are not guidance.
  if (!/\s/.test(commentText(last.raw))) return null;
  const adjacent = end === tokens.length && !/\n\s*\n\s*$/.test(last.raw);
  if (!adjacent) return null;
  tokens.splice(end - 1);
  return last;
}

class Context {
  private used = new Set<string>();
  private sections = new Set<string>();
  /**
   * For a base, the last n whose `base-n` was handed out by counting: every `base-2` … `base-n`
   * is taken, so counting for the next one starts after it (the same id as counting from 2, and
   * a template with a thousand "Notes" headings is not counted through a thousand times each).
   */
  private counted = new Map<string, number>();
  private sectionsCounted = new Map<string, number>();
  constructor(readonly hints: TemplateHints) {}
  /** A unique id under a scope; ids inside a group are kept unique within the group. */
  uniqueId(base: string): string {
    let id = base;
    if (this.used.has(id)) {
      let n = (this.counted.get(base) ?? 1) + 1;
      for (; this.used.has((id = `${base}-${n}`)); n++);
      this.counted.set(base, n);
    }
    this.used.add(id);
    return id;
  }
  has(id: string): boolean {
    return this.used.has(id);
  }
  uniqueSectionId(slug: string, parentId: string): string {
    let base = slug;
    if (this.sections.has(slug)) {
      const parent = parentId.slice(parentId.lastIndexOf('/') + 1);
      if (parent) base = `${parent}-${slug}`;
    }
    if (this.sections.has(base)) {
      let n = (this.sectionsCounted.get(slug) ?? 1) + 1;
      for (; this.sections.has((base = `${slug}-${n}`)); n++);
      this.sectionsCounted.set(slug, n);
    }
    this.sections.add(base);
    return base;
  }
  scoped(): Context {
    return new Context(this.hints);
  }
}

function finishSection(
  raw: RawSection,
  parentId: string,
  ctx: Context,
  parentOptional: boolean,
): Section {
  const titleKey = slugify(raw.title);
  // Ids are short (the heading's slug) and made unique with the parent's slug when repeated.
  const id = raw.headingRaw === null ? '' : ctx.uniqueSectionId(titleKey, parentId);
  const optional = parentOptional || isOptionalTitle(raw.title) || raw.commentOptional === true;
  const headingFields: TextField[] = [];
  const heading =
    raw.headingRaw === null
      ? null
      : headingSpec(raw, id, headingFields, ctx, !optional, raw.isTitle === true);
  const titleField = raw.isTitle
    ? (headingFields.find((f) => f.label === 'Title') ?? headingFields[headingFields.length - 1])
    : undefined;
  // Object literals here and below are written out in full, without a spread in the middle
  // (`...(x ? { k } : {})`, `{ ...base, kind }`): V8 gives each object built that way a hidden
  // class of its own, a cost paid when it is built and on every later use of the template.
  const section: Section = {
    type: 'section',
    id,
    title: raw.title,
    level: raw.level,
    heading,
    headingFields,
    optional,
    hint: '',
    blocks: [],
    children: [],
  };
  // Set afterwards, not spread in: all titled sections share one hidden class.
  if (titleField) section.titleFieldId = titleField.id;
  section.blocks = groupLabelRepeats(
    buildBlocks(raw.tokens, section, ctx, raw.children.length > 0, raw.isTitle === true),
    section,
    ctx,
  );
  // Under a title heading, a field named after the heading (the metadata list below `Title`)
  // is the proposal's details, not a second "Title".
  if (raw.isTitle)
    for (const b of section.blocks)
      if (b.type === 'field' && b.field.label === plainTitle(raw.title)) b.field.label = 'Details';
  // A section that asks one question its guidance calls optional ("Optional, but …") is
  // optional as a whole.
  const own = collectFields(section);
  if (
    raw.level > 0 &&
    raw.children.length === 0 &&
    own.length === 1 &&
    !own[0]!.required &&
    headingFields.length === 0
  )
    section.optional = true;
  // An empty heading is a question: a leaf section with nothing to fill gets a prose field.
  if (
    raw.level > 0 &&
    raw.children.length === 0 &&
    headingFields.length === 0 &&
    collectFields(section).length === 0
  ) {
    const label = isOnlyPlaceholders(raw.title) ? 'Details' : plainTitle(raw.title);
    const field: ProseField = {
      id: id && !ctx.has(id) ? ctx.uniqueId(id) : ctx.uniqueId(slugify(label)),
      kind: 'prose',
      label,
      hint: '',
      placeholder: '',
      required: !optional,
      defaultValue: '',
    };
    section.blocks.push({ type: 'field', field });
  }
  section.children = groupSectionRepeats(raw.children, id, ctx, optional);
  return section;
}

function headingSpec(
  raw: RawSection,
  sectionId: string,
  fields: TextField[],
  ctx: Context,
  required: boolean,
  isTitle: boolean,
): TitleSpec {
  const hashes = /^ {0,3}(#{1,6})/.exec(raw.headingRaw ?? '');
  const open = hashes ? `${hashes[1]} ` : `${'#'.repeat(raw.level)} `;
  return {
    open,
    close: '',
    parts: titleParts(raw.title, sectionId, fields, ctx, required, isTitle),
  };
}

/**
 * Placeholders in a heading: `[Title]`, `{title of option}`, `<Component name>` (not an HTML
 * tag: capitalised or with a space), and runs of X or N standing for a number (`EP-XXX`,
 * `KEP-NNNN`).
 */
const TITLE_PLACEHOLDER_RE =
  /\\?\[[^\]\n]{1,120}\\?\](?!\()|\{[^{}\n]{1,120}\}|<(?:\p{Lu}[^<>\n="'/]{0,119}|[a-z][^<>\n="'/]*\s[^<>\n="'/]*)>|(?<![A-Za-z])(?:X{3,}|N{3,})(?![A-Za-z])/gu;

/**
 * Whether `TITLE_PLACEHOLDER_RE` can match at all: each of its placeholders has a bracket or a
 * run of X or N. Most headings have none, and are not searched.
 */
const mayHoldTitlePlaceholder = (text: string) => /[[{<]|XXX|NNN/.test(text);

const OPTIONAL_MARKER_RE = /^\\?\[\s*(?:optional|if applicable|if any|if needed)\s*\\?\]$/i;

/** The brackets around a placeholder: `[…]`, `{…}`, `<…>`. */
function placeholderInner(placeholder: string): string {
  return unescapeMarkdown(placeholder)
    .replace(/^[[{<]|[\]}>]$/g, '')
    .trim();
}

/**
 * A phrase that names the document's title instead of being one: `RFC title`, `Title`,
 * `Your short, descriptive title`, `Project name`. In a template's H1 it is a placeholder.
 */
const TITLE_PHRASE_RE = new RegExp(
  [
    /^(?:[\p{L}\p{N}-]+,?\s+){0,7}(?:title|name)(?:\s+here)?$/u.source,
    // `Title of RFC`, `Name of the proposal`
    /^(?:title|name) of(?:\s+[\p{L}\p{N}-]+){1,4}$/u.source,
    // `Your Feature`, `Your proposal's name`: the author's own, in the second person
    /^your(?:\s+[\p{L}\p{N}'’-]+){1,4}$/u.source,
    // `CFP-003: Template`, `Proposal template`: the template names itself
    /^(?:[\p{L}\p{N}-]+\s+){0,2}template$/u.source,
  ].join('|'),
  'iu',
);

/** The template's H1 that the author replaces with the document's title. */
export function isTitleHeading(title: string): boolean {
  const phrase = title.replace(/^.*:\s*/, '').trim();
  return (
    TITLE_PHRASE_RE.test(unescapeMarkdown(phrase)) ||
    (title.match(TITLE_PLACEHOLDER_RE) ?? []).length > 0
  );
}

/** Splits a title into fixed text and placeholder fields (`EP-XXX: [Enhancement Title]`). */
function titleParts(
  title: string,
  scopeId: string,
  fields: TextField[],
  ctx: Context,
  required: boolean,
  isTitle = false,
): TitlePart[] {
  const parts: TitlePart[] = [];
  let last = 0;
  // `KEP-NNNN: Your short, descriptive title`, `RFC title`: the phrase is the title's field.
  const colon = title.lastIndexOf(':');
  const phraseStart = colon >= 0 ? colon + 1 + /^\s*/.exec(title.slice(colon + 1))![0].length : 0;
  const phrase = title.slice(phraseStart).trim();
  // A title heading with neither a placeholder nor a title phrase is an example title: the
  // phrase after its last colon is the title.
  const titlePhrase =
    isTitle &&
    phrase !== '' &&
    (TITLE_PHRASE_RE.test(unescapeMarkdown(phrase)) || title.match(TITLE_PLACEHOLDER_RE) === null)
      ? phrase
      : null;
  const head = titlePhrase === null ? title : title.slice(0, phraseStart);
  for (const m of mayHoldTitlePlaceholder(head) ? head.matchAll(TITLE_PLACEHOLDER_RE) : []) {
    // `## Open Questions [optional]`: a marker, read like `(Optional)`, not a placeholder.
    if (OPTIONAL_MARKER_RE.test(m[0])) continue;
    const before = head.slice(last, m.index);
    if (before) parts.push({ type: 'fixed', text: before });
    const placeholder = m[0];
    const inner = placeholderInner(placeholder);
    const isNumber = /^(X+|N+)$/.test(placeholder);
    const prefixWord =
      before
        .replace(/[^\p{L}\p{N}]+$/u, '')
        .split(/[\s-]+/)
        .pop() ?? '';
    const label = isNumber ? `${prefixWord || 'Reference'} number`.trim() : inner;
    const field: TextField = {
      id: ctx.uniqueId(`${scopeId ? `${scopeId}/` : ''}${slugify(label)}`),
      kind: 'text',
      label,
      hint: '',
      placeholder: isNumber ? placeholder : inner,
      required,
      defaultValue: '',
    };
    fields.push(field);
    parts.push({ type: 'field', fieldId: field.id, placeholder });
    last = m.index + placeholder.length;
  }
  if (last < head.length) parts.push({ type: 'fixed', text: head.slice(last) });
  if (titlePhrase !== null) {
    const field: TextField = {
      id: ctx.uniqueId(`${scopeId ? `${scopeId}/` : ''}title`),
      kind: 'text',
      label: 'Title',
      hint: '',
      placeholder: unescapeMarkdown(titlePhrase),
      required,
      defaultValue: '',
    };
    fields.push(field);
    parts.push({ type: 'field', fieldId: field.id, placeholder: titlePhrase });
  }
  return parts;
}

const REPEAT_RE = /^(.*?[\p{L}])\s+(\d+)\s*(?::\s*(.*))?$/u;

interface RepeatTitle {
  word: string;
  /** 0 for a heading that is one placeholder without a number (`### <Component name>`). */
  number: number;
  name: string | null;
  /** The whole title is a placeholder: `[option 1]`, `{title of option 1}`. */
  bracketed?: boolean;
  /** An optional marker after the title (` (Optional)`), kept in every instance's heading. */
  suffix: string;
}

const OPTIONAL_SUFFIX_RE = /\s*\(\s*(?:optional|if applicable|if any|if needed)\s*\)\s*$/i;
const WHOLE_PLACEHOLDER_RE = /^(?:\\?\[|\{|<)\s*([^\]{}<>\n]*?)\s*(?:\\?\]|\}|>)$/u;

function repeatTitle(title: string): RepeatTitle | null {
  const t = title.trim();
  const suffix = OPTIONAL_SUFFIX_RE.exec(t)?.[0] ?? '';
  const core = t.slice(0, t.length - suffix.length);
  const bracket = WHOLE_PLACEHOLDER_RE.exec(core);
  const numbered = bracket ? /^(.*?[\p{L}])\s+(\d+)$/u.exec(bracket[1]!) : null;
  if (numbered)
    return {
      word: numbered[1]!.trim(),
      number: Number(numbered[2]),
      name: null,
      bracketed: true,
      suffix,
    };
  const m = REPEAT_RE.exec(core);
  if (!m) return null;
  return { word: m[1]!.trim(), number: Number(m[2]), name: m[3]?.trim() || null, suffix };
}

/** A heading that is one placeholder (`### <Component name>`, `### {title of option}`). */
function placeholderHeading(raw: RawSection): RepeatTitle | null {
  if (raw.isTitle || raw.level < 2) return null;
  const m = WHOLE_PLACEHOLDER_RE.exec(raw.title.trim());
  if (!m || !/\p{L}/u.test(m[1]!) || !TITLE_PLACEHOLDER_RE_ONE.test(raw.title.trim())) return null;
  return { word: m[1]!.trim(), number: 0, name: null, bracketed: true, suffix: '' };
}

const TITLE_PLACEHOLDER_RE_ONE = new RegExp(`^(?:${TITLE_PLACEHOLDER_RE.source})$`, 'u');

/** Consecutive sibling sections "Word 1", "Word 2", … become one repeatable group. */
function groupSectionRepeats(
  children: RawSection[],
  parentId: string,
  ctx: Context,
  parentOptional: boolean,
): SectionNode[] {
  const nodes: SectionNode[] = [];
  for (let i = 0; i < children.length; i++) {
    const first = children[i]!;
    const rep = repeatTitle(first.title);
    let j = i + 1;
    if (rep && rep.number === 1) {
      while (j < children.length) {
        const next = repeatTitle(children[j]!.title);
        if (!next || next.word !== rep.word || next.number !== j - i + 1) break;
        if (children[j]!.level !== first.level) break;
        j++;
      }
    }
    const lone = rep && rep.number === 1 && j - i >= 2 ? null : placeholderHeading(first);
    if (rep && rep.number === 1 && j - i >= 2) {
      const names = children
        .slice(i, j)
        .map((c) => (rep.bracketed ? c.title : (repeatTitle(c.title)?.name ?? '')))
        .filter(Boolean);
      nodes.push(sectionGroup(first, rep, parentId, ctx, parentOptional, names));
      i = j - 1;
    } else if (lone) {
      // The author names each instance and may add more.
      nodes.push(sectionGroup(first, lone, parentId, ctx, parentOptional, [first.title]));
    } else {
      nodes.push(finishSection(first, parentId, ctx, parentOptional));
    }
  }
  return nodes;
}

function sectionGroup(
  first: RawSection,
  rep: RepeatTitle,
  parentId: string,
  ctx: Context,
  parentOptional: boolean,
  exampleNames: string[],
): SectionGroup {
  const id = ctx.uniqueId(`${parentId ? `${parentId}/` : ''}${slugify(rep.word)}`);
  const optional = parentOptional || isOptionalTitle(first.title) || first.commentOptional === true;
  const inner = ctx.scoped();
  // The instance is parsed with ids relative to an instance; the heading is rebuilt with a
  // number slot and, when the template has one, a name field.
  const instance = finishSection(
    { ...first, headingRaw: null, title: 'Details' },
    '',
    inner,
    optional,
  );
  const nameFields: TextField[] = [];
  let parts: TitlePart[] = [{ type: 'fixed', text: `${rep.word} ` }, { type: 'number' }];
  if (rep.bracketed) {
    // `### [option 1]`: the author names each instance; the template's titles are examples.
    const field: TextField = {
      id: inner.uniqueId('name'),
      kind: 'text',
      label: 'Name',
      hint: '',
      placeholder: rep.number === 0 ? rep.word : `${rep.word} 1`,
      required: !optional,
      defaultValue: '',
    };
    nameFields.push(field);
    const placeholder = first.title.trim().slice(0, first.title.trim().length - rep.suffix.length);
    parts = [{ type: 'field', fieldId: field.id, placeholder, examples: exampleNames }];
  } else if (rep.name !== null) {
    const m = /^(.*?)(\s*)$/.exec(first.title.slice(first.title.indexOf(rep.name)))!;
    const sep = first.title.slice(0, first.title.length - m[0].length).replace(/^.*?\d+/, '');
    parts.push({ type: 'fixed', text: sep });
    const isPlaceholder = isOnlyPlaceholders(rep.name);
    const placeholder = isPlaceholder
      ? unescapeMarkdown(rep.name).replace(/^\[|\]$/g, '')
      : rep.name;
    const field: TextField = {
      id: inner.uniqueId('name'),
      kind: 'text',
      label: 'Name',
      hint: '',
      placeholder,
      required: !optional,
      defaultValue: '',
    };
    nameFields.push(field);
    parts.push({ type: 'field', fieldId: field.id, placeholder: rep.name, examples: exampleNames });
  }
  if (rep.suffix) parts.push({ type: 'fixed', text: rep.suffix });
  const hashes = /^ {0,3}(#{1,6})/.exec(first.headingRaw ?? '');
  instance.heading = { open: `${hashes?.[1] ?? '#'.repeat(first.level)} `, close: '', parts };
  instance.headingFields = nameFields;
  instance.title = first.title;
  instance.level = first.level;
  const field: GroupField = {
    id,
    kind: 'group',
    label: rep.word,
    hint: '',
    placeholder: '',
    required: !optional,
    itemLabel: rep.word,
    fields: collectFields(instance),
  };
  return { type: 'group', id, field, instance, optional };
}

/** All fields of a section and its descendants, in document order. */
export function collectFields(section: Section): Field[] {
  const out: Field[] = [...section.headingFields];
  const visit = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'field' || b.type === 'inline' || b.type === 'group') out.push(b.field);
      else if (b.type === 'quote') visit(b.blocks);
    }
  };
  visit(section.blocks);
  for (const child of section.children) {
    if (child.type === 'group') out.push(child.field);
    else out.push(...collectFields(child));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Blocks

const LABEL_ONLY_RE = /^\*\*([^*\n]+?)\*\*\s*(:?)\s*$/;
const INLINE_FIELD_RE = /^(\*\*([^*\n]+?)\*\*\s*:?[ \t]*)(\S.*)$/;
/** `Author(s): [Author Name]`, `Last updated: {date}`: a plain label whose value is a placeholder. */
const PLAIN_LABEL_FIELD_RE =
  /^(([A-Z][\w ()/'’.&-]{0,40}?):[ \t]+)(\[[^\]\n]+\]|\{[^}\n]+\}|<[^>\n]+>)[ \t]*$/;
const BRACKET_PARAGRAPH_RE = /^\\?\[[\s\S]*\]\s*$/;
/** `Fixes #`, `Closes: #`: words naming an issue reference, with the number left to write. */
const ISSUE_REF_RE = /^(([A-Z][\w ]{0,30}?):?[ \t]+)#[ \t]*$/;
/** `Complexity:`: a plain label with nothing after it. */
const BARE_LABEL_RE = /^(([A-Z][\w ()/'’&-]{0,40}?):[ \t]*)$/;

interface Region {
  label: string | null;
  optional: boolean;
  hints: string[];
  /** The guidance comments as written, for output that keeps them. */
  guidance: string[];
  placeholder: string[];
  fields: number;
}

function buildBlocks(
  tokens: Token[],
  section: Section,
  ctx: Context,
  hasChildren = false,
  isTitle = false,
): Block[] {
  const blocks: Block[] = [];
  let region: Region = newRegion(null, section.optional);

  // The section's title does not change while its blocks are built: its forms are kept.
  let plainSectionTitle: string | undefined;
  const plainSection = () => (plainSectionTitle ??= plainTitle(section.title));
  let sectionLabel: string | undefined;
  const fieldLabel = () =>
    region.label ??
    (sectionLabel ??= section.title
      ? isOnlyPlaceholders(section.title)
        ? 'Details'
        : plainSection()
      : 'Introduction');
  const makeId = (label: string) =>
    section.id && plainTitle(label) === plainSection() && !ctx.has(section.id)
      ? ctx.uniqueId(section.id)
      : ctx.uniqueId(`${section.id ? `${section.id}/` : ''}${slugify(label)}`);
  const required = () => !region.optional;
  // Guidance taken with a hint goes with the next field block (or the section's help).
  let taken: string[] = [];
  const takeHint = () => {
    const hint = region.hints.join('\n\n');
    region.hints = [];
    taken = [...taken, ...region.guidance];
    region.guidance = [];
    return hint;
  };
  const addFieldBlock = (block: Extract<Block, { type: 'field' }>) => {
    blocks.push(taken.length ? Object.assign({}, block, { guidance: taken }) : block);
    taken = [];
  };

  const closeRegion = (atEnd = false) => {
    // A comment before the first heading that asks for the author's text (`<!-- Add a short
    // description of what your PR does here -->`, then `## Changes`) is where the description
    // goes: a field of its own, not the template's help.
    if (
      section.level === 0 &&
      hasChildren &&
      region.fields === 0 &&
      region.label === null &&
      region.placeholder.length === 0 &&
      region.hints.length > 0 &&
      WRITE_REQUEST_RE.test(region.hints[0]!) &&
      !blocks.some((b) => b.type !== 'static')
    ) {
      const field: ProseField = {
        id: makeId('Description'),
        kind: 'prose',
        label: 'Description',
        hint: takeHint(),
        placeholder: '',
        required: required(),
        defaultValue: '',
      };
      addFieldBlock({ type: 'field', field });
      return;
    }
    // Guidance with no label and no example text, followed by more of the section, describes the
    // section as a whole: it becomes the section's help, not a field of its own.
    const sectionHelp =
      (region.fields === 0 &&
        region.label === null &&
        region.placeholder.length === 0 &&
        region.hints.length > 0 &&
        (!atEnd ||
          // Guidance after a rule or fixed text that ends the section asks for an answer of
          // its own (`---` then `<!-- Please write your test here. -->`).
          (blocks.some((b) => b.type !== 'static') &&
            blocks[blocks.length - 1]?.type !== 'static') ||
          (hasChildren &&
            (isTitle || section.level === 0 || blocks.some((b) => b.type !== 'static'))))) ||
      // A bracketed note before the first heading (`[This is a template for …]`) is a preface.
      (section.level === 0 &&
        hasChildren &&
        region.fields === 0 &&
        region.label === null &&
        region.hints.length > 0 &&
        region.placeholder.length > 0 &&
        region.placeholder.every((p) => BRACKET_PARAGRAPH_RE.test(p)) &&
        !blocks.some((b) => b.type !== 'static')) ||
      // Instructions about the template itself under the title's metadata ("When filling out
      // this template, delete …", then more plain paragraphs): the template's help.
      (isTitle &&
        region.fields === 0 &&
        region.label === null &&
        region.placeholder.length > 0 &&
        blocks.some((b) => b.type !== 'static') &&
        TEMPLATE_NOTE_RE.test(region.placeholder[0]!) &&
        region.placeholder.every((p) => isInstructionText(p))) ||
      // Guidance that speaks of the title itself ("This is the title of the enhancement").
      (isTitle &&
        region.fields === 0 &&
        region.label === null &&
        region.placeholder.length > 0 &&
        TITLE_NOTE_RE.test(region.placeholder[0]!));
    if (sectionHelp) {
      section.hint = [section.hint, takeHint()].filter(Boolean).join('\n\n');
      section.guidance = [...(section.guidance ?? []), ...taken];
      taken = [];
      return;
    }
    if (
      region.fields === 0 &&
      (region.label !== null || region.hints.length || region.placeholder.length)
    ) {
      const label = fieldLabel();
      const field: ProseField = {
        id: makeId(label),
        kind: 'prose',
        label,
        hint: takeHint(),
        placeholder: region.placeholder.join('\n\n'),
        // A parent's own guidance over its subsections (`## Motivation` `<!-- Write your
        // motivation here -->` then `### …`) asks for text, but the parent is filled through
        // its subsections too: the answer is optional.
        required:
          required() &&
          !(
            atEnd &&
            hasChildren &&
            region.placeholder.length === 0 &&
            !blocks.some((b) => b.type !== 'static')
          ),
        defaultValue: '',
      };
      addFieldBlock({ type: 'field', field });
    }
  };

  const pushField = (field: Field) => {
    addFieldBlock({ type: 'field', field });
    region.fields++;
    region.placeholder = [];
  };

  /** The block after the one being visited (at the top level), to tell a lead-in line. */
  let nextToken: Token | undefined;
  const visit = (token: Token) => {
    switch (token.type) {
      case 'space':
        return;
      case 'html': {
        const raw = token.raw.trim();
        if (/^<!--[\s\S]*-->$/.test(raw)) {
          const text = commentText(raw);
          const opts =
            region.label !== null && region.fields === 0 ? parseInlineOptions(text) : null;
          if (opts && !region.hints.length) {
            const label = fieldLabel();
            pushField({
              id: makeId(label),
              kind: 'choice',
              label,
              hint: text,
              placeholder: '',
              required: required(),
              options: opts.options,
              detail: opts.detail,
            });
          } else if (text) {
            region.hints.push(text);
            region.guidance.push(raw);
            markOptional(region, fieldLabel());
          }
          return;
        }
        closeRegion();
        region = newRegion(null, section.optional);
        blocks.push({ type: 'static', raw: token.raw.replace(/\n+$/, ''), anchor: matchKey(raw) });
        return;
      }
      case 'paragraph': {
        const raw = token.raw.replace(/\n+$/, '');
        const lines = raw.split('\n');
        const label = LABEL_ONLY_RE.exec(lines[0]!);
        if (label) {
          closeRegion();
          region = newRegion(
            label[1]!.replace(/:\s*$/, ''),
            section.optional || isOptionalTitle(label[1]!),
          );
          blocks.push({ type: 'static', raw: lines[0]!, anchor: matchKey(lines[0]!) });
          if (lines.length > 1) {
            // `**Test Scenarios:**` directly followed by `1\.` lines: the rest is its content.
            const rest = lines
              .slice(1)
              .map((l) => l.replace(/^(\s*\d+)\\([.)])/, '$1$2'))
              .join('\n');
            for (const t of lexMarkdown(rest)) visit(t);
          }
          return;
        }
        const inlineRe = lines.every((l) => INLINE_FIELD_RE.test(l))
          ? INLINE_FIELD_RE
          : lines.every((l) => PLAIN_LABEL_FIELD_RE.test(l))
            ? PLAIN_LABEL_FIELD_RE
            : null;
        // `Complexity:` alone on its line, not leading into a list, code or table below it: a
        // one-line field with nothing written after the label yet.
        const bare = lines.length === 1 ? BARE_LABEL_RE.exec(lines[0]!) : null;
        if (
          bare &&
          bare[2]!.trim().split(/\s+/).length <= 4 &&
          !['list', 'code', 'table'].includes(nextToken?.type ?? '') &&
          !(
            nextToken?.type === 'paragraph' &&
            (BRACKET_PARAGRAPH_RE.test(nextToken.raw.trim()) || isOnlyPlaceholders(nextToken.raw))
          )
        ) {
          // Guidance just above it (a comment) is its help.
          const help =
            region.fields === 0 && region.label === null && region.placeholder.length === 0
              ? takeHint()
              : '';
          closeRegion();
          region = newRegion(null, section.optional);
          const block = inlineBlock(bare[1]!, bare[2]!, '', false, section, makeId);
          if (help && block.type === 'inline') block.field.hint = help;
          blocks.push(block);
          if (taken.length) section.guidance = [...(section.guidance ?? []), ...taken];
          taken = [];
          return;
        }
        // `Fixes #` alone on its line: the issue this change refers to, written after the `#`.
        // Not every change has one: the field is optional.
        const ref = lines.length === 1 ? ISSUE_REF_RE.exec(lines[0]!) : null;
        if (ref) {
          closeRegion();
          region = newRegion(null, section.optional);
          const block = inlineBlock(ref[1]!, ref[2]!, '#', false, section, makeId);
          if (block.type === 'inline' && block.field.kind === 'text') {
            block.field.required = false;
            block.field.placeholder = '#';
            block.field.defaultValue = '';
            block.emptyText = '#';
          }
          blocks.push(block);
          return;
        }
        if (inlineRe) {
          closeRegion();
          region = newRegion(null, section.optional);
          lines.forEach((line, i) => {
            const m = inlineRe.exec(line)!;
            blocks.push(inlineBlock(m[1]!, m[2]!, m[3]!, i < lines.length - 1, section, makeId));
          });
          return;
        }
        if (BRACKET_PARAGRAPH_RE.test(raw)) {
          const inner = unescapeMarkdown(raw).trim().replace(/^\[/, '').replace(/\]$/, '').trim();
          if (/^repeat format$/i.test(inner)) return;
          region.hints.push(inner);
          region.placeholder.push(raw);
          markOptional(region, fieldLabel());
          return;
        }
        if (isOnlyPlaceholders(raw) || /\[[^\]]+\]/.test(raw)) {
          region.placeholder.push(raw);
          return;
        }
        // A paragraph that is one HTML element (`<sub>Created with …</sub>`) is fixed text.
        if (/^<([a-z][\w-]*)\b[^>]*>[\s\S]*<\/\1>$/i.test(raw.trim())) {
          closeRegion();
          region = newRegion(null, section.optional);
          blocks.push({ type: 'static', raw, anchor: matchKey(raw) });
          return;
        }
        // Plain text in a template ("A clear and concise description of …", "Fixes # (issue)")
        // tells the author what to write: it is the next field's help and example, not output.
        if (region.fields > 0) {
          closeRegion();
          region = newRegion(region.label, region.optional);
        }
        region.hints.push(unescapeMarkdown(raw).trim());
        region.placeholder.push(raw);
        markOptional(region, fieldLabel());
        return;
      }
      case 'list': {
        // A table of contents (`- [Summary](#summary)`) is fixed text.
        if (isTableOfContents(token as Tokens.List)) {
          closeRegion();
          region = newRegion(null, section.optional);
          const raw = token.raw.replace(/\n+$/, '');
          blocks.push({ type: 'static', raw, anchor: matchKey(raw) });
          return;
        }
        // Instructions go on as a list ("That generally means: - Introducing new concepts."):
        // plain sentences after instruction text are help too, not items to fill.
        if (
          region.fields === 0 &&
          region.hints.length > 0 &&
          region.placeholder.length > 0 &&
          /:\s*$/.test(region.hints[region.hints.length - 1]!) &&
          isInstructionText(token.raw) &&
          // Sentences, or phrases of four words or more ("How the change would interact
          // with existing functionality"), not short items to fill.
          (token as Tokens.List).items.every(
            (i) => /\S\s+\S.*[.?!)]$/.test(i.text.trim()) || i.text.trim().split(/\s+/).length >= 4,
          )
        ) {
          region.hints.push(unescapeMarkdown(token.raw.replace(/\n+$/, '')).trim());
          region.placeholder.push(token.raw.replace(/\n+$/, ''));
          return;
        }
        const { field, layout } = listField(
          token as Tokens.List,
          fieldLabel(),
          takeHint(),
          required(),
          makeId,
          ctx,
        );
        addFieldBlock(layout ? { type: 'field', field, layout } : { type: 'field', field });
        region.fields++;
        region.placeholder = [];
        return;
      }
      case 'code': {
        const code = token as Tokens.Code;
        // Visible instructions (`[Show …]`) and an example: the author writes text and may adapt
        // the code; either one fills the section. Guidance in a comment only describes the code.
        const hasProse = region.placeholder.length > 0 && region.fields === 0;
        if (hasProse) {
          const label = fieldLabel();
          const hint = takeHint();
          pushField({
            id: makeId(label),
            kind: 'prose',
            label,
            hint,
            placeholder: '',
            required: false,
            defaultValue: '',
          });
        }
        const lang = (code.lang ?? '').trim();
        const label = `${region.label ?? (section.title ? plainTitle(section.title) : 'Code')}${hasProse || region.fields ? ` (${lang || 'code'})` : ''}`;
        const field: CodeField = {
          id: makeId(`${label}-code`),
          kind: 'code',
          label,
          hint: takeHint(),
          placeholder: code.text,
          required: required() && !hasProse && region.fields === 0,
          language: lang,
        };
        pushField(field);
        return;
      }
      case 'table': {
        pushField(
          tableField(token as Tokens.Table, fieldLabel(), takeHint(), required(), makeId, ctx),
        );
        return;
      }
      case 'blockquote': {
        const raw = token.raw.replace(/\n+$/, '');
        const lines = raw.split('\n');
        const alert = /^ {0,3}> ?\\?\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/i.test(lines[0]!);
        const header = alert ? lines[0]! : '';
        const innerLines = (alert ? lines.slice(1) : lines).map((l) => l.replace(/^ {0,3}> ?/, ''));
        while (innerLines.length && innerLines[0]!.trim() === '') innerLines.shift();
        const inner = innerLines.join('\n');
        if (isInstructionText(inner)) {
          if (alert || /^ {0,3}> ?\\?\[!\w+\]/.test(lines[0]!)) {
            // A notice (`> [!IMPORTANT] Search existing issues first`) is fixed text.
            closeRegion();
            region = newRegion(null, section.optional);
            blocks.push({ type: 'static', raw, anchor: matchKey(raw) });
            return;
          }
          // Quoted instructions (`> Why are we doing this?`): the answer is written below the
          // quote, so the quote is the next field's help, not a field of its own.
          if (region.fields > 0) {
            closeRegion();
            region = newRegion(region.label, region.optional);
          }
          region.hints.push(unescapeMarkdown(inner).trim());
          region.guidance.push(raw);
          markOptional(region, fieldLabel());
          return;
        }
        closeRegion();
        region = newRegion(null, section.optional);
        const alertType = /\[!(\w+)\]/.exec(header)?.[1] ?? '';
        const innerSection: Section = alertType
          ? { ...section, title: alertType.charAt(0) + alertType.slice(1).toLowerCase() }
          : section;
        const innerBlocks = buildBlocks(lexMarkdown(inner), innerSection, ctx);
        // A quote with no fields at all is fixed text.
        if (!innerBlocks.some((b) => b.type !== 'static')) {
          blocks.push({ type: 'static', raw, anchor: matchKey(raw) });
        } else {
          blocks.push({ type: 'quote', header, blocks: innerBlocks });
        }
        return;
      }
      case 'hr':
      default: {
        closeRegion();
        region = newRegion(null, section.optional);
        const raw = token.raw.replace(/\n+$/, '');
        blocks.push({ type: 'static', raw, anchor: matchKey(raw) || raw.trim() });
      }
    }
  };

  tokens.forEach((token, i) => {
    let j = i + 1;
    while (tokens[j]?.type === 'space') j++;
    nextToken = tokens[j];
    visit(token);
  });
  closeRegion(true);
  if (!section.title) nameOpeningFields(blocks);
  return blocks;
}

const OPENING_NAMES: Partial<Record<Field['kind'], string>> = {
  keyvalue: 'Details',
  checklist: 'Checklist',
  tasklist: 'Tasks',
  table: 'Table',
  code: 'Code',
  list: 'List',
  prose: 'Notes',
  text: 'Notes',
};

/**
 * Several fields before the first heading have no heading to name them: text that opens the
 * document is the "Introduction", the others are named by their kind ("Details" for key-value
 * items, "Checklist", "Notes" for text), numbered when a name comes twice. Ids stay as they were.
 */
function nameOpeningFields(blocks: Block[]): void {
  const fields = blocks.flatMap((b) =>
    b.type === 'field' && b.field.label === 'Introduction' ? [b.field] : [],
  );
  if (fields.length < 2) return;
  // "Introduction" stays only on text that opens the document.
  const first = fields[0]!.kind === 'prose' || fields[0]!.kind === 'text';
  const used = new Set(first ? ['Introduction'] : []);
  for (const field of first ? fields.slice(1) : fields) {
    const base = OPENING_NAMES[field.kind] ?? 'Notes';
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base} ${n}`;
    used.add(name);
    field.label = name;
  }
}

/** A table of contents: every item is a link to an anchor of the page. */
function isTableOfContents(list: Tokens.List): boolean {
  const lines = list.raw.split('\n').filter((l) => l.trim() !== '');
  return (
    lines.length > 0 &&
    lines.every((l) => /^\s*(?:[-*+]|\d{1,9}[.)])\s+\[[^\]\n]+\]\(#[^)\s]*\)\s*$/.test(l))
  );
}

/**
 * Text that only tells the author what to write: paragraphs and lists of plain sentences, with
 * no placeholder, label, checkbox, code or table to fill.
 */
function isInstructionText(text: string): boolean {
  const tokens = lexMarkdown(text);
  return tokens.every((t) => {
    if (t.type === 'space') return true;
    if (t.type !== 'paragraph' && t.type !== 'list') return false;
    const raw = t.raw;
    if (/^\s*(?:[-*+]|\d+[.)])\s+\\?\[[ xX]?\\?\]/m.test(raw)) return false;
    if (/^\s*(?:[-*+]\s+)?\*\*[^*\n]+\*\*\s*:?/m.test(raw)) return false;
    return !/\\?\[[^\]\n]+\\?\](?!\()|\{[^{}\n]+\}|_{3,}|\.{3}\s*$/.test(raw);
  });
}

/** Guidance that asks the author to write something: "Describe …", "Add a short summary …". */
const WRITE_REQUEST_RE =
  /^\s*(?:please\s+)?(?:describe|explain|summari[sz]e|write|say|tell us|(?:add|provide|give|include)\s+an?\s+(?:[\w-]+\s+){0,2}(?:description|summary|explanation|overview))\b/i;

/** A paragraph about the template itself: how to fill it in, what to delete. */
const TEMPLATE_NOTE_RE = /\b(?:this|the) template\b|\bdelete (?:or replace )?(?:this|these|all)\b/i;

/** Guidance that starts "If applicable", "Optional" or "If any" makes its field optional. */
const OPTIONAL_HINT_RE = /^\s*\(?\s*(if applicable|optional|if any|if relevant|if needed)\b/i;

/**
 * Guidance asking for "any other context" or "anything else" (`Add any other context about the
 * problem here.`) under a label for extras ("Additional context", "Anything else", "Notes"): the
 * catch-all question of bug and feature templates, optional in issue forms. Under a main
 * question ("Describe the bug") the same words do not make it optional.
 */
const CATCH_ALL_HINT_RE =
  /^\s*(?:(?:please\s+)?(?:add|include|provide|share|list|mention)\s+)?(?:any\s+(?:other|additional|further)\b|(?:is there\s+)?anything else\b)/i;
const EXTRA_LABEL_RE =
  /\b(?:additional|other|else|extra|more|further|context|notes?|comments?|remarks?)\b/i;

function markOptional(region: Region, label: string): void {
  if (
    region.hints.some(
      (h) =>
        OPTIONAL_HINT_RE.test(h.replace(/^[A-Z]+:\s*/, '')) ||
        OPTIONAL_NOTE_RE.test(h) ||
        (CATCH_ALL_HINT_RE.test(h) && EXTRA_LABEL_RE.test(label)),
    )
  )
    region.optional = true;
}

function newRegion(label: string | null, optional: boolean): Region {
  return { label, optional, hints: [], guidance: [], placeholder: [], fields: 0 };
}

/** A heading or label without Markdown escapes or trailing colon, for field labels. */
export function plainTitle(title: string): string {
  return unescapeMarkdown(title).replace(/\*\*/g, '').replace(/:\s*$/, '').trim();
}

function inlineBlock(
  prefix: string,
  labelRaw: string,
  valueRaw: string,
  joinNext: boolean,
  section: Section,
  makeId: (label: string) => string,
): Block {
  const label = plainTitle(labelRaw);
  const isComment = /^<!--[\s\S]*-->$/.test(valueRaw.trim());
  // `**Which issue this PR fixes** *(optional, in `fixes #…` format)*: fixes #`: a note after
  // the label that says optional makes the field optional.
  const required = !(
    section.optional ||
    isOptionalTitle(label) ||
    (!isComment && OPTIONAL_HINT_RE.test(valueRaw.replace(/^[\s*_]+/, '')))
  );
  const hint = isComment ? commentText(valueRaw) : '';
  const valueText = isComment ? '' : valueRaw.trim();
  const emptyText = isComment ? '' : valueRaw.trim();
  let field: InlineField;
  const options = isComment ? null : parseInlineOptions(valueText);
  if (looksLikeDate(valueText)) {
    field = { id: makeId(label), kind: 'date', label, hint, placeholder: valueText, required };
  } else if (options) {
    field = {
      id: makeId(label),
      kind: 'choice',
      label,
      hint: unescapeMarkdown(valueText).replace(/^\[|\]$/g, ''),
      placeholder: '',
      required,
      options: options.options,
      detail: options.detail,
    };
  } else {
    // The note that made the field optional (`*(optional, …)*: fixes #`) is its help; the
    // placeholder is what follows it. The output still writes the line as the template does.
    const note = /^\s*[*_]*\(([^()]*)\)[*_]*\s*:?\s*/.exec(valueText);
    const optionalNote = note && OPTIONAL_HINT_RE.test(note[1]!) ? note : null;
    const shown = optionalNote ? valueText.slice(optionalNote[0].length) : valueText;
    const isDefault =
      valueText !== '' && !isOnlyPlaceholders(valueText) && isShortDefault(valueText);
    field = {
      id: makeId(label),
      kind: 'text',
      label,
      hint: optionalNote ? unescapeMarkdown(optionalNote[1]!).trim() : hint,
      placeholder: isDefault ? '' : unescapeMarkdown(shown).replace(/^\[(.*)\]$/, '$1'),
      required,
      defaultValue: isDefault ? valueText : '',
    };
  }
  const blockPrefix = prefix.replace(/[ \t]+$/, ' ').replace(/([^ ])$/, '$1 ');
  const blockEmptyText = isDefault(field) ? '' : emptyText;
  return isComment
    ? {
        type: 'inline',
        field,
        prefix: blockPrefix,
        emptyText: blockEmptyText,
        guidance: valueRaw.trim(),
        joinNext,
      }
    : { type: 'inline', field, prefix: blockPrefix, emptyText: blockEmptyText, joinNext };
}

function isDefault(field: InlineField): boolean {
  return field.kind === 'text' && field.defaultValue !== '';
}

/** A one- or two-word value such as `Draft` is a real default, not an instruction. */
function isShortDefault(value: string): boolean {
  return value.split(/\s+/).length <= 2 && !/[[\]]/.test(value) && value.length <= 24;
}

// ---------------------------------------------------------------------------------------------
// Lists

const LIST_LINE_RE = /^(\s*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)(.*)$/;
const KEY_LINE_RE =
  /^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)(?:\*\*([^*\n]+?)\*\*[ \t]*:?|([^:[\]*\n]{1,60}?):)(?:[ \t]+(.*)|[ \t]*)$/;

/** `- Key [placeholder]`: groups 1 prefix, 3 key, 4 value (as KEY_LINE_RE's). */
const BRACKET_KEY_LINE_RE =
  /^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)((?!))?(\p{L}[^:[\]*\n]{0,40}?)[ \t]+(\\?\[[^\]\n]+\\?\])[ \t]*$/u;

function listField(
  list: Tokens.List,
  label: string,
  hint: string,
  required: boolean,
  makeId: (label: string) => string,
  ctx: Context,
): { field: Field; layout?: KeyLayout[] } {
  const raw = list.raw.replace(/\n+$/, '');
  const lines = raw.split('\n').filter((l) => l.trim() !== '');
  const firstMarker = LIST_LINE_RE.exec(lines[0] ?? '')?.[2] ?? '-';
  const ordered = list.ordered;
  const marker = ordered ? (firstMarker.endsWith(')') ? ')' : '.') : firstMarker;
  const id = makeId(label);
  // Nested when an item is indented more than the first (` - OS:` lines are all one level).
  const indentOf = (l: string) => /^\s*/.exec(l)![0].length;
  const baseIndent = Math.min(...lines.map(indentOf));
  const nested = lines.some((l) => indentOf(l) > baseIndent + 1);

  // Nested checkboxes (a sign-off list with sub-items) are one checklist, indentation kept.
  const allTaskLines = lines.every((l) => /^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/.test(l));
  if (nested && allTaskLines) {
    const options = lines.map((l) => {
      const m = LIST_LINE_RE.exec(l)!;
      const rawText = m[3]!.replace(/^\[[ xX]\]\s?/, '');
      const indent = m[1]!;
      const optionLabel = unescapeMarkdown(rawText).trim();
      return indent
        ? { label: optionLabel, raw: rawText, other: false, indent }
        : { label: optionLabel, raw: rawText, other: false };
    });
    const field: ChecklistField = {
      id,
      label,
      hint,
      required,
      kind: 'checklist',
      marker,
      placeholder: '',
      options,
      multiple: true,
    };
    return { field };
  }
  // Checkbox items: fixed options (a checklist) or items the author writes (a tasklist).
  if (list.items.every((i) => i.task) && !nested) {
    const texts = list.items.map((i) => i.text.trim());
    const authorWritten = texts.every(
      (t) =>
        t === '' ||
        isOnlyPlaceholders(t) ||
        /^(task|item|step|todo|action)\s*\d*\.*$/i.test(unescapeMarkdown(t)) ||
        // Numbered examples ("Test A", "Test B", "Check 1") are for the author to replace.
        (texts.length > 1 &&
          /^[\p{L}]+(?:\s[\p{L}]+)?\s+(?:[A-Z]|\d+)\.*$/u.test(unescapeMarkdown(t))),
    );
    if (authorWritten) {
      const field: TaskListField = {
        id,
        label,
        hint,
        required,
        kind: 'tasklist',
        marker,
        placeholder: '',
        placeholderItems: texts,
      };
      return { field };
    }
    const options = list.items.map((i) => {
      const rawText = LIST_LINE_RE.exec(i.raw.split('\n')[0]!)![3]!.replace(/^\[[ xX]\]\s?/, '');
      const text = unescapeMarkdown(rawText).trim();
      const other =
        /^other\b.*?:/i.test(text) &&
        (/_{2,}|\.{3}|:\s*$/.test(text) || isOnlyPlaceholders(text.replace(/^other\b[^:]*:/i, '')));
      return { label: other ? text.replace(/:.*$/, '').trim() : text, raw: rawText, other };
    });
    const yesNo = options.length === 2 && options.every((o) => /^(yes|no)\b/i.test(o.label));
    // Options that exclude each other: a status (Draft / Accepted / Deprecated), a level.
    const exclusive =
      options.length >= 2 &&
      options.every((o) => EXCLUSIVE_OPTION_RE.test(unescapeMarkdown(o.label).trim()));
    const single =
      yesNo ||
      exclusive ||
      (options.length === 2 && negatedPair(options[0]!.label, options[1]!.label)) ||
      (ctx.hints.singleChoice ?? []).some((l) => matchKey(l) === matchKey(label)) ||
      /\b(select|choose|pick|check)\s+(one|only one|a single)\b/i.test(hint);
    const field: ChecklistField = {
      id,
      label,
      hint,
      required,
      kind: 'checklist',
      marker,
      placeholder: '',
      options,
      multiple: !single,
    };
    return { field };
  }

  // `* \[ ]` items: escaped boxes the author fills in.
  if (!nested && list.items.every((i) => /^\\\[[ xX]?\]\s*$/.test(i.text.trim()))) {
    const field: TaskListField = {
      id,
      label,
      hint,
      required,
      kind: 'tasklist',
      marker,
      placeholder: '',
      placeholderItems: list.items.map(() => ''),
    };
    return { field };
  }

  // `- **Key**: value` lines: a fixed set of keys, each with its own value.
  const keyLines = lines.filter((l) => !isFillerLine(l));
  // A key is words (`Kernel (e.g. \`uname -a\`):`); a code span alone (`` `<package>`: ``) is an
  // example item.
  const colonKeyed = keyLines.map((l) => {
    const m = KEY_LINE_RE.exec(l);
    return m && m[3] !== undefined && !/\p{L}/u.test(m[3].replace(/`[^`]*`/g, '')) ? null : m;
  });
  // `- Browser [e.g. chrome, safari]`: a key without its colon, then a bracketed placeholder,
  // among `- OS: [e.g. iOS]` lines (or with an "e.g." example of its own).
  const keyed = colonKeyed.map((m, i) => {
    if (m) return m;
    const b = BRACKET_KEY_LINE_RE.exec(keyLines[i]!);
    const example = b !== null && /^\\?\[\s*(?:e\.?g\.?|ex\.?|for example)\b/i.test(b[4]!);
    return b && (example || colonKeyed.some((k) => k !== null)) ? b : null;
  });
  if (keyLines.length > 0 && keyed.every((m) => m !== null)) {
    const keys = keyed.map((m) => plainTitle((m[2] ?? m[3])!));
    const numbered =
      keys.length > 1 &&
      keys.every((k) => /^(.*?)\s*\d+$/.test(k)) &&
      new Set(keys.map((k) => k.replace(/\s*\d+$/, ''))).size === 1;
    if (!numbered) {
      const entries: (KeyValueEntry & { prefix: string; emptyText: string })[] = keyed.map((m) => {
        const value = (m[4] ?? '').trim();
        const opts = parseInlineOptions(value);
        const isComment = /^<!--[\s\S]*-->$/.test(value);
        const prefixText = m[0].slice(0, m[0].length - (m[4] ?? '').length).replace(/[ \t]*$/, ' ');
        return {
          key: plainTitle((m[2] ?? m[3])!),
          hint: isComment
            ? commentText(value)
            : opts
              ? unescapeMarkdown(value).replace(/^\[|\]$/g, '')
              : '',
          placeholder: isComment || opts ? '' : unescapeMarkdown(value).replace(/^\[(.*)\]$/, '$1'),
          options: opts?.options ?? [],
          prefix: prefixText,
          emptyText: isComment ? '' : value,
        };
      });
      const field: KeyValueField = {
        id,
        label,
        hint,
        required,
        kind: 'keyvalue',
        placeholder: '',
        entries: entries.map(({ key, hint: h, placeholder, options }) => ({
          key,
          hint: h,
          placeholder,
          options,
        })),
      };
      return { field, layout: entries.map(({ prefix, emptyText }) => ({ prefix, emptyText })) };
    }
  }

  const slotted = nested ? nestedKeyEntries(lines, baseIndent) : null;
  if (slotted) {
    const field: KeyValueField = {
      id,
      label,
      hint,
      required,
      kind: 'keyvalue',
      placeholder: '',
      entries: slotted.map(({ key, hint: h, placeholder }) => ({
        key,
        hint: h,
        placeholder,
        options: [],
      })),
    };
    return { field, layout: slotted.map(({ prefix, emptyText }) => ({ prefix, emptyText })) };
  }

  if (nested) {
    const field: ProseField = {
      id,
      label,
      hint,
      required,
      kind: 'prose',
      placeholder: raw,
      defaultValue: '',
    };
    return { field };
  }

  const items = list.items.map((i) => i.text.trim());
  const field: ListField = {
    id,
    label,
    hint,
    required,
    kind: 'list',
    ordered,
    marker,
    placeholder: items.filter((t) => t).join('\n'),
    placeholderItems: items,
  };
  return { field };
}

/**
 * `* **Electron version:**` items, each with one nested item where the value goes: empty, a
 * comment saying what to write (`  * <!-- e.g. 4.0.3 -->`) or a placeholder. The nested item is
 * the value's slot: its marker is part of the key's prefix.
 */
function nestedKeyEntries(
  lines: string[],
  baseIndent: number,
): (KeyValueEntry & KeyLayout)[] | null {
  const out: (KeyValueEntry & KeyLayout)[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const top = lines[i]!;
    const slot = lines[i + 1];
    const m = KEY_LINE_RE.exec(top);
    if (!m || (m[4] ?? '').trim() !== '' || /^\s*/.exec(top)![0].length !== baseIndent) return null;
    const s = slot === undefined ? null : /^(\s+(?:[-*+]|\d{1,9}[.)]))(?:[ \t]+(.*))?$/.exec(slot);
    if (!s || /^\s*/.exec(slot!)![0].length <= baseIndent + 1) return null;
    const value = (s[2] ?? '').trim();
    const isComment = /^<!--[\s\S]*-->$/.test(value);
    if (value !== '' && !isComment && !isOnlyPlaceholders(value)) return null;
    out.push({
      key: plainTitle((m[2] ?? m[3])!),
      hint: isComment ? commentText(value) : '',
      placeholder: isComment ? '' : unescapeMarkdown(value).replace(/^\[(.*)\]$/, '$1'),
      options: [],
      prefix: `${top.trimEnd()}\n${s[1]} `,
      emptyText: value,
    });
  }
  return out.length > 0 ? out : null;
}

/**
 * Two options where one says the other with "not" (`This change is user-facing and I added a
 * changelog entry.` / `This change is not user-facing.`): one of them holds, never both.
 */
function negatedPair(a: string, b: string): boolean {
  const NEG = /^(?:not|no|never|isn't|doesn't|don't|didn't|hasn't|haven't|wasn't|won't)$/;
  const words = (t: string) =>
    unescapeMarkdown(t)
      .toLowerCase()
      .replace(/[’]/g, "'")
      .split(/[^\p{L}\p{N}'-]+/u)
      .filter(Boolean);
  const [wa, wb] = [words(a), words(b)];
  const na = wa.some((w) => NEG.test(w));
  const nb = wb.some((w) => NEG.test(w));
  if (na === nb) return false;
  const [neg, pos] = na ? [wa, wb] : [wb, wa];
  const rest = neg.filter((w) => !NEG.test(w));
  return rest.length >= 2 && rest.every((w) => pos.includes(w));
}

/** One word of a status or a level: options written with it exclude each other. */
const EXCLUSIVE_OPTION_RE =
  /^(?:draft|proposed|provisional|accepted|approved|rejected|declined|deprecated|superseded|withdrawn|implementable|implemented|in progress|done|yes|no|maybe|n\/a|not applicable|low|medium|high|critical|small|large|x?s|m|x*l)\.?$/i;

/** Lines such as `- ...` or an empty `*` that only say "more items go here". */
function isFillerLine(line: string): boolean {
  const m = LIST_LINE_RE.exec(line);
  return m !== null && (m[3]!.trim() === '' || /^(\.{3}|…)$/.test(m[3]!.trim()));
}

// ---------------------------------------------------------------------------------------------
// Tables

function tableField(
  table: Tokens.Table,
  label: string,
  hint: string,
  required: boolean,
  makeId: (label: string) => string,
  ctx: Context,
): TableField {
  const columns = table.header.map((cell, i) => {
    const name = unescapeMarkdown(cell.text).trim();
    const hinted = Object.entries(ctx.hints.columnOptions ?? {}).find(
      ([k]) => matchKey(k) === matchKey(name),
    );
    const cellOptions = table.rows
      .map((r) => parseInlineOptions(r[i]?.text ?? ''))
      .find((o) => o !== null);
    return { name, options: hinted?.[1] ?? cellOptions?.options ?? [] };
  });
  return {
    id: makeId(label),
    kind: 'table',
    label,
    hint,
    placeholder: '',
    required,
    columns,
    placeholderRows: table.rows.map((r) => r.map((c) => unescapeMarkdown(c.text).trim())),
  };
}

// ---------------------------------------------------------------------------------------------
// Repeats written with bold labels

function groupLabelRepeats(blocks: Block[], section: Section, ctx: Context): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const label = b.type === 'static' ? LABEL_ONLY_RE.exec(b.raw) : null;
    const rep = label ? repeatTitle(label[1]!) : null;
    if (!label || !rep || rep.number !== 1) {
      out.push(b);
      continue;
    }
    // Instances: from each "Word N" label to the next label that is not part of the group.
    const starts = [i];
    let j = i + 1;
    let expected = 2;
    for (; j < blocks.length; j++) {
      const bj = blocks[j]!;
      if (bj.type !== 'static') continue;
      const lj = LABEL_ONLY_RE.exec(bj.raw);
      const rj = lj ? repeatTitle(lj[1]!) : null;
      if (rj && rj.word === rep.word && rj.number === expected) {
        starts.push(j);
        expected++;
        continue;
      }
      break;
    }
    if (starts.length < 2) {
      out.push(b);
      continue;
    }
    const firstBlocks = blocks.slice(i + 1, starts[1]);
    const inner = ctx.scoped();
    const groupId = ctx.uniqueId(`${section.id ? `${section.id}/` : ''}${slugify(rep.word)}`);
    const nameFields: TextField[] = [];
    const parts: TitlePart[] = [{ type: 'fixed', text: `${rep.word} ` }, { type: 'number' }];
    const labelText = label[1]!;
    if (rep.name !== null) {
      const sep = labelText.slice(0, labelText.lastIndexOf(rep.name)).replace(/^.*?\d+/, '');
      parts.push({ type: 'fixed', text: sep });
      const isPlaceholder = isOnlyPlaceholders(rep.name);
      const field: TextField = {
        id: inner.uniqueId('name'),
        kind: 'text',
        label: 'Name',
        hint: '',
        placeholder: isPlaceholder ? unescapeMarkdown(rep.name).replace(/^\[|\]$/g, '') : rep.name,
        required: !section.optional,
        defaultValue: '',
      };
      nameFields.push(field);
      const examples = starts
        .map((k) => {
          const raw = blocks[k]!;
          const l = raw.type === 'static' ? LABEL_ONLY_RE.exec(raw.raw) : null;
          return l ? (repeatTitle(l[1]!)?.name ?? '') : '';
        })
        .filter(Boolean);
      parts.push({ type: 'field', fieldId: field.id, placeholder: rep.name, examples });
    }
    const instanceBlocks = firstBlocks.map((blk) => relabel(blk, labelText, section.id, inner));
    const fields: Field[] = [...nameFields];
    const visit = (bs: Block[]) => {
      for (const x of bs) {
        if (x.type === 'field' || x.type === 'inline' || x.type === 'group') fields.push(x.field);
        else if (x.type === 'quote') visit(x.blocks);
      }
    };
    visit(instanceBlocks);
    const group: GroupField = {
      id: groupId,
      kind: 'group',
      label: rep.word,
      hint: '',
      placeholder: '',
      required: !section.optional,
      itemLabel: rep.word,
      fields,
    };
    out.push({
      type: 'group',
      field: group,
      label: { open: '**', close: label[2] ? '**:' : '**', parts },
      blocks: instanceBlocks,
    });
    // Skip the example instances and the blocks in between.
    let end = starts[starts.length - 1]! + 1;
    while (end < blocks.length && blocks[end]!.type !== 'static') end++;
    i = end - 1;
  }
  return out;
}

/** Gives a field inside a repeat an id relative to the instance and a plain label. */
function relabel(block: Block, instanceLabel: string, sectionId: string, inner: Context): Block {
  const fix = <F extends Field>(f: F): F => {
    const rel = f.id.startsWith(`${sectionId}/`) ? f.id.slice(sectionId.length + 1) : f.id;
    const label = plainTitle(f.label) === plainTitle(instanceLabel) ? 'Details' : f.label;
    return {
      ...f,
      label,
      id: inner.uniqueId(label === 'Details' ? 'details' : rel.replace(/^.*\//, '')),
    };
  };
  switch (block.type) {
    case 'field':
      return { ...block, field: fix(block.field) };
    case 'inline':
      return { ...block, field: fix(block.field) };
    case 'quote':
      return {
        ...block,
        blocks: block.blocks.map((b) => relabel(b, instanceLabel, sectionId, inner)),
      };
    default:
      return block;
  }
}
