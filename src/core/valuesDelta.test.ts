import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedKeysBetween, keysThatMayDiffer, withChanges } from './valuesDelta.ts';

describe('withChanges / changedKeysBetween', () => {
  it('makes a new record with the changes and leaves the base as it was', () => {
    const base = { a: '1', b: '2', c: '3' };
    const next = withChanges(
      base,
      new Map([
        ['b', 'two'],
        ['c', undefined],
        ['d', '4'],
      ]),
    );
    expect(next).toEqual({ a: '1', b: 'two', d: '4' });
    expect(base).toEqual({ a: '1', b: '2', c: '3' });
    expect(changedKeysBetween(base, next)).toEqual(new Set(['b', 'c', 'd']));
  });

  it('follows a chain of records, knows nothing of unrelated ones, and is empty for one record', () => {
    const base = { a: '1', b: '2' };
    const one = withChanges(base, new Map([['a', 'x']]));
    const two = withChanges(one, new Map([['b', 'y']]));
    expect(changedKeysBetween(base, two)).toEqual(new Set(['a', 'b']));
    expect(changedKeysBetween(one, two)).toEqual(new Set(['b']));
    // The other way round is not known by changedKeysBetween; keysThatMayDiffer looks both ways.
    expect(changedKeysBetween(two, base)).toBeNull();
    expect(keysThatMayDiffer(two, base)).toEqual(new Set(['a', 'b']));
    expect(changedKeysBetween({ ...base }, two)).toBeNull();
    expect(changedKeysBetween(two, two)).toEqual(new Set());
  });

  it('gives up on a very long chain (the caller then compares in full)', () => {
    const base: Record<string, string> = { a: '0' };
    let at = base;
    for (let i = 1; i <= 40; i += 1) at = withChanges(at, new Map([['a', String(i)]]));
    expect(changedKeysBetween(base, at)).toBeNull();
  });

  it('lists every key at which any two records of a chain differ (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const value = fc.option(fc.constantFrom('1', '2', '3'), { nil: undefined });
    const changes = fc.array(fc.tuple(key, value), { maxLength: 4 });
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.constantFrom('1', '2')),
        fc.array(changes, { maxLength: 8 }),
        (start, steps) => {
          const chain: Record<string, string>[] = [start];
          for (const step of steps) {
            chain.push(
              withChanges<string>(chain.at(-1)!, new Map<string, string | undefined>(step)),
            );
          }
          for (let i = 0; i < chain.length; i += 1) {
            for (let j = i; j < chain.length; j += 1) {
              const keys = changedKeysBetween(chain[i]!, chain[j]!);
              expect(keys).not.toBeNull();
              const a = chain[i]!;
              const b = chain[j]!;
              for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
                if (a[k] !== b[k] || Object.hasOwn(a, k) !== Object.hasOwn(b, k)) {
                  expect(keys!.has(k)).toBe(true);
                }
              }
            }
          }
        },
      ),
    );
  });
});
