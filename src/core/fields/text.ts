/**
 * Text fields: `text` (a line: a name, a status) and `prose` (paragraphs of the author's
 * Markdown). Both are written as the author's Markdown, escaped where a line would look like the
 * template's structure, and read back from the source of the region the field takes. Also here:
 * when text counts as an answer (`textFilled`), shared by every kind, and the one-line value
 * after a label (`**Status**: Draft`) that text, date and choice fields may have.
 */
import type { FieldValue, ProseField, TextField } from '../model.ts';
import { escapeBlockText, unescapeBlockText, type Anchors } from '../document/anchors.ts';
import {
  commentText,
  isOnlyPlaceholders,
  matchKey,
  stripComments,
  unescapeMarkdown,
} from '../text.ts';
import type { KindModule, TextReadContext } from './types.ts';

export function isText(v: FieldValue | undefined): v is string {
  return typeof v === 'string';
}

/** Whether text is an answer: not empty, not one of the template's own texts, not placeholders. */
export function textFilled(text: string, template: readonly string[]): boolean {
  const t = stripComments(text).trim();
  if (t === '') return false;
  // Unescaping removes at most every other character: a text over twice as long as the
  // template's is not its text (and a long answer is not unescaped to be compared).
  const same = (p: string) =>
    p !== '' && t.length <= 2 * p.length && unescapeMarkdown(p) === unescapeMarkdown(t);
  if (template.some((p) => same(p.trim()))) return false;
  return !isOnlyPlaceholders(t);
}

/** The author's text as a block: lines that would read as the template's structure escaped. */
export function renderBlockText(value: FieldValue | undefined, anchors: Anchors): string {
  return typeof value === 'string' ? escapeBlockText(value, anchors) : '';
}

/** The inverse of renderBlockText, from the source of the region the field takes. */
export function readBlockText(raw: string, anchors: Anchors): string {
  // An indented list keeps its indentation: trimming the first item alone would unnest it
  // from the items below it.
  const body = /^[ \t]+([-*+]|\d{1,9}[.)])[ \t]/.test(raw) ? raw.trimEnd() : raw.trim();
  return unescapeBlockText(body, anchors);
}

/** A one-line field after its label; the template's placeholder text when it is empty. */
export function renderInline(
  prefix: string,
  value: FieldValue | undefined,
  emptyText: string,
): string {
  const text = typeof value === 'string' && value !== '' ? value : emptyText;
  return `${prefix}${text}`.trimEnd();
}

/**
 * The value of a one-line field from its line (`**Status**: Draft`), or from the lines below a
 * guidance comment (`**Description:** <!-- … -->` then the answer). `label` is the label as the
 * line writes it, when not as the template does (`**Status:**`, `Author(s):`). The template's
 * guidance (`isHint`, by matchKey) and its empty text are not answers.
 */
export function readInline(
  raw: string,
  prefix: string,
  emptyText: string,
  isHint: (key: string) => boolean,
  label: RegExpExecArray | null,
): string {
  const m = label;
  let value = raw.startsWith(prefix) ? raw.slice(prefix.length) : m ? raw.slice(m[0].length) : raw;
  value = value.replace(/\n+$/, '');
  const comment = /^<!--[\s\S]*?-->$/.exec(value.trim());
  if (comment && isHint(matchKey(commentText(value)))) value = '';
  // The template's guidance comment kept before a value written below it.
  const lead = /^[ \t]*(<!--[\s\S]*?-->)[ \t]*\n/.exec(value);
  if (lead && isHint(matchKey(commentText(lead[1]!)))) value = value.slice(lead[0].length);
  if (value.trim() === emptyText.trim()) return '';
  return value.trim();
}

function readText(field: TextField | ProseField, raw: string, ctx: TextReadContext): string {
  const text = readBlockText(raw, ctx.anchors);
  // The template's example left in place is not an answer (an issue form's is: GitHub never
  // writes it).
  return text === field.placeholder.trim() && !ctx.placeholderIsAnswer ? '' : text;
}

function filled(
  field: TextField | ProseField,
  value: FieldValue | undefined,
  ctx: { placeholderIsAnswer?: boolean },
): boolean {
  if (!isText(value)) return false;
  if (ctx.placeholderIsAnswer && value.trim() !== '' && value.trim() === field.placeholder.trim())
    return true;
  const own = ctx.placeholderIsAnswer
    ? [field.defaultValue]
    : [field.placeholder, field.defaultValue];
  return textFilled(value, own);
}

/** Text kinds' JSON: the answer as written. */
export function textJson(_field: unknown, value: FieldValue | undefined): string {
  return isText(value) ? value : '';
}

function texts(_field: unknown, value: FieldValue | undefined): string[] {
  return isText(value) ? [value] : [];
}

export const textKind: KindModule<TextField> = {
  empty: () => '',
  initial: (field) => field.defaultValue,
  templateValue: () => '',
  render: (_field, value, ctx) => renderBlockText(value, ctx.anchors),
  readText,
  filled,
  keepsDefault: (field, value) => field.defaultValue !== '' && value === field.defaultValue,
  placeholders: (field) => [field.placeholder, field.defaultValue],
  texts,
  json: textJson,
};

export const proseKind: KindModule<ProseField> = {
  empty: () => '',
  // An issue form's `value:` prefill.
  initial: (field) => field.defaultValue,
  templateValue: () => '',
  render: (_field, value, ctx) => renderBlockText(value, ctx.anchors),
  readText,
  filled,
  placeholders: (field) => [field.placeholder],
  texts,
  json: textJson,
};
