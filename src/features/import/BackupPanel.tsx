import { useId, useState } from 'react';
import type { ChangeEvent } from 'react';
import { makeBackup, parseBackup } from '../../stores/backup.ts';
import type { Backup } from '../../stores/backup.ts';
import { useDrafts } from '../../stores/drafts.ts';
import { useTemplates } from '../../stores/templates.ts';
import { MAX_TEMPLATE_BYTES } from './analyse.ts';

const MAX_BACKUP_BYTES = 50 * MAX_TEMPLATE_BYTES;

/**
 * Backup: every draft and imported template in one JSON file, and restoring it. Restoring adds
 * drafts and never overwrites one: a draft already here can be restored as a copy.
 */
export function BackupPanel() {
  const id = useId();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, setPending] = useState<Backup | null>(null);
  const [copies, setCopies] = useState(false);
  const existing = useDrafts((s) => s.drafts);

  async function download() {
    await useTemplates.getState().load();
    const text = makeBackup(
      Object.values(useDrafts.getState().drafts),
      Object.values(useTemplates.getState().templates),
    );
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `proposal-studio-backup-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    setPending(null);
    if (!file) return;
    if (file.size > MAX_BACKUP_BYTES) {
      setMessage({ text: `${file.name} is too large to be a backup of drafts.`, error: true });
      return;
    }
    const parsed = parseBackup(await file.text());
    if (!parsed.ok) {
      setMessage({ text: parsed.error, error: true });
      return;
    }
    setMessage(null);
    setCopies(false);
    setPending(parsed.backup);
  }

  async function restore(backup: Backup) {
    const templates = useTemplates.getState();
    await templates.load();
    const ids = new Map<string, string>();
    for (const record of backup.templates) {
      ids.set(record.id, await useTemplates.getState().restoreTemplate(record));
    }
    const { drafts, createDraft } = useDrafts.getState();
    let restored = 0;
    for (const draft of backup.drafts) {
      const here = drafts[draft.id] !== undefined;
      if (here && !copies) continue;
      createDraft(ids.get(draft.templateId) ?? draft.templateId, {
        title: here ? `${draft.title} (restored copy)` : draft.title,
        values: structuredClone(draft.values),
        ...(draft.templateSource === undefined ? {} : { templateSource: draft.templateSource }),
        ...(draft.templateName === undefined ? {} : { templateName: draft.templateName }),
      });
      restored++;
    }
    setPending(null);
    setMessage({
      text: `Restored ${restored} draft${restored === 1 ? '' : 's'} and ${backup.templates.length} template${backup.templates.length === 1 ? '' : 's'}.`,
      error: false,
    });
  }

  const clashes = pending ? pending.drafts.filter((d) => existing[d.id] !== undefined) : [];

  return (
    <section aria-labelledby={`${id}-title`} className="backup-panel">
      <h2 id={`${id}-title`}>Backup</h2>
      <p className="lede">
        All your drafts and imported templates in one file, to keep or to move to another browser.
      </p>
      <div className="import-actions">
        <button type="button" onClick={() => void download()}>
          Download a backup
        </button>
        <label className="file-button">
          Restore from a backup file{' '}
          <input type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
        </label>
      </div>
      {message ? (
        <p
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'import-error' : ''}
        >
          {message.text}
        </p>
      ) : null}
      {pending ? (
        <div className="backup-confirm" role="group" aria-label="Restore this backup">
          <p>
            This backup holds {pending.drafts.length} draft
            {pending.drafts.length === 1 ? '' : 's'} and {pending.templates.length} template
            {pending.templates.length === 1 ? '' : 's'}.
          </p>
          {clashes.length ? (
            <label>
              <input
                type="checkbox"
                checked={copies}
                onChange={(e) => setCopies(e.target.checked)}
              />{' '}
              {clashes.length} of them {clashes.length === 1 ? 'is' : 'are'} already here (
              {clashes.map((d) => d.title).join(', ')}): restore{' '}
              {clashes.length === 1 ? 'it' : 'them'} as {clashes.length === 1 ? 'a copy' : 'copies'}
              . Drafts here are never overwritten.
            </label>
          ) : null}
          <div className="import-actions">
            <button type="button" className="primary" onClick={() => void restore(pending)}>
              Restore
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
