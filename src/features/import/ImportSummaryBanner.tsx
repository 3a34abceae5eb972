import { create } from 'zustand';

/**
 * What the last "Import a proposal" matched, or what moving a draft to its template's new
 * version kept as text, shown above the draft until dismissed.
 */
const useImportNotices = create<{ notices: Record<string, string> }>()(() => ({ notices: {} }));

function note(draftId: string, text: string): void {
  useImportNotices.setState((s) => ({ notices: { ...s.notices, [draftId]: text } }));
}

export function noteImportSummary(draftId: string, summary: string): void {
  note(
    draftId,
    `Imported: ${summary}. Text that matches no field is shown as “Kept from your document” in its section.`,
  );
}

/** A draft moved to its template's new version: what moved and what is now kept as text. */
export function noteTemplateUpdate(
  draftId: string,
  version: number,
  carried: { keptAnew: number; moved: number },
): void {
  if (carried.keptAnew === 0 && carried.moved === 0) return;
  const parts: string[] = [];
  if (carried.moved > 0)
    parts.push(`${carried.moved} answer${carried.moved === 1 ? '' : 's'} moved to renamed fields`);
  if (carried.keptAnew > 0)
    parts.push(
      `${carried.keptAnew} answer${carried.keptAnew === 1 ? '' : 's'} whose field is gone ${carried.keptAnew === 1 ? 'is' : 'are'} shown as “Kept from your document”`,
    );
  note(draftId, `This draft now follows version ${version} of its template: ${parts.join('; ')}.`);
}

export function ImportSummaryBanner({ draftId }: { draftId: string }) {
  const summary = useImportNotices((s) => s.notices[draftId]);
  if (!summary) return null;
  return (
    <div role="status" className="alert import-summary-banner">
      <p>{summary}</p>
      <button
        type="button"
        onClick={() =>
          useImportNotices.setState((s) => {
            const { [draftId]: _gone, ...rest } = s.notices;
            return { notices: rest };
          })
        }
      >
        Dismiss
      </button>
    </div>
  );
}
