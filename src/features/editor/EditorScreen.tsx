// Placeholder until the editor lands: the app shell loads this module lazily.
import { useDraft } from '../../stores/drafts.ts';

export function EditorScreen({ draftId }: { draftId: string }) {
  const draft = useDraft(draftId);
  return (
    <section aria-labelledby="editor-heading">
      <h1 id="editor-heading">{draft?.title ?? 'Draft'}</h1>
    </section>
  );
}

export default EditorScreen;
