import { useId, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { isAbort, WorkProgress } from '../../components/WorkProgress.tsx';
import { checkSize, LIMITS } from '../../core/limits.ts';

interface Props {
  /** Called with a template that parsed and has something to fill in. */
  onCreate: (source: string, fileName: string) => void;
}

/** A file larger than this cannot hold a template under the limit (4 bytes per character at most). */
const MAX_BYTES = 4 * LIMITS.templateChars;

/** Checks a template in the browser: the parser and YAML load only when someone imports one. */
async function checkTemplate(source: string, signal: AbortSignal): Promise<string | null> {
  const [{ parseImportedTemplate }, { allFields }] = await Promise.all([
    import('../../templates/builtin.ts'),
    import('../../core/document/walk.ts'),
  ]);
  try {
    const template = await parseImportedTemplate(source, { signal });
    if (allFields(template).length === 0) {
      return 'This template has nothing to fill in: no headings, labels, lists or placeholders were found.';
    }
    return null;
  } catch (error) {
    if (isAbort(error)) throw error;
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * "Use your own template": a Markdown issue or document template, a plain-text copy of one, or
 * a GitHub issue form, from a file or pasted. It becomes a new draft with the same guided form.
 */
export function ImportTemplate({ onCreate }: Props) {
  const id = useId();
  const [source, setSource] = useState('');
  const [fileName, setFileName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reading = useRef<AbortController | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(null);
    if (file.size > MAX_BYTES) {
      setError(`${file.name} cannot be used: it is far larger than a template may be.`);
      return;
    }
    const text = await file.text();
    const overLimit = checkSize('template', text);
    if (overLimit) {
      setError(`${file.name} cannot be used. ${overLimit}`);
      return;
    }
    setFileName(file.name);
    setSource(text);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (source.trim() === '') {
      setError('Choose a template file or paste a template first.');
      return;
    }
    const overLimit = checkSize('template', source);
    if (overLimit) {
      setError(`This template cannot be used. ${overLimit}`);
      return;
    }
    // A large template is read in a worker: the page stays responsive and it can be cancelled.
    const controller = new AbortController();
    reading.current = controller;
    setBusy(true);
    setError(null);
    let problem: string | null;
    try {
      problem = await checkTemplate(source, controller.signal);
    } catch (error) {
      if (!isAbort(error)) throw error;
      setError('Cancelled. The template text is still here.');
      return;
    } finally {
      reading.current = null;
      setBusy(false);
    }
    if (problem) {
      setError(`This template cannot be used: ${problem}`);
      return;
    }
    onCreate(source, fileName);
  }

  return (
    <details className="import-template">
      <summary>Use your own template</summary>
      <form onSubmit={(e) => void onSubmit(e)} aria-labelledby={`${id}-title`} noValidate>
        <p id={`${id}-title`} className="lede">
          A Markdown template (<code>.md</code>, with or without front matter), a plain-text copy of
          one (<code>.txt</code>), or a GitHub issue form (<code>.yml</code>). It stays in this
          browser.
        </p>
        <label htmlFor={`${id}-file`}>Template file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".md,.markdown,.txt,.yml,.yaml,text/markdown,text/plain"
          onChange={(e) => void onFile(e)}
        />
        <label htmlFor={`${id}-text`}>Or paste the template</label>
        <textarea
          id={`${id}-text`}
          rows={8}
          value={source}
          spellCheck={false}
          aria-describedby={error ? `${id}-error` : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setSource(e.target.value);
            setError(null);
          }}
        />
        {error ? (
          <p id={`${id}-error`} role="alert" className="import-error">
            {error}
          </p>
        ) : null}
        {busy ? (
          <WorkProgress
            label="Reading the template"
            size={source.length}
            onCancel={() => reading.current?.abort()}
          />
        ) : (
          <button type="submit">Start a proposal from it</button>
        )}
      </form>
    </details>
  );
}
