/**
 * The field kinds, by name. Each kind's module (`table.ts`, `list.ts`, …) holds how its value is
 * written to Markdown, read back, counted as an answer and searched for placeholders; the
 * renderer, the reader and the checker ask the kind of each field through this registry.
 */
import type { Field, FieldValue } from '../model.ts';
import type { Anchors } from '../document/anchors.ts';
import type { KeyLayout } from '../template/types.ts';
import { checklistKind } from './checklist.ts';
import { choiceKind } from './choice.ts';
import { codeKind } from './code.ts';
import { dateKind } from './date.ts';
import { groupKind } from './group.ts';
import { keyValueKind } from './keyvalue.ts';
import { listKind } from './list.ts';
import { tableKind } from './table.ts';
import { taskListKind } from './tasklist.ts';
import { proseKind, readBlockText, textKind } from './text.ts';
import type {
  BlockUnit,
  FilledOptions,
  JsonContext,
  JsonValue,
  KindModule,
  TextReadContext,
} from './types.ts';

export type { BlockUnit, FilledOptions, JsonObject, JsonValue, KindModule } from './types.ts';

const KINDS: { [K in Field['kind']]: KindModule<Extract<Field, { kind: K }>> } = {
  text: textKind,
  date: dateKind,
  prose: proseKind,
  list: listKind,
  tasklist: taskListKind,
  checklist: checklistKind,
  choice: choiceKind,
  table: tableKind,
  code: codeKind,
  keyvalue: keyValueKind,
  group: groupKind,
};

export function kindOf<F extends Field>(field: F): KindModule<F> {
  return KINDS[field.kind] as unknown as KindModule<F>;
}

/** The value a field has when nothing is written in it. */
export function emptyValue(field: Field): FieldValue {
  return kindOf(field).empty(field);
}

/** A field's starting value in a new draft: today for dates, the sample for code, real defaults. */
export function initialValue(field: Field, today: string): FieldValue {
  const kind = kindOf(field);
  return kind.initial
    ? kind.initial(field, today, (f) => initialValue(f, today))
    : kind.empty(field);
}

/** What a field holds when the template's own examples are left in it. */
export function templateValue(field: Field): FieldValue {
  return kindOf(field).templateValue(field);
}

export function renderField(
  field: Field,
  value: FieldValue | undefined,
  anchors: Anchors,
  layout: KeyLayout[] | undefined,
): string {
  return kindOf(field).render(field, value, { anchors, ...(layout ? { layout } : {}) });
}

/** Fields written as one Markdown block of their own (a list, a table, a fenced code block). */
export function isStructured(field: Field): boolean {
  return kindOf(field).readBlock !== undefined;
}

/** What a structured field reads from a block of the document (null: another kind of block). */
export function readFieldBlock(
  field: Field,
  unit: BlockUnit,
  layout: KeyLayout[] | undefined,
): FieldValue | null {
  return kindOf(field).readBlock?.(field, unit, layout) ?? null;
}

/** What a text field (text, prose, date, choice) reads from the source of its region. */
export function readFieldText(field: Field, raw: string, ctx: TextReadContext): string {
  const kind = kindOf(field);
  return kind.readText ? kind.readText(field, raw, ctx) : readBlockText(raw, ctx.anchors);
}

/** Whether a field holds an answer (not empty, not the template's own text, not placeholders). */
export function isFieldFilled(
  field: Field,
  value: FieldValue | undefined,
  options: FilledOptions = {},
): boolean {
  const isFilled = (f: Field, v: FieldValue | undefined) => isFieldFilled(f, v, options);
  return kindOf(field).filled(field, value, { ...options, isFilled });
}

/** A field left at a real default (`**Status**: Draft`): not an answer, not a gap either. */
export function keepsDefault(field: Field, value: FieldValue | undefined): boolean {
  return kindOf(field).keepsDefault?.(field, value) ?? false;
}

/** The template's own texts of a field, in which its placeholder tokens are found. */
export function placeholderTexts(field: Field): string[] {
  return kindOf(field).placeholders(field);
}

/**
 * A field's value as JSON: its answer, or its kind's empty value when unanswered (a value left
 * at a real default counts as an answer here). `labelled` keys a repeat's instance.
 */
export function fieldJson(
  field: Field,
  value: FieldValue | undefined,
  labelled: JsonContext['labelled'],
): JsonValue {
  if (!isFieldFilled(field, value) && !keepsDefault(field, value)) {
    return emptyValue(field) as JsonValue;
  }
  return kindOf(field).json(field, value, {
    isFilled: (f, v) => isFieldFilled(f, v),
    labelled,
  });
}

/** The author's texts in a field's value, searched for placeholders left in them. */
export function valueTexts(field: Field, value: FieldValue | undefined): string[] {
  return kindOf(field).texts(field, value);
}
