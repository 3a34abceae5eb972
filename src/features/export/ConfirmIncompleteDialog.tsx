import { useId, useRef } from 'react';
import { ModalDialog } from '../../components/ModalDialog.tsx';
import './export.css';

interface Props {
  /** Titles of the required sections that are still empty. */
  missing: readonly string[];
  /** Titles of the required sections only partly filled. */
  partial?: readonly string[];
  /** What the author was doing: "Copy Markdown", "Download .md", "Open on GitHub". */
  actionLabel: string;
  onConfirm: () => void;
  /** Escape: close, back where the author was. */
  onCancel: () => void;
  /** "Go back": close and show what is left; `onCancel` without it. */
  onGoBack?: () => void;
}

export function requiredSectionsSentence(count: number): string {
  return count === 1
    ? '1 required section is empty'
    : `${count.toLocaleString('en-US')} required sections are empty`;
}

/** Asks before exporting an incomplete proposal; "Go back" is focused, so Enter is safe. */
export function partialSectionsSentence(count: number): string {
  return count === 1
    ? '1 required section is partly filled'
    : `${count.toLocaleString('en-US')} required sections are partly filled`;
}

export function ConfirmIncompleteDialog({
  missing,
  partial = [],
  actionLabel,
  onConfirm,
  onCancel,
  onGoBack,
}: Props) {
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const title =
    missing.length > 0
      ? requiredSectionsSentence(missing.length)
      : partialSectionsSentence(partial.length);
  return (
    <ModalDialog
      onClose={onCancel}
      labelledBy={`${id}-title`}
      describedBy={`${id}-list`}
      initialFocus={cancelRef}
      className="export-dialog export-confirm"
    >
      <h2 id={`${id}-title`} className="export-dialog-title">
        {title}: export anyway?
      </h2>
      <div id={`${id}-list`}>
        {missing.length > 0 ? (
          <>
            <h3 id={`${id}-missing`} className="export-list-title">
              Empty
            </h3>
            <ul aria-labelledby={`${id}-missing`} className="export-missing-list">
              {missing.map((t, index) => (
                <li key={`${index}-${t}`}>{t}</li>
              ))}
            </ul>
          </>
        ) : null}
        {partial.length > 0 ? (
          <>
            <h3 id={`${id}-partial`} className="export-list-title">
              Partly filled
            </h3>
            <ul aria-labelledby={`${id}-partial`} className="export-missing-list">
              {partial.map((t, index) => (
                <li key={`${index}-${t}`}>{t}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <div className="export-dialog-actions">
        <button
          type="button"
          ref={cancelRef}
          className="export-button"
          onClick={onGoBack ?? onCancel}
        >
          Go back
        </button>
        <button type="button" className="export-button export-button-primary" onClick={onConfirm}>
          {actionLabel} anyway
        </button>
      </div>
    </ModalDialog>
  );
}
