import { useEffect, useId, useRef, useState } from 'react';
import type { ChangeEvent, ReactNode } from 'react';
import type { LintProblem } from '../../core/template/issueform-lint.ts';
import { useTemplates } from '../../stores/templates.ts';
import type { TemplateRecord } from '../../stores/templates.ts';
import { isAbort, WorkProgress } from '../../components/WorkProgress.tsx';
import { analyseTemplate, readTemplateFile } from './analyse.ts';
import type { Analysis } from './analyse.ts';
import { IssueFormPreview } from './IssueFormPreview.tsx';
import { ModalDialog } from '../../components/ModalDialog.tsx';
import { UrlSource } from './UrlSource.tsx';
import './import.css';

export interface PickedText {
  text: string;
  /** The file name or address it came from ("" when pasted). */
  origin: string;
}

interface Props {
  /** Set to replace this template's text with a new version. */
  update?: TemplateRecord | undefined;
  /** A file dropped on the gallery, already read. */
  initial?: PickedText | undefined;
  onClose: () => void;
  /** The template was added (or updated); `start` asks for a new draft from it. */
  onDone: (record: TemplateRecord, start: boolean) => void;
  renderMarkdown?: ((markdown: string) => ReactNode) | undefined;
}

type Source = 'file' | 'paste' | 'url';

/**
 * "Import a template": from a file, pasted text or an https address (a GitHub repository lists
 * its issue and pull-request templates). Issue forms are checked against GitHub's rules first;
 * the template then joins the gallery under its name.
 */
export function ImportTemplateDialog({ update, initial, onClose, onDone, renderMarkdown }: Props) {
  const id = useId();
  const [source, setSource] = useState<Source>('file');
  const [picked, setPicked] = useState<PickedText | null>(initial ?? null);
  const [pasted, setPasted] = useState('');
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const addTemplate = useTemplates((s) => s.addTemplate);
  const updateTemplate = useTemplates((s) => s.updateTemplate);

  const reading = useRef<AbortController | null>(null);
  useEffect(() => {
    if (!picked) return;
    let cancelled = false;
    const controller = new AbortController();
    reading.current = controller;
    analyseTemplate(picked.text, picked.origin, controller.signal).then(
      (result) => {
        if (cancelled) return;
        setAnalysis(result);
        if (result.ok) setName(update?.name ?? result.name);
      },
      (reason: unknown) => {
        if (cancelled) return;
        // Cancelled: the text stays where it was, nothing is added.
        setPicked(null);
        setError(
          isAbort(reason)
            ? 'Cancelled. The template text is still here.'
            : reason instanceof Error
              ? reason.message
              : String(reason),
        );
      },
    );
    return () => {
      cancelled = true;
      controller.abort();
    };
  }, [picked, update]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(null);
    const read = await readTemplateFile(file);
    if ('error' in read) {
      setError(read.error);
      return;
    }
    setAnalysis(null);
    setPicked({ text: read.text, origin: file.name });
  }

  async function save(start: boolean) {
    if (!analysis?.ok || !picked) return;
    setBusy(true);
    try {
      if (update) {
        await updateTemplate(update.id, {
          source: picked.text,
          format: analysis.format,
          origin: picked.origin,
        });
        onDone({ ...update, source: picked.text }, start);
      } else {
        const record = await addTemplate({
          name: name.trim() || analysis.name,
          source: picked.text,
          format: analysis.format,
          origin: picked.origin,
        });
        onDone(record, start);
      }
    } catch (e) {
      setError(`The template could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const title = update ? `Update “${update.name}” from a new version` : 'Import a template';
  const problems = analysis?.lint?.problems ?? [];
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');

  return (
    <ModalDialog className="import-dialog" labelledBy={`${id}-title`} onClose={onClose}>
      <div className="import-dialog-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <button type="button" className="import-close" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="lede">
        A Markdown template (with or without front matter), a plain-text copy of one, or a GitHub
        issue form (<code>.yml</code>). It stays in this browser.
        {update ? ' Drafts made from it keep their answers wherever a field is still there.' : null}
      </p>
      <div role="radiogroup" aria-label="Where the template comes from" className="import-sources">
        {(
          [
            ['file', 'A file'],
            ['paste', 'Pasted text'],
            ['url', 'A web address'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="import-source">
            <input
              type="radio"
              name={`${id}-source`}
              value={value}
              checked={source === value}
              onChange={() => setSource(value)}
            />
            {label}
          </label>
        ))}
      </div>
      {source === 'file' ? (
        <div className="import-field">
          <label htmlFor={`${id}-file`}>Template file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".md,.markdown,.txt,.yml,.yaml,text/markdown,text/plain"
            onChange={(e) => void onFile(e)}
          />
        </div>
      ) : source === 'paste' ? (
        <div className="import-field">
          <label htmlFor={`${id}-text`}>Template text</label>
          <textarea
            id={`${id}-text`}
            rows={8}
            value={pasted}
            spellCheck={false}
            // No form-state restore: the browser copies a control's value into the history entry at
            // each navigation (opening the draft), which for a pasted megabyte took most of a second.
            autoComplete="off"
            onChange={(e) => setPasted(e.target.value)}
          />
          <button
            type="button"
            onClick={() => {
              setError(null);
              setAnalysis(null);
              if (pasted.trim() === '') setError('Paste a template first.');
              else setPicked({ text: pasted, origin: '' });
            }}
          >
            Check the template
          </button>
        </div>
      ) : (
        <UrlSource
          onPicked={(text, origin) => {
            setError(null);
            setAnalysis(null);
            setPicked({ text, origin });
          }}
        />
      )}

      {error ? (
        <p role="alert" className="import-error">
          {error}
        </p>
      ) : null}
      {picked && !analysis && picked.text.length < 50_000 ? (
        <p role="status">Reading the template…</p>
      ) : null}

      {picked && !analysis && picked.text.length >= 50_000 ? (
        <WorkProgress
          label="Reading the template"
          size={picked.text.length}
          onCancel={() => reading.current?.abort()}
        />
      ) : null}
      {analysis && !analysis.ok ? (
        <div role="alert" className="import-error">
          <p>
            <strong>This template cannot be used.</strong> {analysis.error}
          </p>
          {errors.length ? <ProblemList problems={errors} label="Errors" /> : null}
        </div>
      ) : null}
      {warnings.length ? <ProblemList problems={warnings} label="Warnings" /> : null}

      {analysis?.ok ? (
        <div className="import-result">
          {update ? null : (
            <div className="import-field">
              <label htmlFor={`${id}-name`}>Template name</label>
              <input
                id={`${id}-name`}
                type="text"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
          )}
          {analysis.lint ? (
            <IssueFormPreview lint={analysis.lint} renderMarkdown={renderMarkdown} />
          ) : null}
          <div className="import-actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void save(true)}
            >
              {update ? 'Use this version and open a proposal' : 'Add and start a proposal'}
            </button>
            <button type="button" disabled={busy} onClick={() => void save(false)}>
              {update ? 'Use this version' : 'Add to your templates'}
            </button>
          </div>
        </div>
      ) : null}
    </ModalDialog>
  );
}

function ProblemList({ problems, label }: { problems: LintProblem[]; label: string }) {
  return (
    <ul className="lint-problems" aria-label={label}>
      {problems.map((p, i) => (
        <li key={i} className={`lint-${p.severity}`}>
          <span className="lint-where">
            Line {p.line}
            {p.element === null ? '' : ` · element ${p.element}`}
          </span>{' '}
          {p.message}
        </li>
      ))}
    </ul>
  );
}
