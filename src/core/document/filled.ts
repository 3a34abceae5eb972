/** Whether a field holds an answer: shared by the checker and the renderer's options. */
import type { ChecklistValue, Field, FieldValue, GroupInstance, TaskItem } from '../model.ts';
import { isOnlyPlaceholders, stripComments, unescapeMarkdown } from '../text.ts';

function isText(v: FieldValue | undefined): v is string {
  return typeof v === 'string';
}

export function textFilled(text: string, template: readonly string[]): boolean {
  const t = stripComments(text).trim();
  if (t === '') return false;
  if (template.some((p) => p.trim() !== '' && unescapeMarkdown(p.trim()) === unescapeMarkdown(t)))
    return false;
  return !isOnlyPlaceholders(t);
}

export interface FilledOptions {
  /**
   * Issue forms: a placeholder is grey text GitHub never writes into the body, so text equal to
   * it was typed by the author and is an answer.
   */
  placeholderIsAnswer?: boolean;
}

/** Whether a field holds an answer (not empty, not the template's own text, not placeholders). */
export function isFieldFilled(
  field: Field,
  value: FieldValue | undefined,
  options: FilledOptions = {},
): boolean {
  const own = (f: { placeholder: string; defaultValue: string }) =>
    options.placeholderIsAnswer ? [f.defaultValue] : [f.placeholder, f.defaultValue];
  if (
    options.placeholderIsAnswer &&
    (field.kind === 'text' || field.kind === 'prose') &&
    isText(value) &&
    value.trim() !== '' &&
    value.trim() === field.placeholder.trim()
  )
    return true;
  switch (field.kind) {
    case 'text':
      return isText(value) && textFilled(value, own(field));
    case 'date':
      return isText(value) && /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
    case 'prose':
      return isText(value) && textFilled(value, own(field));
    case 'choice':
      return isText(value) && textFilled(value, []);
    case 'code':
      return isText(value) && value.trim() !== '' && value.trim() !== field.placeholder.trim();
    case 'list':
      return (
        Array.isArray(value) &&
        (value as string[]).some(
          (item) => typeof item === 'string' && textFilled(item, field.placeholderItems),
        )
      );
    case 'tasklist':
      return (
        Array.isArray(value) &&
        (value as TaskItem[]).some(
          (t) => t && typeof t.text === 'string' && textFilled(t.text, field.placeholderItems),
        )
      );
    case 'checklist': {
      const v = value as ChecklistValue | undefined;
      if (!v || !Array.isArray(v.checked)) return false;
      // Options that must be ticked (issue-form checkboxes) all are; otherwise any one is.
      const required = field.options.filter((o) => o.required);
      if (required.length > 0) return required.every((o) => v.checked.includes(o.label));
      return v.checked.length > 0 || (typeof v.other === 'string' && textFilled(v.other, []));
    }
    case 'table': {
      const rows = Array.isArray(value) ? (value as string[][]) : [];
      const placeholders = new Set(field.placeholderRows.map((r) => JSON.stringify(r)));
      return rows.some(
        (r) =>
          Array.isArray(r) &&
          !placeholders.has(JSON.stringify(r)) &&
          r.some((c) => typeof c === 'string' && textFilled(c, field.placeholderRows.flat())),
      );
    }
    case 'keyvalue': {
      const v =
        value && typeof value === 'object' && !Array.isArray(value)
          ? (value as Record<string, string>)
          : {};
      return field.entries.some(
        (e) => typeof v[e.key] === 'string' && textFilled(v[e.key]!, [e.placeholder]),
      );
    }
    case 'group': {
      const instances = Array.isArray(value) ? (value as GroupInstance[]) : [];
      return instances.some(
        (inst) => inst && field.fields.some((f) => isFieldFilled(f, inst[f.id], options)),
      );
    }
  }
}
