/**
 * The guided editor of one draft: loads the draft's template, then shows the outline, the
 * form and the live preview. The preview renderer and the export bar come from the app (features
 * do not import each other), as render props.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { GithubTarget } from '../../core/github.ts';
import type { Values } from '../../core/model.ts';
import type { Template } from '../../core/template/types.ts';
import { useDrafts } from '../../stores/drafts.ts';
import { loadBuiltInTemplate, parseImportedTemplate } from '../../templates/builtin.ts';
import { findTemplateEntry } from '../../templates/registry.ts';
import { EditorForm } from './EditorForm.tsx';
import './editor.css';

export interface EditorExportContext {
  /** The finished document, as the Markdown tab shows it. */
  markdown: string;
  /** The draft's title. */
  title: string;
  templateId: string;
  /** The template's natural GitHub target. */
  target: GithubTarget;
  /** From the template's front matter: the issue title (as the author filled it), labels, assignees. */
  meta: { title: string; labels: string[]; assignees: string[] };
  /** Titles of required sections still empty, in document order. */
  missing: string[];
  /** Titles of required sections with some but not all required fields filled. */
  partial: string[];
  values: Values;
  /** Validates the whole form and shows field errors; true when there are none. */
  validate: () => Promise<boolean>;
  /** Puts the caret in the first empty required field (the export confirmation's "Go back"). */
  goBack: () => void;
}

export interface EditorScreenProps {
  draftId: string;
  /** Renders the Markdown as the preview (sanitized HTML); a plain text view without it. */
  renderPreview?: (markdown: string) => ReactNode;
  /** Renders the export bar for the current document. */
  renderExport?: (ctx: EditorExportContext) => ReactNode;
}

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; template: Template; target: GithubTarget };

export function EditorScreen({ draftId, renderPreview, renderExport }: EditorScreenProps) {
  const templateId = useDrafts((s) => s.drafts[draftId]?.templateId);
  const templateSource = useDrafts((s) => s.drafts[draftId]?.templateSource);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    if (templateId === undefined) return;
    let cancelled = false;
    loadDraftTemplate(templateId, templateSource).then(
      (result) => {
        if (!cancelled) setLoaded({ status: 'ready', ...result });
      },
      (error: unknown) => {
        if (!cancelled) {
          setLoaded({
            status: 'error',
            message: error instanceof Error ? error.message : String(error),
          });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [templateId, templateSource]);

  if (templateId === undefined) {
    return (
      <EditorMessage title="Draft not found">
        This draft is not in this browser. It may have been deleted, or saved in another browser.
      </EditorMessage>
    );
  }
  if (loaded.status === 'loading') {
    return (
      <p className="route-loading" role="status">
        Loading the template…
      </p>
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
): Promise<{ template: Template; target: GithubTarget }> {
  const entry = findTemplateEntry(templateId);
  if (entry) return { template: await loadBuiltInTemplate(entry), target: entry.target };
  if (templateSource === undefined) {
    throw new Error(`There is no template called “${templateId}” in this version of the app.`);
  }
  const template = await parseImportedTemplate(templateSource);
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
