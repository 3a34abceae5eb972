/**
 * The form's zod schemas, built from the Template: each field's value shape (as in
 * `valuesSchema`), plus the checks worth telling the author about while editing (a date that
 * is not a date). Completeness is not validation: empty answers pass here and are reported by
 * checkDocument instead. Keys the template does not know (kept extra content) pass through.
 */
import { z } from '../../core/zod.ts';
import { taskItemSchema, checklistValueSchema } from '../../core/model.ts';
import type { Field } from '../../core/model.ts';
import type { Template } from '../../core/template/types.ts';
import { allFields } from './templateModel.ts';
import type { FieldValidator } from './formStore.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

export function fieldSchema(field: Field): z.ZodMiniType {
  switch (field.kind) {
    case 'text':
    case 'prose':
    case 'code':
      return z.string();
    case 'date':
      return z
        .string()
        .check(
          z.refine((v) => v === '' || isRealDate(v), { message: 'Enter a date as YYYY-MM-DD.' }),
        );
    case 'choice':
      return z.string();
    case 'list':
      return z.array(z.string());
    case 'tasklist':
      return z.array(taskItemSchema);
    case 'checklist':
      return checklistValueSchema.check(
        z.refine((v) => field.multiple || v.checked.length <= 1, { message: 'Choose one option.' }),
      );
    case 'table':
      return z.array(z.array(z.string()));
    case 'keyvalue':
      return z.record(z.string(), z.string());
    case 'group': {
      const shape: Record<string, z.ZodMiniType> = {};
      for (const f of field.fields) shape[f.id] = z.optional(fieldSchema(f));
      return z.array(z.looseObject(shape));
    }
  }
}

/**
 * Checks a template's fields one at a time (`FormStore`'s validator): a field's schema is built
 * the first time it is checked, not on opening (for a template of thousands of fields, building
 * every schema takes a noticeable while). Keys the template does not know (kept content) pass.
 */
export function fieldValidator(template: Template): FieldValidator {
  // Found when a field is first validated, not when the editor opens (a template of 10,000
  // fields walked and mapped on the open's path).
  let fields: Map<string, Field> | null = null;
  const schemas = new Map<string, z.ZodMiniType>();
  return (key, value) => {
    fields ??= new Map(allFields(template).map((f) => [f.id, f] as const));
    const field = fields.get(key);
    if (!field || value === undefined) return [];
    let schema = schemas.get(key);
    if (!schema) schemas.set(key, (schema = fieldSchema(field)));
    const result = schema.safeParse(value);
    if (result.success) return [];
    return result.error.issues.map((issue) => ({
      path: [key, ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
  };
}
