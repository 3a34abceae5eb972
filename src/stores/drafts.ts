/**
 * The library of drafts, persisted in localStorage.
 *
 * Stored as `{ state: { drafts: { [id]: Draft } }, version: 1 }` under `proposal-studio/drafts`.
 * Loading never drops data silently: a stored value or a draft that does not pass `draftSchema`
 * is copied aside under `proposal-studio/corrupt/<timestamp>` and described in `problems`.
 * A full storage sets `saveError` instead of throwing. A draft open here with unsaved edits is
 * never silently overwritten by another tab: `conflict` asks the author which copy to keep.
 */
import { z } from 'zod';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { valuesSchema } from '../core/model.ts';
import type { Values } from '../core/model.ts';

export const DRAFTS_KEY = 'proposal-studio/drafts';
export const CORRUPT_KEY_PREFIX = 'proposal-studio/corrupt/';
export const DRAFTS_VERSION = 1;
export const STORAGE_FULL_MESSAGE = 'Browser storage is full: download your draft to keep it';

export const draftSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  templateId: z.string().min(1),
  /** The template's own text, for imported templates (built-in ones are found by id). */
  templateSource: z.string().optional(),
  title: z.string(),
  values: valuesSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Bumped on every change; tells two copies of a draft apart across tabs. */
  rev: z.number().int().nonnegative(),
});
export type Draft = z.infer<typeof draftSchema>;

/** What is written to storage: the data only, never UI state or actions. */
export interface DraftsData {
  drafts: Record<string, Draft>;
}

export type ConflictChoice = 'reload' | 'keep-mine';

export interface DraftsState extends DraftsData {
  /** Loading problems (corrupt or unknown entries kept aside), for the UI to report. */
  problems: string[];
  /** Set when the last write failed (full storage); cleared by the next successful write. */
  saveError: string | null;
  /** The last deleted draft, kept in memory for `undoDelete`. */
  lastDeleted: Draft | null;
  /** The draft the editor has open in this tab, and whether its form holds unsynced edits. */
  open: { draftId: string; unsavedEdits: boolean } | null;
  /** Another tab changed the draft open here while it had unsaved edits. */
  conflict: { draftId: string } | null;

  createDraft: (
    templateId: string,
    init?: { title?: string; values?: Values; templateSource?: string },
  ) => string;
  updateDraft: (id: string, patch: { values?: Values; title?: string }) => void;
  duplicateDraft: (id: string) => string | undefined;
  renameDraft: (id: string, title: string) => void;
  deleteDraft: (id: string) => void;
  /** Restores the last deleted draft; returns its id, or undefined when there is none. */
  undoDelete: () => string | undefined;
  dismissProblems: () => void;
  /** The editor says which draft it shows (null when it closes). */
  setOpenDraft: (draftId: string | null) => void;
  /** The editor says whether its form holds edits not yet synced to this store. */
  setUnsavedEdits: (unsavedEdits: boolean) => void;
  /** 'reload' takes the other tab's copy; 'keep-mine' keeps this tab's copy of the open draft. */
  resolveConflict: (choice: ConflictChoice) => Promise<void>;
}

export const DEFAULT_DRAFT_TITLE = 'Untitled proposal';

// ---------------------------------------------------------------------------------------------
// Storage: localStorage, guarded against absence, quota errors and corrupt data

function localStorageOrNull(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Access itself throws when storage is disabled (e.g. blocked third-party storage).
    return null;
  }
}

function isQuotaError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'QuotaExceededError' ||
      error.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
      error.code === 22 ||
      error.code === 1014)
  );
}

/** False while the store is being created (its first load runs inside `create`). */
let storeReady = false;
let initialSaveError: string | null = null;

/** Set by migrate during a load, so merge writes the result back in the current version. */
let migratedOnLoad = false;

/** Problems found while loading, collected by storage/migrate/merge and moved into the state. */
let pendingProblems: string[] = [];

/**
 * Copies data that cannot be loaded to its own key, so a later save cannot overwrite it.
 * Returns the key, or null when even that write failed.
 */
function keepAside(raw: string): string | null {
  const storage = localStorageOrNull();
  if (!storage) return null;
  const stamp = new Date().toISOString();
  let key = CORRUPT_KEY_PREFIX + stamp;
  for (let n = 1; storage.getItem(key) !== null; n++) key = `${CORRUPT_KEY_PREFIX}${stamp}-${n}`;
  try {
    storage.setItem(key, raw);
    return key;
  } catch {
    return null;
  }
}

function reportKeptAside(what: string, raw: string): boolean {
  const key = keepAside(raw);
  pendingProblems.push(
    key
      ? `${what} It was kept aside in this browser's storage under “${key}”.`
      : `${what} It could not be kept aside (storage is full or unavailable); download your drafts before editing further.`,
  );
  return key !== null;
}

const storedValueSchema = z.object({ state: z.unknown(), version: z.number() });

/**
 * Each draft as this tab held it when it last loaded or wrote the library (id → JSON), or null
 * before the first load: the base that tells this tab's own changes apart in `writeDrafts`.
 */
let synced: Map<string, string> | null = null;

function draftTexts(drafts: Record<string, unknown>): Map<string, string> {
  return new Map(Object.entries(drafts).map(([id, d]) => [id, JSON.stringify(d)]));
}

function sameTexts(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, text] of a) if (b.get(id) !== text) return false;
  return true;
}

const libraryShape = z.object({ drafts: z.record(z.string(), z.unknown()) });

/**
 * Writes the drafts this tab changed since it last synced, on top of what storage holds now.
 * Another tab may have written in between (its storage event comes later, and a pending
 * conflict holds it off): its drafts are kept unless this tab changed the same one. A state
 * change that touches no draft (UI state, `conflict`, `open`) writes nothing.
 */
function writeDrafts(name: string, value: StorageValue<unknown>): void {
  const storage = localStorageOrNull();
  const library = libraryShape.safeParse(value.state);
  if (!storage || !library.success) return;
  const ours = draftTexts(library.data.drafts);
  const base = synced;
  if (base && sameTexts(base, ours)) return;

  let merged = ours;
  if (base) {
    const theirs = readStoredTexts(storage, name);
    if (theirs) {
      merged = new Map();
      for (const id of new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])) {
        const mine = ours.get(id);
        const text = mine !== base.get(id) ? mine : theirs.get(id);
        if (text !== undefined) merged.set(id, text);
      }
    }
  }
  const body = [...merged].map(([id, text]) => `${JSON.stringify(id)}:${text}`).join(',');
  // The base is this tab's own copy: drafts taken from the other tab stay theirs until this
  // tab rehydrates or changes them.
  if (writeItem(name, `{"state":{"drafts":{${body}}},"version":${value.version}}`)) {
    synced = ours;
  }
}

/** The drafts in storage (id → JSON), or null when it holds nothing this version can merge. */
function readStoredTexts(storage: Storage, name: string): Map<string, string> | null {
  try {
    const raw = storage.getItem(name);
    if (raw === null) return new Map();
    const stored = storedValueSchema.parse(JSON.parse(raw));
    if (stored.version !== DRAFTS_VERSION) return null;
    return draftTexts(libraryShape.parse(stored.state).drafts);
  } catch {
    return null;
  }
}

/** Writes `text` and records the outcome in `saveError`; true when it was written. */
function writeItem(name: string, text: string): boolean {
  const storage = localStorageOrNull();
  if (!storage) return false;
  try {
    if (storage.getItem(name) !== text) storage.setItem(name, text);
    setSaveError(null);
    return true;
  } catch (error) {
    setSaveError(
      isQuotaError(error)
        ? STORAGE_FULL_MESSAGE
        : 'Your drafts could not be saved in this browser: download your draft to keep it',
    );
    return false;
  }
}

const draftsStorage: PersistStorage<unknown, void> = {
  getItem(name) {
    const storage = localStorageOrNull();
    if (!storage) return null;
    let raw: string | null;
    try {
      raw = storage.getItem(name);
    } catch {
      pendingProblems.push('Your saved drafts could not be read from this browser’s storage.');
      return null;
    }
    if (raw === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    const stored = storedValueSchema.safeParse(parsed);
    if (!stored.success) {
      if (reportKeptAside('Your saved drafts could not be read (the stored data is damaged).', raw))
        storage.removeItem(name);
      return null;
    }
    return stored.data satisfies StorageValue<unknown>;
  },
  setItem(name, value) {
    writeDrafts(name, value);
  },
  removeItem(name) {
    localStorageOrNull()?.removeItem(name);
  },
};

// ---------------------------------------------------------------------------------------------
// Versions and validation

/**
 * Version 0 (the first prototype) stored `{ drafts: [{ id, template, title, values, updated }] }`:
 * an array, `template` for the template id, `updated` in epoch milliseconds, no creation time
 * and no revision. Anything else that is not understood is passed on unchanged, so validation
 * keeps it aside rather than guessing.
 */
export function migrateDrafts(persisted: unknown, version: number): unknown {
  // Whatever comes out is written back in the current version once validated (see merge).
  migratedOnLoad = true;
  if (version === 0) {
    const v0 = z
      .object({ drafts: z.array(z.record(z.string(), z.unknown())) })
      .safeParse(persisted);
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
  if (version > DRAFTS_VERSION) {
    reportKeptAside(
      `Your saved drafts were written by a newer version of Proposal Studio (storage version ${version}).`,
      JSON.stringify({ state: persisted, version }),
    );
    return { drafts: {} };
  }
  return persisted;
}

/**
 * Splits stored data into valid drafts and the rest. Invalid entries are kept aside and
 * reported; the return value says whether anything was, so the cleaned data can be written back.
 */
function validateDrafts(data: unknown): { drafts: Record<string, Draft>; rejected: boolean } {
  if (data === undefined) return { drafts: {}, rejected: false };
  const shape = z.object({ drafts: z.record(z.string(), z.unknown()) }).safeParse(data);
  if (!shape.success) {
    reportKeptAside(
      'Your saved drafts could not be read (unknown format).',
      JSON.stringify({ state: data }),
    );
    return { drafts: {}, rejected: true };
  }
  const drafts: Record<string, Draft> = {};
  const bad: Record<string, unknown> = {};
  const reasons: string[] = [];
  for (const [key, entry] of Object.entries(shape.data.drafts)) {
    const parsed = draftSchema.safeParse(entry);
    if (parsed.success && !(parsed.data.id in drafts)) {
      drafts[parsed.data.id] = parsed.data;
    } else {
      bad[key] = entry;
      const title =
        typeof entry === 'object' &&
        entry !== null &&
        'title' in entry &&
        typeof entry.title === 'string'
          ? entry.title
          : key;
      const issue = parsed.success ? 'duplicate id' : describeIssue(parsed.error);
      reasons.push(`“${title}” (${issue})`);
    }
  }
  const count = reasons.length;
  if (count === 0) return { drafts, rejected: false };
  reportKeptAside(
    `${count === 1 ? 'A saved draft' : `${count} saved drafts`} could not be loaded: ${reasons.join(', ')}.`,
    JSON.stringify({ drafts: bad }),
  );
  return { drafts, rejected: true };
}

function describeIssue(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  const path = first.path.map(String).join('.');
  return path ? `${path}: ${first.message}` : first.message;
}

// ---------------------------------------------------------------------------------------------
// Ids and times

function newId(taken: Record<string, unknown>): string {
  for (;;) {
    const bytes = new Uint8Array(9);
    crypto.getRandomValues(bytes);
    const id = Array.from(bytes, (b) => (b % 36).toString(36)).join('');
    if (!(id in taken)) return id;
  }
}

function nowIso(): string {
  return new Date().toISOString();
}

// ---------------------------------------------------------------------------------------------
// The store

export const useDrafts = create<DraftsState>()(
  persist<DraftsState, [], [], unknown>(
    (set, get) => ({
      drafts: {},
      problems: [],
      saveError: null,
      lastDeleted: null,
      open: null,
      conflict: null,

      createDraft(templateId, init = {}) {
        const id = newId(get().drafts);
        const at = nowIso();
        const draft: Draft = {
          id,
          templateId,
          ...(init.templateSource === undefined ? {} : { templateSource: init.templateSource }),
          title: init.title ?? DEFAULT_DRAFT_TITLE,
          values: init.values ?? {},
          createdAt: at,
          updatedAt: at,
          rev: 0,
        };
        set((s) => ({ drafts: { ...s.drafts, [id]: draft } }));
        return id;
      },

      updateDraft(id, patch) {
        set((s) => {
          const draft = s.drafts[id];
          if (!draft) return {};
          const next: Draft = {
            ...draft,
            ...(patch.values === undefined ? {} : { values: patch.values }),
            ...(patch.title === undefined ? {} : { title: patch.title }),
            updatedAt: nowIso(),
            rev: draft.rev + 1,
          };
          return { drafts: { ...s.drafts, [id]: next } };
        });
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
        return copyId;
      },

      renameDraft(id, title) {
        get().updateDraft(id, { title });
      },

      deleteDraft(id) {
        set((s) => {
          const draft = s.drafts[id];
          if (!draft) return {};
          const { [id]: _removed, ...rest } = s.drafts;
          return { drafts: rest, lastDeleted: draft };
        });
      },

      undoDelete() {
        const draft = get().lastDeleted;
        if (!draft) return undefined;
        set((s) => ({
          drafts: draft.id in s.drafts ? s.drafts : { ...s.drafts, [draft.id]: draft },
          lastDeleted: null,
        }));
        return draft.id;
      },

      dismissProblems() {
        set({ problems: [] });
      },

      setOpenDraft(draftId) {
        const open = get().open;
        if (draftId === null) {
          if (open !== null) set({ open: null, conflict: null });
        } else if (open?.draftId !== draftId) {
          set({ open: { draftId, unsavedEdits: false }, conflict: null });
        }
      },

      setUnsavedEdits(unsavedEdits) {
        const open = get().open;
        if (open && open.unsavedEdits !== unsavedEdits) set({ open: { ...open, unsavedEdits } });
      },

      async resolveConflict(choice) {
        const { conflict, open } = get();
        if (!conflict) return;
        const mine = get().drafts[conflict.draftId];
        // Take the stored library first (other drafts changed there too), then, for
        // 'keep-mine', put this tab's copy back on top with a revision above theirs.
        await useDrafts.persist.rehydrate();
        if (choice === 'keep-mine' && mine) {
          set((s) => {
            const theirs = s.drafts[mine.id];
            const rev = Math.max(mine.rev, theirs?.rev ?? 0) + 1;
            return {
              drafts: { ...s.drafts, [mine.id]: { ...mine, rev, updatedAt: nowIso() } },
              conflict: null,
            };
          });
        } else {
          set({
            conflict: null,
            open: open ? { draftId: open.draftId, unsavedEdits: false } : null,
          });
        }
      },
    }),
    {
      name: DRAFTS_KEY,
      version: DRAFTS_VERSION,
      storage: draftsStorage,
      partialize: (state): DraftsData => ({ drafts: state.drafts }),
      migrate: migrateDrafts,
      // Runs on every load, also when storage held nothing readable (persisted is undefined
      // then), so it is where problems found by getItem and migrate reach the state.
      merge(persisted, current) {
        const { drafts, rejected } = validateDrafts(persisted);
        // Write the cleaned library back now that the rejected part is kept aside, so the
        // same entries are not kept aside again on every load.
        if (rejected || migratedOnLoad) {
          writeItem(DRAFTS_KEY, JSON.stringify({ state: { drafts }, version: DRAFTS_VERSION }));
        }
        migratedOnLoad = false;
        synced = draftTexts(drafts);
        const problems = [...current.problems, ...pendingProblems];
        pendingProblems = [];
        const saveError = storeReady ? current.saveError : initialSaveError;
        return { ...current, drafts, problems, saveError };
      },
    },
  ),
);

storeReady = true;

function setSaveError(saveError: string | null): void {
  // The first load runs while `useDrafts` is still being created: hold the error until then.
  if (!storeReady) {
    initialSaveError = saveError;
    return;
  }
  // Called from inside persist's write; only a change is set, so the write this triggers
  // finds the same error (or none) and stops there.
  if (useDrafts.getState().saveError !== saveError) useDrafts.setState({ saveError });
}

// ---------------------------------------------------------------------------------------------
// Other tabs

function parseStoredDraft(text: string | null, id: string): Draft | undefined {
  if (text === null) return undefined;
  try {
    const stored = storedValueSchema.parse(JSON.parse(text));
    const shape = z.object({ drafts: z.record(z.string(), z.unknown()) }).parse(stored.state);
    const parsed = draftSchema.safeParse(shape.drafts[id]);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Another tab wrote the drafts. Take its library, unless it changed the draft open here while
 * this tab holds unsaved edits of it: then ask (conflict) instead of overwriting either copy.
 */
export function handleStorageEvent(event: StorageEvent): void {
  if (event.key !== null && event.key !== DRAFTS_KEY) return;
  const storage = localStorageOrNull();
  if (event.storageArea && storage && event.storageArea !== storage) return;
  const { open, conflict, drafts } = useDrafts.getState();
  if (conflict) return;
  if (open?.unsavedEdits) {
    const theirs = parseStoredDraft(event.newValue, open.draftId);
    const mine = drafts[open.draftId];
    if (JSON.stringify(theirs) !== JSON.stringify(mine)) {
      useDrafts.setState({ conflict: { draftId: open.draftId } });
      return;
    }
  }
  void useDrafts.persist.rehydrate();
}

if (typeof window !== 'undefined') window.addEventListener('storage', handleStorageEvent);

/** The draft with this id, or undefined. */
export function useDraft(id: string): Draft | undefined {
  return useDrafts((s) => s.drafts[id]);
}
