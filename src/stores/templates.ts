/**
 * Imported templates: the author's own templates beside the built-in ones, persisted in
 * IndexedDB (idb-keyval), one record per template in the `proposal-studio-templates` database.
 *
 * Loading is asynchronous (`status`); a stored record that does not pass `templateRecordSchema`
 * is never deleted or overwritten: it stays under its key, is left out of the gallery, and is
 * described in `problems`. Drafts made from a template keep its text (`templateSource`), so
 * removing a template never breaks them.
 */
import { createStore, del, entries, set as idbSet } from 'idb-keyval';
import { z } from '../core/zod.ts';
import { create } from 'zustand';
import { templateFormatSchema } from '../core/model.ts';

export const TEMPLATES_DB = 'proposal-studio-templates';
/** Tabs tell each other here that an imported template was added, changed or removed. */
export const TEMPLATES_CHANNEL = 'proposal-studio/templates';
export const TEMPLATES_STORE = 'templates';
/** Imported template ids start with this, so a draft's templateId never collides with a built-in one. */
export const TEMPLATE_ID_PREFIX = 'tpl-';

export const templateRecordSchema = z.object({
  id: z.string().check(z.regex(/^tpl-[A-Za-z0-9_-]{1,60}$/)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** The template's text, exactly as imported. */
  source: z.string().check(z.maxLength(5_000_000)),
  format: templateFormatSchema,
  /** The file or URL it came from, for people ("" when pasted). */
  origin: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Bumped by every update from a new version. */
  version: z.int().check(z.positive()),
});
export type TemplateRecord = z.infer<typeof templateRecordSchema>;

export interface NewTemplate {
  name: string;
  source: string;
  format: TemplateRecord['format'];
  origin: string;
}

/** Where records are kept: IndexedDB in the app, a map in tests. */
export interface TemplateStorage {
  entries(): Promise<[IDBValidKey, unknown][]>;
  set(key: string, value: TemplateRecord): Promise<void>;
  del(key: string): Promise<void>;
}

export function indexedDbTemplateStorage(): TemplateStorage {
  let store: ReturnType<typeof createStore> | null = null;
  const db = () => (store ??= createStore(TEMPLATES_DB, TEMPLATES_STORE));
  return {
    entries: () => entries(db()),
    set: (key, value) => idbSet(key, value, db()),
    del: (key) => del(key, db()),
  };
}

let storage: TemplateStorage | null = null;

function currentStorage(): TemplateStorage {
  storage ??= indexedDbTemplateStorage();
  return storage;
}

/** Swaps the storage (tests); the next `load()` reads from it. */
export function setTemplateStorage(next: TemplateStorage): void {
  storage = next;
}

export type TemplatesStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface TemplatesState {
  status: TemplatesStatus;
  templates: Record<string, TemplateRecord>;
  /** Records that could not be read: kept in storage as they are, described for the author. */
  problems: string[];
  /** Keys of the records kept aside (never reused for a new template). */
  keptAside: string[];
  /** Set when the last write failed. */
  saveError: string | null;

  load: () => Promise<void>;
  addTemplate: (input: NewTemplate) => Promise<TemplateRecord>;
  renameTemplate: (id: string, name: string) => Promise<void>;
  /** Replaces a template's text with a new version (drafts keep their values by field id). */
  updateTemplate: (id: string, next: Omit<NewTemplate, 'name'>) => Promise<void>;
  removeTemplate: (id: string) => Promise<void>;
  /**
   * Restores a template from a backup: under its own id when that is free, as the same
   * template when its text is already here, under a new id otherwise. Returns the id used.
   */
  restoreTemplate: (record: TemplateRecord) => Promise<string>;
  dismissTemplateProblems: () => void;
  /** Reads the stored templates again (another tab changed them). */
  refresh: () => Promise<void>;
}

function nowIso(): string {
  return new Date().toISOString();
}

function randomId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let loading: Promise<void> | null = null;

let channel: BroadcastChannel | null = null;

/** Tells the other tabs that the stored templates changed (they read them again). */
function announceChange(): void {
  try {
    channel?.postMessage({ type: 'templates-changed' });
  } catch {
    // A closed channel: the other tabs see the change on their next load.
  }
}

interface ReadRecords {
  templates: Record<string, TemplateRecord>;
  problems: string[];
  keptAside: string[];
}

async function readRecords(): Promise<ReadRecords> {
  const rows = await currentStorage().entries();
  const templates: Record<string, TemplateRecord> = {};
  const problems: string[] = [];
  const keptAside: string[] = [];
  for (const [key, value] of rows) {
    const parsed = templateRecordSchema.safeParse(value);
    if (parsed.success && parsed.data.id === key) {
      templates[parsed.data.id] = parsed.data;
    } else {
      const name = typeof key === 'string' ? key : JSON.stringify(key);
      keptAside.push(name);
      problems.push(
        `An imported template stored under “${name}” could not be read; it is kept as it is in this browser’s storage and left out of the gallery.`,
      );
    }
  }
  return { templates, problems, keptAside };
}

export const useTemplates = create<TemplatesState>()((set, get) => {
  async function write(record: TemplateRecord): Promise<void> {
    try {
      await currentStorage().set(record.id, record);
      set({ saveError: null });
      announceChange();
    } catch (error) {
      set({
        saveError: `Your imported templates could not be saved in this browser (${describeError(error)}).`,
      });
      throw error;
    }
  }

  return {
    status: 'idle',
    templates: {},
    problems: [],
    keptAside: [],
    saveError: null,

    load() {
      loading ??= (async () => {
        set({ status: 'loading' });
        try {
          set({ status: 'ready', ...(await readRecords()) });
        } catch (error) {
          loading = null;
          set({
            status: 'error',
            problems: [
              `Your imported templates could not be loaded from this browser’s storage (${describeError(error)}).`,
            ],
          });
        }
      })();
      return loading;
    },

    async addTemplate(input) {
      const taken = new Set([...Object.keys(get().templates), ...get().keptAside]);
      let id = `${TEMPLATE_ID_PREFIX}${randomId()}`;
      while (taken.has(id)) id = `${TEMPLATE_ID_PREFIX}${randomId()}`;
      const at = nowIso();
      const record = templateRecordSchema.parse({
        id,
        ...input,
        name: input.name.trim() || 'Imported template',
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
      await write(record);
      set((s) => ({ templates: { ...s.templates, [id]: record } }));
      return record;
    },

    async renameTemplate(id, name) {
      const record = get().templates[id];
      const trimmed = name.trim();
      if (!record || !trimmed) return;
      const next = { ...record, name: trimmed, updatedAt: nowIso() };
      await write(next);
      set((s) => ({ templates: { ...s.templates, [id]: next } }));
    },

    async updateTemplate(id, input) {
      const record = get().templates[id];
      if (!record) return;
      const next = templateRecordSchema.parse({
        ...record,
        ...input,
        updatedAt: nowIso(),
        version: record.version + 1,
      });
      await write(next);
      set((s) => ({ templates: { ...s.templates, [id]: next } }));
    },

    async removeTemplate(id) {
      if (!get().templates[id]) return;
      await currentStorage().del(id);
      announceChange();
      set((s) => {
        const { [id]: _removed, ...rest } = s.templates;
        return { templates: rest };
      });
    },

    async restoreTemplate(record) {
      const { templates, keptAside } = get();
      const existing = templates[record.id];
      if (existing && existing.source === record.source) return existing.id;
      if (!existing && !keptAside.includes(record.id)) {
        await write(record);
        set((s) => ({ templates: { ...s.templates, [record.id]: record } }));
        return record.id;
      }
      const copy = await get().addTemplate({
        name: record.name,
        source: record.source,
        format: record.format,
        origin: record.origin,
      });
      return copy.id;
    },

    dismissTemplateProblems() {
      set({ problems: [] });
    },

    async refresh() {
      if (get().status !== 'ready') return;
      try {
        const read = await readRecords();
        // Problems already dismissed here stay dismissed.
        const known = new Set(get().keptAside);
        set({
          templates: read.templates,
          keptAside: read.keptAside,
          problems: [
            ...get().problems,
            ...read.problems.filter((_p, i) => !known.has(read.keptAside[i]!)),
          ],
        });
      } catch {
        // Unreadable right now: what this tab shows stays until the next change.
      }
    },
  };
});

/** For tests: forget the loaded state so the next `load()` reads storage again. */
export function resetTemplatesForTests(): void {
  loading = null;
  useTemplates.setState({
    status: 'idle',
    templates: {},
    problems: [],
    keptAside: [],
    saveError: null,
  });
}

/** Whether a draft's templateId names an imported template. */
export function isImportedTemplateId(id: string): boolean {
  return id.startsWith(TEMPLATE_ID_PREFIX);
}

if (typeof window !== 'undefined') {
  try {
    channel =
      typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(TEMPLATES_CHANNEL);
    if (channel) channel.onmessage = () => void useTemplates.getState().refresh();
  } catch {
    channel = null;
  }
}
