/**
 * Walks a Template for the form: the sections and fields it shows, the empty value of each
 * field kind, and the values a new form starts from.
 */
import type {
  ChecklistValue,
  Field,
  FieldValue,
  GroupInstance,
  TaskItem,
  Values,
} from '../../core/model.ts';
import type {
  Block,
  Section,
  SectionGroup,
  SectionNode,
  Template,
} from '../../core/template/types.ts';

/** The value a field holds before the author answers it. */
export function emptyValue(field: Field): FieldValue {
  switch (field.kind) {
    case 'text':
    case 'date':
    case 'prose':
    case 'choice':
    case 'code':
      return '';
    case 'list':
      return [] as string[];
    case 'tasklist':
      return [] as TaskItem[];
    case 'checklist':
      return { checked: [], other: '' } satisfies ChecklistValue;
    case 'table':
      return [] as string[][];
    case 'keyvalue':
      return {};
    case 'group':
      return [] as GroupInstance[];
  }
}

/** A new instance of a group: each of its fields at its starting value. */
export function newInstance(
  field: Extract<Field, { kind: 'group' }>,
  today: string,
): GroupInstance {
  const instance: GroupInstance = {};
  for (const f of field.fields) instance[f.id] = startValue(f, today);
  return instance;
}

/** The value a field starts with in a new draft (dates today, code its example). */
export function startValue(field: Field, today: string): FieldValue {
  switch (field.kind) {
    case 'date':
      return today;
    case 'code':
      return field.placeholder;
    case 'text':
    case 'prose':
      return field.defaultValue;
    case 'group':
      return [newInstance(field, today)];
    default:
      return emptyValue(field);
  }
}

/** Fields of the blocks, in order, looking into quotes (not into groups: a group is a field). */
export function blockFields(blocks: Block[]): Field[] {
  const out: Field[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'field':
      case 'inline':
      case 'group':
        out.push(block.field);
        break;
      case 'quote':
        out.push(...blockFields(block.blocks));
        break;
      case 'static':
        break;
    }
  }
  return out;
}

/** Fields a section holds itself: heading fields, then its blocks' fields. */
export function ownFields(section: Section): Field[] {
  return [...section.headingFields, ...blockFields(section.blocks)];
}

/** Every top-level field of the template (front matter, sections, section groups), by id. */
export function allFields(template: Template): Field[] {
  const out: Field[] = [];
  for (const entry of template.frontMatter?.entries ?? []) if (entry.field) out.push(entry.field);
  const walk = (node: SectionNode) => {
    if (node.type === 'group') {
      out.push(node.field);
      return;
    }
    out.push(...ownFields(node));
    node.children.forEach(walk);
  };
  walk(template.root);
  return out;
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
  if (node.type === 'group')
    return node.field.itemLabel ? `${node.field.itemLabel}s` : node.field.label;
  if (node.level === 0) return 'Introduction';
  return node.title;
}

/** Whether a node (or a descendant) has something to fill in. */
export function hasFields(node: SectionNode): boolean {
  if (node.type === 'group') return true;
  return ownFields(node).length > 0 || node.children.some(hasFields);
}

export type { Section, SectionGroup, SectionNode, Values };
