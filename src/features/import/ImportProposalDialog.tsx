import { useEffect, useId, useMemo, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { ImportedProposal } from '../../core/proposal-import.ts';
import type { TemplateScore } from '../../core/recognize.ts';
import type { Template } from '../../core/template/types.ts';
import type { Values } from '../../core/model.ts';
import { useTemplates } from '../../stores/templates.ts';
import { loadBuiltInTemplate, parseImportedTemplate } from '../../templates/builtin.ts';
import { BUILT_IN_TEMPLATES } from '../../templates/registry.ts';
import { loadYaml } from '../../templates/yaml-lazy.ts';
import { readTemplateFile } from './analyse.ts';
import { Modal } from './Modal.tsx';
import './import.css';

/** A template a document may follow: built in, or imported (with its text for the draft). */
interface Choice {
  id: string;
  name: string;
  template: Template;
  source: string | undefined;
}

export interface NewImportedDraft {
  templateId: string;
  templateSource: string | undefined;
  title: string;
  values: Values;
  summary: string;
}

interface Props {
  onClose: () => void;
  onCreate: (draft: NewImportedDraft) => void;
}

async function loadChoices(
  records: ReturnType<typeof useTemplates.getState>['templates'],
): Promise<Choice[]> {
  await loadYaml();
  const builtIns = await Promise.all(
    BUILT_IN_TEMPLATES.map(async (entry) => ({
      id: entry.id,
      name: entry.name,
      template: await loadBuiltInTemplate(entry),
      source: undefined,
    })),
  );
  const imported: Choice[] = [];
  for (const record of Object.values(records)) {
    try {
      imported.push({
        id: record.id,
        name: record.name,
        template: await parseImportedTemplate(record.source),
        source: record.source,
      });
    } catch {
      // A template that no longer parses cannot be offered; it stays in the gallery.
    }
  }
  return [...builtIns, ...imported];
}

/**
 * "Import a proposal": a filled document (a file, pasted Markdown, or the body of a GitHub
 * issue or pull request) becomes a new draft. The closest template by headings is chosen and
 * can be changed; the summary says what was matched before the draft is created.
 */
export function ImportProposalDialog({ onClose, onCreate }: Props) {
  const id = useId();
  const status = useTemplates((s) => s.status);
  const records = useTemplates((s) => s.templates);
  const [choices, setChoices] = useState<Choice[] | null>(null);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [scores, setScores] = useState<TemplateScore<string>[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [read, setRead] = useState<{ key: string; value: ImportedProposal | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summaryText, setSummaryText] = useState<((r: ImportedProposal) => string) | null>(null);

  useEffect(() => {
    void useTemplates.getState().load();
  }, []);

  useEffect(() => {
    if (status !== 'ready' && status !== 'error') return;
    let cancelled = false;
    void loadChoices(records).then((list) => {
      if (!cancelled) setChoices(list);
    });
    return () => {
      cancelled = true;
    };
  }, [status, records]);

  // Score the templates once the document and the templates are there.
  useEffect(() => {
    if (!choices || submitted === null) return;
    let cancelled = false;
    void import('../../core/recognize.ts').then(({ scoreTemplates }) => {
      if (cancelled) return;
      const list = scoreTemplates(
        submitted,
        choices.map((c) => ({ id: c.id, template: c.template, format: c.template.format })),
      );
      setScores(list);
      setChosen(list[0] && list[0].matched > 0 ? list[0].id : '');
    });
    return () => {
      cancelled = true;
    };
  }, [choices, submitted]);

  const choice = useMemo(() => choices?.find((c) => c.id === chosen), [choices, chosen]);

  // Read the document against the chosen template.
  useEffect(() => {
    if (!choice || submitted === null) return;
    const key = `${choice.id}\n${submitted}`;
    let cancelled = false;
    void import('../../core/proposal-import.ts').then((m) => {
      if (cancelled) return;
      try {
        setRead({ key, value: m.importProposal(choice.template, submitted) });
        setSummaryText(() => (r: ImportedProposal) => m.summaryText(r.summary));
        setError(null);
      } catch (e) {
        setRead({ key, value: null });
        setError(`The document could not be read: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [choice, submitted]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const read = await readTemplateFile(file);
    if ('error' in read) {
      setError(read.error);
      return;
    }
    setError(null);
    setFileName(file.name);
    setText(read.text);
    setSubmitted(read.text);
  }

  const result =
    choice && submitted !== null && read?.key === `${choice.id}\n${submitted}` ? read.value : null;
  const names = new Map(choices?.map((c) => [c.id, c.name]));
  const summary = result && summaryText ? summaryText(result) : null;

  return (
    <Modal labelledBy={`${id}-title`} onClose={onClose}>
      <div className="import-dialog-head">
        <h2 id={`${id}-title`}>Import a proposal</h2>
        <button type="button" className="import-close" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="lede">
        A proposal written elsewhere: a Markdown or text file, or pasted text (the body of a GitHub
        issue or pull request works too). It opens as a new draft; nothing you wrote is dropped.
      </p>
      <div className="import-field">
        <label htmlFor={`${id}-file`}>Proposal file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".md,.markdown,.txt,text/markdown,text/plain"
          onChange={(e) => void onFile(e)}
        />
      </div>
      <div className="import-field">
        <label htmlFor={`${id}-text`}>Or paste the proposal</label>
        <textarea
          id={`${id}-text`}
          rows={8}
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="button"
          onClick={() => {
            if (text.trim() === '') {
              setError('Paste a proposal first.');
              return;
            }
            setError(null);
            setFileName('');
            setSubmitted(text);
          }}
        >
          Read the proposal
        </button>
      </div>
      {error ? (
        <p role="alert" className="import-error">
          {error}
        </p>
      ) : null}
      {submitted !== null && !scores ? <p role="status">Reading the proposal…</p> : null}
      {scores ? (
        <div className="import-result">
          <div className="import-field">
            <label htmlFor={`${id}-template`}>Template it follows</label>
            <select
              id={`${id}-template`}
              value={chosen}
              onChange={(e) => setChosen(e.target.value)}
            >
              {chosen === '' ? <option value="">Choose a template</option> : null}
              {scores.map((s) => (
                <option key={s.id} value={s.id}>
                  {names.get(s.id) ?? s.id} ({s.matched} of {s.total} headings match)
                </option>
              ))}
            </select>
            {scores[0]?.matched === 0 ? (
              <p className="field-note">
                No template shares a heading with this document: choose the one it should follow;
                text that matches no field is kept as it is.
              </p>
            ) : null}
          </div>
          {summary ? (
            <p role="status" className="import-summary">
              {summary}
            </p>
          ) : null}
          <div className="import-actions">
            <button
              type="button"
              className="primary"
              disabled={!result || !choice}
              onClick={() => {
                if (!result || !choice || !summary) return;
                onCreate({
                  templateId: choice.id,
                  templateSource: choice.source,
                  title: result.title || fileName.replace(/\.[^.]+$/, '') || 'Imported proposal',
                  values: result.values,
                  summary,
                });
              }}
            >
              Create the draft
            </button>
          </div>
        </div>
      ) : null}
    </Modal>
  );
}
