import { useEffect, useId, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { ProposalReading } from '../../core/proposal-import.ts';
import type { Values } from '../../core/model.ts';
import { isAbort, WorkProgress } from '../../components/WorkProgress.tsx';
import { useTemplates } from '../../stores/templates.ts';
import { readTemplateFile } from './analyse.ts';
import { loadChoices, readProposalText, readsInBackground } from './choices.ts';
import type { Choice } from './choices.ts';
import { ModalDialog } from '../../components/ModalDialog.tsx';
import './import.css';

export interface NewImportedDraft {
  templateId: string;
  templateSource: string | undefined;
  /** The imported template's name (undefined for a built-in one). */
  templateName: string | undefined;
  title: string;
  values: Values;
  summary: string;
}

interface Props {
  /** A file dropped on the gallery, already read. */
  initial?: { text: string; origin: string } | undefined;
  onClose: () => void;
  onCreate: (draft: NewImportedDraft) => void;
}

/**
 * "Import a proposal": a filled document (a file, pasted Markdown, or the body of a GitHub
 * issue or pull request) becomes a new draft. The closest template by headings is chosen and
 * can be changed; the summary says what was matched before the draft is created. A large
 * document is read in a worker, with progress and Cancel.
 */
export function ImportProposalDialog({ initial, onClose, onCreate }: Props) {
  const id = useId();
  const status = useTemplates((s) => s.status);
  const records = useTemplates((s) => s.templates);
  const [choices, setChoices] = useState<Choice[] | null>(null);
  const [text, setText] = useState(initial?.text ?? '');
  const [fileName, setFileName] = useState(initial?.origin ?? '');
  const [submitted, setSubmitted] = useState<string | null>(initial?.text ?? null);
  /** The template the author picked; null: the closest one. */
  const [picked, setPicked] = useState<string | null>(null);
  const [reading, setReading] = useState<{
    value: ProposalReading<string>;
    submitted: string;
    picked: string | null;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<AbortController | null>(null);

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

  // Read the document against the picked (or closest) template.
  useEffect(() => {
    if (!choices || submitted === null) return;
    const controller = new AbortController();
    cancel.current = controller;
    readProposalText(submitted, choices, picked, controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setReading({ value, submitted, picked });
        setError(null);
      },
      (reason: unknown) => {
        if (controller.signal.aborted && !isAbort(reason)) return;
        setSubmitted(null);
        setError(
          isAbort(reason)
            ? 'Cancelled. The proposal text is still here.'
            : `The document could not be read: ${reason instanceof Error ? reason.message : String(reason)}`,
        );
      },
    );
    return () => controller.abort();
  }, [choices, submitted, picked]);

  function submit(next: string, origin: string) {
    setError(null);
    setFileName(origin);
    setPicked(null);
    setReading(null);
    setSubmitted(next);
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const read = await readTemplateFile(file);
    if ('error' in read) {
      setError(read.error);
      return;
    }
    setText(read.text);
    submit(read.text, file.name);
  }

  const names = new Map(choices?.map((c) => [c.id, c.name]));
  // While another template is read, the last reading stays on screen (and cannot be created).
  const current =
    reading !== null && reading.submitted === submitted && reading.picked === picked
      ? reading.value
      : null;
  const shown = reading?.submitted === submitted ? reading.value : null;
  const choice = choices?.find((c) => c.id === current?.chosen);
  const result = current?.result ?? null;
  const busy = submitted !== null && !current;

  return (
    <ModalDialog className="import-dialog" labelledBy={`${id}-title`} onClose={onClose}>
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
          // No form-state restore: the browser copies a control's value into the history entry at
          // each navigation (opening the draft), which for a pasted megabyte took most of a second.
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="button"
          onClick={() => {
            if (text.trim() === '') setError('Paste a proposal first.');
            else submit(text, '');
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
      {busy && readsInBackground(submitted) ? (
        <WorkProgress
          label="Reading the proposal"
          size={submitted.length}
          onCancel={() => cancel.current?.abort()}
        />
      ) : busy ? (
        <p role="status">Reading the proposal…</p>
      ) : null}
      {shown ? (
        <div className="import-result">
          <div className="import-field">
            <label htmlFor={`${id}-template`}>Template it follows</label>
            <select
              id={`${id}-template`}
              value={picked ?? shown.chosen ?? ''}
              onChange={(e) => setPicked(e.target.value || null)}
            >
              {shown.chosen === null ? <option value="">Choose a template</option> : null}
              {shown.scores.map((s) => (
                <option key={s.id} value={s.id}>
                  {names.get(s.id) ?? s.id} ({s.matched} of {s.total} headings match)
                </option>
              ))}
            </select>
            {shown.scores[0]?.matched === 0 ? (
              <p className="field-note">
                No template shares a heading with this document: choose the one it should follow;
                text that matches no field is kept as it is.
              </p>
            ) : null}
          </div>
          {current?.summary ? (
            <p role="status" className="import-summary">
              {current.summary}
            </p>
          ) : null}
          <div className="import-actions">
            <button
              type="button"
              className="primary"
              disabled={!result || !choice}
              onClick={() => {
                if (!result || !choice || !current?.summary) return;
                onCreate({
                  templateId: choice.id,
                  templateSource: choice.source,
                  templateName: choice.source === undefined ? undefined : choice.name,
                  title: result.title || fileName.replace(/\.[^.]+$/, '') || 'Imported proposal',
                  values: result.values,
                  summary: current.summary,
                });
              }}
            >
              Create the draft
            </button>
          </div>
        </div>
      ) : null}
    </ModalDialog>
  );
}
