/**
 * The form's zod schema, built from the Template: each field's value shape (as in
 * `valuesSchema`), plus the checks worth telling the author about while editing (a date that
 * is not a date). Completeness is not validation: empty answers pass here and are reported by
 * checkDocument instead. Keys the template does not know (kept extra content) pass through.
 */
import { z } from '../../core/zod.ts';
import { fieldValueSchema, taskItemSchema, checklistValueSchema } from '../../core/model.ts';
import type { Field } from '../../core/model.ts';
import type { Template } from '../../core/template/types.ts';
import { allFields } from './templateModel.ts';

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

/** The schema of a template's values, for the form's resolver. */
export function formSchema(
  template: Template,
): z.ZodMiniType<Record<string, unknown>, Record<string, unknown>> {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const field of allFields(template)) shape[field.id] = z.optional(fieldSchema(field));
  // Anything else (content kept per section) is still a valid field value.
  return z.catchall(z.object(shape), fieldValueSchema);
}
