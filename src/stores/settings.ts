/**
 * Author preferences, one IndexedDB record (`proposal-studio/settings`, key `settings`, see
 * db.ts), loaded asynchronously. The earlier localStorage copy is migrated and its key deleted
 * once the record is read back equal. Settings are small and can be rebuilt: a refused write
 * leaves the setting applied for this session.
 */
import { z } from '../core/zod.ts';
import { create } from 'zustand';
import { get as idbGet, set as idbSet } from 'idb-keyval';
import { openKvStore } from './db.ts';

/** The localStorage key settings had before IndexedDB (migrated, then deleted). */
export const SETTINGS_KEY = 'proposal-studio/settings';
export const SETTINGS_VERSION = 1;
export const SETTINGS_RECORD = 'settings';

export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

export const settingsDataSchema = z.object({
  theme: themeSchema,
  /** Keep the template's HTML-comment guidance in the output. */
  keepGuidanceComments: z.boolean(),
  /** Leave unfilled optional sections out of the output instead of keeping the template's text. */
  dropEmptyOptionalSections: z.boolean(),
});
export type SettingsData = z.infer<typeof settingsDataSchema>;

export interface SettingsState extends SettingsData {
  /** False until the stored settings have been read. */
  loaded: boolean;
  setTheme: (theme: Theme) => void;
  setKeepGuidanceComments: (keep: boolean) => void;
  setDropEmptyOptionalSections: (drop: boolean) => void;
}

export const DEFAULT_SETTINGS: SettingsData = {
  theme: 'system',
  keepGuidanceComments: false,
  dropEmptyOptionalSections: false,
};

/** The order the theme toggle cycles through. */
export const THEME_ORDER: readonly Theme[] = ['system', 'light', 'dark'];

export function nextTheme(theme: Theme): Theme {
  return THEME_ORDER[(THEME_ORDER.indexOf(theme) + 1) % THEME_ORDER.length] ?? 'system';
}

function storageOrNull(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Keeps each stored setting that is valid; falls back to the default for the others. */
export function readSettings(persisted: unknown): SettingsData {
  const stored = z.record(z.string(), z.unknown()).safeParse(persisted);
  const data = stored.success ? stored.data : {};
  return {
    theme: z.catch(themeSchema, DEFAULT_SETTINGS.theme).parse(data.theme),
    keepGuidanceComments: z
      .catch(z.boolean(), DEFAULT_SETTINGS.keepGuidanceComments)
      .parse(data.keepGuidanceComments),
    dropEmptyOptionalSections: z
      .catch(z.boolean(), DEFAULT_SETTINGS.dropEmptyOptionalSections)
      .parse(data.dropEmptyOptionalSections),
  };
}

function dataOf(state: SettingsData): SettingsData {
  const { theme, keepGuidanceComments, dropEmptyOptionalSections } = state;
  return { theme, keepGuidanceComments, dropEmptyOptionalSections };
}

const kv = openKvStore('settings');

export const useSettings = create<SettingsState>()((set) => ({
  ...DEFAULT_SETTINGS,
  loaded: false,
  setTheme: (theme) => set({ theme }),
  setKeepGuidanceComments: (keepGuidanceComments) => set({ keepGuidanceComments }),
  setDropEmptyOptionalSections: (dropEmptyOptionalSections) => set({ dropEmptyOptionalSections }),
}));

/** Settings changed before loading finished win over the stored ones. */
let changedBeforeLoad: Partial<SettingsData> = {};

function write(data: SettingsData): Promise<void> {
  if (!kv) return Promise.resolve();
  return idbSet(SETTINGS_RECORD, { ...data, version: SETTINGS_VERSION }, kv).catch(() => {
    // Nothing to report: the setting still applies for this session.
  });
}

useSettings.subscribe((state, previous) => {
  const data = dataOf(state);
  const before = dataOf(previous);
  if (JSON.stringify(data) === JSON.stringify(before)) return;
  if (!state.loaded) {
    for (const key of Object.keys(data) as (keyof SettingsData)[]) {
      if (data[key] !== before[key]) changedBeforeLoad = { ...changedBeforeLoad, [key]: data[key] };
    }
    return;
  }
  void write(data);
});

/** Reads the stored settings, migrating the localStorage copy. */
export async function loadSettings(): Promise<void> {
  let stored: unknown;
  try {
    stored = kv ? await idbGet<unknown>(SETTINGS_RECORD, kv) : undefined;
  } catch {
    stored = undefined;
  }
  const storage = storageOrNull();
  const legacyRaw = storage?.getItem(SETTINGS_KEY) ?? null;
  if (stored === undefined && legacyRaw !== null) {
    try {
      const legacy = z.object({ state: z.unknown() }).parse(JSON.parse(legacyRaw));
      stored = legacy.state;
    } catch {
      stored = undefined;
    }
  }
  const data = { ...readSettings(stored), ...changedBeforeLoad };
  useSettings.setState({ ...data, loaded: true });
  if (!kv) return;
  await write(data);
  if (legacyRaw !== null) {
    try {
      const back = readSettings(await idbGet<unknown>(SETTINGS_RECORD, kv));
      if (JSON.stringify(back) === JSON.stringify(data)) storage?.removeItem(SETTINGS_KEY);
    } catch {
      // Kept in localStorage until a later load can confirm the copy.
    }
  }
}

export const settingsLoaded: Promise<void> = loadSettings();
