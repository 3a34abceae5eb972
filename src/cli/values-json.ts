/**
 * `proposal read`: a document's values as JSON keyed by field label, for workflows that pull one
 * answer out of an issue body or a design doc. The shape is documented in README.md:
 *
 *   { "frontMatter": { key: value }, "fields": { label: value } }
 *
 * Text kinds are strings, lists arrays, task lists [{done, text}], checklists {checked, other},
 * tables arrays of {column: cell}, key-value fields {key: value}, groups arrays of objects keyed
 * by their own fields' labels. A field with no answer (empty, or only the template's
 * placeholders) has its kind's empty value, so every key is always there with the same type.
 */
import type {
  ChecklistValue,
  Field,
  FieldValue,
  GroupInstance,
  TaskItem,
  Values,
} from '../core/model.ts';
import { isFieldFilled, textFilled } from '../core/document/filled.ts';
import { emptyValue, ownFields } from '../core/document/walk.ts';
import { plainTitle } from '../core/template/markdown.ts';
import type { Section, SectionNode, Template } from '../core/template/types.ts';

export type JsonValue =
  | string
  | string[]
  | TaskItem[]
  | ChecklistValue
  | Record<string, string>[]
  | Record<string, string>
  | JsonObject[];
export interface JsonObject {
  [label: string]: JsonValue;
}

export interface ReadJson {
  frontMatter: Record<string, JsonValue>;
  fields: JsonObject;
}

/** A text field left at a real default (`status: proposed`) holds that value. */
function keepsDefault(field: Field, value: FieldValue | undefined): boolean {
  return field.kind === 'text' && field.defaultValue !== '' && value === field.defaultValue;
}

function asStrings(value: FieldValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The JSON value of one field: its answer, or its kind's empty value when unanswered. */
export function fieldJson(field: Field, value: FieldValue | undefined): JsonValue {
  if (!isFieldFilled(field, value) && !keepsDefault(field, value)) {
    return field.kind === 'group' ? [] : (emptyValue(field) as JsonValue);
  }
  switch (field.kind) {
    case 'text':
    case 'date':
    case 'prose':
    case 'choice':
    case 'code':
      return typeof value === 'string' ? value : '';
    case 'list':
      return asStrings(value).filter((item) => textFilled(item, field.placeholderItems));
    case 'tasklist':
      return (value as TaskItem[]).filter((t) => textFilled(t.text, field.placeholderItems));
    case 'checklist': {
      const v = value as ChecklistValue;
      return { checked: [...v.checked], other: v.other };
    }
    case 'table': {
      const placeholders = new Set(field.placeholderRows.map((r) => JSON.stringify(r)));
      const rows = (value as string[][]).filter(
        (r) =>
          !placeholders.has(JSON.stringify(r)) &&
          r.some((c) => textFilled(c, field.placeholderRows.flat())),
      );
      return rows.map((r) => {
        const row: Record<string, string> = {};
        field.columns.forEach((c, i) => (row[c.name] = r[i] ?? ''));
        // Cells beyond the template's columns are kept under their position.
        for (let i = field.columns.length; i < r.length; i++) row[`column ${i + 1}`] = r[i]!;
        return row;
      });
    }
    case 'keyvalue': {
      const v = value as Record<string, string>;
      const out: Record<string, string> = {};
      for (const e of field.entries) {
        const text = v[e.key] ?? '';
        out[e.key] = textFilled(text, [e.placeholder]) ? text : '';
      }
      for (const [k, text] of Object.entries(v)) if (!(k in out)) out[k] = text;
      return out;
    }
    case 'group':
      return (value as GroupInstance[])
        .filter((inst) => field.fields.some((f) => isFieldFilled(f, inst[f.id])))
        .map((inst) =>
          labelled(
            field.fields.map((f) => ({ field: f, path: [] })),
            inst,
          ),
        );
  }
}

interface Placed {
  field: Field;
  /** Titles of the sections around the field, outermost first. */
  path: string[];
}

/**
 * Keys by label. A label used more than once is prefixed by the nearest section titles, as few
 * as tell the fields apart ("Notes › Description"), joined by " › ".
 */
function labelled(placed: Placed[], scope: Values): JsonObject {
  const byLabel = new Map<string, Placed[]>();
  for (const p of placed) byLabel.set(p.field.label, [...(byLabel.get(p.field.label) ?? []), p]);
  const keys = new Map<Placed, string>();
  for (const [label, same] of byLabel) {
    const depth = Math.max(...same.map((p) => p.path.length));
    let d = same.length > 1 ? 1 : 0;
    const keyAt = (p: Placed, n: number) => [...p.path.slice(-n), label].join(' › ');
    const at = (n: number) => same.map((p) => (n === 0 ? label : keyAt(p, n)));
    while (d > 0 && d < depth && new Set(at(d)).size < same.length) d++;
    same.forEach((p, i) => keys.set(p, at(d)[i]!));
  }
  const out: JsonObject = {};
  for (const p of placed) {
    let key = keys.get(p)!;
    if (key in out) {
      let n = 2;
      while (`${key} (${n})` in out) n++;
      key = `${key} (${n})`;
    }
    out[key] = fieldJson(p.field, scope[p.field.id]);
  }
  return out;
}

function bodyFields(template: Template): Placed[] {
  const out: Placed[] = [];
  const visit = (node: SectionNode, path: string[]) => {
    const section: Section = node.type === 'group' ? node.instance : node;
    const here = section.level > 0 ? [...path, plainTitle(section.title)] : path;
    if (node.type === 'group') {
      out.push({ field: node.field, path: here });
      return;
    }
    for (const field of ownFields(node)) out.push({ field, path: here });
    for (const child of node.children) visit(child, here);
  };
  visit(template.root, []);
  return out;
}

/** A read document's values as label-keyed JSON (see the module comment for the shape). */
export function valuesJson(template: Template, values: Values): ReadJson {
  const frontMatter: Record<string, JsonValue> = {};
  if (template.frontMatter?.role === 'document') {
    for (const entry of template.frontMatter.entries) {
      if (entry.field) frontMatter[entry.key] = fieldJson(entry.field, values[entry.field.id]);
    }
  }
  return { frontMatter, fields: labelled(bodyFields(template), values) };
}
