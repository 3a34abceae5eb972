import type { Field, FieldValue, GroupInstance, Values } from '../model.ts';
import type { Template } from '../template/types.ts';
import { allFields, emptyValue } from './walk.ts';

/** A field's starting value: today for dates, the example for code, real defaults for text. */
export function defaultFieldValue(field: Field, today: string): FieldValue {
  switch (field.kind) {
    case 'date':
      return today;
    case 'text':
      return field.defaultValue;
    case 'prose':
      return field.defaultValue;
    case 'code':
      return field.placeholder;
    case 'choice':
      // An issue-form dropdown's `default:` option is preselected, as GitHub does.
      return field.options.includes(field.placeholder) ? field.placeholder : '';
    case 'group': {
      const instance: GroupInstance = {};
      for (const f of field.fields) instance[f.id] = defaultFieldValue(f, today);
      return [instance];
    }
    default:
      return emptyValue(field);
  }
}

/** Values for a new draft of a template. */
export function defaultValues(template: Template, today: string): Values {
  const values: Values = {};
  for (const field of allFields(template)) values[field.id] = defaultFieldValue(field, today);
  return values;
}
