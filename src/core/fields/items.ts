/** Markdown list items, shared by the kinds written as lists (list, tasklist, checklist, key-value). */

/** A list item: its indentation, its marker (`-`, `*`, `+`, `1.`, `1)`) and its text. */
export const ITEM_RE = /^(\s*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)(.*)$/;

/** A task item's box (`[ ]`, `[x]`, escaped `\[ \]` too) and its text. */
export const TASK_RE = /^\\?\[([ xX])\\?\](?:[ \t]|$)(.*)$/;

/** A block's lines, without the blank lines that end it. */
export function blockLines(raw: string): string[] {
  return raw.replace(/\n+$/, '').split('\n');
}

export function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
