/**
 * Key-value fields: a list of `Key: value` items (`- **CPU**: 2 cores`), one value per key of
 * the template. Each key is written as the template wrote it (its layout: marker, bold, nesting)
 * and read in every common spelling (`- **Key**: v`, `- **Key:** v`, `- Key: v`).
 */
import type { FieldValue, KeyValueField } from '../model.ts';
import type { KeyLayout } from '../template/types.ts';
import { unescapeMarkdown } from '../text.ts';
import { blockLines, escapeRe, ITEM_RE } from './items.ts';
import { textFilled } from './text.ts';
import type { KindModule } from './types.ts';

function asRecord(value: FieldValue | undefined): Record<string, string> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, string>)
    : {};
}

export function renderKeyValue(
  field: KeyValueField,
  value: FieldValue | undefined,
  layout: KeyLayout[] | undefined,
): string {
  const v = asRecord(value);
  return field.entries
    .map((e, i) => {
      const l = layout?.[i] ?? { prefix: `- **${e.key}**: `, emptyText: '' };
      const text = typeof v[e.key] === 'string' && v[e.key] !== '' ? v[e.key]! : l.emptyText;
      return `${l.prefix}${text}`.trimEnd();
    })
    .join('\n');
}

/**
 * The value of each key from the first item naming it; the template's empty text and
 * placeholder are not values. Items of other keys are not read.
 */
export function readKeyValue(
  field: KeyValueField,
  raw: string,
  layout: KeyLayout[] | undefined,
): Record<string, string> {
  const lines = blockLines(raw);
  const out: Record<string, string> = {};
  field.entries.forEach((entry, idx) => {
    // `- **Key**: value`, `- **Key:** value`, `- Key: value`; and `- Key value` when the
    // template wrote the key without a colon (`- Browser [e.g. chrome]`).
    const bare = layout?.[idx] !== undefined && !/[:*][ \t]*$/.test(layout[idx].prefix);
    const re = new RegExp(
      `^\\s*(?:[-*+]|\\d{1,9}[.)])[ \\t]+(?:\\*\\*${escapeRe(entry.key)}[ \\t]*:?\\*\\*[ \\t]*:?|${escapeRe(entry.key)}[ \\t]*:${bare ? `|${escapeRe(entry.key)}(?=[ \\t]|$)` : ''})[ \\t]?(.*)$`,
      'i',
    );
    const at = lines.findIndex((l) => re.test(unescapeMarkdown(l)) || re.test(l));
    if (at < 0) return;
    const line = lines[at]!;
    const m = re.exec(line) ?? re.exec(unescapeMarkdown(line));
    let v = (m?.[1] ?? '').trim();
    // A key whose value goes in a nested item (`* **Version:**` then `  * 4.0.3`).
    if (v === '' && layout?.[idx]?.prefix.includes('\n')) {
      const indent = /^\s*/.exec(line)![0].length;
      const next = ITEM_RE.exec(lines[at + 1] ?? '');
      if (next && next[1]!.length > indent) v = next[3]!.trim();
    }
    const empty = layout?.[idx]?.emptyText.trim() ?? '';
    if (v === empty || v === entry.placeholder) v = '';
    if (v) out[entry.key] = v;
  });
  return out;
}

export const keyValueKind: KindModule<KeyValueField> = {
  empty: () => ({}),
  templateValue: () => ({}),
  render: (field, value, ctx) => renderKeyValue(field, value, ctx.layout),
  readBlock: (field, unit, layout) =>
    unit.type === 'list' ? readKeyValue(field, unit.raw, layout) : null,
  filled: (field, value) => {
    const v = asRecord(value);
    return field.entries.some(
      (e) => typeof v[e.key] === 'string' && textFilled(v[e.key]!, [e.placeholder]),
    );
  },
  placeholders: (field) => [field.placeholder, ...field.entries.map((e) => e.placeholder)],
  texts: (_field, value) =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value as Record<string, string>)
        : [],
  // The template's keys first (a placeholder left is ''), then the document's own keys.
  json: (field, value) => {
    const v = asRecord(value);
    const out: Record<string, string> = {};
    for (const e of field.entries) {
      const text = v[e.key] ?? '';
      out[e.key] = textFilled(text, [e.placeholder]) ? text : '';
    }
    for (const [k, text] of Object.entries(v)) if (!(k in out)) out[k] = text;
    return out;
  },
};
