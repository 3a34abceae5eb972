import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChoiceField } from '../model.ts';
import { fieldBase, hostileLine, testAnchors } from '../testing/kinds.ts';
import { choiceKind } from './choice.ts';

const field: ChoiceField = {
  ...fieldBase,
  kind: 'choice',
  options: ['Yes', 'No'],
  detail: true,
  placeholder: 'Yes/No - if yes, list them',
};
const ctx = { anchors: testAnchors(), isFilled: () => false };

describe('choice field', () => {
  it('reads back an option, or an option with detail, hostile text included', () => {
    const value = fc
      .tuple(fc.constantFrom('Yes', 'No', ''), hostileLine)
      .map(([option, detail]) => `${option}${detail ? ` - ${detail}` : ''}`.trim());
    fc.assert(
      fc.property(value, (v) => {
        expect(choiceKind.readText!(field, choiceKind.render(field, v, ctx), ctx)).toBe(v);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a chosen option as an answer, and placeholders as none', () => {
    expect(choiceKind.filled(field, 'No', ctx)).toBe(true);
    expect(choiceKind.filled(field, '[Yes/No]', ctx)).toBe(false);
    expect(choiceKind.filled(field, '', ctx)).toBe(false);
  });
});
