import { useState } from 'react';
import type { ClipboardEvent, DragEvent, ReactNode } from 'react';
import { checkSize } from '../core/limits.ts';

/**
 * Refuses a paste or drop that would take a field over the field limit, before it reaches the
 * field (so nothing is saved and the field keeps its text), and says so. It listens in the
 * capture phase around the whole editor, so every kind of field (inputs, text areas, the
 * rich-text editor) is covered without each knowing about limits.
 */
export function FieldSizeGuard({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<string | null>(null);

  function guard(event: ClipboardEvent | DragEvent, data: DataTransfer | null) {
    if (!data) return;
    const target = event.target instanceof Element ? event.target : null;
    const field = target?.closest('input, textarea, [contenteditable="true"]');
    if (!field) return;
    const incoming = data.getData('text/plain');
    const problem = checkSize('field', resultingText(field, incoming));
    if (!problem) return;
    event.preventDefault();
    event.stopPropagation();
    setNotice(
      `${event.type === 'drop' ? 'The dropped text' : 'The pasted text'} was not added to “${fieldName(field)}”. ${problem} The field keeps its text.`,
    );
  }

  return (
    <div
      className="field-size-guard"
      onPasteCapture={(e) => guard(e, e.clipboardData)}
      onDropCapture={(e) => guard(e, e.dataTransfer)}
    >
      {notice ? (
        <div role="alert" className="alert alert-warning field-size-notice">
          <p>{notice}</p>
          <button type="button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {children}
    </div>
  );
}

/** The field's text after the incoming text replaces the selection (measured, not built). */
function resultingText(field: Element, incoming: string): { length: number } {
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    const selected = Math.abs((field.selectionEnd ?? 0) - (field.selectionStart ?? 0));
    return { length: field.value.length - selected + incoming.length };
  }
  const selected = window.getSelection()?.toString().length ?? 0;
  // The Markdown source editor's blocks are chunks of lines: one line break between each two.
  const breaks = field.classList.contains('source-editor') ? field.children.length - 1 : 0;
  return { length: (field.textContent?.length ?? 0) + breaks - selected + incoming.length };
}

function fieldName(field: Element): string {
  const labelled = field.getAttribute('aria-labelledby');
  const byId = labelled
    ? labelled
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
        .join(' ')
        .trim()
    : '';
  const label =
    field.getAttribute('aria-label') ||
    byId ||
    (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement
      ? field.labels?.[0]?.textContent?.trim()
      : undefined);
  return label || 'this field';
}
