import { useEffect, useState } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { EditorScreen } from '../features/editor/EditorScreen.tsx';
import type { EditorExportContext } from '../features/editor/EditorScreen.tsx';
import { ExportBar } from '../features/export/ExportBar.tsx';
import { RenderedMarkdown } from '../features/preview/RenderedMarkdown.tsx';
import type { DocText } from '../core/docText.ts';
import { useDrafts } from '../stores/drafts.ts';
import { isImportedTemplateId, useTemplates } from '../stores/templates.ts';
import { downloadDraft } from './downloadDraft.ts';
import { FieldSizeGuard } from './FieldSizeGuard.tsx';
import { followTemplateVersion } from './followTemplate.ts';

// Composition of features for the editor screen: the editor owns the form, the preview and
// export features own their parts; the app passes them in as slots.

export function EditorPreview({
  markdown,
  draftId,
}: {
  markdown: string | DocText;
  draftId?: string;
}) {
  return <RenderedMarkdown markdown={markdown} scope={draftId} />;
}

export function EditorExport({
  ctx,
  templateSource,
}: {
  ctx: EditorExportContext;
  templateSource: string | undefined;
}) {
  return (
    <ExportBar
      getDocument={ctx.read}
      title={ctx.title}
      templateId={ctx.templateId}
      defaultTarget={ctx.target}
      onGoBack={ctx.goBack}
      onBeforeExport={() => void ctx.validate()}
      getSharePayload={() => ({
        v: 1,
        templateId: ctx.templateId,
        ...(templateSource !== undefined ? { templateSource } : {}),
        title: ctx.title,
        values: ctx.read().values,
      })}
    />
  );
}

/** The editor with its preview and export slots filled: loaded lazily, off the first screen. */
export default function EditorRoute({
  draftId,
  templateSource: draftSource,
}: {
  draftId: string;
  templateSource: string | undefined;
}) {
  const templateId = useDrafts((s) => s.drafts[draftId]?.templateId);
  const imported = templateId !== undefined && isImportedTemplateId(templateId);
  const status = useTemplates((s) => s.status);
  const record = useTemplates((s) => (templateId ? s.templates[templateId] : undefined));
  useEffect(() => {
    if (imported) void useTemplates.getState().load();
  }, [imported]);
  // An imported template that was updated gives the draft its newest version (its answers
  // carried over, the new text stored with it); one that was removed leaves the draft with the
  // copy it last followed.
  const behind = record !== undefined && record.source !== draftSource;
  const followKey = record ? `${draftId}\n${record.version}` : '';
  /** Set when following the new version failed: the draft then opens with it, values by id. */
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!record || !behind) return;
    let cancelled = false;
    followTemplateVersion(draftId, record).catch(() => {
      if (!cancelled) setFailed(followKey);
    });
    return () => {
      cancelled = true;
    };
  }, [draftId, record, behind, followKey]);
  if (imported && (status === 'idle' || status === 'loading')) {
    return (
      <p className="route-loading" role="status">
        Loading the template…
      </p>
    );
  }
  if (behind && failed !== followKey) {
    return (
      <p className="route-loading" role="status">
        Bringing your draft to the template’s new version…
      </p>
    );
  }
  const templateSource = record?.source ?? draftSource;
  // Each part fails on its own: the preview and the export bar (with its dialogs) inside the
  // form's boundary, so an error in one leaves the others working and the draft in the store.
  const download = (
    <button type="button" onClick={() => downloadDraft(draftId)}>
      Download this draft
    </button>
  );
  return (
    <ErrorBoundary what="The form" actions={download}>
      <FieldSizeGuard>
        <EditorScreen
          draftId={draftId}
          templateSource={templateSource}
          renderPreview={(markdown) => (
            <ErrorBoundary what="The preview" actions={download} resetKey={markdown}>
              <EditorPreview markdown={markdown} draftId={draftId} />
            </ErrorBoundary>
          )}
          renderExport={(ctx) => (
            <ErrorBoundary what="Export" actions={download}>
              <EditorExport ctx={ctx} templateSource={templateSource} />
            </ErrorBoundary>
          )}
        />
      </FieldSizeGuard>
    </ErrorBoundary>
  );
}
