/**
 * Repeats (`Alternative 1/2/3`, `Phase N`, `{title of option N}`): a list of instances, each
 * holding the values of the group's fields. An instance is written as its heading or bold label
 * and its blocks, by the section renderer and reader (src/core/document/), since it is made of
 * sections and blocks rather than one Markdown block.
 */
import type { Field, GroupField, GroupInstance } from '../model.ts';
import type { KindModule } from './types.ts';

/** The fields of a repeat's instance that answer it (its name in the heading alone does not). */
export function bodyFields(group: GroupField): Field[] {
  const body = group.fields.filter((g) => !(g.id === 'name' && g.kind === 'text'));
  return body.length > 0 ? body : group.fields;
}

export const groupKind: KindModule<GroupField> = {
  empty: () => [],
  // A new draft starts with one instance.
  initial: (field, _today, initialOf) => {
    const instance: GroupInstance = {};
    for (const f of field.fields) instance[f.id] = initialOf(f);
    return [instance];
  },
  templateValue: () => [],
  render: () => '',
  // Filled when any field of any instance is.
  filled: (field, value, ctx) => {
    const instances = Array.isArray(value) ? (value as GroupInstance[]) : [];
    return instances.some((inst) => inst && field.fields.some((f) => ctx.isFilled(f, inst[f.id])));
  },
  placeholders: (field) => [field.placeholder],
  texts: (_field, value) => (typeof value === 'string' ? [value] : []),
  // The instances with an answer, each keyed by its fields' labels.
  json: (field, value, ctx) =>
    (Array.isArray(value) ? (value as GroupInstance[]) : [])
      .filter((inst) => inst && field.fields.some((f) => ctx.isFilled(f, inst[f.id])))
      .map((inst) => ctx.labelled(field.fields, inst)),
};
