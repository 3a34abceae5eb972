import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableField } from '../model.ts';
import { fieldBase, hostileLine, roundTrip } from '../testing/kinds.ts';
import { escapeTableCell, splitRow, tableKind, unescapeTableCell } from './table.ts';

const field: TableField = {
  ...fieldBase,
  kind: 'table',
  columns: [
    { name: 'Risk | impact', options: [] },
    { name: 'Level', options: ['High', 'Low'] },
    { name: 'Notes', options: [] },
  ],
  placeholderRows: [['Risk 1', 'High', '']],
};

/** A cell as the form gives it: one line, without spaces at its ends. */
const cell = hostileLine.map((t) => t.trim());
const row = fc.tuple(cell, cell, cell).map((r) => [...r]);

describe('table field', () => {
  it('reads back every row and cell, pipes, backslashes and backticks included (the template’s own example rows are dropped)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 4 }), (rows) => {
        const { markdown, blocks, back } = roundTrip(tableKind, field, rows);
        expect(
          blocks.map((b) => b.type),
          markdown,
        ).toEqual(['table']);
        expect(back).toEqual(
          rows.filter((r) => JSON.stringify(r) !== JSON.stringify(['Risk 1', 'High', ''])),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('escapes a pipe with the backslashes before it doubled, and unescapes it back', () => {
    fc.assert(
      fc.property(cell, (text) => {
        expect(unescapeTableCell(escapeTableCell(text))).toBe(text);
        expect(
          splitRow(`| ${escapeTableCell(text)} | x |`).map((c) => unescapeTableCell(c.trim())),
        ).toEqual(text === '' ? ['', 'x'] : [text, 'x']);
      }),
    );
    expect(escapeTableCell('a\\|b')).toBe('a\\\\\\|b');
  });

  it('splits a row on pipes that are not escaped, without its outer pipes', () => {
    expect(splitRow('| a | b \\| c | `d` |')).toEqual([' a ', ' b \\| c ', ' `d` ']);
    expect(splitRow('a | b')).toEqual(['a ', ' b']);
    expect(splitRow('| a |  |')).toEqual([' a ', '  ']);
    expect(splitRow('| a \\\\| b |')).toEqual([' a \\\\', ' b ']);
  });
});
