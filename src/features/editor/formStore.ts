/**
 * The form's state: every field's value, which fields the author has left (touched) and their
 * validation messages. One store per open draft (`LiveValues` extends it); each field component
 * follows its own path only (`useField`), so typing in a field re-renders that field and
 * nothing else of the form.
 *
 * A path is a field id (`summary/risks`), or within a repeated group `group.index.fieldId`
 * (ids never hold a dot). The record of values is the store's own and is updated in place at
 * its top level (copying a record of 10,000 fields on each keystroke would cost more than the
 * keystroke); a field's value is never changed in place: an edit replaces it, and an edit inside
 * a group replaces the group's list and the instance edited.
 *
 * Validation follows the field: a field is checked when the author leaves it, again on each
 * change while it shows a message, and every field at once by `validateAll` (an export).
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { FieldValue, GroupInstance, Values } from '../../core/model.ts';

/** A message about the value at `path` (a field, or a part of it: `table.2.1`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Checks the top-level field `key` holding `value`; [] when it is fine. */
export type FieldValidator = (key: string, value: FieldValue | undefined) => FieldIssue[];

type Listener = () => void;
/** Told of a change of values, with the top-level keys changed (null: any may have). */
type ValuesListener = (keys: ReadonlySet<string> | null) => void;

/** The top-level key a path belongs to. */
function topOf(path: string, values: Values): string {
  const dot = path.indexOf('.');
  return dot < 0 || path in values ? path : path.slice(0, dot);
}

/** Whether `path` is `base` or lies inside it. */
function within(path: string, base: string): boolean {
  return path === base || (path.startsWith(base) && path.charCodeAt(base.length) === 46);
}

function readAt(value: unknown, parts: readonly string[]): unknown {
  let at = value;
  for (const part of parts) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** `container` with `parts` set to `value`, copied along the way (the original is untouched). */
function writeAt(container: unknown, parts: readonly string[], value: unknown): unknown {
  const [head, ...rest] = parts;
  if (head === undefined) return value;
  if (Array.isArray(container)) {
    const copy: unknown[] = container.slice();
    const index = Number(head);
    copy[index] = writeAt(copy[index], rest, value);
    return copy;
  }
  const base = typeof container === 'object' && container !== null ? container : {};
  const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  copy[head] = writeAt(copy[head], rest, value);
  return copy;
}

let nextKey = 0;

export class FormStore {
  protected values: Values;
  /** Field listeners by the top-level key they follow, then by path. */
  private readonly fieldListeners = new Map<string, Map<string, Set<Listener>>>();
  private readonly valueListeners = new Set<ValuesListener>();
  private touched = new Set<string>();
  /** Messages by the top-level key, then by the path they are about. */
  private errors = new Map<string, Map<string, string>>();
  /** React keys of a repeated group's items, moved with them. */
  private itemKeys = new Map<string, string[]>();

  constructor(
    values: Values,
    private readonly validator: FieldValidator = () => [],
    /** The keys `validateAll` checks (the template's fields). */
    private readonly fieldKeys: () => Iterable<string> = () => [],
  ) {
    this.values = { ...values };
  }

  /** The current values: the store's own record (copy it to keep it). */
  getValues(): Values {
    return this.values;
  }

  get(path: string): FieldValue | undefined {
    const top = topOf(path, this.values);
    const value = this.values[top];
    if (top === path) return value;
    return readAt(value, path.slice(top.length + 1).split('.')) as FieldValue | undefined;
  }

  /** Sets the value at `path` (a field, or a field of a group's item). */
  setValue(path: string, value: FieldValue): void {
    this.setMany([[path, value]]);
  }

  /** Sets several values as one change (the title's copies and the title). */
  setMany(entries: readonly (readonly [string, FieldValue])[]): void {
    const tops = new Set<string>();
    for (const [path, value] of entries) {
      const top = topOf(path, this.values);
      this.values[top] =
        top === path
          ? value
          : (writeAt(this.values[top], path.slice(top.length + 1).split('.'), value) as FieldValue);
      tops.add(top);
      // A message follows the text while it is shown: it goes once the text is right.
      if (this.hasErrorWithin(path)) this.validatePath(path);
    }
    for (const top of tops) this.notifyTop(top);
    this.valuesChanged(tops);
  }

  /** Replaces every value (another tab's version, an outside change); nothing is touched. */
  reset(values: Values): void {
    this.values = { ...values };
    this.touched = new Set();
    this.errors = new Map();
    this.itemKeys = new Map();
    for (const byPath of this.fieldListeners.values()) {
      for (const listeners of byPath.values()) for (const listener of listeners) listener();
    }
    this.valuesChanged(null);
  }

  /**
   * Called after every change of a value, with the top-level keys changed (null: any may have);
   * `LiveValues` follows from here.
   */
  protected valuesChanged(keys: ReadonlySet<string> | null): void {
    for (const listener of this.valueListeners) listener(keys);
  }

  /** Told after every change of a value (typing, an item moved, a reset). */
  subscribeValues = (listener: ValuesListener): (() => void) => {
    this.valueListeners.add(listener);
    return () => this.valueListeners.delete(listener);
  };

  /** Told when the value, touched state or message at `path` (or of its field) may have changed. */
  subscribeField(path: string, listener: Listener): () => void {
    const top = topOf(path, this.values);
    let byPath = this.fieldListeners.get(top);
    if (!byPath) {
      byPath = new Map<string, Set<Listener>>();
      this.fieldListeners.set(top, byPath);
    }
    let set = byPath.get(path);
    if (!set) {
      set = new Set<Listener>();
      byPath.set(path, set);
    }
    set.add(listener);
    const listeners = set;
    const paths = byPath;
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0 || paths.get(path) !== listeners) return;
      paths.delete(path);
      if (paths.size === 0 && this.fieldListeners.get(top) === paths)
        this.fieldListeners.delete(top);
    };
  }

  private notifyTop(top: string): void {
    const byPath = this.fieldListeners.get(top);
    if (!byPath) return;
    for (const listeners of [...byPath.values()]) for (const listener of [...listeners]) listener();
  }

  // -------------------------------------------------------------------------------------------
  // Touched and messages

  isTouched(path: string): boolean {
    return this.touched.has(path);
  }

  /** The author left the field at `path`: it is touched, and checked. */
  blur(path: string): void {
    this.touched.add(path);
    this.validatePath(path);
    this.notifyTop(topOf(path, this.values));
  }

  /** The first message about the value at `path` or a part of it. */
  getError(path: string): string | undefined {
    const byPath = this.errors.get(topOf(path, this.values));
    if (!byPath) return undefined;
    for (const [at, message] of byPath) if (within(at, path)) return message;
    return undefined;
  }

  private hasErrorWithin(path: string): boolean {
    return this.getError(path) !== undefined;
  }

  /** Checks the field holding `path`, and keeps the messages about `path` and its parts. */
  private validatePath(path: string): void {
    const top = topOf(path, this.values);
    const issues = this.validator(top, this.values[top]).filter((i) => within(i.path, path));
    const byPath = new Map([...(this.errors.get(top) ?? [])].filter(([at]) => !within(at, path)));
    for (const issue of issues) if (!byPath.has(issue.path)) byPath.set(issue.path, issue.message);
    if (byPath.size > 0) this.errors.set(top, byPath);
    else this.errors.delete(top);
  }

  /** Checks every field (an export was asked for); true when none has a message. */
  validateAll(): boolean {
    const errors = new Map<string, Map<string, string>>();
    for (const key of this.fieldKeys()) {
      const issues = this.validator(key, this.values[key]);
      if (issues.length === 0) continue;
      const byPath = new Map<string, string>();
      for (const issue of issues) {
        if (!byPath.has(issue.path)) byPath.set(issue.path, issue.message);
      }
      errors.set(key, byPath);
    }
    const changed = new Set([...this.errors.keys(), ...errors.keys()]);
    this.errors = errors;
    for (const top of changed) this.notifyTop(top);
    return errors.size === 0;
  }

  // -------------------------------------------------------------------------------------------
  // A repeated group's items

  /** Stable React keys for the items of the list at `path` (they move with their items). */
  getItemKeys(path: string): readonly string[] {
    const value = this.get(path);
    const length = Array.isArray(value) ? value.length : 0;
    const keys = this.itemKeys.get(path);
    if (keys?.length === length) return keys;
    // Changed from outside (a reset, another tab): every item gets a new key.
    const fresh = Array.from({ length }, () => `item-${nextKey++}`);
    this.itemKeys.set(path, fresh);
    return fresh;
  }

  /**
   * Replaces the items of the group at `path`: `order[i]` is the old index of the new item `i`,
   * or an item to insert. Keys, touched state and messages move with their items.
   */
  rearrange(path: string, order: readonly (number | { insert: GroupInstance })[]): void {
    const old = this.get(path);
    const items: GroupInstance[] = Array.isArray(old) ? (old as GroupInstance[]) : [];
    const oldKeys = this.getItemKeys(path);
    const next = order.map((o) => (typeof o === 'number' ? items[o]! : o.insert));
    const keys = order.map((o) => (typeof o === 'number' ? oldKeys[o]! : `item-${nextKey++}`));
    const newIndex = new Map<number, number>();
    order.forEach((o, i) => {
      if (typeof o === 'number') newIndex.set(o, i);
    });
    const moved = (at: string): string | null => {
      if (!at.startsWith(`${path}.`)) return at;
      const rest = at.slice(path.length + 1);
      const dot = rest.indexOf('.');
      const index = Number(dot < 0 ? rest : rest.slice(0, dot));
      const to = newIndex.get(index);
      return to === undefined ? null : `${path}.${to}${dot < 0 ? '' : rest.slice(dot)}`;
    };
    const touched = new Set<string>();
    for (const at of this.touched) {
      const to = moved(at);
      if (to !== null) touched.add(to);
    }
    this.touched = touched;
    const top = topOf(path, this.values);
    const byPath = this.errors.get(top);
    if (byPath) {
      const remapped = new Map<string, string>();
      for (const [at, message] of byPath) {
        const to = moved(at);
        if (to !== null) remapped.set(to, message);
      }
      this.errors.set(top, remapped);
    }
    this.itemKeys.set(path, keys);
    this.setValue(path, next);
  }
}

export const FormContext = createContext<FormStore | null>(null);

export function useFormStore(): FormStore {
  const form = useContext(FormContext);
  if (!form) throw new Error('useFormStore needs a FormContext provider.');
  return form;
}

/** A value of the store at `path`, followed: the component re-renders when `select` changes. */
function useAt<T>(path: string, select: (form: FormStore) => T): T {
  const form = useFormStore();
  const subscribe = useCallback(
    (listener: Listener) => form.subscribeField(path, listener),
    [form, path],
  );
  return useSyncExternalStore(subscribe, () => select(form));
}

/** The value at `path`; re-renders when that value changes (not when another field does). */
export function useFieldValue(path: string): FieldValue | undefined {
  return useAt(path, (form) => form.get(path));
}

export interface BoundField {
  value: FieldValue | undefined;
  touched: boolean;
  error: string | undefined;
  onChange: (value: FieldValue) => void;
  onBlur: () => void;
}

/** A field's value, touched state and message, and how to change them. */
export function useField(path: string): BoundField {
  const form = useFormStore();
  const value = useFieldValue(path);
  const touched = useAt(path, (f) => f.isTouched(path));
  const error = useAt(path, (f) => f.getError(path));
  const onChange = useCallback((next: FieldValue) => form.setValue(path, next), [form, path]);
  const onBlur = useCallback(() => form.blur(path), [form, path]);
  return { value, touched, error, onChange, onBlur };
}

/** The keys of a group's items; re-renders when items are added, removed or moved. */
export function useItemKeys(path: string): readonly string[] {
  return useAt(path, (form) => form.getItemKeys(path));
}

/** Something derived from the value at `path`; re-renders only when it changes. */
export function useFieldSelector<T extends string | number | boolean | undefined | null>(
  path: string,
  select: (value: FieldValue | undefined) => T,
): T {
  return useAt(path, (form) => select(form.get(path)));
}
