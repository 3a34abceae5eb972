/**
 * A draft made from an imported template that has since been updated follows the new version
 * when it is opened: its answers are carried over (core/template-update.ts) and it stores the
 * new text, so it keeps working from that version even once the template is removed.
 */
import { noteTemplateUpdate } from '../features/import/ImportSummaryBanner.tsx';
import { useDrafts } from '../stores/drafts.ts';
import type { TemplateRecord } from '../stores/templates.ts';
import { parseImportedTemplate } from '../templates/builtin.ts';

export async function followTemplateVersion(
  draftId: string,
  record: TemplateRecord,
): Promise<void> {
  const draft = useDrafts.getState().drafts[draftId];
  if (!draft || draft.templateSource === record.source) return;
  const next = { templateSource: record.source, templateName: record.name };
  if (draft.templateSource === undefined) {
    useDrafts.getState().rebaseDraft(draftId, { ...next, values: draft.values });
    return;
  }
  let from;
  try {
    from = await parseImportedTemplate(draft.templateSource);
  } catch {
    // The version it was made from cannot be read: its answers stay stored by field id.
    useDrafts.getState().rebaseDraft(draftId, { ...next, values: draft.values });
    return;
  }
  const [to, { carryValues }] = await Promise.all([
    parseImportedTemplate(record.source),
    import('../core/template-update.ts'),
  ]);
  // Read again: the draft may have changed while the templates were read.
  const now = useDrafts.getState().drafts[draftId];
  if (!now || now.templateSource !== draft.templateSource) return;
  const carried = carryValues(from, to, now.values);
  useDrafts.getState().rebaseDraft(draftId, { ...next, values: carried.values });
  noteTemplateUpdate(draftId, record.version, carried);
}
