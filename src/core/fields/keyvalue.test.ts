import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyValueField } from '../model.ts';
import type { KeyLayout } from '../template/types.ts';
import { fieldBase, hostileLine, roundTrip } from '../testing/kinds.ts';
import { keyValueKind } from './keyvalue.ts';

const field: KeyValueField = {
  ...fieldBase,
  kind: 'keyvalue',
  entries: [
    { key: 'CPU', hint: '', placeholder: '[cores]', options: [] },
    { key: 'CPU limit', hint: '', placeholder: '', options: [] },
    { key: 'Memory (GB)', hint: '', placeholder: '', options: [] },
  ],
};

const layouts: [string, KeyLayout[] | undefined][] = [
  ['- **Key**: ', undefined],
  [
    '* Key: , nested',
    [
      { prefix: '* CPU: ', emptyText: '[cores]' },
      { prefix: '  * CPU limit: ', emptyText: '' },
      { prefix: '* **Memory (GB):** ', emptyText: '' },
    ],
  ],
];

/** A value as the form gives it: one line, without spaces at its ends. */
const value = hostileLine.map((t) => t.trim());

describe('key-value field', () => {
  it.each(layouts)(
    'reads back the value of each key written as %s (empty values and the placeholder are no value; a colon opening a value after `**Key:**` is read as the label’s)',
    (_name, layout) => {
      fc.assert(
        fc.property(fc.tuple(value, value, value), (vals) => {
          const v: Record<string, string> = {};
          field.entries.forEach((e, i) => (v[e.key] = vals[i]!));
          const { markdown, blocks, back } = roundTrip(keyValueKind, field, v, layout);
          expect(
            blocks.map((b) => b.type),
            markdown,
          ).toEqual(['list']);
          const want: Record<string, string> = {};
          field.entries.forEach((e, i) => {
            // After a colon inside the bold (`**Key:**`), a colon opening the value reads as
            // the label's own.
            const text = layout?.[i]?.prefix.includes(':**')
              ? vals[i]!.replace(/^:/, '').trim()
              : vals[i]!;
            if (text !== '' && text !== e.placeholder) want[e.key] = text;
          });
          expect(back).toEqual(want);
        }),
        { numRuns: 300 },
      );
    },
  );

  it('reads a key in every common spelling', () => {
    const raw = '- **CPU:** 2\n- CPU limit: 4\n* **Memory (GB)**: 8';
    expect(keyValueKind.readBlock!(field, { type: 'list', raw }, undefined)).toEqual({
      CPU: '2',
      'CPU limit': '4',
      'Memory (GB)': '8',
    });
  });
});
