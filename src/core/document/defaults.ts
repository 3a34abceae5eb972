import type { Field, FieldValue, Values } from '../model.ts';
import type { Template } from '../template/types.ts';
import { initialValue } from '../fields/index.ts';
import { allFields } from './walk.ts';

/** A field's starting value: today for dates, the example for code, real defaults for text. */
export function defaultFieldValue(field: Field, today: string): FieldValue {
  return initialValue(field, today);
}

/** Values for a new draft of a template. */
export function defaultValues(template: Template, today: string): Values {
  const values: Values = {};
  for (const field of allFields(template)) values[field.id] = defaultFieldValue(field, today);
  return values;
}
