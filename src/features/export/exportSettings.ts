/**
 * The last GitHub export settings (repository, host, branches), remembered in localStorage.
 * Kept in this feature on purpose: it is a convenience, not part of a draft. Stored data is
 * validated on the way in; anything unreadable falls back to the defaults (and every value is
 * validated again before a link is built).
 */
import { z } from '../../core/zod.ts';

export const EXPORT_SETTINGS_KEY = 'proposal-studio/export-settings';

const text = z.string().check(z.maxLength(500));

export const exportSettingsSchema = z.object({
  v: z.literal(1),
  repository: text,
  /** Empty for github.com. */
  host: text,
  /** New-file target branch. */
  branch: text,
  /** Pull-request base; empty for the default branch. */
  base: text,
  /** GitHub Enterprise hosts (origins) the author confirmed once: nothing else is opened unasked. */
  confirmedHosts: z._default(z.array(text).check(z.maxLength(50)), []),
});
export type ExportSettings = z.infer<typeof exportSettingsSchema>;

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  v: 1,
  repository: '',
  host: '',
  branch: 'main',
  base: '',
  confirmedHosts: [],
};

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage disabled (privacy settings, sandboxed frame).
    return null;
  }
}

export function loadExportSettings(): ExportSettings {
  try {
    const raw = storage()?.getItem(EXPORT_SETTINGS_KEY);
    if (!raw) return DEFAULT_EXPORT_SETTINGS;
    const parsed = exportSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_EXPORT_SETTINGS;
  } catch {
    return DEFAULT_EXPORT_SETTINGS;
  }
}

/** Returns false when the settings could not be stored (full or disabled storage). */
export function saveExportSettings(
  settings: Omit<ExportSettings, 'v' | 'confirmedHosts'> & { confirmedHosts?: string[] },
): boolean {
  const parsed = exportSettingsSchema.safeParse({
    confirmedHosts: loadExportSettings().confirmedHosts,
    ...settings,
    v: 1,
  });
  if (!parsed.success) return false;
  try {
    const store = storage();
    if (!store) return false;
    store.setItem(EXPORT_SETTINGS_KEY, JSON.stringify(parsed.data));
    return true;
  } catch {
    return false;
  }
}
