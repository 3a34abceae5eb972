import { EditorScreen } from '../features/editor/EditorScreen.tsx';
import type { EditorExportContext } from '../features/editor/EditorScreen.tsx';
import { ExportBar } from '../features/export/ExportBar.tsx';
import { RenderedMarkdown } from '../features/preview/RenderedMarkdown.tsx';

// Composition of features for the editor screen: the editor owns the form, the preview and
// export features own their parts; the app passes them in as slots.

export function EditorPreview({ markdown }: { markdown: string }) {
  return <RenderedMarkdown markdown={markdown} />;
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
      markdown={ctx.markdown}
      title={ctx.title}
      templateId={ctx.templateId}
      defaultTarget={ctx.target}
      meta={ctx.meta}
      missing={ctx.missing}
      partial={ctx.partial}
      onGoBack={ctx.goBack}
      onBeforeExport={() => void ctx.validate()}
      getSharePayload={() => ({
        v: 1,
        templateId: ctx.templateId,
        ...(templateSource !== undefined ? { templateSource } : {}),
        title: ctx.title,
        values: ctx.values,
      })}
    />
  );
}

/** The editor with its preview and export slots filled: loaded lazily, off the first screen. */
export default function EditorRoute({
  draftId,
  templateSource,
}: {
  draftId: string;
  templateSource: string | undefined;
}) {
  return (
    <EditorScreen
      draftId={draftId}
      renderPreview={(markdown) => <EditorPreview markdown={markdown} />}
      renderExport={(ctx) => <EditorExport ctx={ctx} templateSource={templateSource} />}
    />
  );
}
