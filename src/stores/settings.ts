/** Author preferences, persisted in localStorage under `proposal-studio/settings`. */
import { z } from 'zod';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const SETTINGS_KEY = 'proposal-studio/settings';
export const SETTINGS_VERSION = 1;

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
function readSettings(persisted: unknown): SettingsData {
  const stored = z.record(z.string(), z.unknown()).safeParse(persisted);
  const data = stored.success ? stored.data : {};
  return {
    theme: themeSchema.catch(DEFAULT_SETTINGS.theme).parse(data.theme),
    keepGuidanceComments: z
      .boolean()
      .catch(DEFAULT_SETTINGS.keepGuidanceComments)
      .parse(data.keepGuidanceComments),
    dropEmptyOptionalSections: z
      .boolean()
      .catch(DEFAULT_SETTINGS.dropEmptyOptionalSections)
      .parse(data.dropEmptyOptionalSections),
  };
}

export const useSettings = create<SettingsState>()(
  persist<SettingsState, [], [], SettingsData>(
    (set) => ({
      ...DEFAULT_SETTINGS,
      setTheme: (theme) => set({ theme }),
      setKeepGuidanceComments: (keepGuidanceComments) => set({ keepGuidanceComments }),
      setDropEmptyOptionalSections: (dropEmptyOptionalSections) =>
        set({ dropEmptyOptionalSections }),
    }),
    {
      name: SETTINGS_KEY,
      version: SETTINGS_VERSION,
      // Settings are small and can be rebuilt; a full storage simply leaves the old value.
      storage: createJSONStorage(() => ({
        getItem: (name) => storageOrNull()?.getItem(name) ?? null,
        setItem: (name, value) => {
          try {
            storageOrNull()?.setItem(name, value);
          } catch {
            // Nothing to report: the setting still applies for this session.
          }
        },
        removeItem: (name) => storageOrNull()?.removeItem(name),
      })),
      partialize: ({ theme, keepGuidanceComments, dropEmptyOptionalSections }) => ({
        theme,
        keepGuidanceComments,
        dropEmptyOptionalSections,
      }),
      // Version 0 had no settings key; anything older or unknown keeps what it can.
      migrate: (persisted) => readSettings(persisted),
      merge: (persisted, current) => ({ ...current, ...readSettings(persisted) }),
    },
  ),
);
