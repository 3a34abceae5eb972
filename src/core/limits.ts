/**
 * Size and depth limits, the same in the editor, the preview, imports, share links and the CLI.
 * Each limit has one message that says what was refused and how large the input is. Text over a
 * limit is refused before anything is saved (imports, share links, pastes) or kept as it is and
 * shown unrendered with a notice (the preview): it is never cut or dropped.
 */

export const LIMITS = {
  /** A template's text (Markdown, plain text or issue form). A 1 MB template is fine. */
  templateChars: 2_000_000,
  /** A whole document: the Markdown of a draft, or a filled document read back. */
  documentChars: 4_000_000,
  /** One field's value. GitHub refuses an issue body over 65,536 characters. */
  fieldChars: 100_000,
  /** The data in a share link (after `#/share/`), including the template it may carry. */
  shareLinkChars: 2_000_000,
  /** Lists and quotes nested deeper than this are refused (templates) or not rendered (preview). */
  nestingDepth: 256,
  /** The preview renders no single line longer than this (it is shown as plain text instead). */
  previewLineChars: 200_000,
} as const;

export type LimitName = 'template' | 'document' | 'field' | 'shareLink' | 'nesting';

const numberFormat = new Intl.NumberFormat('en-US');

/** 1234567 → "1,234,567" (the same in every locale, so messages and tests agree). */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** The one message for each limit, given the size (or depth) found. */
export function limitMessage(limit: LimitName, actual: number): string {
  const n = formatCount(actual);
  switch (limit) {
    case 'template':
      return `This template has ${n} characters; a template may have at most ${formatCount(LIMITS.templateChars)}.`;
    case 'document':
      return `This document has ${n} characters; a document may have at most ${formatCount(LIMITS.documentChars)}.`;
    case 'field':
      return `This text has ${n} characters; one field holds at most ${formatCount(LIMITS.fieldChars)}.`;
    case 'shareLink':
      return `This share link holds ${n} characters of data; a share link may hold at most ${formatCount(LIMITS.shareLinkChars)}.`;
    case 'nesting':
      return `Lists or quotes are nested ${n} levels deep; at most ${formatCount(LIMITS.nestingDepth)} levels can be read.`;
  }
}

/** The message when `text` is over the named size limit, or null when it fits. */
export function checkSize(
  limit: 'template' | 'document' | 'field',
  text: { readonly length: number },
): string | null {
  const max =
    limit === 'template'
      ? LIMITS.templateChars
      : limit === 'document'
        ? LIMITS.documentChars
        : LIMITS.fieldChars;
  return text.length > max ? limitMessage(limit, text.length) : null;
}

/**
 * How deeply lists and quotes nest in Markdown, as a reader would count it: each `>` and each
 * list marker at the start of a line (`- - - x` is three lists), plus two columns of indentation
 * per level. Linear in the text's length; it may overestimate by a level, never underestimate.
 */
export function nestingDepth(text: string): number {
  let deepest = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let depth = 0;
    let columns = 0;
    // Leading structure of one line.
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32) {
        columns += 1;
        i += 1;
      } else if (c === 9) {
        columns += 4 - (columns % 4);
        i += 1;
      } else if (c === 62 /* > */) {
        depth += 1;
        i += 1;
      } else if ((c === 45 || c === 42 || c === 43) && isSpace(text.charCodeAt(i + 1))) {
        depth += 1; // - * +
        i += 2;
      } else if (c >= 48 && c <= 57) {
        let j = i;
        while (j < n && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j += 1;
        const after = text.charCodeAt(j);
        if ((after === 46 || after === 41) && isSpace(text.charCodeAt(j + 1))) {
          depth += 1; // 1. 1)
          i = j + 2;
        } else break;
      } else break;
    }
    deepest = Math.max(deepest, depth + Math.floor(columns / 2));
    const newline = text.indexOf('\n', i);
    if (newline === -1) break;
    i = newline + 1;
  }
  return deepest;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** The length of the longest line (linear, without splitting the text). */
export function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    longest = Math.max(longest, end - start);
    if (newline === -1) return longest;
    start = newline + 1;
  }
}

/**
 * Why Markdown should not be rendered (shown as plain text instead), or null when it can be:
 * over the document limit, nested deeper than the nesting limit, or a line too long to lay out.
 */
export function previewHazard(markdown: string): string | null {
  if (markdown.length > LIMITS.documentChars) return limitMessage('document', markdown.length);
  return previewHazardOf(markdown.length, nestingDepth(markdown), longestLine(markdown));
}

/**
 * `previewHazard` from the document's measures (its length, `nestingDepth`, `longestLine`), for
 * a preview that keeps them per part of the document.
 */
export function previewHazardOf(length: number, depth: number, line: number): string | null {
  if (length > LIMITS.documentChars) return limitMessage('document', length);
  if (depth > LIMITS.nestingDepth) return limitMessage('nesting', depth);
  if (line > LIMITS.previewLineChars) {
    return `One line has ${formatCount(line)} characters; the preview renders lines of at most ${formatCount(LIMITS.previewLineChars)}.`;
  }
  return null;
}
