/**
 * The guided editor of one draft: loads the draft's template, then shows the outline, the
 * form and the live preview. The preview renderer and the export bar come from the app (features
 * do not import each other), as render props.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { isAbort, WorkProgress } from '../../components/WorkProgress.tsx';
import type { GithubTarget } from '../../core/github.ts';
import type { Values } from '../../core/model.ts';
import type { Template } from '../../core/template/types.ts';
import { useDrafts } from '../../stores/drafts.ts';
import {
  loadBuiltInTemplate,
  parseImportedTemplate,
  WORKER_THRESHOLD,
} from '../../templates/builtin.ts';
import { findTemplateEntry } from '../../templates/registry.ts';
import { EditorForm } from './EditorForm.tsx';
import './editor.css';
import type { DocText } from '../../core/docText.ts';

export interface EditorExportContext {
  /**
   * The document as it is now: the finished Markdown (as the Markdown tab shows it), the
   * GitHub metadata (the issue title as the author filled it, the front matter's labels and
   * assignees), the required sections still empty or partly filled, the values. Read at the
   * moment of an export, never kept: the export bar is not redrawn with each keystroke.
   */
  read: () => {
    markdown: string;
    meta: { title: string; labels: string[]; assignees: string[] };
    /** Titles of required sections still empty, in document order. */
    missing: string[];
    /** Titles of required sections with some but not all required fields filled. */
    partial: string[];
    values: Values;
  };
  /** The draft's title. */
  title: string;
  templateId: string;
  /** The template's natural GitHub target. */
  target: GithubTarget;
  /** Validates the whole form and shows field errors; true when there are none. */
  validate: () => Promise<boolean>;
  /** Puts the caret in the first empty required field (the export confirmation's "Go back"). */
  goBack: () => void;
}

export interface EditorScreenProps {
  draftId: string;
  /** Renders the Markdown as the preview (sanitized HTML); a plain text view without it. */
  renderPreview?: (markdown: string | DocText) => ReactNode;
  /** Renders the export bar for the current document. */
  renderExport?: (ctx: EditorExportContext) => ReactNode;
  /** The newest text of an imported template; the draft's own copy otherwise. */
  templateSource?: string | undefined;
}

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'cancelled' }
  | { status: 'ready'; template: Template; target: GithubTarget };

export function EditorScreen({
  draftId,
  renderPreview,
  renderExport,
  templateSource: newestSource,
}: EditorScreenProps) {
  const templateId = useDrafts((s) => s.drafts[draftId]?.templateId);
  const draftSource = useDrafts((s) => s.drafts[draftId]?.templateSource);
  const templateSource = newestSource ?? draftSource;
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reading = useRef<AbortController | null>(null);

  useEffect(() => {
    if (templateId === undefined) return;
    let cancelled = false;
    const controller = new AbortController();
    reading.current = controller;
    loadDraftTemplate(templateId, templateSource, controller.signal).then(
      (result) => {
        if (!cancelled) setLoaded({ status: 'ready', ...result });
      },
      (error: unknown) => {
        if (cancelled) return;
        if (isAbort(error)) setLoaded({ status: 'cancelled' });
        else {
          setLoaded({
            status: 'error',
            message: error instanceof Error ? error.message : String(error),
          });
        }
      },
    );
    return () => {
      cancelled = true;
      controller.abort();
    };
  }, [templateId, templateSource, attempt]);

  if (templateId === undefined) {
    return (
      <EditorMessage title="Draft not found">
        This draft is not in this browser. It may have been deleted, or saved in another browser.
      </EditorMessage>
    );
  }
  if (loaded.status === 'loading') {
    // Built-in templates arrive at once; an imported one may take a while (read in a worker).
    return templateSource !== undefined && templateSource.length >= WORKER_THRESHOLD ? (
      <div className="route-loading">
        <WorkProgress
          label="Reading the template"
          size={templateSource.length}
          onCancel={() => reading.current?.abort()}
        />
      </div>
    ) : (
      <p className="route-loading" role="status">
        Loading the template…
      </p>
    );
  }
  if (loaded.status === 'cancelled') {
    return (
      <EditorMessage title="Reading the template was cancelled">
        Your draft is kept as it is.{' '}
        <button
          type="button"
          onClick={() => {
            setLoaded({ status: 'loading' });
            setAttempt((n) => n + 1);
          }}
        >
          Read it again
        </button>
      </EditorMessage>
    );
  }
  if (loaded.status === 'error') {
    return (
      <EditorMessage title="The template could not be loaded" alert>
        This draft’s template could not be opened: {loaded.message} Your draft is kept as it is; try
        reloading the page.
      </EditorMessage>
    );
  }
  return (
    <EditorForm
      // A different template (or draft) is a different form.
      key={`${draftId}:${templateId}`}
      draftId={draftId}
      templateId={templateId}
      template={loaded.template}
      target={loaded.target}
      renderPreview={renderPreview}
      renderExport={renderExport}
    />
  );
}

async function loadDraftTemplate(
  templateId: string,
  templateSource: string | undefined,
  signal: AbortSignal,
): Promise<{ template: Template; target: GithubTarget }> {
  const entry = findTemplateEntry(templateId);
  if (entry) return { template: await loadBuiltInTemplate(entry), target: entry.target };
  if (templateSource === undefined) {
    throw new Error(`There is no template called “${templateId}” in this version of the app.`);
  }
  const template = await parseImportedTemplate(templateSource, { signal });
  return {
    template,
    target: template.frontMatter?.role === 'document' ? 'new-file' : 'issue',
  };
}

function EditorMessage({
  title,
  alert,
  children,
}: {
  title: string;
  alert?: boolean;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby="editor-message-heading" className="route-message">
      <h1 id="editor-message-heading">{title}</h1>
      <p role={alert ? 'alert' : undefined}>{children}</p>
      <p>
        <a href="#/">Back to your drafts and templates</a>
      </p>
    </section>
  );
}

export default EditorScreen;
