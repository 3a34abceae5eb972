/** Small text helpers shared by the template parser, the renderer, the reader and the checker. */

/** Normalises line endings: the whole core works on `\n` only. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Removes Markdown backslash escapes (`\[` → `[`, `\_` → `_`). */
export function unescapeMarkdown(text: string): string {
  // Most text has no backslash at all: a scan for one is far cheaper than the replace.
  if (!text.includes('\\')) return text;
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const EMOJI = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]/gu;

/**
 * A comparison key for headings and labels: case, emoji, punctuation, Markdown emphasis and
 * spacing do not matter ("🎯 **Goals:**" matches "Goals").
 */
export function matchKey(text: string): string {
  return unescapeMarkdown(text)
    .replace(EMOJI, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A stable id part from a label: lower-case ASCII words joined by hyphens. */
export function slugify(text: string): string {
  const plain = unescapeMarkdown(text);
  // Decomposing only changes text beyond ASCII (accents are dropped from the decomposed form).
  // eslint-disable-next-line no-control-regex -- any character past ASCII
  const ascii = !/[^\u0000-\u007f]/.test(plain);
  const slug = (ascii ? plain : plain.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .toLowerCase()
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 48).replace(/-+$/, '') || 'field';
}

const OPTIONAL_RE =
  /\(\s*optional\s*\)|\boptional\b|\(\s*if applicable\s*\)|\bif applicable\b|nice[- ]to[- ]have/i;

/** Sections and fields whose title says "(Optional)", "(if applicable)" or "Nice-to-Have". */
export function isOptionalTitle(title: string): boolean {
  return OPTIONAL_RE.test(unescapeMarkdown(title));
}

/** HTML comments, e.g. guidance: `<!-- … -->`. */
export const COMMENT_RE = /<!--[\s\S]*?-->/g;

export function stripComments(text: string): string {
  return text.includes('<!--') ? text.replace(COMMENT_RE, '') : text;
}

/** The text inside a comment, without the `<!--`/`-->` and an "AI:" style prefix. */
export function commentText(raw: string): string {
  return raw
    .trim()
    .replace(/^<!--/, '')
    .replace(/-->$/, '')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
}

/**
 * Placeholder tokens that a template uses for "write here": bracketed text (`[Your Name]`,
 * `\[Name]`), ellipses, `YYYY-MM-DD`, runs of X (`XXX`, `EP-XXX`), `___`.
 */
export const PLACEHOLDER_TOKEN_RE =
  /\\?\[(?!\s*[xX ]?\s*\\?\])[^\]\n]{1,200}\\?\](?!\()|\.{3}|…|\bY{4}-M{2}-D{2}\b|(?<![A-Za-z])X{3,}(?![A-Za-z])|(?:\\?_){3,}/g;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;
/** A token starting exactly at `lastIndex`. */
const TOKEN_AT = new RegExp(PLACEHOLDER_TOKEN_RE.source, 'y');

/** Whether the text holds nothing but placeholders, punctuation and spaces. */
export function isOnlyPlaceholders(text: string): boolean {
  if (text.includes('<!--')) {
    LETTER_OR_DIGIT.lastIndex = 0;
    return !LETTER_OR_DIGIT.test(stripComments(text).replace(PLACEHOLDER_TOKEN_RE, ''));
  }
  // The tokens are found as `replace` finds them (at the first place one starts, then after
  // it), but only up to each letter: a letter outside every token answers at once, so an
  // answer is not read to its end (removing its tokens copied all of it, and a search for the
  // next token ran to the end of a text that has none).
  let from = 0;
  for (;;) {
    LETTER_OR_DIGIT.lastIndex = from;
    const letter = LETTER_OR_DIGIT.exec(text);
    if (!letter) return true;
    let covered = false;
    for (let at = from; at <= letter.index; at++) {
      TOKEN_AT.lastIndex = at;
      const token = TOKEN_AT.exec(text);
      if (!token) continue;
      at += token[0].length - 1;
      from = at + 1;
      if (from > letter.index) {
        covered = true;
        break;
      }
    }
    if (!covered) return false;
  }
}

/** The placeholder tokens in a text, e.g. `["[Your Name]", "XXX"]`. */
export function findPlaceholders(text: string): string[] {
  return stripComments(text).match(PLACEHOLDER_TOKEN_RE) ?? [];
}

const CHOICE_WORDS = new Set([
  'yes',
  'no',
  'true',
  'false',
  'high',
  'medium',
  'low',
  'small',
  'large',
  'none',
  'some',
  'all',
  'major',
  'minor',
  'patch',
  'required',
  'optional',
  'enabled',
  'disabled',
  'on',
  'off',
  'n/a',
]);

/** Options written inline: `Small / Medium / Large / XL`, `High/Medium/Low`, `Yes/No`. */
export function parseInlineOptions(text: string): { options: string[]; detail: boolean } | null {
  // Options are separated by `/` or `|`; unescaping and dropping comments add neither.
  if (!text.includes('/') && !text.includes('|')) return null;
  let body = unescapeMarkdown(stripComments(text)).trim();
  body = body.replace(/^\[(.*)\]$/s, '$1').trim();
  let detail = false;
  const dash = /\s+[-–—]\s+/.exec(body);
  if (dash) {
    detail = true;
    body = body.slice(0, dash.index);
  }
  const separator = body.includes('|') && !body.includes('/') ? '|' : '/';
  if (!body.includes(separator)) return null;
  const options = body.split(separator).map((o) => o.trim());
  if (options.length < 2 || options.length > 8) return null;
  if (!options.every((o) => /^[\p{L}\p{N}][\p{L}\p{N} +-]{0,19}$/u.test(o))) return null;
  if (options.some((o) => o.split(/\s+/).length > 2)) return null;
  // Two bracketed words (`[System/Component]`) are a placeholder, not a choice, unless they are
  // answers (`Yes/No`) or free text may follow (`[Yes/No - if yes, list them]`).
  if (options.length === 2 && !detail && !options.every((o) => CHOICE_WORDS.has(o.toLowerCase())))
    return null;
  return { options, detail };
}

/** A date placeholder or value: `YYYY-MM-DD` or an ISO date. */
export function looksLikeDate(text: string): boolean {
  const t = text.trim();
  return /^Y{4}-M{2}-D{2}$/.test(t) || /^\d{4}-\d{2}-\d{2}$/.test(t);
}

export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
