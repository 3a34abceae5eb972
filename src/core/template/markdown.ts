/**
 * Markdown templates → Template. marked's lexer finds the blocks (keeping each token's raw
 * text, so static parts come back byte for byte); the rules below decide which blocks are
 * fields and of what kind. Rules are general: they look at the shape of the Markdown, never at
 * a particular template's wording (built-in templates may add hints where shape is ambiguous).
 */
import { LIMITS } from '../limits.ts';
import { Lexer, type Token, type Tokens } from 'marked';
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

/** Deeper nesting than this is refused: marked's lexer slows down quadratically with depth. */
export const MAX_NESTING = LIMITS.nestingDepth;

function nestingDepth(source: string): number {
  let deepest = 0;
  for (const m of source.matchAll(/^([ \t>]*)(?:[-*+]|\d{1,9}[.)])[ \t]/gm)) {
    const prefix = m[1]!;
    const quotes = (prefix.match(/>/g) ?? []).length;
    const indent = prefix.replace(/>/g, '').replace(/\t/g, '    ').length;
    deepest = Math.max(deepest, quotes + Math.floor(indent / 2));
  }
  return deepest;
}

export function lexMarkdown(source: string): Token[] {
  if (nestingDepth(source) > MAX_NESTING) {
    throw new TemplateError(`Lists or quotes are nested more than ${MAX_NESTING} levels deep`);
  }
  try {
    return new Lexer({ gfm: true }).lex(source);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new TemplateError('The Markdown is nested too deeply to read (over ~1,000 levels).');
    }
    throw error;
  }
}

export function parseMarkdownTemplate(text: string, options: ParseOptions = {}): Template {
  if (text.length > MAX_SOURCE) throw new TemplateError('The template is larger than 5 MB.');
  const source = normalizeNewlines(text.replace(/^\uFEFF/, ''));
  const { frontMatter: fmSource, body } = splitFrontMatter(source);
  const frontMatter = fmSource === null ? null : parseFrontMatter(fmSource);
  const tokens = lexMarkdown(body);

  const ctx = new Context(options.hints ?? {});
  const root = finishSection(buildSectionTree(tokens), '', ctx, false);
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
  headingRaw: string | null;
  title: string;
  tokens: Token[];
  children: RawSection[];
}

function buildSectionTree(tokens: Token[]): RawSection {
  const root: RawSection = { level: 0, headingRaw: null, title: '', tokens: [], children: [] };
  const stack: RawSection[] = [root];
  for (const token of tokens) {
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      const section: RawSection = {
        level: heading.depth,
        headingRaw: heading.raw.replace(/\n+$/, ''),
        // A comment in a heading (`## Decision Drivers <!-- optional -->`) is guidance.
        title: headingText(heading.raw).replace(COMMENT_RE, '').trim(),
        commentOptional: [...heading.raw.matchAll(COMMENT_RE)].some((m) => isOptionalTitle(m[0])),
        tokens: [],
        children: [],
      };
      while (stack.length > 1 && stack[stack.length - 1]!.level >= heading.depth) stack.pop();
      stack[stack.length - 1]!.children.push(section);
      stack.push(section);
    } else {
      stack[stack.length - 1]!.tokens.push(token);
    }
  }
  return root;
}

/** The text of an ATX or setext heading line, from its raw source (closing #s kept). */
export function headingText(raw: string): string {
  const firstLine = raw.replace(/\n+$/, '');
  const atx = /^ {0,3}#{1,6}(?:[^\S\n]+|$)(.*)$/.exec(firstLine);
  if (atx) return atx[1]!.trim();
  return firstLine.split('\n')[0]!.trim();
}

class Context {
  private used = new Set<string>();
  private sections = new Set<string>();
  constructor(readonly hints: TemplateHints) {}
  /** A unique id under a scope; ids inside a group are kept unique within the group. */
  uniqueId(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
  has(id: string): boolean {
    return this.used.has(id);
  }
  uniqueSectionId(slug: string, parentId: string): string {
    const parent = parentId.split('/').pop();
    let base = this.sections.has(slug) && parent ? `${parent}-${slug}` : slug;
    for (let n = 2; this.sections.has(base); n++) base = `${slug}-${n}`;
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
    raw.headingRaw === null ? null : headingSpec(raw, id, headingFields, ctx, !optional);
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
  section.blocks = groupLabelRepeats(
    buildBlocks(raw.tokens, section, ctx, raw.children.length > 0),
    section,
    ctx,
  );
  section.children = groupSectionRepeats(raw.children, id, ctx, optional);
  return section;
}

function headingSpec(
  raw: RawSection,
  sectionId: string,
  fields: TextField[],
  ctx: Context,
  required: boolean,
): TitleSpec {
  const hashes = /^ {0,3}(#{1,6})/.exec(raw.headingRaw ?? '');
  const open = hashes ? `${hashes[1]} ` : `${'#'.repeat(raw.level)} `;
  return { open, close: '', parts: titleParts(raw.title, sectionId, fields, ctx, required) };
}

const TITLE_PLACEHOLDER_RE = /\\?\[[^\]\n]{1,120}\\?\](?!\()|(?<![A-Za-z])X{3,}(?![A-Za-z])/g;

/** Splits a title into fixed text and placeholder fields (`EP-XXX: [Enhancement Title]`). */
function titleParts(
  title: string,
  scopeId: string,
  fields: TextField[],
  ctx: Context,
  required: boolean,
): TitlePart[] {
  const parts: TitlePart[] = [];
  let last = 0;
  for (const m of title.matchAll(TITLE_PLACEHOLDER_RE)) {
    const before = title.slice(last, m.index);
    if (before) parts.push({ type: 'fixed', text: before });
    const placeholder = m[0];
    const inner = unescapeMarkdown(placeholder)
      .replace(/^\[|\]$/g, '')
      .trim();
    const isNumber = /^X+$/.test(placeholder);
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
  if (last < title.length) parts.push({ type: 'fixed', text: title.slice(last) });
  return parts;
}

const REPEAT_RE = /^(.*?[\p{L}])\s+(\d+)\s*(?::\s*(.*))?$/u;

interface RepeatTitle {
  word: string;
  number: number;
  name: string | null;
  /** The whole title is a placeholder: `[option 1]`. */
  bracketed?: boolean;
}

function repeatTitle(title: string): RepeatTitle | null {
  const bracket = /^\\?\[\s*(.*?[\p{L}])\s+(\d+)\s*\\?\]$/u.exec(title.trim());
  if (bracket)
    return { word: bracket[1]!.trim(), number: Number(bracket[2]), name: null, bracketed: true };
  const m = REPEAT_RE.exec(title.trim());
  if (!m) return null;
  return { word: m[1]!.trim(), number: Number(m[2]), name: m[3]?.trim() || null };
}

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
    if (rep && rep.number === 1 && j - i >= 2) {
      const names = children
        .slice(i, j)
        .map((c) => (rep.bracketed ? c.title : (repeatTitle(c.title)?.name ?? '')))
        .filter(Boolean);
      nodes.push(sectionGroup(first, rep, parentId, ctx, parentOptional, names));
      i = j - 1;
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
      placeholder: `${rep.word} 1`,
      required: !optional,
      defaultValue: '',
    };
    nameFields.push(field);
    parts = [
      { type: 'field', fieldId: field.id, placeholder: first.title, examples: exampleNames },
    ];
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
const BRACKET_PARAGRAPH_RE = /^\\?\[[\s\S]*\]\s*$/;

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
): Block[] {
  const blocks: Block[] = [];
  let region: Region = newRegion(null, section.optional);

  const fieldLabel = () =>
    region.label ??
    (section.title
      ? isOnlyPlaceholders(section.title)
        ? 'Details'
        : plainTitle(section.title)
      : 'Introduction');
  const makeId = (label: string) =>
    section.id && plainTitle(label) === plainTitle(section.title) && !ctx.has(section.id)
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
    blocks.push(taken.length ? { ...block, guidance: taken } : block);
    taken = [];
  };

  const closeRegion = (atEnd = false) => {
    // Guidance with no label and no example text, followed by more of the section, describes the
    // section as a whole: it becomes the section's help, not a field of its own.
    const sectionHelp =
      region.fields === 0 &&
      region.label === null &&
      region.placeholder.length === 0 &&
      region.hints.length > 0 &&
      (!atEnd || blocks.some((b) => b.type !== 'static') || hasChildren);
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
        required: required(),
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
            markOptional(region);
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
        if (lines.every((l) => INLINE_FIELD_RE.test(l))) {
          closeRegion();
          region = newRegion(null, section.optional);
          lines.forEach((line, i) => {
            const m = INLINE_FIELD_RE.exec(line)!;
            blocks.push(inlineBlock(m[1]!, m[2]!, m[3]!, i < lines.length - 1, section, makeId));
          });
          return;
        }
        if (BRACKET_PARAGRAPH_RE.test(raw)) {
          const inner = unescapeMarkdown(raw).trim().replace(/^\[/, '').replace(/\]$/, '').trim();
          if (/^repeat format$/i.test(inner)) return;
          region.hints.push(inner);
          region.placeholder.push(raw);
          markOptional(region);
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
        markOptional(region);
        return;
      }
      case 'list': {
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
        closeRegion();
        region = newRegion(null, section.optional);
        const raw = token.raw.replace(/\n+$/, '');
        const lines = raw.split('\n');
        const alert = /^ {0,3}> ?\\?\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/i.test(lines[0]!);
        const header = alert ? lines[0]! : '';
        const innerLines = (alert ? lines.slice(1) : lines).map((l) => l.replace(/^ {0,3}> ?/, ''));
        while (innerLines.length && innerLines[0]!.trim() === '') innerLines.shift();
        const inner = innerLines.join('\n');
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

  for (const token of tokens) visit(token);
  closeRegion(true);
  return blocks;
}

/** Guidance that starts "If applicable", "Optional" or "If any" makes its field optional. */
const OPTIONAL_HINT_RE = /^\s*\(?\s*(if applicable|optional|if any|if relevant|if needed)\b/i;

function markOptional(region: Region): void {
  if (region.hints.some((h) => OPTIONAL_HINT_RE.test(h.replace(/^[A-Z]+:\s*/, ''))))
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
  const required = !(section.optional || isOptionalTitle(label));
  const isComment = /^<!--[\s\S]*-->$/.test(valueRaw.trim());
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
    const isDefault =
      valueText !== '' && !isOnlyPlaceholders(valueText) && isShortDefault(valueText);
    field = {
      id: makeId(label),
      kind: 'text',
      label,
      hint,
      placeholder: isDefault ? '' : unescapeMarkdown(valueText).replace(/^\[(.*)\]$/, '$1'),
      required,
      defaultValue: isDefault ? valueText : '',
    };
  }
  return {
    type: 'inline',
    field,
    prefix: prefix.replace(/[ \t]+$/, ' ').replace(/([^ ])$/, '$1 '),
    emptyText: isDefault(field) ? '' : emptyText,
    ...(isComment ? { guidance: valueRaw.trim() } : {}),
    joinNext,
  };
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
  /^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)(?:\*\*([^*\n]+?)\*\*[ \t]*:?|([^:[\]*`\n]{1,40}?):)(?:[ \t]+(.*)|[ \t]*)$/;

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
  const base = { id: makeId(label), label, hint, required };
  // Nested when an item is indented more than the first (` - OS:` lines are all one level).
  const indentOf = (l: string) => /^\s*/.exec(l)![0].length;
  const baseIndent = Math.min(...lines.map(indentOf));
  const nested = lines.some((l) => indentOf(l) > baseIndent + 1);

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
        ...base,
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
    const single =
      yesNo ||
      (ctx.hints.singleChoice ?? []).some((l) => matchKey(l) === matchKey(label)) ||
      /\b(select|choose|pick|check)\s+(one|only one|a single)\b/i.test(hint);
    const field: ChecklistField = {
      ...base,
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
      ...base,
      kind: 'tasklist',
      marker,
      placeholder: '',
      placeholderItems: list.items.map(() => ''),
    };
    return { field };
  }

  // `- **Key**: value` lines: a fixed set of keys, each with its own value.
  const keyLines = lines.filter((l) => !isFillerLine(l));
  const keyed = keyLines.map((l) => KEY_LINE_RE.exec(l));
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
        ...base,
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

  if (nested) {
    const field: ProseField = { ...base, kind: 'prose', placeholder: raw, defaultValue: '' };
    return { field };
  }

  const items = list.items.map((i) => i.text.trim());
  const field: ListField = {
    ...base,
    kind: 'list',
    ordered,
    marker,
    placeholder: items.filter((t) => t).join('\n'),
    placeholderItems: items,
  };
  return { field };
}

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
