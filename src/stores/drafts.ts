/**
 * The library of drafts, one IndexedDB record per draft (database `proposal-studio/drafts`,
 * see db.ts), loaded asynchronously (`loaded` says when).
 *
 * Nothing the author wrote is dropped:
 * - A record that fails validation is moved aside (kept, listed in `aside`, downloadable) and
 *   never overwritten; when even that move fails it stays where it is and is never written.
 * - A refused write (full storage, private mode, no IndexedDB) keeps the draft in memory, marks
 *   it `failed` in `writes`, says why in `saveError`, and is retried with backoff.
 * - Each write is a compare-and-set: when the stored record is a version this tab did not write
 *   or read (another tab saved it), the two are merged field by field (merge.ts); a field
 *   changed on both sides keeps ours and records theirs in the draft's `conflicts`.
 * - The old localStorage library is migrated, and its key deleted only after the new records
 *   are read back and compared equal.
 */
import { z } from '../core/zod.ts';
import { create } from 'zustand';
import { del, entries, get as idbGet, getMany, set as idbSet, setMany, update } from 'idb-keyval';
import { fieldValueSchema, valuesSchema } from '../core/model.ts';
import type { FieldValue, Values } from '../core/model.ts';
import {
  describeWriteError,
  openKvStore,
  requestPersistentStorage,
  STORAGE_UNAVAILABLE_REASON,
} from './db.ts';
import type { KvStore } from './db.ts';
import { listenForHide, readJournals, removeJournal, writeJournal } from './journal.ts';
import { addConflicts, combineValues, mergeValues } from './merge.ts';
import type { ConflictChoice, FieldConflict } from './merge.ts';

export type { ConflictChoice, FieldConflict } from './merge.ts';

/** The localStorage key of the library before IndexedDB (migrated, then deleted). */
export const DRAFTS_KEY = 'proposal-studio/drafts';
/** localStorage keys where the old store kept unreadable data aside (migrated too). */
export const CORRUPT_KEY_PREFIX = 'proposal-studio/corrupt/';
/** The version of the old localStorage library format this build reads. */
export const DRAFTS_VERSION = 1;
export const DRAFTS_CHANNEL = 'proposal-studio/drafts';

const fieldConflictSchema = z.strictObject({
  key: z.nullable(z.string()),
  theirs: fieldValueSchema,
  at: z.iso.datetime(),
});

const draftShape = {
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  templateId: z.string().check(z.minLength(1)),
  /** The template's own text, for imported templates (built-in ones are found by id). */
  templateSource: z.optional(z.string()),
  /** The imported template's name when the draft was made (shown once the template is gone). */
  templateName: z.optional(z.string()),
  title: z.string(),
  values: valuesSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Bumped on every change; tells two copies of a draft apart across tabs. */
  rev: z.int().check(z.nonnegative()),
  /** Fields changed in two tabs at once: the other tab's value, until the author picks. */
  conflicts: z.optional(z.array(fieldConflictSchema)),
};

/** A draft as the old localStorage format held it (unknown keys were dropped). */
export const draftSchema = z.object(draftShape);
export type Draft = z.infer<typeof draftSchema>;
/**
 * A stored record: strict, so a record written by a newer version with fields this one does
 * not know is kept aside rather than loaded and written back without them.
 */
export const draftRecordSchema = z.strictObject(draftShape);

/** A kept-aside record: what could not be loaded, exactly as it was, and why. */
export const asideRecordSchema = z.object({
  key: z.string(),
  title: z.string(),
  reason: z.string(),
  /** Where it was found, e.g. "draft record d1" or "localStorage proposal-studio/drafts". */
  from: z.string(),
  keptAt: z.string(),
  value: z.unknown(),
});
export type AsideRecord = z.infer<typeof asideRecordSchema>;

/** A kept-aside record as listed (its value is read on download). */
export interface AsideEntry {
  key: string;
  title: string;
  reason: string;
  from: string;
  keptAt: string;
  /** 'aside': in the aside store; 'in-place': left where it was found (moving it failed). */
  where: 'aside' | 'in-place';
}

export type WriteState = 'saving' | 'failed';

export interface DraftsState {
  drafts: Record<string, Draft>;
  /** False until the library has been read; nothing may be shown as "no drafts" before. */
  loaded: boolean;
  /** 'memory' when this browser offers no working IndexedDB: drafts live in this tab only. */
  storage: 'indexeddb' | 'memory';
  /** Records that could not be loaded, kept aside. */
  aside: AsideEntry[];
  /** Loading problems, for the UI to report. */
  problems: string[];
  /** Why the last write was refused; null once every draft is saved. */
  saveError: string | null;
  /** Drafts whose latest version is not yet confirmed stored. */
  writes: Record<string, WriteState>;
  /** The last deleted draft, kept in memory for `undoDelete`. */
  lastDeleted: Draft | null;
  /** The draft the editor has open in this tab, and whether its form holds unsynced edits. */
  open: { draftId: string; unsavedEdits: boolean } | null;

  createDraft: (
    templateId: string,
    init?: { title?: string; values?: Values; templateSource?: string; templateName?: string },
  ) => string;
  /** Changes a draft; `conflicts` are added to the draft's (the editor's own merges). */
  updateDraft: (
    id: string,
    patch: { values?: Values; title?: string; conflicts?: FieldConflict[] },
  ) => void;
  /**
   * Moves a draft to a new version of its (imported) template: the template's text and name it
   * keeps from now on, and its values as carried over to that version.
   */
  rebaseDraft: (
    id: string,
    next: { templateSource: string; templateName?: string; values: Values },
  ) => void;
  duplicateDraft: (id: string) => string | undefined;
  renameDraft: (id: string, title: string) => void;
  deleteDraft: (id: string) => void;
  /**
   * Removes a draft nobody wrote in (never changed since it was created, no values, the default
   * title), e.g. a template opened from the gallery and left. No undo: nothing is in it, and the
   * last deleted draft stays the one "Undo" brings back. Returns whether it was removed.
   */
  discardUntouchedDraft: (id: string) => boolean;
  /** Restores the last deleted draft; returns its id, or undefined when there is none. */
  undoDelete: () => string | undefined;
  dismissProblems: () => void;
  /** The editor says which draft it shows (null when it closes). */
  setOpenDraft: (draftId: string | null) => void;
  /** The editor says whether its form holds edits not yet synced to this store. */
  setUnsavedEdits: (unsavedEdits: boolean) => void;
  /** Settles a field changed in two tabs: keep ours, take theirs, or keep both (joined). */
  resolveFieldConflict: (draftId: string, key: string | null, choice: ConflictChoice) => void;
  /** Writes every draft whose save failed, now. */
  retryNow: () => void;
}

export const DEFAULT_DRAFT_TITLE = 'Untitled proposal';

// ---------------------------------------------------------------------------------------------
// Ids and times

function newId(taken: Record<string, unknown>): string {
  for (;;) {
    const bytes = new Uint8Array(9);
    crypto.getRandomValues(bytes);
    const id = Array.from(bytes, (b) => (b % 36).toString(36)).join('');
    if (!(id in taken) && !heldInPlace.has(id)) return id;
  }
}

function nowIso(): string {
  return new Date().toISOString();
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------
// Writing

let kv: KvStore | null = null;
let asideKv: KvStore | null = null;

/** Per draft, the version last known to be in storage: the base of a merge. */
const synced = new Map<string, Draft>();
/** Per draft, versions this tab wrote or read (`rev@updatedAt`): not another tab's change. */
const known = new Map<string, string[]>();
/** Records that failed validation and could not be moved aside: never written. */
const heldInPlace = new Set<string>();
/** Values of kept-aside records that live only in memory (no aside store). */
const asideInMemory = new Map<string, unknown>();

/** Per draft, the number of the last write issued, and how many are in flight. */
const lastWrite = new Map<string, number>();
const inFlight = new Map<string, number>();
const failed = new Map<string, string>();
let writeSeq = 0;
/** Drafts changed since the last microtask: written together, once each. */
const dirty = new Set<string>();
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = 1000;
const MAX_RETRY_DELAY = 30_000;

function versionToken(d: { rev?: unknown; updatedAt?: unknown }): string {
  return `${String(d.rev)}@${String(d.updatedAt)}`;
}

function remember(id: string, d: Draft): void {
  const list = known.get(id) ?? [];
  list.push(versionToken(d));
  if (list.length > 64) list.splice(0, list.length - 64);
  known.set(id, list);
}

function isKnown(id: string, stored: unknown): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  return known.get(id)?.includes(versionToken(stored)) ?? false;
}

class WriteConflict extends Error {
  constructor(readonly stored: unknown) {
    super('Another tab saved this draft');
  }
}

/** Marks a draft changed: it is written once the current task's changes are done. */
function markDirty(id: string): void {
  if (dirty.size === 0) queueMicrotask(writeDirty);
  dirty.add(id);
  setWriteState(id, failed.has(id) ? 'failed' : 'saving');
}

function writeDirty(): void {
  const ids = [...dirty];
  dirty.clear();
  for (const id of ids) writeDraft(id);
}

function setWriteState(id: string, state: WriteState | null): void {
  const { writes } = useDrafts.getState();
  if ((writes[id] ?? null) === state) return;
  const next = { ...writes };
  if (state === null) delete next[id];
  else next[id] = state;
  const saveError = failed.size > 0 ? ([...failed.values()].at(-1) ?? null) : null;
  useDrafts.setState({ writes: next, saveError });
}

function writeFailed(id: string, reason: string): void {
  failed.set(id, reason);
  setWriteState(id, 'failed');
  useDrafts.setState({ saveError: reason });
  scheduleRetry();
}

function scheduleRetry(): void {
  if (retryTimer !== null || kv === null) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    for (const id of [...failed.keys()]) writeDraft(id);
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, MAX_RETRY_DELAY);
}

/** Writes the draft's current version (or deletes its record when it is gone). */
function writeDraft(id: string): void {
  if (heldInPlace.has(id)) return;
  const draft = useDrafts.getState().drafts[id];
  if (!kv) {
    writeFailed(id, STORAGE_UNAVAILABLE_REASON);
    return;
  }
  const seq = ++writeSeq;
  lastWrite.set(id, seq);
  inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
  setWriteState(id, failed.has(id) ? 'failed' : 'saving');
  let op: Promise<void>;
  if (draft) {
    remember(id, draft);
    // Compare-and-set in one transaction: a version this tab does not know came from another
    // tab, and is merged rather than overwritten.
    op = update(
      id,
      (stored) => {
        if (stored !== undefined && !isKnown(id, stored)) throw new WriteConflict(stored);
        return draft;
      },
      kv,
    );
  } else {
    op = del(id, kv);
  }
  op.then(
    () => {
      writeDone(id);
      if (draft) synced.set(id, draft);
      else synced.delete(id);
      if (lastWrite.get(id) !== seq) return;
      failed.delete(id);
      if (failed.size === 0) retryDelay = 1000;
      // The latest version is stored: a copy kept for a closing page is not needed any more.
      if (!dirty.has(id) && !inFlight.has(id)) removeJournal(id);
      setWriteState(id, (inFlight.get(id) ?? 0) > 0 ? 'saving' : null);
      broadcast(
        draft ? { type: 'saved', id, token: versionToken(draft) } : { type: 'deleted', id },
      );
      requestPersistentStorage();
    },
    (error: unknown) => {
      writeDone(id);
      if (error instanceof WriteConflict) {
        receiveStored(id, error.stored);
        return;
      }
      if (lastWrite.get(id) !== seq) return;
      writeFailed(id, describeWriteError(error));
    },
  );
}

function writeDone(id: string): void {
  const n = (inFlight.get(id) ?? 1) - 1;
  if (n <= 0) inFlight.delete(id);
  else inFlight.set(id, n);
}

/** True when the draft has changes here that storage does not hold yet. */
function hasLocalChanges(id: string): boolean {
  const state = useDrafts.getState();
  const mine = state.drafts[id];
  if (!mine) return false;
  return (
    synced.get(id) !== mine ||
    failed.has(id) ||
    dirty.has(id) ||
    (state.open?.draftId === id && state.open.unsavedEdits)
  );
}

/**
 * Three-way merge of two versions of a draft from a common base: each side's changes are kept;
 * a field both changed differently keeps ours and records theirs as a conflict.
 */
export function mergeDrafts(base: Draft | undefined, mine: Draft, theirs: Draft): Draft {
  const at = nowIso();
  const merged = mergeValues(base?.values, mine.values, theirs.values);
  const added: FieldConflict[] = merged.conflicts.map((c) => ({ ...c, at }));
  let title = mine.title;
  if (mine.title !== theirs.title) {
    if (base?.title === mine.title) title = theirs.title;
    else if (base?.title !== theirs.title) added.push({ key: null, theirs: theirs.title, at });
  }
  // Conflicts still open on either side stay open, except one the other tab settled since
  // the base (gone there, unchanged here).
  const settledThere = (c: FieldConflict) =>
    !theirs.conflicts?.some((t) => t.key === c.key) &&
    base?.conflicts?.some((b) => sameJson(b, c)) === true;
  const kept = (mine.conflicts ?? []).filter((c) => !settledThere(c));
  const conflicts = addConflicts(addConflicts(theirs.conflicts, kept), added);
  const { conflicts: _ignored, ...rest } = mine;
  return {
    ...rest,
    title,
    values: merged.values,
    createdAt: mine.createdAt < theirs.createdAt ? mine.createdAt : theirs.createdAt,
    updatedAt: at,
    rev: Math.max(mine.rev, theirs.rev) + 1,
    ...(conflicts.length > 0 ? { conflicts } : {}),
  };
}

/**
 * A version of a draft read from storage (another tab saved it). Taken as is when this tab has
 * no changes of its own; merged with them otherwise, and the merge written back.
 */
function receiveStored(id: string, raw: unknown): void {
  const parsed = draftRecordSchema.safeParse(raw);
  if (!parsed.success || parsed.data.id !== id) {
    // Written by a newer version, or damaged: never overwrite it; keep ours in memory.
    writeFailed(id, 'another tab saved this draft in a form this version cannot read');
    return;
  }
  const theirs = parsed.data;
  remember(id, theirs);
  const mine = useDrafts.getState().drafts[id];
  if (!mine || !hasLocalChanges(id)) {
    synced.set(id, theirs);
    useDrafts.setState((s) => ({ drafts: { ...s.drafts, [id]: theirs } }));
    return;
  }
  if (sameJson({ ...mine, rev: 0, updatedAt: '' }, { ...theirs, rev: 0, updatedAt: '' })) {
    synced.set(id, theirs);
    useDrafts.setState((s) => ({ drafts: { ...s.drafts, [id]: theirs } }));
    return;
  }
  const merged = mergeDrafts(synced.get(id), mine, theirs);
  synced.set(id, theirs);
  useDrafts.setState((s) => ({ drafts: { ...s.drafts, [id]: merged } }));
  markDirty(id);
}

/** Reads a draft's record again (another tab may have saved it) and takes or merges it. */
export async function refreshDraft(id: string): Promise<void> {
  if (!kv || heldInPlace.has(id)) return;
  try {
    const raw = await idbGet<unknown>(id, kv);
    if (raw === undefined) return;
    // A version this tab wrote or read already holds nothing new.
    if (isKnown(id, raw)) return;
    receiveStored(id, raw);
  } catch {
    // Storage unreadable right now: the next save's compare-and-set still guards the record.
  }
}

/** Resolves once the draft's writes have settled: true when it is stored, false when refused. */
export function whenSaved(id: string): Promise<boolean> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      if (dirty.has(id) || (inFlight.get(id) ?? 0) > 0) return false;
      const state = useDrafts.getState().writes[id];
      if (state === 'saving') return false;
      resolve(state === undefined);
      return true;
    };
    if (check()) return;
    const unsubscribe = useDrafts.subscribe(() => {
      if (check()) unsubscribe();
    });
  });
}

/** True while a change is not stored: a write was refused, or storage is unavailable. */
export function hasUnsavedWork(): boolean {
  const { open } = useDrafts.getState();
  return failed.size > 0 || (kv === null && open?.unsavedEdits === true);
}

// ---------------------------------------------------------------------------------------------
// Other tabs: a BroadcastChannel says which draft was saved; the record itself is read back

type TabMessage = { type: 'saved'; id: string; token: string } | { type: 'deleted'; id: string };

let channel: BroadcastChannel | null = null;

function broadcast(message: TabMessage): void {
  try {
    channel?.postMessage(message);
  } catch {
    // A closed channel: other tabs still meet this write through compare-and-set.
  }
}

function onTabMessage(message: unknown): void {
  const parsed = z
    .union([
      z.object({ type: z.literal('saved'), id: z.string(), token: z.string() }),
      z.object({ type: z.literal('deleted'), id: z.string() }),
    ])
    .safeParse(message);
  if (!parsed.success || !useDrafts.getState().loaded) return;
  const msg = parsed.data;
  if (msg.type === 'saved') {
    if (known.get(msg.id)?.includes(msg.token)) return;
    void refreshDraft(msg.id);
  } else if (!hasLocalChanges(msg.id)) {
    synced.delete(msg.id);
    useDrafts.setState((s) => {
      if (!(msg.id in s.drafts)) return {};
      const { [msg.id]: _gone, ...rest } = s.drafts;
      return { drafts: rest };
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Keeping records aside

function asideKey(): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return `${nowIso()}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function keyText(key: IDBValidKey): string {
  return typeof key === 'string' ? key : JSON.stringify(key);
}

function titleOf(value: unknown, fallback: string): string {
  if (typeof value === 'object' && value !== null && 'title' in value) {
    const title = value.title;
    if (typeof title === 'string' && title.trim() !== '') return title;
  }
  return fallback;
}

/**
 * Copies a record to the aside store, reads it back, and only then removes the original
 * (`removeOriginal`). When any step fails the original stays where it is.
 */
async function keepAside(
  entry: { title: string; reason: string; from: string; value: unknown },
  removeOriginal: (() => Promise<void> | void) | null,
): Promise<AsideEntry> {
  const record: AsideRecord = { key: asideKey(), keptAt: nowIso(), ...entry };
  const listed = (where: AsideEntry['where']): AsideEntry => {
    const { value: _value, ...rest } = record;
    return { ...rest, where };
  };
  if (asideKv) {
    try {
      await idbSet(record.key, record, asideKv);
      const back = await idbGet<unknown>(record.key, asideKv);
      if (sameJson(back, record)) {
        await removeOriginal?.();
        return listed('aside');
      }
    } catch {
      // Fall through: the original is kept where it was.
    }
  }
  asideInMemory.set(record.key, record.value);
  return listed('in-place');
}

/** The value of a kept-aside record, exactly as it was found. */
export async function readAsideValue(key: string): Promise<unknown> {
  if (asideInMemory.has(key)) return asideInMemory.get(key);
  if (!asideKv) return undefined;
  const record = asideRecordSchema.safeParse(await idbGet<unknown>(key, asideKv));
  return record.success ? record.data.value : undefined;
}

// ---------------------------------------------------------------------------------------------
// The old localStorage library

function localStorageOrNull(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const storedValueSchema = z.object({ state: z.unknown(), version: z.number() });

/**
 * Version 0 (the first prototype) stored `{ drafts: [{ id, template, title, values, updated }] }`:
 * an array, `template` for the template id, `updated` in epoch milliseconds, no creation time
 * and no revision. Anything else that is not understood is passed on unchanged, so validation
 * keeps it aside rather than guessing.
 */
export function migrateDrafts(persisted: unknown, version: number): unknown {
  if (version !== 0) return persisted;
  const v0 = z.object({ drafts: z.array(z.record(z.string(), z.unknown())) }).safeParse(persisted);
  if (!v0.success) return persisted;
  const drafts: Record<string, unknown> = {};
  v0.data.drafts.forEach((old, index) => {
    const updated = typeof old.updated === 'number' ? new Date(old.updated) : undefined;
    const updatedAt =
      updated && !Number.isNaN(updated.getTime()) ? updated.toISOString() : old.updated;
    const id = typeof old.id === 'string' ? old.id : `v0-${index}`;
    drafts[id] = {
      id: old.id,
      templateId: old.template,
      title: old.title,
      values: old.values ?? {},
      createdAt: updatedAt,
      updatedAt,
      rev: 0,
    };
  });
  return { drafts };
}

function describeIssue(error: z.core.$ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  const path = first.path.map(String).join('.');
  return path ? `${path}: ${first.message}` : first.message;
}

interface LegacyLibrary {
  drafts: Record<string, Draft>;
  /** Entries (or the whole value) that cannot be loaded: kept aside. */
  rejected: { title: string; reason: string; value: unknown }[];
}

/** Reads the old library; null when there is none. */
export function readLegacyLibrary(raw: string): LegacyLibrary {
  const whole = (reason: string): LegacyLibrary => ({
    drafts: {},
    rejected: [{ title: 'Your drafts from an earlier version', reason, value: raw }],
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return whole('the stored data is damaged (not valid JSON)');
  }
  const stored = storedValueSchema.safeParse(parsed);
  if (!stored.success) return whole('the stored data is in an unknown format');
  if (stored.data.version > DRAFTS_VERSION) {
    return whole(
      `it was written by a newer version of Proposal Studio (storage version ${stored.data.version})`,
    );
  }
  const state = migrateDrafts(stored.data.state, stored.data.version);
  const shape = z.object({ drafts: z.record(z.string(), z.unknown()) }).safeParse(state);
  if (!shape.success) return whole('the stored data is in an unknown format');
  const drafts: Record<string, Draft> = {};
  const rejected: LegacyLibrary['rejected'] = [];
  for (const [key, entry] of Object.entries(shape.data.drafts)) {
    const draft = draftSchema.safeParse(entry);
    if (draft.success && !(draft.data.id in drafts)) {
      drafts[draft.data.id] = draft.data;
    } else {
      rejected.push({
        title: titleOf(entry, key),
        reason: draft.success ? 'duplicate id' : describeIssue(draft.error),
        value: entry,
      });
    }
  }
  return { drafts, rejected };
}

/**
 * Moves the old localStorage library into IndexedDB. Its key is removed only when every draft
 * was written, read back and found equal, and every rejected entry is safely aside.
 * Returns the drafts to show (also when they could not be written: then they are retried).
 */
async function migrateLegacy(
  existing: Record<string, Draft>,
  aside: AsideEntry[],
): Promise<{ drafts: Record<string, Draft>; unwritten: string[] }> {
  const storage = localStorageOrNull();
  if (!storage) return { drafts: {}, unwritten: [] };
  for (const key of Object.keys(storage).filter((k) => k.startsWith(CORRUPT_KEY_PREFIX))) {
    const value = storage.getItem(key);
    if (value === null) continue;
    aside.push(
      await keepAside(
        {
          title: 'Data kept aside by an earlier version',
          reason: 'it could not be loaded by an earlier version of Proposal Studio',
          from: `localStorage ${key}`,
          value,
        },
        () => storage.removeItem(key),
      ),
    );
  }
  const raw = storage.getItem(DRAFTS_KEY);
  if (raw === null) return { drafts: {}, unwritten: [] };
  const legacy = readLegacyLibrary(raw);
  const from = `localStorage ${DRAFTS_KEY}`;
  let safe = true;
  for (const rejected of legacy.rejected) {
    const entry = await keepAside({ ...rejected, from }, null);
    aside.push(entry);
    if (entry.where !== 'aside') safe = false;
  }
  const drafts: Record<string, Draft> = {};
  const toWrite: [string, Draft][] = [];
  for (const draft of Object.values(legacy.drafts)) {
    const stored = existing[draft.id];
    if (stored === undefined) {
      toWrite.push([draft.id, draft]);
      drafts[draft.id] = draft;
    } else if (!sameJson(stored, draft)) {
      // Stored already and changed since (an earlier migration that could not finish):
      // the stored one is newer; the old copy is kept aside rather than dropped.
      const entry = await keepAside(
        {
          title: draft.title,
          reason: 'an older copy of a draft that is also in your library',
          from,
          value: draft,
        },
        null,
      );
      aside.push(entry);
      if (entry.where !== 'aside') safe = false;
    }
  }
  let unwritten = toWrite.map(([id]) => id);
  if (kv && toWrite.length > 0) {
    try {
      await setMany(toWrite, kv);
      const back = await getMany<unknown>(unwritten, kv);
      unwritten = unwritten.filter((id, i) => !sameJson(back[i], drafts[id]));
    } catch {
      // Nothing written: the drafts stay in memory and in localStorage, and are retried.
    }
  }
  if (!kv) unwritten = Object.keys(drafts);
  if (safe && unwritten.length === 0 && kv) storage.removeItem(DRAFTS_KEY);
  return { drafts, unwritten };
}

// ---------------------------------------------------------------------------------------------
// The unsaved-edits journal (journal.ts): a synchronous copy for a page that is going away

const journalSchema = z.object({
  v: z.literal(1),
  /** The draft as this tab held it when the page was hidden. */
  draft: draftRecordSchema,
  /** The version last known stored, where it differs: the base of the merge on load. */
  base: z.nullable(
    z.object({
      title: z.string(),
      values: valuesSchema,
      absent: z.array(z.string()),
      conflicts: z.optional(z.array(fieldConflictSchema)),
    }),
  ),
});
type Journal = z.infer<typeof journalSchema>;

/** Drafts whose latest version is not confirmed stored (a write pending, in flight or refused). */
function unconfirmed(): string[] {
  return [...new Set([...dirty, ...inFlight.keys(), ...failed.keys()])];
}

/**
 * Copies every draft not yet confirmed stored into localStorage, synchronously (the page is
 * being hidden or closed, and an IndexedDB write may not get to commit). Only the fields that
 * differ from the stored version carry their stored value, as the base of a merge.
 */
export function journalUnsaved(): void {
  const { drafts } = useDrafts.getState();
  for (const id of unconfirmed()) {
    const draft = drafts[id];
    if (!draft || heldInPlace.has(id)) continue;
    const stored = synced.get(id);
    let base: Journal['base'] = null;
    if (stored) {
      const values: Values = {};
      const absent: string[] = [];
      for (const key of new Set([...Object.keys(draft.values), ...Object.keys(stored.values)])) {
        const was = stored.values[key];
        if (was === undefined) absent.push(key);
        else if (was !== draft.values[key] && !sameJson(was, draft.values[key])) values[key] = was;
      }
      base = {
        title: stored.title,
        values,
        absent,
        ...(stored.conflicts ? { conflicts: stored.conflicts } : {}),
      };
    }
    writeJournal(id, { v: 1, draft, base } satisfies Journal);
  }
}

/** The stored version a journal entry was made against, rebuilt from its differences. */
function journalBase(journal: Journal): Draft | undefined {
  const { draft, base } = journal;
  if (!base) return undefined;
  const values: Values = { ...draft.values, ...base.values };
  for (const key of base.absent) delete values[key];
  const { conflicts: _mine, ...rest } = draft;
  return {
    ...rest,
    title: base.title,
    values,
    ...(base.conflicts ? { conflicts: base.conflicts } : {}),
  };
}

/**
 * Takes the journal entries left by pages that went away before their writes were confirmed:
 * each is merged into the stored draft (or restores it when there is no record). Returns the
 * drafts to write; entries that cannot be read are kept aside, never dropped.
 */
async function takeJournals(drafts: Record<string, Draft>, aside: AsideEntry[]): Promise<string[]> {
  const toWrite: string[] = [];
  for (const entry of readJournals()) {
    const parsed = entry.parsed ? journalSchema.safeParse(entry.value) : null;
    if (!parsed?.success || parsed.data.draft.id !== entry.id || heldInPlace.has(entry.id)) {
      aside.push(
        await keepAside(
          {
            title: titleOf(parsed?.success ? parsed.data.draft : null, entry.id),
            reason: parsed?.success
              ? 'unsaved edits of a draft that could not be loaded'
              : 'unsaved edits in a form this version cannot read',
            from: `localStorage ${entry.id}`,
            value: entry.value,
          },
          () => removeJournal(entry.id),
        ),
      );
      continue;
    }
    const mine = parsed.data.draft;
    const stored = drafts[entry.id];
    if (!stored) {
      drafts[entry.id] = mine;
      toWrite.push(entry.id);
      continue;
    }
    const merged = mergeDrafts(journalBase(parsed.data), mine, stored);
    const same =
      merged.title === stored.title &&
      sameJson(merged.values, stored.values) &&
      sameJson(merged.conflicts ?? [], stored.conflicts ?? []);
    if (same) {
      // The record holds these edits already (the write did commit).
      removeJournal(entry.id);
    } else {
      drafts[entry.id] = merged;
      toWrite.push(entry.id);
    }
  }
  return toWrite;
}

// ---------------------------------------------------------------------------------------------
// Loading

function unavailableProblem(): string {
  return `Drafts cannot be saved: ${STORAGE_UNAVAILABLE_REASON}. They are kept in this tab only: download them before closing it.`;
}

/** Reads the library (and migrates the old one). Called once when the module loads. */
export async function loadLibrary(): Promise<void> {
  kv = openKvStore('drafts');
  asideKv = openKvStore('aside');
  const drafts: Record<string, Draft> = {};
  const aside: AsideEntry[] = [];
  const problems: string[] = [];
  let rows: [IDBValidKey, unknown][] = [];
  if (kv) {
    try {
      rows = await entries<IDBValidKey, unknown>(kv);
    } catch {
      kv = null;
      asideKv = null;
    }
  }
  if (asideKv) {
    try {
      for (const [key, value] of await entries<IDBValidKey, unknown>(asideKv)) {
        const record = asideRecordSchema.safeParse(value);
        aside.push(
          record.success
            ? {
                key: record.data.key,
                title: record.data.title,
                reason: record.data.reason,
                from: record.data.from,
                keptAt: record.data.keptAt,
                where: 'aside',
              }
            : {
                key: keyText(key),
                title: keyText(key),
                reason: 'unknown record',
                from: 'aside store',
                keptAt: '',
                where: 'aside',
              },
        );
      }
    } catch {
      // Listed next time; the records stay where they are.
    }
  }
  for (const [key, value] of rows) {
    const id = keyText(key);
    const draft = draftRecordSchema.safeParse(value);
    if (draft.success && draft.data.id === id) {
      drafts[id] = draft.data;
      synced.set(id, draft.data);
      remember(id, draft.data);
      continue;
    }
    const store = kv;
    const entry = await keepAside(
      {
        title: titleOf(value, id),
        reason: draft.success
          ? `its id ${draft.data.id} does not match its key`
          : describeIssue(draft.error),
        from: `draft record ${id}`,
        value,
      },
      store ? () => del(key, store) : null,
    );
    if (entry.where === 'in-place') heldInPlace.add(id);
    aside.push(entry);
  }
  const migrated = await migrateLegacy(drafts, aside);
  Object.assign(drafts, migrated.drafts);
  const journaled = await takeJournals(drafts, aside);
  if (aside.length > 0) {
    const count = aside.length;
    problems.push(
      `${count === 1 ? 'One saved record' : `${count} saved records`} could not be loaded and ${count === 1 ? 'is' : 'are'} kept aside: see “Kept aside” below to download ${count === 1 ? 'it' : 'them'}.`,
    );
  }
  if (!kv) problems.push(unavailableProblem());
  const byDate = (a: AsideEntry, b: AsideEntry) => b.keptAt.localeCompare(a.keptAt);
  useDrafts.setState((s) => ({
    // Drafts created before loading finished (they are written already) come on top.
    drafts: { ...drafts, ...s.drafts },
    aside: [...aside].sort(byDate),
    problems: [...s.problems, ...problems],
    loaded: true,
    storage: kv ? 'indexeddb' : 'memory',
  }));
  for (const id of new Set([...migrated.unwritten, ...journaled])) markDirty(id);
  listenForHide(journalUnsaved);
}

// ---------------------------------------------------------------------------------------------
// The store

export const useDrafts = create<DraftsState>()((set, get) => ({
  drafts: {},
  loaded: false,
  storage: 'indexeddb',
  aside: [],
  problems: [],
  saveError: null,
  writes: {},
  lastDeleted: null,
  open: null,

  createDraft(templateId, init = {}) {
    const id = newId(get().drafts);
    const at = nowIso();
    const draft: Draft = {
      id,
      templateId,
      ...(init.templateSource === undefined ? {} : { templateSource: init.templateSource }),
      ...(init.templateName === undefined ? {} : { templateName: init.templateName }),
      title: init.title ?? DEFAULT_DRAFT_TITLE,
      values: init.values ?? {},
      createdAt: at,
      updatedAt: at,
      rev: 0,
    };
    set((s) => ({ drafts: { ...s.drafts, [id]: draft } }));
    markDirty(id);
    return id;
  },

  updateDraft(id, patch) {
    const draft = get().drafts[id];
    if (!draft) return;
    const conflicts = patch.conflicts?.length
      ? addConflicts(draft.conflicts, patch.conflicts)
      : draft.conflicts;
    const next: Draft = {
      ...draft,
      ...(patch.values === undefined ? {} : { values: patch.values }),
      ...(patch.title === undefined ? {} : { title: patch.title }),
      ...(conflicts === undefined ? {} : { conflicts }),
      updatedAt: nowIso(),
      rev: draft.rev + 1,
    };
    set((s) => ({ drafts: { ...s.drafts, [id]: next } }));
    markDirty(id);
  },

  rebaseDraft(id, next) {
    const draft = get().drafts[id];
    if (!draft) return;
    const rebased: Draft = {
      ...draft,
      templateSource: next.templateSource,
      ...(next.templateName === undefined ? {} : { templateName: next.templateName }),
      values: next.values,
      updatedAt: nowIso(),
      rev: draft.rev + 1,
    };
    set((s) => ({ drafts: { ...s.drafts, [id]: rebased } }));
    markDirty(id);
  },

  duplicateDraft(id) {
    const source = get().drafts[id];
    if (!source) return undefined;
    const copyId = newId(get().drafts);
    const at = nowIso();
    const copy: Draft = {
      ...source,
      id: copyId,
      title: `${source.title} (copy)`,
      values: structuredClone(source.values),
      createdAt: at,
      updatedAt: at,
      rev: 0,
    };
    set((s) => ({ drafts: { ...s.drafts, [copyId]: copy } }));
    markDirty(copyId);
    return copyId;
  },

  renameDraft(id, title) {
    get().updateDraft(id, { title });
  },

  deleteDraft(id) {
    const draft = get().drafts[id];
    if (!draft) return;
    set((s) => {
      const { [id]: _removed, ...rest } = s.drafts;
      return { drafts: rest, lastDeleted: draft };
    });
    markDirty(id);
  },

  discardUntouchedDraft(id) {
    const draft = get().drafts[id];
    const untouched =
      draft !== undefined &&
      draft.rev === 0 &&
      draft.title === DEFAULT_DRAFT_TITLE &&
      Object.keys(draft.values).length === 0 &&
      (draft.conflicts?.length ?? 0) === 0;
    if (!untouched) return false;
    set((s) => {
      const { [id]: _removed, ...rest } = s.drafts;
      return { drafts: rest };
    });
    markDirty(id);
    return true;
  },

  undoDelete() {
    const draft = get().lastDeleted;
    if (!draft) return undefined;
    set((s) => ({
      drafts: draft.id in s.drafts ? s.drafts : { ...s.drafts, [draft.id]: draft },
      lastDeleted: null,
    }));
    markDirty(draft.id);
    return draft.id;
  },

  dismissProblems() {
    set({ problems: [] });
  },

  setOpenDraft(draftId) {
    const open = get().open;
    if (draftId === null) {
      if (open !== null) set({ open: null });
    } else if (open?.draftId !== draftId) {
      set({ open: { draftId, unsavedEdits: false } });
    }
  },

  setUnsavedEdits(unsavedEdits) {
    const open = get().open;
    if (open && open.unsavedEdits !== unsavedEdits) set({ open: { ...open, unsavedEdits } });
  },

  resolveFieldConflict(draftId, key, choice) {
    const draft = get().drafts[draftId];
    const conflict = draft?.conflicts?.find((c) => c.key === key);
    if (!draft || !conflict) return;
    const rest = (draft.conflicts ?? []).filter((c) => c !== conflict);
    const { conflicts: _old, ...base } = draft;
    const next: Draft = { ...base, updatedAt: nowIso(), rev: draft.rev + 1 };
    if (rest.length > 0) next.conflicts = rest;
    if (key === null) {
      const theirs = typeof conflict.theirs === 'string' ? conflict.theirs : '';
      if (choice === 'theirs') next.title = theirs;
      else if (choice === 'both') next.title = combineValues(draft.title, theirs) as string;
    } else if (choice !== 'mine') {
      const mine: FieldValue | undefined = draft.values[key];
      next.values = {
        ...draft.values,
        [key]:
          choice === 'theirs' || mine === undefined
            ? conflict.theirs
            : combineValues(mine, conflict.theirs),
      };
    }
    set((s) => ({ drafts: { ...s.drafts, [draftId]: next } }));
    markDirty(draftId);
  },

  retryNow() {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    retryDelay = 1000;
    for (const id of [...failed.keys()]) writeDraft(id);
  },
}));

/** The draft with this id, or undefined. */
export function useDraft(id: string): Draft | undefined {
  return useDrafts((s) => s.drafts[id]);
}

if (typeof window !== 'undefined') {
  try {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(DRAFTS_CHANNEL);
    if (channel) channel.onmessage = (event: MessageEvent) => onTabMessage(event.data);
  } catch {
    channel = null;
  }
  window.addEventListener('beforeunload', (event) => {
    if (!hasUnsavedWork()) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  });
}

/** Resolves once the library is loaded (the first load starts with this module). */
export const libraryLoaded: Promise<void> = loadLibrary().catch((error: unknown) => {
  useDrafts.setState((s) => ({
    loaded: true,
    problems: [
      ...s.problems,
      `Your saved drafts could not be read: ${error instanceof Error ? error.message : String(error)}.`,
    ],
  }));
});
