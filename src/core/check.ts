/**
 * Completeness: which required sections are still empty, and which filled ones still carry
 * placeholders. The editor and the `proposal check` command share this one implementation;
 * what counts as an answer is each field kind's rule (src/core/fields/).
 */
import { withSourcesRead } from './document/sources.ts';
import type { Field, FieldValue, GroupInstance, Values } from './model.ts';
import { keptTextBySection, sourceKey } from './model.ts';
import { readDocument } from './document/read.ts';
import { isFieldFilled, keepsDefault, placeholderTexts, valueTexts } from './fields/index.ts';
import { bodyFields } from './fields/group.ts';
import { renderTitle } from './document/render.ts';
import { ownFields, sectionNodes } from './document/walk.ts';
import { findPlaceholders, isOnlyPlaceholders, stripComments, unescapeMarkdown } from './text.ts';
import type { Section, SectionNode, Template } from './template/types.ts';

export type SectionState = 'complete' | 'missing' | 'optional' | 'partial' | 'empty';

export interface SectionStatus {
  id: string;
  /** Set for a part before the first heading, which is a single field. */
  fieldId?: string;
  title: string;
  level: number;
  required: boolean;
  status: SectionState;
  fieldIds: string[];
}

export interface Warning {
  message: string;
  sectionId: string;
  fieldId?: string;
  kind: 'empty-field' | 'placeholder';
}

export interface Report {
  complete: boolean;
  required: number;
  completed: number;
  missing: { id: string; title: string; fieldId?: string }[];
  warnings: Warning[];
  sections: SectionStatus[];
}

export { isFieldFilled };
export { bodyFields };

function leftovers(field: Field, value: FieldValue | undefined): string[] {
  const own = placeholderTexts(field)
    .flatMap((p) => findPlaceholders(p))
    .concat(['YYYY-MM-DD', 'XXX', 'XXXX']);
  const known = new Set(own.map((p) => unescapeMarkdown(p)));
  const found: string[] = [];
  for (const text of valueTexts(field, value)) {
    for (const token of findPlaceholders(text)) {
      const t = unescapeMarkdown(token);
      if (known.has(t) || /^X{3,}$|^Y{4}-M{2}-D{2}$/.test(t)) found.push(token);
    }
  }
  return found;
}

interface Unit {
  id: string;
  /** For a part before the first heading: the one field it is. */
  fieldId?: string;
  title: string;
  level: number;
  required: boolean;
  fields: Field[];
  scope: Values;
  headingFields: Field[];
}

function plain(title: string): string {
  return title.replace(/^#{1,6}\s+/, '');
}

function units(template: Template, values: Values, headings: Record<string, string>): Unit[] {
  const out: Unit[] = [];
  for (const node of sectionNodes(template)) {
    if (node.type === 'section' && node === template.root) {
      // Before the first heading there is no section title: each field there (a bold label
      // such as `**Describe the bug**`, an alert's TLDR) counts as a part of its own.
      for (const field of ownFields(node)) {
        out.push({
          id: field.id,
          fieldId: field.id,
          title: field.label,
          level: 0,
          required: !node.optional && field.required,
          fields: [field],
          scope: values,
          headingFields: [],
        });
      }
      continue;
    }
    out.push(unitOf(node, values, headings));
  }
  return out;
}

function unitOf(node: SectionNode, values: Values, headings: Record<string, string>): Unit {
  if (node.type === 'group') {
    const first = Array.isArray(values[node.id])
      ? (values[node.id] as GroupInstance[])[0]
      : undefined;
    const title = headings[node.id] ?? plain(renderTitle(node.instance.heading!, first ?? {}, 1));
    return {
      id: node.id,
      title,
      level: node.instance.level,
      required: !node.optional,
      fields: [node.field],
      scope: values,
      headingFields: [],
    };
  }
  const section: Section = node;
  const title = headings[section.id] ?? plain(renderTitle(section.heading!, values, 0));
  const fields = ownFields(section);
  return {
    id: section.id,
    title,
    level: section.level,
    // A section whose own fields are all optional (a parent's text over its subsections) is
    // filled through its subsections: it is not missing on its own.
    required:
      !section.optional &&
      !(section.children.length > 0 && fields.length > 0 && fields.every((f) => !f.required)),
    fields,
    scope: values,
    headingFields: section.headingFields,
  };
}

/**
 * Which required sections are still empty, which are partly answered, and which answers still
 * carry the template's placeholders. Sections and warnings come in document order.
 */
/**
 * A key-value block kept as written that holds only the template's keys, each with nothing or
 * its placeholder after it (`- Browser`, `- OS: [e.g. iOS]`): no answer yet.
 */
function onlyKeys(field: Field, source: string): boolean {
  if (field.kind !== 'keyvalue') return false;
  return stripComments(source)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .every((line) => {
      const item = /^\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/.exec(line);
      if (!item) return false;
      const text = unescapeMarkdown(item[1] ?? '')
        .replace(/\*\*/g, '')
        .trim();
      return field.entries.some((e) => {
        if (!text.toLowerCase().startsWith(e.key.toLowerCase())) return false;
        const rest = text.slice(e.key.length).replace(/^\s*:?\s*/, '');
        return (
          rest === '' ||
          rest === e.placeholder ||
          rest === `[${e.placeholder}]` ||
          isOnlyPlaceholders(rest)
        );
      });
    });
}

export function checkDocument(
  template: Template,
  values: Values,
  headings: Record<string, string> = {},
): Report {
  // A field kept as written counts by what its kept Markdown says now.
  values = withSourcesRead(template.root, values);
  const opts = { placeholderIsAnswer: template.issueForm };
  const filledIn = (f: Field, v: FieldValue | undefined) => isFieldFilled(f, v, opts);
  const report: Report = {
    complete: true,
    required: 0,
    completed: 0,
    missing: [],
    warnings: [],
    sections: [],
  };
  const warn = (message: string, kind: Warning['kind'], sectionId: string, fieldId: string) =>
    report.warnings.push({ message, sectionId, fieldId, kind });
  const kept = keptTextBySection(values);
  for (const unit of units(template, values, headings)) {
    if (unit.fields.length === 0) continue;
    const filled = unit.fields.filter((f) => filledIn(f, values[f.id]));
    const hasExtra = (kept.get(unit.id) ?? []).some((t) => stripComments(t).trim() !== '');
    // A block kept as written (`<field>::source`) is kept because it holds the author's own
    // lines (a plain list where the template has `Key: value` items): the section is answered.
    const hasSource = unit.fields.some((f) => {
      const source = values[sourceKey(f.id)];
      return (
        typeof source === 'string' && stripComments(source).trim() !== '' && !onlyKeys(f, source)
      );
    });
    const any = filled.length > 0 || hasExtra || hasSource;
    // A repeat's instance that is present but left empty (`### Option 2` with nothing under
    // it) is a missing answer, even when another instance is filled.
    const emptyInstance = unit.fields.some(
      (f) =>
        f.kind === 'group' &&
        f.required &&
        Array.isArray(values[f.id]) &&
        (values[f.id] as GroupInstance[]).length > 1 &&
        (values[f.id] as GroupInstance[]).some(
          (inst) => !bodyFields(f).some((g) => filledIn(g, inst[g.id])),
        ),
    );
    const state: SectionState = !unit.required
      ? 'optional'
      : !any || emptyInstance
        ? 'missing'
        : filled.length < unit.fields.filter((f) => f.required).length
          ? 'partial'
          : 'complete';
    report.sections.push({
      id: unit.id,
      title: unit.title,
      level: unit.level,
      required: unit.required,
      status: state,
      fieldIds: unit.fields.map((f) => f.id),
      ...(unit.fieldId ? { fieldId: unit.fieldId } : {}),
    });
    if (unit.required) {
      report.required++;
      if (state === 'missing') {
        report.missing.push({
          id: unit.id,
          title: unit.title,
          ...(unit.fieldId ? { fieldId: unit.fieldId } : {}),
        });
      } else report.completed++;
    }
    // Free text written instead of the template's structure ("None.", "N/A") answers the
    // section: its empty fields are not worth a warning then.
    if (unit.required && filled.length > 0) {
      for (const f of unit.fields) {
        if (f.required && !filledIn(f, values[f.id]) && !keepsDefault(f, values[f.id]))
          warn(`${unit.title} › ${f.label} is empty`, 'empty-field', unit.id, f.id);
      }
    }
    if (any) {
      for (const f of unit.fields) {
        const group = f.kind === 'group' ? f : null;
        const checks: [Field, FieldValue | undefined][] = group
          ? ((values[f.id] as GroupInstance[] | undefined) ?? []).flatMap((inst) =>
              group.fields.map((g): [Field, FieldValue | undefined] => [g, inst[g.id]]),
            )
          : [[f, values[f.id]]];
        for (const [field, value] of checks) {
          const tokens = leftovers(field, value);
          if (tokens.length) {
            const list = tokens.map((t) => `“${t}”`).join(', ');
            warn(
              `${unit.title} › ${field.label} still has the placeholder ${list}`,
              'placeholder',
              unit.id,
              f.id,
            );
          }
        }
      }
    }
  }
  for (const entry of template.frontMatter?.role === 'document'
    ? template.frontMatter.entries
    : []) {
    const f = entry.field;
    if (!f) continue;
    const v = values[f.id];
    const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    const placeholderInTemplate =
      findPlaceholders(entry.rawValue).length > 0 ||
      isOnlyPlaceholders(entry.rawValue.replace(/^\[|\]$/g, ''));
    if (empty && placeholderInTemplate) {
      warn(
        `Front matter › ${entry.key} still has the placeholder “${entry.rawValue}”`,
        'placeholder',
        'front-matter',
        f.id,
      );
    }
  }
  report.complete = report.missing.length === 0;
  return report;
}

/** Reads a filled document against its template and checks it. */
export function checkMarkdown(template: Template, markdown: string): Report {
  const { values, headings } = readDocument(template, markdown);
  return checkDocument(template, values, headings);
}
