/**
 * One JSON file with every draft and imported template, and the way back. The file is checked
 * with the same schemas that guard storage; a bad or foreign file changes nothing.
 */
import { z } from '../core/zod.ts';
import { draftSchema } from './drafts.ts';
import type { Draft } from './drafts.ts';
import { templateRecordSchema } from './templates.ts';
import type { TemplateRecord } from './templates.ts';

export const BACKUP_FORMAT = 'proposal-studio-backup';
export const BACKUP_VERSION = 1;

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.iso.datetime(),
  drafts: z.array(draftSchema),
  templates: z.array(templateRecordSchema),
});
export type Backup = z.infer<typeof backupSchema>;

export function makeBackup(drafts: Draft[], templates: TemplateRecord[], now = new Date()): string {
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    drafts,
    templates,
  };
  return `${JSON.stringify(backup, null, 2)}\n`;
}

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; error: string };

/** Reads a backup file; every refusal is one sentence saying why. */
export function parseBackup(text: string): ParsedBackup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not a Proposal Studio backup: it is not JSON.' };
  }
  const head = z.object({ format: z.string(), version: z.number() }).safeParse(data);
  if (!head.success || head.data.format !== BACKUP_FORMAT) {
    return {
      ok: false,
      error: 'This file is not a Proposal Studio backup: it lacks the backup’s format marker.',
    };
  }
  if (head.data.version !== BACKUP_VERSION) {
    return {
      ok: false,
      error: `This backup was written by another version of Proposal Studio (format ${head.data.version}); update the app to restore it.`,
    };
  }
  const parsed = backupSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return {
      ok: false,
      error: `This backup is damaged${where}, so nothing was restored from it.`,
    };
  }
  return { ok: true, backup: parsed.data };
}
