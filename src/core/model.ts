/**
 * The Template model: what a proposal template becomes after parsing, and the values an author
 * gives it. Every type here comes from a zod schema, so templates and values loaded from storage,
 * files or share links are validated by the same schema that types the code.
 */
import { z } from './zod.ts';

export const templateFormatSchema = z.enum(['markdown', 'text', 'issue-form']);
export type TemplateFormat = z.infer<typeof templateFormatSchema>;

export const fieldKindSchema = z.enum([
  'text',
  'date',
  'prose',
  'list',
  'tasklist',
  'checklist',
  'choice',
  'table',
  'code',
  'keyvalue',
  'group',
]);
export type FieldKind = z.infer<typeof fieldKindSchema>;

// ---------------------------------------------------------------------------------------------
// Values

export const taskItemSchema = z.object({ done: z.boolean(), text: z.string() });
export type TaskItem = z.infer<typeof taskItemSchema>;

/** A checkbox group with fixed options: the ticked option labels, and the "Other" text. */
export const checklistValueSchema = z.object({
  checked: z.array(z.string()),
  other: z.string(),
});
export type ChecklistValue = z.infer<typeof checklistValueSchema>;

export type GroupInstance = { [fieldId: string]: FieldValue };
export type FieldValue =
  | string
  | string[]
  | TaskItem[]
  | ChecklistValue
  | string[][]
  | Record<string, string>
  | GroupInstance[];

export const fieldValueSchema: z.ZodMiniType<FieldValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.array(z.string()),
    z.array(taskItemSchema),
    checklistValueSchema,
    z.array(z.array(z.string())),
    z.record(z.string(), z.string()),
    z.array(z.record(z.string(), fieldValueSchema)),
  ]),
);

/**
 * The author's answers, by field id. Content of a filled document that matches no field is kept
 * per section under `extraKey(sectionId)` as Markdown, so it is re-emitted and never dropped.
 */
export const valuesSchema = z.record(z.string(), fieldValueSchema);
export type Values = z.infer<typeof valuesSchema>;

// ---------------------------------------------------------------------------------------------
// Fields

const fieldBase = {
  /** Stable id from the section path and the label. */
  id: z.string(),
  label: z.string(),
  /** Guidance from HTML comments and bracketed instructions, shown as help. */
  hint: z.string(),
  /** The template's example text, shown as a placeholder. */
  placeholder: z.string(),
  required: z.boolean(),
};

export const textFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('text'),
  /** A starting value that is a real default (e.g. `status: proposed`), not a placeholder. */
  defaultValue: z.string(),
});
export const dateFieldSchema = z.object({ ...fieldBase, kind: z.literal('date') });
export const proseFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('prose'),
  /** A prefilled starting value (issue-form `value:`), counted as unfilled while unchanged. */
  defaultValue: z.string(),
});
export const listFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('list'),
  ordered: z.boolean(),
  /** Bullet character or number delimiter used by the template: `*`, `-`, `.`, `)`. */
  marker: z.string(),
  /** The template's own items (`Limitation 1...`, empty items): placeholders, not answers. */
  placeholderItems: z.array(z.string()),
});
export const taskListFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('tasklist'),
  marker: z.string(),
  placeholderItems: z.array(z.string()),
});
export const checklistOptionSchema = z.object({
  label: z.string(),
  /** The option as the template writes it (`Other: \_\_\_`), for rendering. */
  raw: z.string(),
  /** An option like `Other: ___` that takes free text. */
  other: z.boolean(),
  /** An option that must be ticked (issue-form checkboxes with `required: true`). */
  required: z.optional(z.boolean()),
  /** The indentation of a nested option (`  - [ ] (R) Conformance tests`), as written. */
  indent: z.optional(z.string()),
});
export const checklistFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('checklist'),
  /** `-`, `*`, `.`/`)` for numbered items, or `,` for a comma list (multi-select dropdowns). */
  marker: z.string(),
  options: z.array(checklistOptionSchema),
  multiple: z.boolean(),
});
export const choiceFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('choice'),
  options: z.array(z.string()),
  /** Whether free text may follow the option (`[Yes/No - if yes, list them]`). */
  detail: z.boolean(),
});
export const tableColumnSchema = z.object({
  name: z.string(),
  /** Cells chosen from these options (`High/Medium/Low`); empty for free text. */
  options: z.array(z.string()),
});
export const tableFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('table'),
  columns: z.array(tableColumnSchema),
  placeholderRows: z.array(z.array(z.string())),
});
export const codeFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('code'),
  language: z.string(),
});
export const keyValueEntrySchema = z.object({
  key: z.string(),
  hint: z.string(),
  placeholder: z.string(),
  /** Choice options when the template offers them (`[Yes/No - if yes, list them]`). */
  options: z.array(z.string()),
});
export const keyValueFieldSchema = z.object({
  ...fieldBase,
  kind: z.literal('keyvalue'),
  entries: z.array(keyValueEntrySchema),
});

export type TextField = z.infer<typeof textFieldSchema>;
export type DateField = z.infer<typeof dateFieldSchema>;
export type ProseField = z.infer<typeof proseFieldSchema>;
export type ListField = z.infer<typeof listFieldSchema>;
export type TaskListField = z.infer<typeof taskListFieldSchema>;
export type ChecklistField = z.infer<typeof checklistFieldSchema>;
export type ChoiceField = z.infer<typeof choiceFieldSchema>;
export type TableField = z.infer<typeof tableFieldSchema>;
export type CodeField = z.infer<typeof codeFieldSchema>;
export type KeyValueField = z.infer<typeof keyValueFieldSchema>;
export type KeyValueEntry = z.infer<typeof keyValueEntrySchema>;
export type TableColumn = z.infer<typeof tableColumnSchema>;
export type ChecklistOption = z.infer<typeof checklistOptionSchema>;

/** A repeated block ("Alternative 1/2", "Phase N"): one instance per item. */
export interface GroupField {
  id: string;
  kind: 'group';
  label: string;
  hint: string;
  placeholder: string;
  required: boolean;
  /** The word that is numbered: "Alternative", "Phase". */
  itemLabel: string;
  /** Fields of one instance; their ids are relative to the instance. */
  fields: Field[];
}

export type Field =
  | TextField
  | DateField
  | ProseField
  | ListField
  | TaskListField
  | ChecklistField
  | ChoiceField
  | TableField
  | CodeField
  | KeyValueField
  | GroupField;

/**
 * Where kept text (document content that matches no field) is stored. Without a slot: at the
 * end of the section's own content. With a slot (`"2"`, or `"1_0"` inside a quote; no dot, which form libraries read as a path): just before
 * that block of the section, so the text comes back where the author wrote it.
 */
export function extraKey(sectionId: string, slot?: string): string {
  return slot === undefined ? `${sectionId}::extra` : `${sectionId}::extra@${slot}`;
}

/**
 * A structured field (list, table, code…) whose block in the document holds more than the
 * form can show (nested items, extra columns, another code language): the block is kept here
 * as written and output as is, and the field's value holds what the form could read of it.
 * Editing the field's Markdown source edits this text.
 */
export function sourceKey(fieldId: string): string {
  return `${fieldId}::source`;
}

/**
 * A section's heading as the document wrote it, when writing the template's heading would
 * change it (another wording, level or spelling, or a bold line standing for the heading in a
 * document written against an older template). Output as written; only for headings without
 * fields of their own, so editing a field never leaves a stale heading behind.
 */
export function headingKey(sectionId: string): string {
  return `${sectionId}::heading`;
}

/** An inline field's label as the document wrote it (`Author: ` for `Author(s): `). */
export function labelKey(fieldId: string): string {
  return `${fieldId}::label`;
}

/** The heading fields' values (JSON) when the heading was kept as written: it is output as
 * written only while they are unchanged. */
export function headingReadKey(sectionId: string): string {
  return `${sectionId}::heading-read`;
}

/**
 * The document's sections in the order it wrote them (section and repeat ids), kept only when
 * that order is not the template's: the output follows the author's order, with the sections
 * the document lacks at their template places.
 */
export const ORDER_KEY = '::order';

/** Whether a values key holds kept text, and of which section (`''` inside a group instance). */
export function extraKeySection(key: string): string | null {
  const at = key.indexOf('::extra');
  if (at < 0) return null;
  const rest = key.slice(at + '::extra'.length);
  return rest === '' || rest.startsWith('@') ? key.slice(0, at) : null;
}

/** Every kept text that is not empty, by section, each in document order of its slots. */
export function keptTextBySection(values: Values): Map<string, string[]> {
  const found = new Map<string, { slot: number[]; text: string }[]>();
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const section = extraKeySection(key);
    if (section === null) continue;
    const at = key.indexOf('::extra@');
    const slot =
      at >= 0
        ? key
            .slice(at + 8)
            .split('_')
            .map(Number)
        : [Number.MAX_SAFE_INTEGER];
    const list = found.get(section) ?? [];
    list.push({ slot, text: value });
    found.set(section, list);
  }
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = (a[i] ?? -1) - (b[i] ?? -1);
      if (d !== 0) return d;
    }
    return 0;
  };
  const out = new Map<string, string[]>();
  for (const [section, list] of found)
    out.set(
      section,
      list.sort((a, b) => cmp(a.slot, b.slot)).map((e) => e.text),
    );
  return out;
}

/** Every kept text of one section that is not empty, in document order of its slots. */
export function sectionExtras(values: Values, sectionId: string): string[] {
  return keptTextBySection(values).get(sectionId) ?? [];
}

/**
 * The document's own front matter (YAML text between the `---` lines), kept as written so its
 * extra keys, comments and order survive; the template's fields are written into it.
 */
export const FRONT_MATTER_KEY = '::front-matter';

/** The template's front matter fields as read from that front matter (JSON by key), to tell
 * which ones the author has changed since. */
export const FRONT_MATTER_READ_KEY = '::front-matter-read';
