import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DateField } from '../model.ts';
import { fieldBase, hostileLine, testAnchors } from '../testing/kinds.ts';
import { dateKind } from './date.ts';

const field: DateField = { ...fieldBase, kind: 'date', placeholder: 'YYYY-MM-DD' };
const ctx = { anchors: testAnchors(), isFilled: () => false };

describe('date field', () => {
  it('reads back a date, or any text written instead of one', () => {
    const date = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.oneof(
          date,
          hostileLine.map((t) => t.trim()),
        ),
        (value) => {
          expect(dateKind.readText!(field, dateKind.render(field, value, ctx), ctx)).toBe(value);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts an ISO date as an answer, and the template’s YYYY-MM-DD or other text as none', () => {
    expect(dateKind.filled(field, '2026-12-01', ctx)).toBe(true);
    expect(dateKind.filled(field, 'YYYY-MM-DD', ctx)).toBe(false);
    expect(dateKind.filled(field, 'next week', ctx)).toBe(false);
  });
});
