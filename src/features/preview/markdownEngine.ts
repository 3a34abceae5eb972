import { Lexer, Marked, Tokenizer } from 'marked';
import type { Links, Token, TokenizerAndRendererExtension } from 'marked';
import markedAlert from 'marked-alert';
// In the app this is the lazy stand-in (src/templates/yaml-lazy.ts): it throws until the YAML
// library is loaded, and the front matter then shows verbatim until it is.
import { parseDocument } from '../../core/template/yaml-light.ts';

/**
 * The one configured marked instance of the preview, and the lexing / rendering steps it is driven
 * through. Whole-document rendering and per-section rendering both go through `lexBlocks` and
 * `renderTokens`, so the two can only differ where the input differs.
 */

/** YAML front matter at the very start of a document (`---` … `---`). */
export const FRONT_MATTER = /^---[ \t]*\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/;

// GitHub renders `> \[!NOTE]` (escaped bracket, as two built-in templates write it) as an alert too;
// marked-alert only knows `> [!NOTE]`.
const ESCAPED_ALERT_START = /^( {0,3}>[ \t]?)\\(\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\])/;

// A comment-only raw HTML token cannot leave the HTML parser in a different state.
const COMMENTS_ONLY = /^\s*(?:<!--[\s\S]*?-->\s*)*$/;

/** The source each lexer was started on: front matter is only recognised at its very start. */
const documentSource = new WeakMap<Lexer, string>();

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const frontMatter: TokenizerAndRendererExtension = {
  name: 'frontMatter',
  level: 'block',
  tokenizer(src) {
    if (documentSource.get(this.lexer) !== src) return undefined;
    const match = FRONT_MATTER.exec(src);
    if (!match) return undefined;
    return { type: 'frontMatter', raw: match[0], text: match[1] ?? '' };
  },
  renderer(token) {
    const text = typeof token.text === 'string' ? token.text : '';
    // As GitHub shows it: a table of its keys and values. Verbatim when it is not a map of
    // readable YAML (or before the YAML library has loaded).
    const table = frontMatterTable(text);
    if (table !== null) return table;
    return `<pre class="front-matter"><code class="language-yaml">${escapeHtml(text)}</code></pre>\n`;
  },
};

/** Front matter as GitHub renders it: one header row of keys, one row of values. */
export function frontMatterTable(yamlText: string): string | null {
  let data: unknown;
  try {
    const doc = parseDocument(yamlText, { uniqueKeys: false });
    if (doc.errors.length > 0) return null;
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return null;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length === 0) return null;
  const head = entries.map(([key]) => `<th>${escapeHtml(key)}</th>`).join('');
  const row = entries.map(([, value]) => `<td>${yamlCell(value, 0)}</td>`).join('');
  return `<table class="front-matter"><thead><tr>${head}</tr></thead><tbody><tr>${row}</tr></tbody></table>\n`;
}

/** A value in a cell: text, or a nested table for a list or a map (as GitHub nests them). */
function yamlCell(value: unknown, depth: number): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return escapeHtml(value.toISOString().slice(0, 10));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return escapeHtml(String(value));
  }
  if (typeof value !== 'object') return '';
  if (depth > 8) return escapeHtml(JSON.stringify(value));
  if (Array.isArray(value)) {
    const cells = value.map((v) => `<td>${yamlCell(v, depth + 1)}</td>`).join('');
    return `<table><tbody><tr>${cells}</tr></tbody></table>`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const head = entries.map(([key]) => `<th>${escapeHtml(key)}</th>`).join('');
  const row = entries.map(([, v]) => `<td>${yamlCell(v, depth + 1)}</td>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody><tr>${row}</tr></tbody></table>`;
}

const markdown = new Marked({ gfm: true, breaks: false, pedantic: false }, markedAlert(), {
  extensions: [frontMatter],
  tokenizer: {
    blockquote(src) {
      const match = ESCAPED_ALERT_START.exec(src);
      if (!match) return false;
      const unescaped = `${match[1] ?? ''}${match[2] ?? ''}${src.slice(match[0].length)}`;
      const token = Tokenizer.prototype.blockquote.call(this, unescaped);
      if (!token) return false;
      // The backslash sits on the first line, inside what was consumed: one char longer raw.
      return { ...token, raw: src.slice(0, token.raw.length + 1) };
    },
  },
});

/** Line endings as marked normalises them, so offsets in our scans match the lexer's. */
export function normalizeNewlines(md: string): string {
  return md.includes('\r') ? md.replace(/\r\n?/g, '\n') : md;
}

/**
 * Block-level lexing only; inline lexing waits in `lexer.inlineQueue` for the link definitions.
 * `atDocumentStart`: `src` starts the document, so it may open with front matter (a part of a
 * document cut further on is never read as front matter).
 */
export function lexBlocks(src: string, atDocumentStart = true): Lexer {
  const lexer = new Lexer(markdown.defaults);
  if (atDocumentStart) documentSource.set(lexer, src);
  lexer.blockTokens(src, lexer.tokens);
  return lexer;
}

export interface MarkedOutput {
  /** marked's HTML, not yet sanitized. */
  html: string;
  /** Whether the tokens hold raw HTML other than comments (which may be unbalanced). */
  hasRawHtml: boolean;
}

/**
 * Finishes a lexer from `lexBlocks`: inline lexing (with `links` as the reference definitions when
 * given, else the lexer's own), the extensions' walkTokens, and marked's renderer.
 */
export function renderTokens(lexer: Lexer, links?: Links): MarkedOutput {
  if (links) lexer.tokens.links = { ...links };
  for (const { src, tokens } of lexer.inlineQueue) lexer.inlineTokens(src, tokens);
  lexer.inlineQueue = [];
  const walk = markdown.defaults.walkTokens;
  let hasRawHtml = false;
  void markdown.walkTokens(lexer.tokens, (token: Token) => {
    if (token.type === 'html') {
      const text: unknown = token.text;
      if (typeof text !== 'string' || !COMMENTS_ONLY.test(text)) hasRawHtml = true;
    }
    if (walk) return walk.call(markdown, token);
  });
  return { html: markdown.parser(lexer.tokens), hasRawHtml };
}
