/**
 * What every field kind provides, side by side: how its value is written to Markdown, read back
 * from it, counted as an answer, and which of its texts are the template's placeholders.
 */
import type { ChecklistValue, Field, FieldValue, GroupInstance, TaskItem } from '../model.ts';
import type { Anchors } from '../document/anchors.ts';
import type { KeyLayout } from '../template/types.ts';

/** A block of the document as the reader sees it: marked's token type and its source. */
export interface BlockUnit {
  type: string;
  raw: string;
}

export interface RenderContext {
  /** The template's structure, which author text is escaped against. */
  anchors: Anchors;
  /** For key-value fields: how each key is written (`- **CPU**: `, nested `  * Via: `). */
  layout?: KeyLayout[];
}

export interface TextReadContext {
  anchors: Anchors;
  /** Issue forms: GitHub never writes a placeholder, so text equal to one is the author's. */
  placeholderIsAnswer?: boolean;
}

export interface FilledOptions {
  /**
   * Issue forms: a placeholder is grey text GitHub never writes into the body, so text equal to
   * it was typed by the author and is an answer.
   */
  placeholderIsAnswer?: boolean;
}

export interface FilledContext extends FilledOptions {
  /** Whether another field is filled (a repeat asks it of the fields of its instances). */
  isFilled(field: Field, value: FieldValue | undefined): boolean;
}

/** A field's answer as JSON (`proposal read`, documented in README.md). */
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

export interface JsonContext {
  isFilled(field: Field, value: FieldValue | undefined): boolean;
  /** A repeat's instance keyed by its own fields' labels. */
  labelled(fields: Field[], instance: GroupInstance): JsonObject;
}

export interface KindModule<F extends Field> {
  /** The value the field has when nothing is written in it. */
  empty(field: F): FieldValue;
  /**
   * A new draft's starting value, when it is not the empty value (today for dates, the sample
   * for code, real defaults). `initialOf` gives another field's (a repeat's own fields).
   */
  initial?(field: F, today: string, initialOf: (field: Field) => FieldValue): FieldValue;
  /** What the field holds when the template's own examples are left in it. */
  templateValue(field: F): FieldValue;
  /** The value written as Markdown (without the section's heading or the field's label). */
  render(field: F, value: FieldValue | undefined, ctx: RenderContext): string;
  /**
   * Kinds written as one Markdown block of their own (a list, a table, a fenced code block):
   * what the field reads from a block of the document, or null when the block is not of its kind.
   */
  readBlock?(field: F, unit: BlockUnit, layout: KeyLayout[] | undefined): FieldValue | null;
  /** Text kinds: the value of the text the field takes (its region's source, as written). */
  readText?(field: F, raw: string, ctx: TextReadContext): string;
  /** Whether the value is an answer: not empty, not the template's own text, not placeholders. */
  filled(field: F, value: FieldValue | undefined, ctx: FilledContext): boolean;
  /** A value left at a real default (`**Status**: Draft`): not an answer, not a gap either. */
  keepsDefault?(field: F, value: FieldValue | undefined): boolean;
  /** The template's own texts of the field, in which its placeholder tokens are found. */
  placeholders(field: F): string[];
  /** The author's texts in a value, searched for placeholders left in them. */
  texts(field: F, value: FieldValue | undefined): string[];
  /** An answer as JSON, without the template's placeholder items (asked only of answers). */
  json(field: F, value: FieldValue | undefined, ctx: JsonContext): JsonValue;
}
