import { useId, useRef } from 'react';
import { ModalDialog } from './ModalDialog.tsx';

interface Props {
  /** Titles of the required sections that are still empty. */
  missing: readonly string[];
  /** What the author was doing: "Copy Markdown", "Download .md", "Open on GitHub". */
  actionLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function requiredSectionsSentence(count: number): string {
  return count === 1
    ? '1 required section is empty'
    : `${count.toLocaleString('en-US')} required sections are empty`;
}

/** Asks before exporting an incomplete proposal; "Go back" is focused, so Enter is safe. */
export function ConfirmIncompleteDialog({ missing, actionLabel, onConfirm, onCancel }: Props) {
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog
      onClose={onCancel}
      labelledBy={`${id}-title`}
      describedBy={`${id}-list`}
      initialFocus={cancelRef}
      className="export-confirm"
    >
      <h2 id={`${id}-title`} className="export-dialog-title">
        {requiredSectionsSentence(missing.length)}: export anyway?
      </h2>
      <ul id={`${id}-list`} className="export-missing-list">
        {missing.map((title, index) => (
          <li key={`${index}-${title}`}>{title}</li>
        ))}
      </ul>
      <div className="export-dialog-actions">
        <button type="button" ref={cancelRef} className="export-button" onClick={onCancel}>
          Go back
        </button>
        <button type="button" className="export-button export-button-primary" onClick={onConfirm}>
          {actionLabel} anyway
        </button>
      </div>
    </ModalDialog>
  );
}
