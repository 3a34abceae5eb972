/**
 * A readable projection of a derived Template: sections in document order with their fields.
 * Used by `proposal schema`, the generated docs/templates.md and the golden tests.
 */
import type { Field } from '../core/model.ts';
import type { Section, SectionNode, Template } from '../core/template/types.ts';
import { blockFields } from '../core/document/walk.ts';

export interface FieldProjection {
  id: string;
  kind: Field['kind'];
  label: string;
  required: boolean;
  hint?: string;
  placeholder?: string;
  options?: string[];
  multiple?: boolean;
  other?: string[];
  detail?: boolean;
  columns?: { name: string; options?: string[] }[];
  entries?: { key: string; placeholder?: string; options?: string[] }[];
  items?: string[];
  language?: string;
  itemLabel?: string;
  fields?: FieldProjection[];
}

export interface SectionProjection {
  id: string;
  title: string;
  level: number;
  optional: boolean;
  /** A repeated section ("Alternative 1: …"): its fields are one instance's. */
  repeats?: { itemLabel: string; fieldId: string };
  hint?: string;
  fields: FieldProjection[];
}

export interface TemplateProjection {
  format: Template['format'];
  frontMatter: {
    role: 'document' | 'meta';
    entries: { key: string; value: string; field?: FieldProjection }[];
  } | null;
  sections: SectionProjection[];
}

function nonEmpty<T extends string | unknown[]>(value: T): T | undefined {
  return value.length > 0 ? value : undefined;
}

export function projectField(field: Field): FieldProjection {
  const out: FieldProjection = {
    id: field.id,
    kind: field.kind,
    label: field.label,
    required: field.required,
    hint: nonEmpty(field.hint),
    placeholder: nonEmpty(field.placeholder),
  };
  switch (field.kind) {
    case 'choice':
      out.options = field.options;
      out.detail = field.detail || undefined;
      break;
    case 'checklist':
      out.options = field.options.map((o) => o.label);
      out.multiple = field.multiple;
      out.other = nonEmpty(field.options.filter((o) => o.other).map((o) => o.label));
      break;
    case 'table':
      out.columns = field.columns.map((c) => ({ name: c.name, options: nonEmpty(c.options) }));
      break;
    case 'keyvalue':
      out.entries = field.entries.map((e) => ({
        key: e.key,
        placeholder: nonEmpty(e.placeholder),
        options: nonEmpty(e.options),
      }));
      break;
    case 'list':
    case 'tasklist':
      out.items = nonEmpty(field.placeholderItems.filter((i) => i.trim() !== ''));
      break;
    case 'code':
      out.language = nonEmpty(field.language);
      break;
    case 'group':
      out.itemLabel = field.itemLabel;
      out.fields = field.fields.map(projectField);
      break;
    default:
      break;
  }
  return JSON.parse(JSON.stringify(out)) as FieldProjection;
}

function sectionFields(section: Section): Field[] {
  return [...section.headingFields, ...blockFields(section.blocks)];
}

function projectSection(section: Section, optional: boolean): SectionProjection {
  return {
    id: section.id,
    title: section.title,
    level: section.level,
    optional,
    hint: nonEmpty(section.hint),
    fields: sectionFields(section).map(projectField),
  };
}

export function projectTemplate(template: Template): TemplateProjection {
  const sections: SectionProjection[] = [];
  const visit = (node: SectionNode) => {
    if (node.type === 'group') {
      sections.push({
        ...projectSection(node.instance, node.optional),
        id: node.id,
        repeats: { itemLabel: node.field.itemLabel, fieldId: node.field.id },
        fields: node.field.fields.map(projectField),
      });
      return;
    }
    if (node !== template.root || sectionFields(node).length > 0) {
      sections.push(projectSection(node, node.optional));
    }
    node.children.forEach(visit);
  };
  visit(template.root);
  const fm = template.frontMatter;
  return {
    format: template.format,
    frontMatter: fm
      ? {
          role: fm.role,
          entries: fm.entries.map((e) => ({
            key: e.key,
            value: e.rawValue,
            field: e.field ? projectField(e.field) : undefined,
          })),
        }
      : null,
    sections: JSON.parse(JSON.stringify(sections)) as SectionProjection[],
  };
}
