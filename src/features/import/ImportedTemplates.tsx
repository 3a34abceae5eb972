import { useId, useState } from 'react';
import { useTemplates } from '../../stores/templates.ts';
import type { TemplateRecord } from '../../stores/templates.ts';

const FORMAT_LABELS: Record<TemplateRecord['format'], string> = {
  markdown: 'Markdown',
  text: 'Plain text',
  'issue-form': 'GitHub issue form',
};

interface Props {
  onStart: (record: TemplateRecord) => void;
  onUpdate: (record: TemplateRecord) => void;
}

/** The author's imported templates, beside the built-in ones: start, rename, update, remove. */
export function ImportedTemplates({ onStart, onUpdate }: Props) {
  const status = useTemplates((s) => s.status);
  const templates = useTemplates((s) => s.templates);
  const problems = useTemplates((s) => s.problems);
  const saveError = useTemplates((s) => s.saveError);
  const list = Object.values(templates).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section aria-labelledby="imported-heading" className="imported-templates">
      <h2 id="imported-heading">Your templates</h2>
      {status === 'loading' || status === 'idle' ? (
        <p role="status">Loading your templates…</p>
      ) : null}
      {problems.map((p) => (
        <p key={p} role="alert" className="alert alert-warning">
          {p}
        </p>
      ))}
      {saveError ? (
        <p role="alert" className="alert alert-warning">
          {saveError}
        </p>
      ) : null}
      {status === 'ready' && list.length === 0 ? (
        <p className="lede">
          Templates you import (from a file, pasted, or from GitHub) are listed here.
        </p>
      ) : null}
      <ul className="card-grid">
        {list.map((record) => (
          <ImportedCard key={record.id} record={record} onStart={onStart} onUpdate={onUpdate} />
        ))}
      </ul>
    </section>
  );
}

function ImportedCard({
  record,
  onStart,
  onUpdate,
}: {
  record: TemplateRecord;
} & Props) {
  const id = useId();
  const renameTemplate = useTemplates((s) => s.renameTemplate);
  const removeTemplate = useTemplates((s) => s.removeTemplate);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(record.name);
  const [confirmRemove, setConfirmRemove] = useState(false);
  return (
    <li className="card imported-card" aria-labelledby={`${id}-name`}>
      {renaming ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void renameTemplate(record.id, name).then(() => setRenaming(false));
          }}
        >
          <label htmlFor={`${id}-rename`}>New name</label>
          <input id={`${id}-rename`} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit">Save name</button>
          <button type="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="card-title" id={`${id}-name`}>
          {record.name}
        </span>
      )}
      <span className="card-meta">
        {FORMAT_LABELS[record.format]}
        {record.origin ? ` · ${record.origin}` : ''}
        {record.version > 1 ? ` · version ${record.version}` : ''}
      </span>
      {confirmRemove ? (
        <div role="alert" className="imported-confirm">
          <p>Remove “{record.name}”? Drafts made from it keep working.</p>
          <button type="button" onClick={() => void removeTemplate(record.id)}>
            Remove
          </button>
          <button type="button" onClick={() => setConfirmRemove(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="imported-actions">
          <button type="button" className="primary" onClick={() => onStart(record)}>
            Start a proposal <span className="visually-hidden">from {record.name}</span>
          </button>
          <button type="button" onClick={() => setRenaming(true)}>
            Rename <span className="visually-hidden">{record.name}</span>
          </button>
          <button type="button" onClick={() => onUpdate(record)}>
            Update <span className="visually-hidden">{record.name}</span>
          </button>
          <button type="button" onClick={() => setConfirmRemove(true)}>
            Remove <span className="visually-hidden">{record.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
