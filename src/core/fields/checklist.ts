/**
 * Checklists: the template's fixed options, each with a box (`- [ ] Bug fix`), one or several
 * ticked; an `Other: ___` option takes free text. A multi-select dropdown of an issue form is a
 * checklist written as one comma-separated line (marker `,`).
 */
import type { ChecklistField, ChecklistValue, FieldValue } from '../model.ts';
import { isOnlyPlaceholders, matchKey, unescapeMarkdown } from '../text.ts';
import { blockLines, escapeRe, ITEM_RE, TASK_RE } from './items.ts';
import { textFilled } from './text.ts';
import type { KindModule } from './types.ts';

export function isChecklistValue(value: unknown): value is ChecklistValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as ChecklistValue).checked) &&
    typeof (value as ChecklistValue).other === 'string'
  );
}

export function renderChecklist(field: ChecklistField, value: FieldValue | undefined): string {
  const v = isChecklistValue(value) ? value : { checked: [], other: '' };
  // A multi-select dropdown: GitHub writes the chosen options as one comma-separated line.
  if (field.marker === ',')
    return field.options
      .filter((o) => v.checked.includes(o.label))
      .map((o) => o.raw)
      .join(', ');
  return field.options
    .map((o, i) => {
      const marker = `${o.indent ?? ''}${/^[.)]$/.test(field.marker) ? `${i + 1}${field.marker}` : field.marker}`;
      const checked = v.checked.includes(o.label);
      if (o.other && v.other.trim() !== '')
        return `${marker} [${checked ? 'x' : ' '}] ${o.label}: ${v.other}`;
      return `${marker} [${checked ? 'x' : ' '}] ${o.raw}`;
    })
    .join('\n');
}

/**
 * The ticked options of a list block, matched by their text (spacing, case and escapes aside);
 * items that are no option are not read. A single-choice checklist keeps the first ticked.
 */
export function readChecklist(field: ChecklistField, raw: string): ChecklistValue {
  const value: ChecklistValue = { checked: [], other: '' };
  for (const line of blockLines(raw)) {
    const m = ITEM_RE.exec(line);
    if (!m) continue;
    const t = TASK_RE.exec(m[3]!);
    const checked = t ? t[1] !== ' ' : false;
    const text = t ? t[2]! : m[3]!;
    const key = matchKey(text);
    const option =
      field.options.find((o) => matchKey(o.raw) === key || matchKey(o.label) === key) ??
      field.options.find(
        (o) =>
          o.other && new RegExp(`^${escapeRe(o.label)}\\b[^:]*:`, 'i').test(unescapeMarkdown(text)),
      );
    if (!option) continue;
    if (option.other) {
      const after = unescapeMarkdown(text).replace(
        new RegExp(`^${escapeRe(option.label)}\\b[^:]*:\\s*`, 'i'),
        '',
      );
      const rest = text.replace(/^[^:]*:\s?/, '');
      if (matchKey(text) !== matchKey(option.raw) && !isOnlyPlaceholders(after)) value.other = rest;
    }
    if (checked && !value.checked.includes(option.label)) value.checked.push(option.label);
  }
  if (!field.multiple && value.checked.length > 1) value.checked = value.checked.slice(0, 1);
  return value;
}

/** `Firefox, Chrome`: options in the order given, matched whole (an option may hold a comma). */
export function readCommaList(field: ChecklistField, raw: string): ChecklistValue {
  const text = raw.trim();
  const checked: string[] = [];
  const byLength = [...field.options].sort((a, b) => b.raw.length - a.raw.length);
  let rest = text;
  while (rest !== '') {
    const option = byLength.find((o) => rest === o.raw || rest.startsWith(`${o.raw}, `));
    if (!option) break;
    if (!checked.includes(option.label)) checked.push(option.label);
    rest = rest.slice(option.raw.length).replace(/^, /, '');
  }
  return {
    checked: field.options.filter((o) => checked.includes(o.label)).map((o) => o.label),
    other: '',
  };
}

export const checklistKind: KindModule<ChecklistField> = {
  empty: () => ({ checked: [], other: '' }),
  templateValue: () => ({ checked: [], other: '' }),
  render: (field, value) => renderChecklist(field, value),
  readBlock: (field, unit) => {
    // A multi-select dropdown's answer is one comma-separated line.
    if (field.marker === ',')
      return unit.type === 'paragraph' ? readCommaList(field, unit.raw) : null;
    return unit.type === 'list' ? readChecklist(field, unit.raw) : null;
  },
  filled: (field, value) => {
    const v = value as ChecklistValue | undefined;
    if (!v || !Array.isArray(v.checked)) return false;
    // Options that must be ticked (issue-form checkboxes) all are; otherwise any one is.
    const required = field.options.filter((o) => o.required);
    if (required.length > 0) return required.every((o) => v.checked.includes(o.label));
    return v.checked.length > 0 || (typeof v.other === 'string' && textFilled(v.other, []));
  },
  placeholders: (field) => [field.placeholder],
  texts: (_field, value) => (typeof value === 'string' ? [value] : []),
  json: (_field, value) => {
    const v = value as ChecklistValue;
    return { checked: [...v.checked], other: v.other };
  },
};
