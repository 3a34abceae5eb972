/**
 * `proposal read`: a document's values as JSON keyed by field label, for workflows that pull one
 * answer out of an issue body or a design doc. The shape is documented in README.md:
 *
 *   { "frontMatter": { key: value }, "fields": { label: value } }
 *
 * Text kinds are strings, lists arrays, task lists [{done, text}], checklists {checked, other},
 * tables arrays of {column: cell}, key-value fields {key: value}, groups arrays of objects keyed
 * by their own fields' labels (each kind's `json` in src/core/fields/). A field with no answer
 * (empty, or only the template's placeholders) has its kind's empty value, so every key is
 * always there with the same type.
 */
import type { Field, Values } from '../core/model.ts';
import { fieldJson, type JsonObject, type JsonValue } from '../core/fields/index.ts';
import { ownFields } from '../core/document/walk.ts';
import { plainTitle } from '../core/template/markdown.ts';
import type { Section, SectionNode, Template } from '../core/template/types.ts';

export type { JsonObject, JsonValue } from '../core/fields/index.ts';

export interface ReadJson {
  frontMatter: Record<string, JsonValue>;
  fields: JsonObject;
}

/** A repeat's instance keyed by its own fields' labels. */
function instanceJson(fields: Field[], instance: Values): JsonObject {
  return labelled(
    fields.map((field) => ({ field, path: [] })),
    instance,
  );
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
    out[key] = fieldJson(p.field, scope[p.field.id], instanceJson);
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
      if (entry.field)
        frontMatter[entry.key] = fieldJson(entry.field, values[entry.field.id], instanceJson);
    }
  }
  return { frontMatter, fields: labelled(bodyFields(template), values) };
}
