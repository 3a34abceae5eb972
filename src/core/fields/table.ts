/**
 * Tables: the template's columns, one row per item. A pipe in a cell is escaped (`\|`, with the
 * backslashes before it doubled) so it does not split the cell; rows equal to the template's own
 * example rows are placeholders.
 */
import type { FieldValue, TableField } from '../model.ts';
import { blockLines } from './items.ts';
import { textFilled } from './text.ts';
import type { KindModule } from './types.ts';

export function escapeTableCell(text: string): string {
  return text.replace(/(\\*)\|/g, (_m, bs: string) => `${bs}${bs}\\|`);
}

export function unescapeTableCell(cell: string): string {
  return cell.replace(/(\\*)\\\|/g, (_m, bs: string) => `${bs.slice(0, bs.length / 2)}|`);
}

/**
 * A table row's cells as written (escapes kept, not trimmed): split on pipes preceded by an even
 * number of backslashes, without the outer pipes. A last cell of blanks only is layout.
 */
export function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  const cells: string[] = [];
  let cell = '';
  let slashes = 0;
  for (const c of body) {
    if (c === '|' && slashes % 2 === 0) {
      cells.push(cell);
      cell = '';
      slashes = 0;
      continue;
    }
    cell += c;
    slashes = c === '\\' ? slashes + 1 : 0;
  }
  if (cell.trim() !== '') cells.push(cell);
  return cells;
}

export function renderTable(field: TableField, value: FieldValue | undefined): string {
  const rows = Array.isArray(value) ? (value as string[][]) : [];
  const header = `| ${field.columns.map((c) => escapeTableCell(c.name)).join(' | ')} |`;
  const rule = `| ${field.columns.map((c) => '-'.repeat(Math.max(3, c.name.length))).join(' | ')} |`;
  const body = rows.map(
    (r) => `| ${field.columns.map((_c, i) => escapeTableCell(r[i] ?? '')).join(' | ')} |`,
  );
  return [header, rule, ...body].join('\n');
}

/**
 * The rows of a table block below its header and rule, cut or padded to the template's columns,
 * cells trimmed and unescaped; the template's own example rows are dropped.
 */
export function readTable(field: TableField, raw: string): string[][] {
  const lines = blockLines(raw).filter((l) => l.trim() !== '');
  const rows = lines.slice(2).map((l) => splitRow(l).map((c) => unescapeTableCell(c.trim())));
  const placeholders = new Set(field.placeholderRows.map((r) => JSON.stringify(r)));
  return rows
    .map((r) => field.columns.map((_c, i) => r[i] ?? ''))
    .filter((r) => !placeholders.has(JSON.stringify(r)));
}

export const tableKind: KindModule<TableField> = {
  empty: () => [],
  templateValue: (field) => field.placeholderRows,
  render: (field, value) => renderTable(field, value),
  readBlock: (field, unit) => (unit.type === 'table' ? readTable(field, unit.raw) : null),
  filled: (field, value) => {
    const rows = Array.isArray(value) ? (value as string[][]) : [];
    const placeholders = new Set(field.placeholderRows.map((r) => JSON.stringify(r)));
    return rows.some(
      (r) =>
        Array.isArray(r) &&
        !placeholders.has(JSON.stringify(r)) &&
        r.some((c) => typeof c === 'string' && textFilled(c, field.placeholderRows.flat())),
    );
  },
  placeholders: (field) => [field.placeholder],
  texts: (_field, value) => (typeof value === 'string' ? [value] : []),
  // Rows keyed by column name; cells beyond the template's columns under their position.
  json: (field, value) => {
    const placeholders = new Set(field.placeholderRows.map((r) => JSON.stringify(r)));
    const rows = (Array.isArray(value) ? (value as string[][]) : []).filter(
      (r) =>
        Array.isArray(r) &&
        !placeholders.has(JSON.stringify(r)) &&
        r.some((c) => typeof c === 'string' && textFilled(c, field.placeholderRows.flat())),
    );
    return rows.map((r) => {
      const row: Record<string, string> = {};
      field.columns.forEach((c, i) => (row[c.name] = r[i] ?? ''));
      for (let i = field.columns.length; i < r.length; i++) row[`column ${i + 1}`] = r[i]!;
      return row;
    });
  },
};
