/**
 * The guard that keeps reading lossless: a block of the document (a list, a table, a code
 * block) is taken into a structured field only when writing that field back gives every line
 * of the author's text again, with its structure: nesting, ordered or bullet items, ticked
 * boxes, table cells, the code fence's language. Otherwise the block is kept as written.
 */
import { splitRow } from '../fields/table.ts';

/** One line of a block, reduced to what an author would notice if it changed. */
function lineSignature(line: string): string | null {
  const trimmed = line.trim();
  if (trimmed === '') return null;
  // Table separator rows carry no text; a table's rows are compared cell by cell.
  if (/^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/.test(trimmed) && trimmed.includes('-')) return null;
  const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  if (fence) return `fence:${fence[2]!.trim()}`;
  const item = /^(\s*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)(.*)$/.exec(line);
  if (item) {
    const indent = item[1]!.replace(/\t/g, '    ').length;
    const ordered = /\d/.test(item[2]!) ? 'o' : 'b';
    const task = /^\\?\[([ xX])\\?\](?:[ \t]+|$)(.*)$/.exec(item[3]!);
    const box = task ? (task[1] === ' ' ? '[ ]' : '[x]') : '';
    const text = collapse(task ? task[2]! : item[3]!);
    return `item:${indent >= 2 ? indent : 0}:${ordered}:${box}:${text}`;
  }
  if (trimmed.startsWith('|') || (trimmed.includes('|') && /\S\s*\|\s*\S/.test(trimmed))) {
    const cells = splitCells(trimmed).map(collapse);
    return `row:${cells.join('\u0000')}`;
  }
  return `text:${collapse(trimmed)}`;
}

/** Spacing and bold markers aside (`**Key**: v` is how a key-value list writes `Key: v`). */
function collapse(text: string): string {
  return text
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A row's cells; trailing empty cells are layout, not text. */
function splitCells(row: string): string[] {
  const cells = splitRow(row);
  while (cells.length > 1 && cells[cells.length - 1]!.trim() === '') cells.pop();
  return cells;
}

export function signatures(text: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const f = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence !== null) {
      // A closing fence is layout: only the opening fence's language matters.
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && f[2]!.trim() === '') {
        fence = null;
        continue;
      }
      if (line.trim() !== '') out.push(`code:${line.trimEnd()}`);
      continue;
    }
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) fence = f[1]!;
    const sig = lineSignature(line);
    if (sig !== null) out.push(sig);
  }
  return out;
}

/**
 * Whether `written` (a field written back) keeps the author's lines of `original` in order.
 * Lines that are the template's own text (`template`: its example items, rows and options)
 * may be left out: they are not the author's.
 */
/** A line with no text of its own: `- ...`, `- …`, `___`, `YYYY-MM-DD`. */
function isFiller(sig: string): boolean {
  if (sig.startsWith('code:') || sig.startsWith('fence:')) return false;
  const text = sig.replace(/^(?:item:\d+:[ob]:(?:\[[ x]\])?:|text:|row:)/, '');
  return /^[\s.…_\-–—:]*$/.test(text.replace(/Y{4}-M{2}-D{2}|X{3,}/g, ''));
}

export function keepsAuthorLines(original: string, written: string, template: string): boolean {
  const own = new Set(signatures(template));
  const want = signatures(original).filter((s) => !own.has(s) && !isFiller(s));
  const have = signatures(written);
  let k = 0;
  for (const sig of have) {
    if (k < want.length && sig === want[k]) k++;
  }
  return k === want.length && keepsBold(original, written, template);
}

/**
 * The author's bold text comes back bold: a key-value list written in the template's spelling
 * (`* Key: value`) would drop the author's `* **Key:** value`, so such a block is kept as written.
 */
function keepsBold(original: string, written: string, template: string): boolean {
  const own = new Set(template.split('\n').map((l) => l.trim()));
  for (const line of original.split('\n')) {
    if (own.has(line.trim())) continue;
    for (const m of line.matchAll(/\*\*[^*\n]+\*\*/g)) if (!written.includes(m[0])) return false;
  }
  return true;
}
