/**
 * List fields: bullet (`-`, `*`, `+`) or numbered (`1.`, `1)`) items, one line each. The
 * template's own items (`Limitation 1...`, empty items) are placeholders, not answers.
 */
import type { FieldValue, ListField } from '../model.ts';
import { blockLines, ITEM_RE } from './items.ts';
import { textFilled } from './text.ts';
import type { KindModule } from './types.ts';

const RULE_LINE_RE = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;

/** An item that would turn its line into a rule (`- ---`) gets a backslash; see unescapeListItem. */
export function escapeListItem(marker: string, item: string): string {
  return RULE_LINE_RE.test(`${marker} ${item.replace(/^\\+/, '')}`) ? `\\${item}` : item;
}

export function unescapeListItem(marker: string, item: string): string {
  return item.startsWith('\\') && RULE_LINE_RE.test(`${marker} ${item.replace(/^\\+/, '')}`)
    ? item.slice(1)
    : item;
}

function items(value: FieldValue | undefined): string[] {
  return Array.isArray(value) ? (value as string[]).filter((v) => typeof v === 'string') : [];
}

export function renderList(field: ListField, value: FieldValue | undefined): string {
  return items(value)
    .map((item, i) =>
      field.ordered
        ? `${i + 1}${field.marker} ${item}`
        : `${field.marker} ${escapeListItem(field.marker, item)}`,
    )
    .join('\n');
}

/**
 * The items of a list block: top-level items (a line indented less than two spaces), each with
 * its continuation lines joined by a space. Empty items and the template's own are dropped.
 */
export function readList(field: ListField, raw: string): string[] {
  const found: string[] = [];
  // A list indented as a whole (an answer below a bold list item) has its items at its first
  // item's indentation.
  let base = -1;
  for (const line of blockLines(raw)) {
    const m = ITEM_RE.exec(line);
    if (m && base < 0) base = m[1]!.length;
    if (m && m[1]!.length < base + 2) found.push(m[3]!);
    else if (found.length && line.trim()) found[found.length - 1] += ` ${line.trim()}`;
  }
  const placeholders = new Set(field.placeholderItems.map((p) => p.trim()));
  return found
    .filter((t) => t.trim() !== '' && !placeholders.has(t.trim()))
    .map((t) => (field.ordered ? t : unescapeListItem(field.marker, t)));
}

export const listKind: KindModule<ListField> = {
  empty: () => [],
  templateValue: (field) => field.placeholderItems,
  render: (field, value) => renderList(field, value),
  readBlock: (field, unit) => (unit.type === 'list' ? readList(field, unit.raw) : null),
  filled: (field, value) =>
    Array.isArray(value) &&
    (value as string[]).some(
      (item) => typeof item === 'string' && textFilled(item, field.placeholderItems),
    ),
  placeholders: (field) => [field.placeholder, ...field.placeholderItems],
  texts: (_field, value) =>
    typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [],
  json: (field, value) =>
    (Array.isArray(value) ? (value as unknown[]) : []).filter(
      (item): item is string =>
        typeof item === 'string' && textFilled(item, field.placeholderItems),
    ),
};
