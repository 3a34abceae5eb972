/**
 * What the form needs from a Template beyond core's walk: a new group instance, titles for
 * people, and which sections have anything to fill in.
 */
import { defaultFieldValue } from '../../core/document/defaults.ts';
import { ownFields } from '../../core/document/walk.ts';
import type { Field, FieldValue, GroupInstance } from '../../core/model.ts';
import type { SectionNode, Template } from '../../core/template/types.ts';

export { allFields, emptyValue, ownFields } from '../../core/document/walk.ts';

/** A new instance of a group: each of its fields at its starting value. */
export function newInstance(
  field: Extract<Field, { kind: 'group' }>,
  today: string,
): GroupInstance {
  const instance: GroupInstance = {};
  for (const f of field.fields) instance[f.id] = startValue(f, today);
  return instance;
}

/**
 * A field's value in a new draft: the core's default, except that code starts empty with the
 * template's sample as its placeholder (and a "Start from the example" action).
 */
export function startValue(field: Field, today: string): FieldValue {
  if (field.kind === 'code') return '';
  if (field.kind === 'group') return [newInstance(field, today)];
  return defaultFieldValue(field, today);
}

/** The front matter fields the author edits (document and issue templates alike). */
export function frontMatterFields(template: Template): Field[] {
  return (template.frontMatter?.entries ?? []).flatMap((e) => (e.field ? [e.field] : []));
}

/** Today as YYYY-MM-DD in the author's time zone. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A section's title for people: the heading text, or a name for the part before it. */
export function sectionTitle(node: SectionNode): string {
  if (node.type === 'group') return `${node.field.itemLabel || node.field.label}s`;
  if (node.level === 0) return 'Introduction';
  return node.title;
}

/** Whether a node (or a descendant) has something to fill in. */
export function hasFields(node: SectionNode): boolean {
  if (node.type === 'group') return true;
  return ownFields(node).length > 0 || node.children.some(hasFields);
}
