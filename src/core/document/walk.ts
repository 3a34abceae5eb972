/** Walking a Template: its sections in document order and the fields each one owns. */
import type { Field, Values } from '../model.ts';
import type { Block, Section, SectionNode, Template } from '../template/types.ts';
import { emptyValue } from '../fields/index.ts';

export { emptyValue };

/** Fields a list of blocks holds directly (groups count as one field). */
export function blockFields(blocks: Block[]): Field[] {
  const out: Field[] = [];
  for (const b of blocks) {
    if (b.type === 'field' || b.type === 'inline' || b.type === 'group') out.push(b.field);
    else if (b.type === 'quote') out.push(...blockFields(b.blocks));
  }
  return out;
}

/** The fields a section owns itself: heading fields and its blocks, not its subsections. */
export function ownFields(section: Section): Field[] {
  return [...section.headingFields, ...blockFields(section.blocks)];
}

/** Every section node in document order (groups as one node). */
export function sectionNodes(template: Template): SectionNode[] {
  const out: SectionNode[] = [];
  const visit = (node: SectionNode) => {
    out.push(node);
    if (node.type === 'section') node.children.forEach(visit);
  };
  visit(template.root);
  return out;
}

/** All top-level fields of a template (front matter, sections, groups), in document order. */
export function allFields(template: Template): Field[] {
  const out: Field[] = [];
  for (const e of template.frontMatter?.entries ?? []) if (e.field) out.push(e.field);
  for (const node of sectionNodes(template)) {
    if (node.type === 'group') out.push(node.field);
    else out.push(...ownFields(node));
  }
  return out;
}

/** Values with every field present: missing ones get their empty value. */
export function completeValues(fields: Field[], values: Values): Values {
  const out: Values = { ...values };
  for (const f of fields) {
    if (out[f.id] === undefined) out[f.id] = emptyValue(f);
  }
  return out;
}
