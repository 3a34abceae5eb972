/**
 * Keeps the drafts store in step with the form: an edit is written once typing pauses for
 * SAVE_DELAY_MS, and at most SAVE_MAX_DELAY_MS after it was made however long the typing goes
 * on, in a task right after a frame is drawn (writing copies every value, so it stays off a
 * keystroke's path: see `afterNextPaint`), and at once
 * when the page is hidden or closed (then also journaled synchronously, stores/journal.ts) and
 * when the editor unmounts. A change of the stored draft made elsewhere
 * (another tab, a resolved conflict) is loaded into the form; when the form holds edits of its
 * own at that moment, the two are merged field by field (a field changed on both sides keeps
 * the form's text and records the other as a conflict).
 */
import { useEffect, useRef } from 'react';
import { fieldValueSchema } from '../../core/model.ts';
import type { FieldValue, Values } from '../../core/model.ts';
import { useDrafts } from '../../stores/drafts.ts';
import { onBeforeHide } from '../../stores/journal.ts';
import { mergeValues } from '../../stores/merge.ts';
import { keysThatMayDiffer, withChanges } from '../../core/valuesDelta.ts';

// A change is stored within 100 ms (a tab's process closed right after typing keeps the last
// words); a short pause first lets a burst of keystrokes share one write.
export const SAVE_DELAY_MS = 50;
export const SAVE_MAX_DELAY_MS = 100;

/**
 * Each value's storable copy, by the value: the form never changes a value in place (an edit
 * replaces it, see formStore.ts), so a value seen before has the same copy, and a save copies
 * and checks only the values edited since. A template of thousands of list fields otherwise
 * made every save (one every 100 ms while typing) thousands of copies and schema checks.
 */
const storedCopies = new WeakMap<object, { value: FieldValue } | null>();

/** Plain JSON data the drafts schema accepts: values of an unknown shape are left out. */
export function storableValues(values: Values): Values {
  const out: Values = {};
  for (const key of Object.keys(values)) {
    const value = storableValue(values[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * `previous` (the storable copy of the values as they were) brought up to `values` at `keys`,
 * the only keys changed since: one copy of the record, no visit of every value. The result
 * remembers what it was made from (core/valuesDelta.ts), so the save's comparisons look at
 * those keys only. A template of 10,000 fields made each save (one every 100 ms while typing)
 * three visits of 10,000 keys: the copy, the compare with the stored draft and the writer's
 * patch, ~20 ms that a keystroke arriving meanwhile waited for.
 */
export function storableUpdate(previous: Values, values: Values, keys: Iterable<string>): Values {
  const changes = new Map<string, FieldValue | undefined>();
  for (const key of keys) {
    changes.set(key, Object.hasOwn(values, key) ? storableValue(values[key]) : undefined);
  }
  return withChanges(previous, changes);
}

/** One value as the drafts schema accepts it; undefined when it has an unknown shape. */
function storableValue(value: unknown): FieldValue | undefined {
  // A string is a field value as it is (the schema's first case), kept without a copy or a
  // check: a template of 10,000 text fields made each save 10,000 schema checks.
  if (typeof value === 'string') return value;
  const known = typeof value === 'object' && value !== null ? storedCopies.get(value) : undefined;
  if (known !== undefined) return known ? known.value : undefined;
  // Other values are copied as plain JSON data (the drafts store keeps its own copy).
  const plain = JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
  const parsed = fieldValueSchema.safeParse(plain);
  if (typeof value === 'object' && value !== null) {
    storedCopies.set(value, parsed.success ? { value: parsed.data } : null);
  }
  return parsed.success ? parsed.data : undefined;
}

/**
 * Runs `run` in a task of its own once the next frame is drawn (at most a frame later), or after
 * AFTER_PAINT_MAX_MS when no frame comes (a hidden page draws none); returns the cancel.
 * A save of a large draft takes a few milliseconds: started right after a keystroke's frame, it
 * is done before the next keystroke, where a timer could fire just before that keystroke (at
 * typing speed, 50 ms after a keystroke is a few ms before the next one) and hold it up.
 */
function afterNextPaint(run: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(task);
    run();
  };
  let task: ReturnType<typeof setTimeout> | undefined;
  const frame =
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => {
          task = setTimeout(once, 0);
        })
      : 0;
  const fallback = setTimeout(once, AFTER_PAINT_MAX_MS);
  return () => {
    done = true;
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(task);
  };
}

/** A save waiting for a frame waits this long at most (a frame is 16 ms at 60 Hz). */
const AFTER_PAINT_MAX_MS = 50;

export interface DraftSync {
  /** Call on every form change, with the top-level keys changed (null or none: any may have). */
  changed: (keys?: ReadonlySet<string> | null) => void;
  /** Writes pending edits now. */
  flush: () => void;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Text is compared as text (a long answer is not serialised to be compared).
  if (typeof a === 'string' || typeof b === 'string') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The same values, field by field (a long answer that did not change is not serialised). */
function sameValues(a: Values | null, b: Values | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  // One made from the other by a save: only the keys it changed can differ.
  const changed = keysThatMayDiffer(a, b);
  if (changed) {
    for (const key of changed) {
      if (Object.hasOwn(a, key) !== Object.hasOwn(b, key)) return false;
      if (Object.hasOwn(a, key) && !sameJson(a[key], b[key])) return false;
    }
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && sameJson(a[key], b[key]));
}

export function useDraftSync(
  draftId: string,
  getValues: () => Values,
  onOutsideChange: (values: Values) => void,
  /** True while another tab edits the draft: this form then writes nothing. */
  isReadOnly: () => boolean = () => false,
  /** The draft's name for these values, when the name follows them (the proposal's title). */
  nameOf?: (values: Values) => string,
): DraftSync {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Cancels a save waiting for the next frame. */
  const afterPaint = useRef<(() => void) | null>(null);
  const dirty = useRef(false);
  /** When the oldest edit not yet written was made. */
  const dirtySince = useRef(0);
  /** The values this form last wrote or loaded: the base of a merge with outside changes. */
  const written = useRef<Values | null>(null);
  const latest = useRef({ getValues, onOutsideChange, isReadOnly, nameOf });
  useEffect(() => {
    latest.current = { getValues, onOutsideChange, isReadOnly, nameOf };
  });
  /**
   * True while a stored version is loaded into the form. The form tells of that change like of
   * any other; it is not the author's edit: counted as one, it left a tab that follows another's
   * saves "dirty" for a moment, and the next save it was told of in that moment was not loaded
   * (the tab showed the text without the last words typed in the other tab; after "Edit here",
   * it wrote that older text as its own).
   */
  const loading = useRef(false);
  /**
   * The storable copy of the form's values as of the last save, and the keys changed since
   * (null: any may have). A save then copies that record once and updates those keys.
   */
  const storable = useRef<Values | null>(null);
  const changedKeys = useRef<Set<string> | null>(null);
  const load = (values: Values) => {
    // The form is replaced: the next save reads every value again.
    storable.current = null;
    changedKeys.current = null;
    loading.current = true;
    try {
      latest.current.onOutsideChange(values);
    } finally {
      loading.current = false;
    }
  };

  const sync = useRef<DraftSync | null>(null);
  sync.current ??= {
    changed(keys) {
      if (loading.current) return;
      if (!keys) changedKeys.current = null;
      else if (changedKeys.current) for (const key of keys) changedKeys.current.add(key);
      const now = Date.now();
      if (!dirty.current) {
        dirty.current = true;
        dirtySince.current = now;
        useDrafts.getState().setUnsavedEdits(true);
      }
      // A save waiting for the next frame writes this change too.
      if (afterPaint.current) return;
      if (timer.current) clearTimeout(timer.current);
      const wait = Math.min(
        SAVE_DELAY_MS,
        dirtySince.current + SAVE_MAX_DELAY_MS - AFTER_PAINT_MAX_MS - now,
      );
      timer.current = setTimeout(
        () => {
          timer.current = null;
          afterPaint.current ??= afterNextPaint(() => {
            afterPaint.current = null;
            sync.current?.flush();
          });
        },
        Math.max(0, wait),
      );
    },
    flush() {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      afterPaint.current?.();
      afterPaint.current = null;
      if (!dirty.current) return;
      dirty.current = false;
      const store = useDrafts.getState();
      const draft = store.drafts[draftId];
      if (!draft || latest.current.isReadOnly()) return;
      const values = latest.current.getValues();
      const form =
        storable.current && changedKeys.current
          ? storableUpdate(storable.current, values, changedKeys.current)
          : storableValues(values);
      storable.current = form;
      changedKeys.current = new Set();
      const base = written.current ?? draft.values;
      // The stored draft may have changed since the form last wrote (another tab's save).
      const merged =
        draft.values === base
          ? { values: form, conflicts: [] }
          : mergeValues(base, form, draft.values);
      const at = new Date().toISOString();
      written.current = merged.values;
      const name = latest.current.nameOf?.(merged.values);
      const renamed = name !== undefined && name !== draft.title;
      // Blur and validation also notify; only a real change is written (and bumps the revision).
      if (!sameValues(merged.values, draft.values) || merged.conflicts.length > 0 || renamed) {
        store.updateDraft(draftId, {
          values: merged.values,
          conflicts: merged.conflicts.map((c) => ({ ...c, at })),
          ...(renamed ? { title: name } : {}),
        });
      }
      written.current = useDrafts.getState().drafts[draftId]?.values ?? merged.values;
      store.setUnsavedEdits(false);
      if (!sameValues(merged.values, form)) load(merged.values);
    },
  };

  useEffect(() => {
    const { setOpenDraft } = useDrafts.getState();
    setOpenDraft(draftId);
    written.current = useDrafts.getState().drafts[draftId]?.values ?? null;
    const flush = () => sync.current?.flush();
    // Hidden or closed: the form's edits go to the store first, which then keeps a synchronous
    // copy of whatever is not confirmed stored (stores/journal.ts).
    const stopHideHook = onBeforeHide(flush);
    // Closing starts the write a moment before pagehide.
    window.addEventListener('beforeunload', flush);
    const unsubscribe = useDrafts.subscribe((state, previous) => {
      const draft = state.drafts[draftId];
      if (!draft || draft === previous.drafts[draftId] || dirty.current) return;
      if (sameValues(draft.values, written.current)) return;
      written.current = draft.values;
      load(draft.values);
    });
    return () => {
      flush();
      unsubscribe();
      stopHideHook();
      window.removeEventListener('beforeunload', flush);
      useDrafts.getState().setOpenDraft(null);
    };
  }, [draftId]);

  return sync.current;
}
