import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChecklistField } from '../model.ts';
import { fieldBase, hostileLine, roundTrip } from '../testing/kinds.ts';
import { isOnlyPlaceholders, matchKey, unescapeMarkdown } from '../text.ts';
import { checklistKind } from './checklist.ts';

function checklist(marker: string, multiple: boolean): ChecklistField {
  return {
    ...fieldBase,
    kind: 'checklist',
    marker,
    multiple,
    options: [
      { label: 'Bug fix', raw: 'Bug fix', other: false },
      { label: 'New feature | API', raw: 'New feature | API', other: false },
      { label: 'Docs `x`', raw: 'Docs `x`', other: false, indent: '  ' },
      { label: 'Other', raw: 'Other: \\_\\_\\_', other: true },
    ],
  };
}

const labels = checklist('-', true).options.map((o) => o.label);
const other = hostileLine.map((t) => t.trim());

describe('checklist field', () => {
  it.each([
    ['- boxes, several ticked', checklist('-', true)],
    ['* boxes, one ticked', checklist('*', false)],
    ['numbered boxes', checklist('.', true)],
  ] as const)(
    'reads back the ticked options and the other text: %s (other text that is only placeholders is not an answer)',
    (_name, field) => {
      fc.assert(
        fc.property(fc.subarray(labels), other, (picked, text) => {
          const checked = field.multiple ? picked : picked.slice(0, 1);
          const { markdown, blocks, back } = roundTrip(checklistKind, field, {
            checked,
            other: text,
          });
          expect(
            blocks.map((b) => b.type),
            markdown,
          ).toEqual(['list']);
          // Placeholders only, or the template's own filler (`Other: ___`), is no answer.
          const keepsOther =
            text !== '' &&
            !isOnlyPlaceholders(unescapeMarkdown(text)) &&
            matchKey(`Other: ${text}`) !== matchKey('Other: \\_\\_\\_');
          expect(back).toEqual({ checked, other: keepsOther ? text : '' });
        }),
        { numRuns: 300 },
      );
    },
  );

  it('reads back a multi-select dropdown written as one comma-separated line, options with commas included', () => {
    const field: ChecklistField = {
      ...fieldBase,
      kind: 'checklist',
      marker: ',',
      multiple: true,
      options: ['Firefox', 'Firefox, ESR', 'Chrome', 'Edge | Beta'].map((l) => ({
        label: l,
        raw: l,
        other: false,
      })),
    };
    const all = field.options.map((o) => o.label);
    fc.assert(
      fc.property(fc.subarray(all, { minLength: 1 }), (checked) => {
        const { blocks, back } = roundTrip(checklistKind, field, { checked, other: '' });
        expect(blocks.map((b) => b.type)).toEqual(['paragraph']);
        expect(back).toEqual({ checked, other: '' });
      }),
    );
  });
});
