/**
 * Which top-level keys a record of values was changed at, when it was made from another.
 *
 * A draft's values are never changed in place: a save makes a new record. With thousands of
 * fields, comparing two records key by key (is anything new to store? what goes to the writer?)
 * cost more than the save itself, once per save while typing. A record made by `withChanges`
 * remembers its base and the keys it changed, so `changedKeysBetween` answers without a visit of
 * every key; for records of any other origin it answers null and callers compare in full.
 */

/**
 * What a record was made from, and the keys at which it may differ from that. The base is held
 * weakly: a chain of saves must not keep every earlier copy of a large draft alive.
 */
const madeFrom = new WeakMap<object, { base: WeakRef<object>; keys: ReadonlySet<string> }>();

/** How many records back `changedKeysBetween` follows the chain before it gives up. */
const MAX_CHAIN = 16;

/**
 * A new record: `base` with each key of `changes` set (or removed, where the change is
 * undefined). `base` is left as it is; the result remembers it (see `changedKeysBetween`).
 */
export function withChanges<T>(
  base: Readonly<Record<string, T>>,
  changes: ReadonlyMap<string, T | undefined>,
): Record<string, T> {
  // A loop copies a record of thousands of keys about half again as fast as a spread in V8.
  const out: Record<string, T> = {};
  for (const key of Object.keys(base)) out[key] = base[key] as T;
  for (const [key, value] of changes) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  madeFrom.set(out, { base: new WeakRef(base), keys: new Set(changes.keys()) });
  return out;
}

/**
 * The keys at which `to` may differ from `from` (a superset: a key listed may hold an equal
 * value), when `to` was made from `from` by `withChanges`, directly or through a few records in
 * between; an empty set when they are the same record; null when that is not known.
 */
export function changedKeysBetween(from: object, to: object): ReadonlySet<string> | null {
  if (from === to) return new Set();
  const keys = new Set<string>();
  let at: object = to;
  for (let step = 0; step < MAX_CHAIN; step += 1) {
    const made = madeFrom.get(at);
    if (!made) return null;
    const base = made.base.deref();
    if (!base) return null;
    for (const key of made.keys) keys.add(key);
    if (base === from) return keys;
    at = base;
  }
  return null;
}

/** As `changedKeysBetween`, in either direction (`a` made from `b`, or `b` from `a`). */
export function keysThatMayDiffer(a: object, b: object): ReadonlySet<string> | null {
  return changedKeysBetween(a, b) ?? changedKeysBetween(b, a);
}
