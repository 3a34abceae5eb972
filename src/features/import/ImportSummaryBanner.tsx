import { create } from 'zustand';

/** What the last "Import a proposal" matched, shown above its new draft until dismissed. */
const useImportNotices = create<{ notices: Record<string, string> }>()(() => ({ notices: {} }));

export function noteImportSummary(draftId: string, summary: string): void {
  useImportNotices.setState((s) => ({ notices: { ...s.notices, [draftId]: summary } }));
}

export function ImportSummaryBanner({ draftId }: { draftId: string }) {
  const summary = useImportNotices((s) => s.notices[draftId]);
  if (!summary) return null;
  return (
    <div role="status" className="alert import-summary-banner">
      <p>
        Imported: {summary}. Text that matches no field is shown as “Kept from your document” in its
        section.
      </p>
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
