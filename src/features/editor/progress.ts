/**
 * What the editor tells the author about how much is left: the meter's counts and the required
 * fields still empty, in document order. Built on the same rules as `checkDocument`, so the
 * meter, the field errors and "Next missing" never disagree with the export check.
 */
import { bodyFields } from '../../core/check.ts';
import type { Report } from '../../core/check.ts';
import { isFieldFilled } from '../../core/document/filled.ts';
import { ownFields, sectionNodes } from '../../core/document/walk.ts';
import type { Field, GroupInstance, Values } from '../../core/model.ts';
import type { Template } from '../../core/template/types.ts';

/**
 * Something the author must fill: a required field, or, in a required section without required
 * fields, any one of its fields (the section is missing until one is filled). `path` is the
 * form path of the field to go to.
 */
export interface RequiredSlot {
  path: string;
  sectionId: string;
  fields: Field[];
}

/** Required fields of required sections, in document order (a group counts as one field). */
export function requiredSlots(template: Template): RequiredSlot[] {
  const out: RequiredSlot[] = [];
  for (const node of sectionNodes(template)) {
    if (node.type === 'group') {
      if (!node.optional) out.push({ path: node.id, sectionId: node.id, fields: [node.field] });
      continue;
    }
    if (node.optional) continue;
    const fields = ownFields(node);
    if (node === template.root) {
      // The part before the first heading: each field is a section of its own.
      for (const f of fields) {
        if (f.required) out.push({ path: f.id, sectionId: f.id, fields: [f] });
      }
      continue;
    }
    const required = fields.filter((f) => f.required);
    // A parent whose own text is optional is filled through its subsections (as checkDocument).
    if (required.length === 0 && node.children.length > 0) continue;
    for (const f of required) out.push({ path: f.id, sectionId: node.id, fields: [f] });
    const first = fields[0];
    if (required.length === 0 && first) out.push({ path: first.id, sectionId: node.id, fields });
  }
  return out;
}

/**
 * The required fields still empty. A repeat with an instance left empty beside filled ones is
 * missing too (as `checkDocument` says): its slot leads to that instance's first field.
 */
export function emptySlots(slots: readonly RequiredSlot[], values: Values): RequiredSlot[] {
  const out: RequiredSlot[] = [];
  for (const s of slots) {
    const group = s.fields.length === 1 && s.fields[0]!.kind === 'group' ? s.fields[0] : null;
    const list = group ? values[group.id] : undefined;
    if (group && Array.isArray(list) && list.length > 1) {
      const body = bodyFields(group);
      const empty = (list as GroupInstance[]).findIndex(
        (inst) => !body.some((g) => isFieldFilled(g, inst[g.id])),
      );
      if (empty >= 0 && body[0]) {
        out.push({ ...s, path: `${group.id}.${empty}.${body[0].id}` });
        continue;
      }
    }
    if (!s.fields.some((f) => isFieldFilled(f, values[f.id]))) out.push(s);
  }
  return out;
}

export interface MeterCounts {
  complete: number;
  partial: number;
  total: number;
}

/** Required sections complete, partly filled, and in all. */
export function meterCounts(report: Report): MeterCounts {
  let complete = 0;
  let partial = 0;
  let total = 0;
  for (const s of report.sections) {
    if (!s.required || s.status === 'empty' || s.status === 'optional') continue;
    total++;
    if (s.status === 'complete') complete++;
    else if (s.status === 'partial') partial++;
  }
  return { complete, partial, total };
}

/** "5 of 9 sections complete · 2 partly filled". */
export function meterText({ complete, partial, total }: MeterCounts): string {
  const head = `${complete} of ${total} ${total === 1 ? 'section' : 'sections'} complete`;
  return partial > 0 ? `${head} · ${partial} partly filled` : head;
}
