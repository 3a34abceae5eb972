import { describe, expect, it, vi } from 'vitest';
import '../../zodSetup.ts';
import { parseTemplate } from '../../core/template/parse.ts';
import { allFields } from '../../core/document/walk.ts';
import type { GroupInstance } from '../../core/model.ts';
import { fieldValidator } from './formSchema.ts';
import { FormStore } from './formStore.ts';

// A repeated group of two fields, and a date field of its own.
const template = parseTemplate(
  [
    '## Plan',
    '',
    '**Owner:** [name]',
    '',
    '## Alternatives',
    '',
    '### Alternative 1',
    '',
    '**Name:** [name]',
    '',
    '### Alternative 2',
    '',
    '**Name:** [name]',
    '',
  ].join('\n'),
);
const GROUP = 'alternatives/alternative';

/** A validator over the template, with a date check on the group's names for the test. */
function storeWith(values: Record<string, unknown>) {
  const base = fieldValidator(template);
  const validator = (key: string, value: Parameters<typeof base>[1]) => {
    const issues = base(key, value);
    if (key !== GROUP || !Array.isArray(value)) return issues;
    (value as GroupInstance[]).forEach((item, i) => {
      if (item.name === 'bad') issues.push({ path: `${GROUP}.${i}.name`, message: 'Bad name.' });
    });
    return issues;
  };
  const keys = () => allFields(template).map((f) => f.id);
  return new FormStore(values as never, validator, keys);
}

describe('FormStore', () => {
  it('tells a field only about its own value; the values record follows every change', () => {
    const form = storeWith({ 'plan/owner': '', [GROUP]: [{ name: 'A' }, { name: 'B' }] });
    const owner = vi.fn();
    const second = vi.fn();
    const all = vi.fn();
    form.subscribeField('plan/owner', owner);
    form.subscribeField(`${GROUP}.1.name`, second);
    form.subscribeValues(all);

    form.setValue(`${GROUP}.0.name`, 'Queue');
    expect(owner).not.toHaveBeenCalled();
    expect(all).toHaveBeenCalledTimes(1);
    expect(form.get(`${GROUP}.0.name`)).toBe('Queue');
    // The other item's value is the same object: its field does not re-render.
    expect(form.get(`${GROUP}.1`)).toEqual({ name: 'B' });

    const before = form.get(GROUP);
    form.setValue('plan/owner', 'Ada');
    expect(owner).toHaveBeenCalledTimes(1);
    expect(form.get(GROUP)).toBe(before);
    expect(form.getValues()['plan/owner']).toBe('Ada');
  });

  it('shows a message once the field is left, and drops it as soon as the text is right', () => {
    const form = storeWith({ 'plan/owner': '', [GROUP]: [{ name: 'bad' }, { name: 'bad' }] });
    expect(form.getError(`${GROUP}.0.name`)).toBeUndefined();
    form.blur(`${GROUP}.0.name`);
    expect(form.isTouched(`${GROUP}.0.name`)).toBe(true);
    expect(form.getError(`${GROUP}.0.name`)).toBe('Bad name.');
    // Only the field left is checked; the other item says nothing yet.
    expect(form.getError(`${GROUP}.1.name`)).toBeUndefined();
    form.setValue(`${GROUP}.0.name`, 'good');
    expect(form.getError(`${GROUP}.0.name`)).toBeUndefined();

    // An export checks every field.
    expect(form.validateAll()).toBe(false);
    expect(form.getError(`${GROUP}.1.name`)).toBe('Bad name.');
    expect(form.getError(GROUP)).toBe('Bad name.');
  });

  it('moves keys, touched state and messages with the items; a reset starts afresh', () => {
    const form = storeWith({ [GROUP]: [{ name: 'A' }, { name: 'bad' }, { name: 'C' }] });
    const [a, b, c] = form.getItemKeys(GROUP);
    form.blur(`${GROUP}.1.name`);
    expect(form.getError(`${GROUP}.1.name`)).toBe('Bad name.');

    // The second item moves first; the first is removed; a new one is added at the end.
    form.rearrange(GROUP, [1, 2, { insert: { name: 'D' } }]);
    expect(form.get(GROUP)).toEqual([{ name: 'bad' }, { name: 'C' }, { name: 'D' }]);
    const keys = form.getItemKeys(GROUP);
    expect(keys.slice(0, 2)).toEqual([b, c]);
    expect(keys).not.toContain(a);
    expect(form.isTouched(`${GROUP}.0.name`)).toBe(true);
    expect(form.getError(`${GROUP}.0.name`)).toBe('Bad name.');
    expect(form.isTouched(`${GROUP}.1.name`)).toBe(false);

    form.reset({ [GROUP]: [{ name: 'X' }, { name: 'Y' }, { name: 'Z' }] });
    expect(form.isTouched(`${GROUP}.0.name`)).toBe(false);
    expect(form.getError(GROUP)).toBeUndefined();
    expect(form.getItemKeys(GROUP)).not.toContain(b);
  });

  it('checks a date as a date', () => {
    const dated = parseTemplate('## When\n\n**Start date:** YYYY-MM-DD\n');
    const field = allFields(dated)[0]!;
    const check = fieldValidator(dated);
    if (field.kind !== 'date') return expect(field.kind).toBe('date');
    expect(check(field.id, '2026-02-30')).toEqual([
      { path: field.id, message: 'Enter a date as YYYY-MM-DD.' },
    ]);
    expect(check(field.id, '2026-02-28')).toEqual([]);
    expect(check(field.id, '')).toEqual([]);
  });
});
