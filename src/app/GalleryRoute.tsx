import { lazy, Suspense, useEffect, useState } from 'react';
import { DraftList, StorageAlerts } from '../features/gallery/DraftList.tsx';
import { TemplateGallery } from '../features/gallery/TemplateGallery.tsx';
import { BackupPanel } from '../features/import/BackupPanel.tsx';
import { DroppedFileDialog } from '../features/import/DroppedFileDialog.tsx';
import { GalleryDropZone } from '../features/import/GalleryDropZone.tsx';
import { ImportedTemplates } from '../features/import/ImportedTemplates.tsx';
import { noteImportSummary } from '../features/import/ImportSummaryBanner.tsx';
import type { PickedText } from '../features/import/ImportTemplateDialog.tsx';
import { readTemplateFile } from '../features/import/analyse.ts';
import { useDrafts } from '../stores/drafts.ts';
import { useTemplates } from '../stores/templates.ts';
import type { TemplateRecord } from '../stores/templates.ts';
import { BUILT_IN_TEMPLATES } from '../templates/registry.ts';
import { navigate } from './router.ts';
import { useDraftProgress } from './useDraftProgress.ts';

type Dialog =
  | { kind: 'template'; initial?: PickedText; update?: TemplateRecord }
  | { kind: 'proposal'; initial?: PickedText }
  | { kind: 'dropped'; file: PickedText }
  | { kind: 'error'; message: string };

// The Markdown renderer is not part of the first screen: it loads with the form preview.
const RenderedMarkdown = lazy(() =>
  import('../features/preview/RenderedMarkdown.tsx').then((m) => ({ default: m.RenderedMarkdown })),
);
// The import dialogs are not part of the first screen: loaded when one is opened.
const ImportTemplateDialog = lazy(() =>
  import('../features/import/ImportTemplateDialog.tsx').then((m) => ({
    default: m.ImportTemplateDialog,
  })),
);
const ImportProposalDialog = lazy(() =>
  import('../features/import/ImportProposalDialog.tsx').then((m) => ({
    default: m.ImportProposalDialog,
  })),
);
const renderMarkdown = (markdown: string) => (
  <Suspense fallback={<p className="issue-form-plain">{markdown}</p>}>
    <RenderedMarkdown markdown={markdown} />
  </Suspense>
);

/** The first screen: built-in and imported templates, import, and the author's drafts. */
export function GalleryRoute() {
  const progress = useDraftProgress();
  const createDraft = useDrafts((s) => s.createDraft);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  useEffect(() => {
    void useTemplates.getState().load();
  }, []);

  const start = (record: TemplateRecord) => {
    const id = createDraft(record.id, { templateSource: record.source, templateName: record.name });
    navigate(`#/draft/${encodeURIComponent(id)}`);
  };

  const onDroppedFile = (file: File) => {
    void readTemplateFile(file).then((read) =>
      setDialog(
        'error' in read
          ? { kind: 'error', message: read.error }
          : { kind: 'dropped', file: { text: read.text, origin: file.name } },
      ),
    );
  };

  return (
    <GalleryDropZone onFile={onDroppedFile}>
      <StorageAlerts />
      <TemplateGallery
        templates={BUILT_IN_TEMPLATES}
        onPick={(id) => navigate(`#/new/${encodeURIComponent(id)}`)}
      />
      <div className="import-bar">
        <button type="button" onClick={() => setDialog({ kind: 'template' })}>
          Import a template
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'proposal' })}>
          Import a proposal
        </button>
      </div>
      {dialog?.kind === 'error' ? (
        <p role="alert" className="import-error">
          {dialog.message}
        </p>
      ) : null}
      <ImportedTemplates
        onStart={start}
        onUpdate={(record) => setDialog({ kind: 'template', update: record })}
      />
      <DraftList progress={progress} />
      <BackupPanel />
      {dialog?.kind === 'dropped' ? (
        <DroppedFileDialog
          file={dialog.file}
          onTemplate={(file) => setDialog({ kind: 'template', initial: file })}
          onProposal={(file) => setDialog({ kind: 'proposal', initial: file })}
          onClose={() => setDialog(null)}
        />
      ) : null}
      <Suspense
        fallback={
          dialog && dialog.kind !== 'error' && dialog.kind !== 'dropped' ? (
            <p className="route-loading" role="status">
              Loading…
            </p>
          ) : null
        }
      >
        {dialog?.kind === 'template' ? (
          <ImportTemplateDialog
            initial={dialog.initial}
            update={dialog.update}
            renderMarkdown={renderMarkdown}
            onClose={() => setDialog(null)}
            onDone={(record, startDraft) => {
              setDialog(null);
              if (startDraft) start(record);
            }}
          />
        ) : null}
        {dialog?.kind === 'proposal' ? (
          <ImportProposalDialog
            initial={dialog.initial}
            onClose={() => setDialog(null)}
            onCreate={({ templateId, templateSource, templateName, title, values, summary }) => {
              const id = createDraft(templateId, {
                title,
                values,
                ...(templateSource === undefined ? {} : { templateSource }),
                ...(templateName === undefined ? {} : { templateName }),
              });
              noteImportSummary(id, summary);
              setDialog(null);
              navigate(`#/draft/${encodeURIComponent(id)}`);
            }}
          />
        ) : null}
      </Suspense>
    </GalleryDropZone>
  );
}
