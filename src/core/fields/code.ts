/**
 * Code fields: one fenced code block in the template's language. The template's sample code is
 * a placeholder: a field left with it is unfilled. The fence is longer than any run of
 * backticks in the code, so any code comes back whole.
 */
import type { CodeField, FieldValue } from '../model.ts';
import { blockLines } from './items.ts';
import type { KindModule } from './types.ts';

/** A fence longer than the longest run of backticks in the code (at least three). */
export function fenceFor(code: string): string {
  let longest = 0;
  for (const m of code.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

export function renderCode(field: CodeField, value: FieldValue | undefined): string {
  const code = typeof value === 'string' ? value : field.placeholder;
  const fence = fenceFor(code);
  return [`${fence}${field.language}`, ...(code === '' ? [] : code.split('\n')), fence].join('\n');
}

/** The code inside a fenced block (a block that is never closed runs to its end). */
export function readCode(raw: string): string {
  const lines = blockLines(raw);
  const open = /^( {0,3})(`{3,}|~{3,})/.exec(lines[0]!);
  if (!open) return raw;
  const fence = open[2]!;
  const last = lines[lines.length - 1]!;
  const closeRe = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  const closed = lines.length > 1 && closeRe.test(last);
  return lines.slice(1, closed ? -1 : undefined).join('\n');
}

export const codeKind: KindModule<CodeField> = {
  empty: () => '',
  initial: (field) => field.placeholder,
  templateValue: (field) => field.placeholder,
  render: (field, value) => renderCode(field, value),
  // Fenced blocks only: indented code is the author's text.
  readBlock: (_field, unit) =>
    unit.type === 'code' && /^ {0,3}(`{3,}|~{3,})/.test(unit.raw) ? readCode(unit.raw) : null,
  filled: (field, value) =>
    typeof value === 'string' && value.trim() !== '' && value.trim() !== field.placeholder.trim(),
  placeholders: (field) => [field.placeholder],
  // Code is not searched for placeholders: `[x]` and `<T>` are code there.
  texts: () => [],
  json: (_field, value) => (typeof value === 'string' ? value : ''),
};
