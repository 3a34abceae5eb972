/**
 * What structures a rendered document: headings, bold labels, inline prefixes and rules of the
 * template. Author text that would look like one of them is escaped on render (one backslash in
 * front of the line) and unescaped on read, so any text survives the round trip.
 */
import { matchKey } from '../text.ts';
import { commonEndOf, commonStartOf, DocText } from '../docText.ts';
import { lexMarkdown } from '../template/lex.ts';
import type { Block, Section, SectionNode, Template, TitleSpec } from '../template/types.ts';

export interface Anchors {
  /** Loose heading matchers, compiled on first use (unicode classes are costly to compile). */
  readonly headingPatterns: HeadingPattern[];
  labelKeys: Set<string>;
  labelPatterns: TitleMatcher[];
  prefixKeys: string[];
  hasRule: boolean;
  hasAlert: boolean;
  emptyAnswer: string;
}

const cache = new WeakMap<Template, Anchors>();

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regex over a heading's or label's text: fixed parts as written (spacing and case aside),
 * fields and numbers captured exactly. Used first, so author text keeps its punctuation.
 */
export function strictTitleRegex(spec: TitleSpec): TitleMatcher {
  let src = '';
  for (const part of spec.parts) {
    if (part.type === 'fixed') src += escapeRe(part.text).replace(/\s+/g, '\\s*');
    else if (part.type === 'number') src += '(\\d+)';
    else src += '(.*?)';
  }
  // The text is trimmed instead of matching spaces at its ends: `\s*(.*?)\s*$` backtracks
  // quadratically over a long run of spaces.
  const re = new RegExp(`^${src.replace(/^(\\s\*)+|(\\s\*)+$/g, '')}$`, 'iu');
  const exec = (text: string) => re.exec(text.trim());
  return { exec, test: (text) => exec(text) !== null };
}

/** Matches a title strictly, then loosely (emoji, punctuation and case do not matter). */
export function matchTitle(spec: TitleSpec, text: string): RegExpExecArray | null {
  return strictTitleRegex(spec).exec(text) ?? titleRegex(spec).exec(text);
}

/**
 * A template heading as the reader matches it: a heading with no fixed words
 * (`# [short title]`, `### [option 1]`) matches only at its own level.
 */
export interface HeadingPattern {
  level: number;
  wordless: boolean;
  matcher: TitleMatcher;
}

/** Whether a heading line of this level and text would be read as the template's heading. */
function matchesHeading(patterns: HeadingPattern[], level: number, text: string): boolean {
  return patterns.some((p) => (!p.wordless || p.level === level) && p.matcher.test(text));
}

/** A title matcher: `exec` and `test` like a RegExp's. */
export interface TitleMatcher {
  exec(text: string): RegExpExecArray | null;
  test(text: string): boolean;
}

/**
 * Loose matching is for headings of ordinary length. Its pattern backtracks over long runs of
 * punctuation, so a hostile 20,000-character heading is compared strictly only.
 */
const LOOSE_MAX = 300;

const SEP = '[^\\p{L}\\p{N}]*';

/** A loose matcher over a heading's or label's text: fixed parts by their words only. */
export function titleRegex(spec: TitleSpec): TitleMatcher {
  const tokens: string[] = [SEP];
  const push = (t: string) => {
    // Two optional separators in a row would make the pattern backtrack quadratically.
    if (!(t === SEP && tokens[tokens.length - 1] === SEP)) tokens.push(t);
  };
  for (const part of spec.parts) {
    if (part.type === 'fixed') {
      const words = matchKey(part.text).split(' ').filter(Boolean).map(escapeRe);
      push(SEP);
      if (words.length) {
        push(words.join('[^\\p{L}\\p{N}]+'));
        push(SEP);
      }
    } else if (part.type === 'number') {
      push('(\\d+)');
    } else {
      push('(.*?)');
    }
  }
  push(SEP);
  const re = new RegExp(`^${tokens.join('')}$`, 'iu');
  const strict = strictTitleRegex(spec);
  const exec = (text: string) => (text.length > LOOSE_MAX ? strict.exec(text) : re.exec(text));
  return { exec, test: (text) => exec(text) !== null };
}

export function anchorsOf(template: Template): Anchors {
  const hit = cache.get(template);
  if (hit) return hit;
  const headingSpecs: { spec: TitleSpec; level: number }[] = [];
  const anchors: Anchors = {
    get headingPatterns() {
      const compiled = headingSpecs.map(({ spec, level }): HeadingPattern => ({
        level,
        wordless: !spec.parts.some((p) => p.type === 'fixed' && /[\p{L}\p{N}]/u.test(p.text)),
        matcher: titleRegex(spec),
      }));
      Object.defineProperty(this, 'headingPatterns', { value: compiled });
      return compiled;
    },
    labelKeys: new Set(),
    labelPatterns: [],
    prefixKeys: [],
    hasRule: false,
    hasAlert: false,
    emptyAnswer: template.emptyAnswer,
  };
  const visitBlocks = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'static') {
        if (/^\*\*/.test(b.raw)) anchors.labelKeys.add(b.anchor);
        if (/^ {0,3}([-*_])( *\1){2,} *$/.test(b.raw)) anchors.hasRule = true;
      } else if (b.type === 'inline') {
        anchors.prefixKeys.push(matchKey(b.prefix));
      } else if (b.type === 'quote') {
        if (b.header) anchors.hasAlert = true;
        visitBlocks(b.blocks);
      } else if (b.type === 'group') {
        anchors.labelPatterns.push(titleRegex(b.label));
        visitBlocks(b.blocks);
      }
    }
  };
  const visit = (node: SectionNode) => {
    const section: Section = node.type === 'group' ? node.instance : node;
    if (section.heading) headingSpecs.push({ spec: section.heading, level: section.level });
    visitBlocks(section.blocks);
    section.children.forEach(visit);
  };
  visit(template.root);
  cache.set(template, anchors);
  return anchors;
}

// marked takes any whitespace after the #s (a no-break space too), so this does as well.
const HEADING_LINE_RE = /^ {0,3}#{1,6}(?:[^\S\n]+(.*))?$/;
const LABEL_LINE_RE = /^\*\*([^*\n]+?)\*\*\s*:?\s*$/;
const RULE_RE = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;

/** Whether a line, on its own, would be read as part of the template's structure. */
export function isAnchorLine(line: string, anchors: Anchors): boolean {
  const heading = HEADING_LINE_RE.exec(line);
  if (heading) {
    const level = /#+/.exec(line)![0].length;
    // An ATX closing sequence (`## Goals ##`, `## #`) is not part of the heading's text.
    const text = (heading[1] ?? '')
      .trimEnd()
      .replace(/(^|[^\S\n])#+$/, '')
      .trimEnd();
    return text.trim() === '' || matchesHeading(anchors.headingPatterns, level, text);
  }
  if (anchors.hasAlert && /^ {0,3}> ?\\?\[!\w+\]/i.test(line)) return true;
  if (anchors.emptyAnswer && line.trim() === anchors.emptyAnswer) return true;
  // Leading whitespace (a no-break space too, which the reader trims) still leaves a label.
  const bare = line.replace(/^\s+(?=\*\*)/, '');
  if (/^\*\*/.test(bare)) {
    line = bare;
    const label = LABEL_LINE_RE.exec(line);
    if (label && anchors.labelKeys.has(matchKey(line))) return true;
    const group = /^\*\*(.+)\*\*:?[ \t]*$/.exec(line.trim());
    if (group && anchors.labelPatterns.some((re) => re.test(group[1]!))) return true;
    const key = matchKey(line);
    if (anchors.prefixKeys.some((p) => key === p || key.startsWith(`${p} `))) return true;
  }
  if (anchors.hasRule && RULE_RE.test(line)) return true;
  return false;
}

const OPENERS: [RegExp, RegExp][] = [
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  // A `[` that is never closed can pair with a later field's `]:` as a link definition.
  [/^ {0,3}\[/, /\]/],
];
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;

const SETEXT_RE = /^ {0,3}(=+|-+)[ \t]*$/;

function isOpenerLine(line: string): boolean {
  return FENCE_RE.test(line) || OPENERS.some(([open]) => open.test(line)) || SETEXT_RE.test(line);
}

/** `Goals` over `---` is a heading too: an underline below a heading-like line. */
function isSetextAnchor(lines: string[], i: number, anchors: Anchors): boolean {
  if (!SETEXT_RE.test(lines[i]!) || i === 0 || lines[i - 1]!.trim() === '') return false;
  // The heading's text is the whole paragraph above; a reader names it by its first line.
  let first = i - 1;
  while (first > 0 && lines[first - 1]!.trim() !== '') first--;
  const candidates = [lines[i - 1]!.trim(), lines[first]!.trim()];
  const level = lines[i]!.trim().startsWith('=') ? 1 : 2;
  return candidates.some((c) => matchesHeading(anchors.headingPatterns, level, c));
}

/** Lines that open a fence or HTML block that is never closed: they would swallow the rest. */
function unclosedOpeners(lines: string[]): Set<number> {
  const out = new Set<number>();
  let fence: { char: string; len: number; line: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.len) fence = null;
      continue;
    }
    const f = FENCE_RE.exec(line);
    if (f && !(f[1]![0] === '`' && line.slice(line.indexOf(f[1]!) + f[1]!.length).includes('`'))) {
      fence = { char: f[1]![0]!, len: f[1]!.length, line: i };
      continue;
    }
    for (const [open, close] of OPENERS) {
      if (!open.test(line)) continue;
      const rest = [line.replace(open, ''), ...lines.slice(i + 1)].join('\n');
      if (!close.test(rest)) out.add(i);
    }
  }
  if (fence) out.add(-1 - fence.line);
  return out;
}

/** Lines strictly inside a closed fenced code block: code, never structure. */
function fencedLines(lines: string[]): Set<number> {
  const out = new Set<number>();
  let open: { char: string; len: number; line: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (open) {
      const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (m && m[1]![0] === open.char && m[1]!.length >= open.len) {
        for (let j = open.line + 1; j < i; j++) out.add(j);
        open = null;
      }
      continue;
    }
    const f = FENCE_RE.exec(line);
    if (f && !(f[1]![0] === '`' && line.slice(line.indexOf(f[1]!) + f[1]!.length).includes('`')))
      open = { char: f[1]![0]!, len: f[1]!.length, line: i };
  }
  return out;
}

const escapeCache = new WeakMap<Anchors, Map<string, string>>();
const ESCAPE_CACHE_SIZE = 256;

/**
 * Escapes author Markdown so that it cannot be mistaken for the template's structure. Results
 * are cached per template: on each keystroke only the field being edited is escaped again.
 */
export function escapeBlockText(text: string, anchors: Anchors): string {
  if (text.length >= LONG_TEXT) return escapeLong(text, anchors);
  let cache = escapeCache.get(anchors);
  if (!cache) escapeCache.set(anchors, (cache = new Map<string, string>()));
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const escaped = escapeUncached(text, anchors);
  if (cache.size >= ESCAPE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(text, escaped);
  return escaped;
}

/**
 * Texts this long are not cached (a cache of long answers, one per keystroke, would hold
 * megabytes, and looking one up reads it whole): the last long text that needed no escaping is
 * kept instead, and a text edited from it is checked on the lines the edit touched only.
 */
const LONG_TEXT = 8192;
const lastClean = new WeakMap<Anchors, string>();

function escapeLong(text: string, anchors: Anchors): string {
  const before = lastClean.get(anchors);
  if (before !== undefined && (before === text || cleanAfterEdit(before, text, anchors))) {
    lastClean.set(anchors, text);
    return text;
  }
  const escaped = escapeUncached(text, anchors);
  if (escaped === text && mayNeedNoEscape(text, anchors)) lastClean.set(anchors, text);
  return escaped;
}

/** The quick test of `escapeUncached`: no line of `text` could need a backslash. */
function mayNeedNoEscape(text: string, anchors: Anchors): boolean {
  return !MAY_ESCAPE.test(text) && !(anchors.emptyAnswer && text.includes(anchors.emptyAnswer));
}

/**
 * Whether `text`, an edit of `before` (which passed the quick test), passes it too, from the
 * lines the edit touched: a line that could need escaping is matched from its own start (a
 * match running over lines before it ends on such a line), so the other lines, the same as in
 * `before`, cannot.
 */
function cleanAfterEdit(before: string, after: string, anchors: Anchors): boolean {
  // Read through the pieces the texts are known to be made of (see `notePieces`): a long
  // answer the rich-text editor wrote is not copied whole to find the edit.
  const old = DocText.of(before);
  const text = DocText.of(after);
  const prefix = commonStartOf(old, text);
  const suffix = commonEndOf(old, text, prefix);
  const start = prefix === 0 ? 0 : text.lastIndexOf('\n', prefix - 1) + 1;
  const newline = text.indexOf('\n', text.length - suffix);
  const end = newline === -1 ? text.length : newline;
  if (MAY_ESCAPE.test(text.slice(start, end))) return false;
  const empty = anchors.emptyAnswer;
  if (!empty) return true;
  return !text
    .slice(Math.max(0, start - empty.length), Math.min(text.length, end + empty.length))
    .includes(empty);
}

/**
 * A line that could be escaped starts (after backslashes) like a heading, a quote, an HTML block,
 * a bracket, a fence or a label, or is a rule or a setext underline: text with no such line (and
 * without the template's empty answer) comes out unchanged, found by one scan rather than line
 * by line. Broader than the rules below on purpose: it only decides whether to look closer.
 */
const MAY_ESCAPE = /^\\*(?:\s*\*\*|[ \t]{0,3}(?:[#><[]|`{3}|~{3}|[-*_=][-*_= \t]*$))/m;

function escapeUncached(text: string, anchors: Anchors): string {
  if (!MAY_ESCAPE.test(text) && !(anchors.emptyAnswer && text.includes(anchors.emptyAnswer))) {
    return text;
  }
  // Escaping one opener can expose the next (```` ``` ```` then ```` ```! ````): repeat until
  // nothing changes. Unescaping stays one backslash per line, so the pair is a bijection.
  const first = escapeLines(text, anchors, false);
  // A fence the line scan sees as unclosed may be closed where Markdown nests it (an indented
  // fence in a list item closed by a less indented one): it is escaped only when the text
  // would really swallow what follows.
  if (first !== null) return first;
  const second = escapeLines(text, anchors, true);
  if (second !== null) return second;
  // The scan cannot see every way Markdown nests blocks (a fence inside an HTML block): when
  // the text still swallows what follows it, or a fence moved so that reading it back would
  // differ, every opener line is escaped (then no fence is left to skip).
  return text
    .split('\n')
    .map((line) => {
      const rest = line.replace(/^\\*/, '');
      return isAnchorLine(rest, anchors) || isOpenerLine(rest) ? `\\${line}` : line;
    })
    .join('\n');
}

/** The text escaped line by line, or null when the result would not read back as the text. */
function escapeLines(text: string, anchors: Anchors, fences: boolean): string | null {
  let lines = text.split('\n');
  const escaped = lines.map(() => false);
  for (let pass = 0; pass < lines.length + 1; pass++) {
    const found = unclosedOpeners(lines);
    const unclosed = new Set([...found].map((i) => (i < 0 ? (fences ? -1 - i : -1) : i)));
    // Lines inside a closed fence are code (`# a comment` in a YAML sample): never escaped.
    const fenced = fencedLines(lines);
    let changed = false;
    lines = lines.map((line, i) => {
      if (escaped[i] || fenced.has(i)) return line;
      const m = /^(\\*)([\s\S]*)$/.exec(line)!;
      const slashes = m[1]!;
      const rest = m[2]!;
      const escape =
        isAnchorLine(rest, anchors) ||
        (isOpenerLine(rest) &&
          (slashes.length > 0 || unclosed.has(i) || isSetextAnchor(lines, i, anchors)));
      if (!escape) return line;
      escaped[i] = true;
      changed = true;
      return `\\${line}`;
    });
    if (!changed) break;
  }
  const out = lines.join('\n');
  return swallowsFollowing(out) || unescapeBlockText(out, anchors) !== text ? null : out;
}

const SENTINEL = 'proposal-studio-end-of-field';

function swallowsFollowing(text: string): boolean {
  // Only a line opening a fence, an HTML block or a bracket can swallow what follows.
  if (!/^ {0,3}(`{3}|~{3}|<|\[)/m.test(text)) return false;
  const tokens = lexMarkdown(`${text}\n\n${SENTINEL}\n`).filter((t) => t.type !== 'space');
  const last = tokens[tokens.length - 1];
  return !last || last.type !== 'paragraph' || last.raw.trim() !== SENTINEL;
}

export function unescapeBlockText(text: string, anchors: Anchors): string {
  const lines = text.split('\n');
  const fenced = /^ {0,3}(`{3}|~{3})/m.test(text) ? fencedLines(lines) : null;
  return lines
    .map((line, i) => {
      if (fenced?.has(i)) return line;
      const m = /^\\(\\*)([\s\S]*)$/.exec(line);
      if (!m) return line;
      const rest = m[2]!;
      if (isAnchorLine(rest, anchors) || isOpenerLine(rest)) return line.slice(1);
      return line;
    })
    .join('\n');
}
