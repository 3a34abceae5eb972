/**
 * Markdown in and out of the rich-text editor, without losing a character of what the author
 * wrote:
 *
 * - Reading: marked's tokens (the project's lexer, whose top-level blocks put together are the
 *   source) become the editor's blocks. Each top-level block keeps the exact text it was read
 *   from, and is written back as that text for as long as it is not edited (ProseMirror keeps an
 *   unedited block as the same object). A block the editor cannot show as rich text without
 *   changing what it says (a table, HTML, an image, a link to a definition elsewhere…) is kept
 *   as a `markdown_block`: its source, shown as is, written back as is.
 *   "Without changing what it says": the block written from the editor's model gives the same
 *   HTML as the author's text (so `_a_` for `*a*` is fine; a dropped `<kbd>` is not).
 * - Writing: only blocks edited since they were read or last written are written again (one
 *   keystroke costs one block, not the field), each after the blank lines that stood before it.
 */
import { Marked } from 'marked';
import type { Token, Tokens } from 'marked';
import type { Mark, Node } from 'prosemirror-model';
import { lexMarkdownInline } from '../../../core/template/lex.ts';
import { proseSchema as schema } from './schema.ts';
import { notePieces } from '../../../core/docText.ts';

/** The text a top-level block was read from, and what stood between it and the block before. */
interface BlockSource {
  text: string;
  /**
   * null: a block made in the editor (a blank line before it, none at the start). Kept only
   * while the block follows the one it followed in the source (see `sourceBefore`).
   */
  before: string | null;
  /** The block it followed in the source (null: it was the first). */
  after?: Node | null;
  /** The block as written, where it differs (a list written with another marker). */
  as?: Node;
}

export interface ProseDocument {
  doc: Node;
  /** Writes the document's Markdown; blocks not edited since the last call are not rewritten. */
  write: (doc: Node) => string;
}

class Unsupported extends Error {}

const checker = new Marked({ gfm: true });
function sameHtml(a: string, b: string): boolean {
  try {
    return checker.parse(a, { async: false }) === checker.parse(b, { async: false });
  } catch {
    return false;
  }
}

/** Reads `markdown` into the editor's document, each block kept with its source. */
export function readProse(markdown: string): ProseDocument {
  const source = markdown.replace(/\r\n?/g, '\n');
  const known = new WeakMap<Node, BlockSource>();
  const blocks: Node[] = [];
  let tokens: Token[];
  try {
    tokens = lexMarkdownInline(source);
  } catch {
    tokens = [{ type: 'html', raw: source, text: source, block: true, pre: false }];
  }
  let before = '';
  for (const token of tokens) {
    if (token.type === 'space') {
      before += token.raw;
      continue;
    }
    const raw = token.raw;
    const text = raw.replace(/\n+$/, '');
    let node: Node | null = null;
    try {
      // A link to a definition (`[text][label]`) may be defined in another part of the
      // proposal: written from the editor it would be escaped into plain text.
      const outsideCode = text.replace(/\\./g, '').replace(/(`+)[^`]*?\1/g, '');
      if (/\]\[[^\]\n]*\]/.test(outsideCode)) throw new Unsupported('reference link');
      node = topBlock(token);
      node.check();
      const written = writeBlock(node);
      if (written !== text && !sameHtml(written, text)) node = null;
    } catch {
      node = null;
    }
    node ??= schema.nodes.markdown_block.create({ markdown: text });
    known.set(node, { text, before, after: blocks[blocks.length - 1] ?? null });
    blocks.push(node);
    before = raw.slice(text.length);
  }
  if (blocks.length === 0) blocks.push(schema.nodes.paragraph.create());
  const doc = schema.nodes.doc.create(null, partsOf(blocks));
  const runs = new WeakMap<Node, Run>();
  return { doc, write: (d) => writeDoc(d, known, runs) };
}

/**
 * A part holds this many blocks when made; one that grows past twice as many is cut. About as
 * long as a source chunk (a few KB): with 32, the parts laid out around the caret held so much
 * text that the browser's selection sync per keystroke grew back.
 */
export const PART_BLOCKS = 8;

/** `blocks` in parts of PART_BLOCKS. */
export function partsOf(blocks: readonly Node[]): Node[] {
  const parts: Node[] = [];
  for (let i = 0; i < blocks.length; i += PART_BLOCKS) {
    parts.push(schema.nodes.part.create(null, blocks.slice(i, i + PART_BLOCKS)));
  }
  return parts;
}

/** Where writing stands between two blocks: what was written before, and whether anything was. */
interface Place {
  /** The block before, as in the document (an empty one included). */
  block: Node | null;
  /** The last block written (a list may take another marker to stay apart from it). */
  written: Node | null;
  first: boolean;
}

/** A part as written, with where it was written and where writing stands after it. */
interface Run {
  at: Place;
  text: string;
  end: Place;
}

/**
 * Writes the answer part by part (see the schema's `part`): a part's text is kept while the
 * part (the same blocks) and what stands before it stay the same, so a keystroke writes its
 * own part again and passes over the others, and a long answer is a few dozen pieces (see
 * `notePieces`), not one per block.
 */
function writeDoc(doc: Node, known: WeakMap<Node, BlockSource>, runs: WeakMap<Node, Run>): string {
  let out = '';
  const pieces: string[] = [];
  let place: Place = { block: null, written: null, first: true };
  doc.forEach((part) => {
    let run = runs.get(part);
    if (!run || !samePlace(run.at, place)) {
      run = writePart(part, known, place);
      runs.set(part, run);
    }
    place = run.end;
    if (run.text === '') return;
    out += run.text;
    pieces.push(run.text);
  });
  // A long answer is read through its parts (see `notePieces`): not copied whole per keystroke.
  notePieces(out, pieces);
  return out;
}

function samePlace(a: Place, b: Place): boolean {
  return a.block === b.block && a.written === b.written && a.first === b.first;
}

/** Blocks that end on their own line: any block may follow them on the next line. */
function endsOnItsLine(node: Node): boolean {
  const { heading, horizontal_rule } = schema.nodes;
  return node.type === heading || node.type === horizontal_rule;
}

/**
 * What stood before a block in the source, while it still separates the block from the one now
 * before it: always after the same block as in the source; elsewhere, a blank line (it ends any
 * block), or a line break after a block that ends on its line. A single line break after
 * anything else would join the block to the one before (a paragraph put after a heading whose
 * text followed on the next line): the block then gets a blank line.
 */
function sourceBefore(entry: BlockSource, before: Node | null): string | null {
  if (entry.before === null) return null;
  if ((entry.after ?? null) === before) return entry.before;
  if (before === null) return null;
  if (/\n[ \t]*\n/.test(entry.before)) return entry.before;
  const after = entry.after ?? null;
  if (after && after.type === before.type && endsOnItsLine(before)) return entry.before;
  return null;
}

/** Writes the blocks of `part`, at `at`. */
function writePart(part: Node, known: WeakMap<Node, BlockSource>, at: Place): Run {
  let { block: last, written, first } = at;
  let text = '';
  part.forEach((block) => {
    let entry = known.get(block);
    let before = entry ? sourceBefore(entry, last) : null;
    // Where it stood in the source, a block was apart from the one before it already.
    const asInSource = entry !== undefined && entry.before !== null && entry.after === last;
    if (!entry || (!asInSource && sameList(written, entry.as ?? block))) {
      // A list may take another marker to stay apart from the one before it.
      const as = apart(written, block);
      entry = { text: writeBlock(as), before: null, ...(as !== block ? { as } : {}) };
      known.set(block, entry);
      before = null;
    }
    last = block;
    // An empty paragraph made in the editor writes nothing (Markdown has no empty paragraph).
    if (entry.text === '' && entry.before === null) return;
    written = entry.as ?? block;
    text += (before ?? (first ? '' : '\n\n')) + entry.text;
    first = false;
  });
  return { at, text, end: { block: last, written, first } };
}

// ---------------------------------------------------------------------------------------------
// Reading

function topBlock(token: Token): Node {
  const nodes = block(token);
  if (nodes.length !== 1) throw new Unsupported(token.type);
  return nodes[0]!;
}

function blocks(tokens: Token[] | undefined): Node[] {
  return (tokens ?? []).flatMap(block);
}

function block(token: Token): Node[] {
  const { nodes } = schema;
  switch (token.type) {
    case 'space':
    case 'checkbox':
      return [];
    case 'paragraph':
    case 'text':
      return [nodes.paragraph.create(null, inline((token as Tokens.Paragraph).tokens ?? []))];
    case 'heading': {
      const t = token as Tokens.Heading;
      if (!/^#/.test(t.raw)) throw new Unsupported('setext heading');
      return [nodes.heading.create({ level: t.depth }, inline(t.tokens))];
    }
    case 'code': {
      const t = token as Tokens.Code;
      const fence = /^ {0,3}(~{3,}|`{3,})/.exec(t.raw)?.[1]?.slice(0, 1).repeat(3) ?? '```';
      return [
        nodes.code_block.create(
          { language: t.lang ?? '', fence },
          t.text ? schema.text(t.text) : null,
        ),
      ];
    }
    case 'blockquote': {
      // A GitHub alert (`> [!NOTE]`): its marker would be escaped once edited.
      if (/^ {0,3}>[ \t]*\[![A-Za-z]+\]/.test(token.raw)) throw new Unsupported('alert');
      const inner = blocks((token as Tokens.Blockquote).tokens);
      return [nodes.blockquote.create(null, inner.length ? inner : nodes.paragraph.create())];
    }
    case 'hr':
      return [nodes.horizontal_rule.create({ markup: token.raw.trim() })];
    case 'list': {
      const t = token as Tokens.List;
      const items = t.items.map((item) => {
        let content = blocks(item.tokens);
        if (content[0]?.type !== nodes.paragraph) content = [nodes.paragraph.create(), ...content];
        return nodes.list_item.create({ checked: item.task ? !!item.checked : null }, content);
      });
      const first = t.items[0]?.raw ?? '';
      if (t.ordered) {
        const delimiter = /^\s*\d+([.)])/.exec(first)?.[1] ?? '.';
        const start = typeof t.start === 'number' ? t.start : 1;
        return [nodes.ordered_list.create({ start, delimiter, tight: !t.loose }, items)];
      }
      const marker = /^\s*([-*+])/.exec(first)?.[1] ?? '-';
      return [nodes.bullet_list.create({ marker, tight: !t.loose }, items)];
    }
    default:
      throw new Unsupported(token.type);
  }
}

function inline(tokens: Token[], marks: readonly Mark[] = []): Node[] {
  const out: Node[] = [];
  const { marks: m } = schema;
  for (const token of tokens) {
    switch (token.type) {
      case 'text': {
        const t = token as Tokens.Text;
        if (t.tokens?.length) out.push(...inline(t.tokens, marks));
        else if (t.text) out.push(schema.text(t.text, marks));
        break;
      }
      case 'escape':
        out.push(schema.text((token as Tokens.Escape).text, marks));
        break;
      case 'checkbox':
        break;
      case 'strong':
      case 'em': {
        const t = token as Tokens.Strong | Tokens.Em;
        const markup = token.type === 'strong' ? t.raw.slice(0, 2) : t.raw.slice(0, 1);
        const mark = m[token.type].create({ markup });
        out.push(...inline(t.tokens, mark.addToSet(marks)));
        break;
      }
      case 'del':
        out.push(...inline((token as Tokens.Del).tokens, m.strike.create().addToSet(marks)));
        break;
      case 'codespan':
        out.push(schema.text((token as Tokens.Codespan).text, m.code.create().addToSet(marks)));
        break;
      case 'link': {
        const t = token as Tokens.Link;
        const link = m.link.create({ href: t.href, title: t.title || null });
        out.push(...inline(t.tokens, link.addToSet(marks)));
        break;
      }
      case 'br':
        out.push(schema.nodes.hard_break.create({ markup: token.raw }));
        break;
      default:
        throw new Unsupported(token.type);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** One block's Markdown, from the editor's model. */
export function writeBlock(node: Node): string {
  const { nodes } = schema;
  switch (node.type) {
    case nodes.paragraph:
      return writeInline(node);
    case nodes.heading:
      return `${'#'.repeat(Number(node.attrs.level))} ${writeInline(node)}`.trimEnd();
    case nodes.code_block: {
      const text = node.textContent;
      const char = String(node.attrs.fence).charAt(0) === '~' ? '~' : '`';
      let longest = 0;
      for (const run of text.matchAll(new RegExp(`^ {0,3}(\\${char}+)`, 'gm')))
        longest = Math.max(longest, run[1]!.length);
      const fence = char.repeat(Math.max(3, longest + 1));
      return `${fence}${String(node.attrs.language)}\n${text ? `${text}\n` : ''}${fence}`;
    }
    case nodes.blockquote:
      return prefixLines(writeChildren(node, '\n\n'), '> ', '> ');
    case nodes.horizontal_rule:
      return String(node.attrs.markup);
    case nodes.bullet_list:
    case nodes.ordered_list: {
      const ordered = node.type === nodes.ordered_list;
      const tight = node.attrs.tight === true;
      const items: string[] = [];
      node.forEach((item, _offset, index) => {
        const marker = ordered
          ? `${Number(node.attrs.start) + index}${String(node.attrs.delimiter)}`
          : String(node.attrs.marker);
        const box = item.attrs.checked === null ? '' : item.attrs.checked ? '[x] ' : '[ ] ';
        const body = box + writeChildren(item, tight ? '\n' : '\n\n');
        items.push(
          body === '' ? marker : prefixLines(body, `${marker} `, ' '.repeat(marker.length + 1)),
        );
      });
      return items.join(tight ? '\n' : '\n\n');
    }
    case nodes.markdown_block:
      return String(node.attrs.markdown);
    default:
      return node.textContent;
  }
}

function writeChildren(node: Node, separator: string): string {
  const parts: string[] = [];
  let previous: Node | null = null;
  node.forEach((child) => {
    const written = apart(previous, child);
    parts.push(writeBlock(written));
    previous = written;
  });
  return parts.join(separator);
}

/** Two lists of the same kind and marker, one after the other (Markdown would join them). */
function sameList(previous: Node | null, node: Node): boolean {
  const { bullet_list, ordered_list } = schema.nodes;
  if (!previous || previous.type !== node.type) return false;
  if (node.type === bullet_list) return previous.attrs.marker === node.attrs.marker;
  if (node.type === ordered_list) return previous.attrs.delimiter === node.attrs.delimiter;
  return false;
}

/** `node`, written with another marker when it would join the list before it. */
function apart(previous: Node | null, node: Node): Node {
  if (!sameList(previous, node)) return node;
  if (node.type === schema.nodes.bullet_list) {
    const marker = node.attrs.marker === '-' ? '*' : '-';
    return node.type.create({ ...node.attrs, marker }, node.content);
  }
  const delimiter = node.attrs.delimiter === '.' ? ')' : '.';
  return node.type.create({ ...node.attrs, delimiter }, node.content);
}

/** Every line prefixed (the first with `first`); blank lines get the prefix without spaces. */
function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => {
      const prefix = i === 0 ? first : rest;
      return line === '' ? prefix.trimEnd() : prefix + line;
    })
    .join('\n');
}

const MARK_ORDER = ['link', 'em', 'strong', 'strike'] as const;

function open(mark: Mark): string {
  switch (mark.type.name) {
    case 'link':
      return '[';
    case 'strike':
      return '~~';
    default:
      return String(mark.attrs.markup);
  }
}

function close(mark: Mark): string {
  if (mark.type.name !== 'link') return open(mark);
  const href = String(mark.attrs.href).replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
  const title = mark.attrs.title
    ? ` "${String(mark.attrs.title).replace(/[\\"]/g, (c) => `\\${c}`)}"`
    : '';
  return `](${href}${title})`;
}

/** The inline content of a textblock as Markdown. */
function writeInline(node: Node): string {
  let out = '';
  const active: Mark[] = [];
  const children: Node[] = [];
  node.forEach((child) => children.push(child));
  const closeTo = (keep: number) => {
    while (active.length > keep) out += close(active.pop()!);
  };
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === schema.nodes.hard_break) {
      closeTo(0);
      out += String(child.attrs.markup);
      continue;
    }
    const code = child.marks.find((mark) => mark.type.name === 'code');
    const wanted = MARK_ORDER.flatMap((name) => child.marks.filter((m) => m.type.name === name));
    let keep = 0;
    while (keep < active.length && keep < wanted.length && active[keep]!.eq(wanted[keep]!)) keep++;
    let text = child.text ?? '';
    if (code) {
      // A code span: the run of text nodes marked as code, in one span.
      while (children[i + 1]?.marks.some((mark) => mark.type.name === 'code')) {
        text += children[++i]!.text ?? '';
      }
    }
    // Spaces stay outside the marks they border (`** a **` is not bold).
    const lead = keep < active.length || keep < wanted.length ? /^\s*/.exec(text)![0] : '';
    closeTo(keep);
    out += lead;
    text = text.slice(lead.length);
    for (const mark of wanted.slice(keep)) {
      out += open(mark);
      active.push(mark);
    }
    const next = children[i + 1];
    const closing = active.some((mark) => !next?.marks.some((m) => m.eq(mark)));
    const trail = closing && !code ? /\s*$/.exec(text)![0] : '';
    text = text.slice(0, text.length - trail.length);
    out += code ? codeSpan(text) : escapeText(text, out);
    if (trail) {
      closeTo(0);
      out += trail;
    }
  }
  closeTo(0);
  return out;
}

function codeSpan(text: string): string {
  let longest = 0;
  for (const run of text.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const ticks = '`'.repeat(longest + 1);
  const pad = /^`|`$/.test(text) || /^ .* $/.test(text) ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Text escaped so Markdown reads it as the same text. `before`: what precedes it in the block. */
function escapeText(text: string, before: string): string {
  let out = text.replace(/[\\`*_[\]<~|]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  // At the start of a line: headings, quotes, list items, rules and setext underlines.
  const atLineStart = (line: string) =>
    line
      .replace(/^(\s*)([#>+-])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/, '$1\\$2')
      .replace(/^(\s*)=/, '$1\\=');
  out = out
    .split('\n')
    .map((line, i) => (i === 0 && !/(^|\n)\s*$/.test(before) ? line : atLineStart(line)))
    .join('\n');
  return out;
}
