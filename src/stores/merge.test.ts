import { describe, expect, it } from 'vitest';
import { combineValues, mergeValues, valueAsText } from './merge.ts';

describe('mergeValues', () => {
  it('takes each side’s change of a different field', () => {
    const base = { a: '1', b: '2', c: '3' };
    expect(mergeValues(base, { a: 'A', b: '2', c: '3' }, { a: '1', b: 'B', c: '3' })).toEqual({
      values: { a: 'A', b: 'B', c: '3' },
      conflicts: [],
    });
  });

  it('keeps ours and records theirs when both changed a field differently', () => {
    expect(mergeValues({ a: '1' }, { a: 'mine' }, { a: 'theirs' })).toEqual({
      values: { a: 'mine' },
      conflicts: [{ key: 'a', theirs: 'theirs' }],
    });
    // The same change on both sides is no conflict.
    expect(mergeValues({ a: '1' }, { a: 'x' }, { a: 'x' }).conflicts).toEqual([]);
    // Without a base every difference is a conflict.
    expect(mergeValues(undefined, { a: 'x' }, { a: 'y' }).conflicts).toHaveLength(1);
  });

  it('takes the other side’s answer of a field the base had not filled in yet', () => {
    expect(mergeValues({}, { a: '', b: 'mine' }, { a: 'theirs', b: '' }).values).toEqual({
      a: 'theirs',
      b: 'mine',
    });
    expect(mergeValues({}, { a: 'x' }, { a: 'y' }).conflicts).toHaveLength(1);
  });

  it('keeps fields only one side has', () => {
    expect(mergeValues({}, { a: 'mine' }, { b: ['theirs'] }).values).toEqual({
      a: 'mine',
      b: ['theirs'],
    });
  });
});

describe('combineValues (keep both)', () => {
  it('joins texts with a visible separator, ours first', () => {
    expect(combineValues('one line', 'other')).toBe('one line — from the other tab: other');
    expect(combineValues('a\nb', 'c')).toBe('a\nb\n\n— from the other tab —\n\nc');
    expect(combineValues('', 'c')).toBe('c');
  });

  it('appends list items and rows, unites ticked options', () => {
    expect(combineValues(['a', 'b'], ['b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(combineValues({ checked: ['A'], other: '' }, { checked: ['B'], other: 'x' })).toEqual({
      checked: ['A', 'B'],
      other: 'x',
    });
    expect(combineValues({ CPU: 'low' }, { CPU: 'high', RAM: 'ok' })).toEqual({
      CPU: 'low — from the other tab: high',
      RAM: 'ok',
    });
  });

  it('shows any value as text', () => {
    expect(valueAsText([{ done: true, text: 'T' }])).toBe('- [x] T');
    expect(valueAsText([['a', 'b']])).toBe('| a | b |');
  });
});
