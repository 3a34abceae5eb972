/**
 * marked's block lexer as the template parser and the document reader use it. A module of its
 * own, apart from the template parser (markdown.ts), so the editor reads and checks documents
 * without loading the parser: built-in templates are parsed at build time, imported ones in
 * a chunk loaded when needed.
 */
import { Lexer, Tokenizer, type Token, type Tokens } from 'marked';
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

  override def(src: string): Tokens.Def | undefined {
    const token = super.def(src);
    if (token && this.lexer.tokens.links[token.tag])
      token.tag = `${token.tag}\u0000${++this.repeats}`;
    return token;
  }
}

/**
 * marked's block tokens of `source`. Only the blocks are read: the rules look at each block's
 * raw text (and list items' and table cells' text), never at marked's inline tokens, so the
 * inline pass (about half of lexing) is skipped and every `tokens` list of inline children is
 * left empty. Use marked's own Lexer where inline tokens are needed.
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
    const lexer = new Lexer({ gfm: true, tokenizer: new KeepAllTokenizer() });
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
