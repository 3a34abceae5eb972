import { lexBlocks, normalizeNewlines, renderTokens } from './markdownEngine.ts';
import { sanitizeHtml } from './sanitize.ts';

/**
 * Markdown → sanitized HTML, the way GitHub shows it: GFM (tables, task lists, strikethrough,
 * autolinks), alerts in both `> [!NOTE]` and `> \[!NOTE]` spellings, front matter as a table (as GitHub shows it).
 * The result is safe to assign to innerHTML.
 */
export function renderMarkdown(md: string): string {
  return sanitizeHtml(renderTokens(lexBlocks(normalizeNewlines(md))).html);
}
