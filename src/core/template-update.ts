/**
 * A draft follows its template to a new version (an imported template updated from a new
 * file). Nothing the author wrote is dropped:
 * - an answer whose field is still there (same id, same shape) stays as it is;
 * - an answer whose field moved (new id, same label and shape, one such field) moves with it;
 * - an answer whose field is gone is written out as Markdown and kept in its section (or,
 *   when the section is gone too, under its old heading in the nearest section still there),
 *   where the form shows it as "Kept from your document".
 */
import { anchorsOf } from './document/anchors.ts';
import { isFieldFilled } from './document/filled.ts';
import { renderField } from './fields/index.ts';
import { allFields, ownFields, sectionNodes } from './document/walk.ts';
import type { Field, FieldValue, GroupInstance, Values } from './model.ts';
import {
  extraKey,
  extraKeySection,
  FRONT_MATTER_KEY,
  FRONT_MATTER_READ_KEY,
  sourceKey,
} from './model.ts';
import type { Section, Template } from './template/types.ts';

export interface CarriedValues {
  values: Values;
  /** Answers (and kept texts) whose field or place is gone: now kept as text. */
  keptAnew: number;
  /** Answers moved to a field of the same label under a new id. */
  moved: number;
}

/** A field's shape without its guidance: what decides whether a stored value still fits it. */
function shape(field: Field, withId = true): string {
  return JSON.stringify(field, (key, value: unknown) =>
    key === 'hint' ||
    key === 'placeholder' ||
    key === 'required' ||
    (!withId && key === 'id' && typeof value === 'string')
      ? undefined
      : value,
  );
}

/** The plain sections of a template (kept text can stand in these), in document order. */
function plainSections(template: Template): Section[] {
  return sectionNodes(template).flatMap((n) => (n.type === 'section' ? [n] : []));
}

/** Per field id, the section (or group) that holds it, in `template`. */
function fieldHomes(template: Template): Map<string, Section> {
  const homes = new Map<string, Section>();
  for (const node of sectionNodes(template)) {
    if (node.type === 'group') homes.set(node.field.id, node.instance);
    else for (const f of ownFields(node)) homes.set(f.id, node);
  }
  return homes;
}

function asText(field: Field, value: FieldValue, template: Template): string {
  if (field.kind === 'group') {
    const instances = Array.isArray(value) ? (value as GroupInstance[]) : [];
    return instances
      .map((instance, i) => {
        const parts = field.fields
          .filter((f) => isFieldFilled(f, instance[f.id]))
          .map((f) => labelled(f, asText(f, instance[f.id]!, template)));
        return [`**${field.itemLabel || field.label} ${i + 1}**`, ...parts].join('\n\n');
      })
      .join('\n\n');
  }
  return renderField(field, value, anchorsOf(template), undefined);
}

function labelled(field: Field, text: string): string {
  return field.label ? `**${field.label}**\n\n${text}` : text;
}

function addKept(values: Values, key: string, text: string): void {
  const before = values[key];
  values[key] = typeof before === 'string' && before.trim() !== '' ? `${before}\n\n${text}` : text;
}

export function carryValues(from: Template, to: Template, values: Values): CarriedValues {
  const before = new Map(allFields(from).map((f) => [f.id, f]));
  const after = new Map(allFields(to).map((f) => [f.id, f]));
  const homes = fieldHomes(from);
  const sectionsBefore = plainSections(from);
  const sectionsAfter = new Map(plainSections(to).map((s) => [s.id, s]));
  const out: Values = {};
  let keptAnew = 0;
  let moved = 0;

  /** Where text from a section of the old version goes, and under which heading. */
  const place = (section: Section | undefined): { key: string; heading: string } => {
    if (section && sectionsAfter.has(section.id)) return { key: extraKey(section.id), heading: '' };
    const at = section ? sectionsBefore.findIndex((s) => s.id === section.id) : -1;
    for (let i = at - 1; i >= 0; i--) {
      const candidate = sectionsBefore[i]!;
      if (sectionsAfter.has(candidate.id)) {
        return { key: extraKey(candidate.id), heading: headingOf(section) };
      }
    }
    return { key: extraKey(to.root.id), heading: headingOf(section) };
  };
  const headingOf = (section: Section | undefined) =>
    section && section.level > 0 ? `${'#'.repeat(section.level)} ${section.title}` : '';
  const keep = (section: Section | undefined, text: string) => {
    const { key, heading } = place(section);
    const current = out[key];
    const needsHeading =
      heading !== '' && !(typeof current === 'string' && current.includes(heading));
    addKept(out, key, needsHeading ? `${heading}\n\n${text}` : text);
    keptAnew++;
  };

  // Answers whose field is still there, and kept text whose place is still there, stay.
  const orphans: [Field, FieldValue][] = [];
  for (const [key, value] of Object.entries(values)) {
    if (key === FRONT_MATTER_KEY || key === FRONT_MATTER_READ_KEY) {
      out[key] = value;
      continue;
    }
    const section = extraKeySection(key);
    if (section !== null) {
      if (typeof value !== 'string' || value.trim() === '') continue;
      const was = sectionsBefore.find((s) => s.id === section);
      const now = sectionsAfter.get(section);
      // Kept text before a block stands by the block's position: the section must be the same.
      if (was && now && (key === extraKey(section) || was.blocks.length === now.blocks.length)) {
        addKept(out, key, value);
      } else {
        keep(was, value);
      }
      continue;
    }
    if (key.endsWith('::source')) continue;
    const old = before.get(key);
    const next = after.get(key);
    if (old && next && shape(old) === shape(next)) {
      out[key] = value;
      const source = values[sourceKey(key)];
      if (source !== undefined) out[sourceKey(key)] = source;
    } else if (old && isFieldFilled(old, value)) {
      orphans.push([old, value]);
    } else if (!old && !next) {
      // Neither version knows it (a newer app's key): kept as it is.
      out[key] = value;
    }
  }

  // An answer whose field moved (same label and shape, under a new id) moves with it.
  for (const [field, value] of orphans) {
    const matches = [...after.values()].filter(
      (f) => f.label === field.label && shape(f, false) === shape(field, false) && !(f.id in out),
    );
    const target = matches.length === 1 ? matches[0] : undefined;
    if (target) {
      out[target.id] = value;
      moved++;
    } else {
      const source = values[sourceKey(field.id)];
      const text = typeof source === 'string' ? source : asText(field, value, from);
      const home = homes.get(field.id);
      keep(home, home && field.label === home.title ? text : labelled(field, text));
    }
  }
  return { values: out, keptAnew, moved };
}
