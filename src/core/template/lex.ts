/**
 * marked's block lexer as the template parser and the document reader use it. A module of its
 * own, apart from the template parser (markdown.ts), so the editor reads and checks documents
 * without loading the parser: built-in templates are parsed at build time, imported ones in
 * a chunk loaded when needed.
 */
import { Lexer, Tokenizer, type Rules, type Token, type Tokens, type TokensList } from 'marked';
import { LIMITS } from '../limits.ts';
import { TemplateError } from './errors.ts';

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

/**
 * marked drops a link reference definition whose label is already defined (`[a]: …` twice):
 * its text would be missing from the tokens, and every offset after it wrong. Here a repeated
 * label gets a label of its own, so the tokens always hold the whole source.
 */
class KeepAllTokenizer extends Tokenizer {
  private repeats = 0;

  /** Blocks only (`lexMarkdown`): a list item's own blocks are not lexed (see `BlockLexer`). */
  constructor(private readonly blocksOnly: boolean) {
    super();
  }

  /**
   * marked rebuilds a quote's raw text wrongly when a nested quote ends in a lazy continuation
   * line (`>>> a` / `>>> b` / `c` comes back as `>>>>> a` / `> b` / `c`, of the same length):
   * the raw text is the source's own.
   */
  override blockquote(src: string): Tokens.Blockquote | undefined {
    const token = super.blockquote(src);
    if (token) token.raw = src.slice(0, token.raw.length);
    return token;
  }

  override list(src: string): Tokens.List | undefined {
    const lexer = this.lexer;
    if (!this.blocksOnly || !(lexer instanceof BlockLexer)) return super.list(src);
    lexer.readingItems = true;
    try {
      return super.list(src);
    } finally {
      lexer.readingItems = false;
    }
  }

  override def(src: string): Tokens.Def | undefined {
    const token = super.def(src);
    if (token && this.lexer.tokens.links[token.tag])
      token.tag = `${token.tag}\u0000${++this.repeats}`;
    return token;
  }
}

type OtherRules = Rules['other'];

/**
 * marked builds six regular expressions for every list item, each from the item's indent alone
 * (and one for every list, from its bullet). They are built once per indent here: none is global
 * or sticky, so one object serves every use.
 */
function sharingListRules(other: OtherRules): OtherRules {
  const once = <K extends string | number>(build: (key: K) => RegExp) => {
    const built = new Map<K, RegExp>();
    return (key: K) => {
      let re = built.get(key);
      if (!re) built.set(key, (re = build(key)));
      return re;
    };
  };
  return {
    ...other,
    listItemRegex: once(other.listItemRegex),
    nextBulletRegex: once(other.nextBulletRegex),
    hrRegex: once(other.hrRegex),
    fencesBeginRegex: once(other.fencesBeginRegex),
    headingBeginRegex: once(other.headingBeginRegex),
    htmlBeginRegex: once(other.htmlBeginRegex),
    blockquoteBeginRegex: once(other.blockquoteBeginRegex),
  };
}

let sharedRules: { from: OtherRules; rules: OtherRules } | null = null;

/** The rules `tokenizer` was given by its lexer, with the list regexes built once for all. */
function shareListRules(tokenizer: Tokenizer): void {
  const other = tokenizer.rules.other;
  if (sharedRules?.from !== other) sharedRules = { from: other, rules: sharingListRules(other) };
  tokenizer.rules = { ...tokenizer.rules, other: sharedRules.rules };
}

/**
 * marked's block lexer, for `lexMarkdown`, that leaves each list item's `tokens` empty. marked
 * lexes every item's text again as blocks of its own (most of the time spent on a template full
 * of short lists) only to fill `tokens` and to tell a loose list (`loose`); the item's `raw`,
 * `text` and `task` come from the list's own scan. Nothing that reads `lexMarkdown`'s tokens
 * looks at an item's `tokens` or `loose`: they read the item's text and raw source.
 */
class BlockLexer extends Lexer {
  /** Set by the tokenizer while it reads a list: the block lexing asked for is an item's. */
  readingItems = false;

  override blockTokens(src: string, tokens?: Token[], lastParagraphClipped?: boolean): Token[];
  override blockTokens(
    src: string,
    tokens?: TokensList,
    lastParagraphClipped?: boolean,
  ): TokensList;
  override blockTokens(src: string, tokens: Token[] = [], lastParagraphClipped = false): Token[] {
    if (this.readingItems) {
      // What marked's own lexing of the item leaves behind: the state of a top level.
      this.state.top = true;
      return tokens;
    }
    return super.blockTokens(src, tokens, lastParagraphClipped);
  }
}

/**
 * marked's block tokens of `source`. Only the blocks are read: the rules look at each block's
 * raw text (and list items' and table cells' text), never at marked's inline tokens, so the
 * inline pass (about half of lexing) is skipped and every `tokens` list of inline children is
 * left empty; so is each list item's `tokens` (its blocks), and `loose` stays false. Use
 * `lexMarkdownInline` where inline tokens or items' blocks are needed.
 */
export function lexMarkdown(source: string): Token[] {
  return lexWith(source, false);
}

/** As `lexMarkdown`, with marked's inline tokens too (for the rich-text editor). */
export function lexMarkdownInline(source: string): Token[] {
  return lexWith(source, true);
}

function lexWith(source: string, inline: boolean): Token[] {
  if (nestingDepth(source) > MAX_NESTING) {
    throw new TemplateError(`Lists or quotes are nested more than ${MAX_NESTING} levels deep`);
  }
  try {
    const tokenizer = new KeepAllTokenizer(!inline);
    const lexer = inline
      ? new Lexer({ gfm: true, tokenizer })
      : new BlockLexer({ gfm: true, tokenizer });
    shareListRules(tokenizer);
    if (inline) return lexer.lex(source);
    // What Lexer.lex does before its inline pass.
    const tokens = lexer.blockTokens(source.replace(/\r\n|\r/g, '\n'), lexer.tokens);
    lexer.inlineQueue = [];
    return tokens;
  } catch (error) {
    if (error instanceof RangeError) {
      throw new TemplateError('The Markdown is nested too deeply to read (over ~1,000 levels).');
    }
    throw error;
  }
}

/** The text of an ATX or setext heading line, from its raw source (closing #s kept). */
export function headingText(raw: string): string {
  const firstLine = raw.replace(/\n+$/, '');
  const atx = /^ {0,3}#{1,6}(?:[^\S\n]+|$)(.*)$/.exec(firstLine);
  if (atx) return atx[1]!.trim();
  return firstLine.split('\n')[0]!.trim();
}
