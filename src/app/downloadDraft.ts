import { useDrafts } from '../stores/drafts.ts';

/**
 * Saves a draft as it is in the store (title, template, values, and an imported template's
 * text) as a JSON file: the way out when a part of the editor fails.
 */
export function downloadDraft(draftId: string): void {
  const draft = useDrafts.getState().drafts[draftId];
  if (!draft) return;
  const blob = new Blob([`${JSON.stringify(draft, null, 2)}\n`], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  const name = (draft.title || 'draft').replace(/[^\w-]+/g, '-').slice(0, 60) || 'draft';
  link.download = `${name}.json`;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
