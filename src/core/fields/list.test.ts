import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ListField } from '../model.ts';
import { fieldBase, hostileLine, roundTrip } from '../testing/kinds.ts';
import { listKind } from './list.ts';

function listField(marker: string, ordered: boolean): ListField {
  return { ...fieldBase, kind: 'list', ordered, marker, placeholderItems: ['Limitation 1...'] };
}

/** One line, as the form gives it: without spaces at its ends. */
const item = hostileLine.map((t) => t.trim());

const fields = [
  listField('-', false),
  listField('*', false),
  listField('+', false),
  listField('.', true),
  listField(')', true),
];

describe('list field', () => {
  it.each(fields.map((f) => [`${f.ordered ? `1${f.marker}` : f.marker}`, f] as const))(
    'reads back the items written with %s, hostile text included (empty items are dropped, but a first item must not be empty: marked does not start a list with one; an item is one line without spaces at its ends)',
    (_m, field) => {
      fc.assert(
        fc.property(
          fc.array(item, { maxLength: 5 }).filter((a) => a[0] !== ''),
          (items) => {
            const { markdown, blocks, back } = roundTrip(listKind, field, items);
            const want = items.filter((t) => t !== '');
            if (want.length === 0) return;
            expect(
              blocks.map((b) => b.type),
              markdown,
            ).toEqual(['list']);
            expect(back).toEqual(want);
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it('drops the template’s own items and keeps an item that would be a rule', () => {
    const field = listField('-', false);
    const { markdown, back } = roundTrip(listKind, field, [
      'Limitation 1...',
      '---',
      '\\---',
      '* * *',
    ]);
    expect(markdown).toBe('- Limitation 1...\n- \\---\n- \\\\---\n- * * *');
    expect(back).toEqual(['---', '\\---', '* * *']);
  });
});
