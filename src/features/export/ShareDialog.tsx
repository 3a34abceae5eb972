import { useId, useRef, useState } from 'react';
import { copyText } from './clipboard.ts';
import { ModalDialog } from '../../components/ModalDialog.tsx';
import './export.css';

interface Props {
  url: string;
  /** The length above which the link is said to be long (`SHARE_WARN_LENGTH` of core/share.ts). */
  warnLength: number;
  /** Whether the link already reached the clipboard when the dialog opened. */
  copied: boolean;
  onClose: () => void;
}

const formatCount = (n: number) => n.toLocaleString('en-US');

/** Shows a share link, its size, and a warning when it is long enough to be cut by some tools. */
export function ShareDialog({ url, warnLength, copied: initiallyCopied, onClose }: Props) {
  const id = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<boolean | null>(initiallyCopied);
  const long = url.length > warnLength;

  return (
    <ModalDialog
      onClose={onClose}
      labelledBy={`${id}-title`}
      describedBy={`${id}-about`}
      initialFocus={inputRef}
      className="export-dialog export-share"
    >
      <h2 id={`${id}-title`} className="export-dialog-title">
        Share link
      </h2>
      <p id={`${id}-about`} className="export-hint">
        The whole draft travels inside the link, after the #: it is never uploaded anywhere. Anyone
        with the link can read the draft.
      </p>
      <label htmlFor={`${id}-url`}>Link ({formatCount(url.length)} characters)</label>
      <textarea
        id={`${id}-url`}
        ref={inputRef}
        className="export-share-url"
        readOnly
        rows={4}
        value={url}
        onFocus={(e) => e.currentTarget.select()}
        aria-describedby={long ? `${id}-warning` : undefined}
      />
      {long && (
        <p id={`${id}-warning`} className="export-warning">
          This link is {formatCount(url.length)} characters long, over {formatCount(warnLength)}:
          some chat tools, mail programs and browsers cut long links. Download the .md file and send
          that if the link does not open.
        </p>
      )}
      <div role="status" aria-live="polite" className="export-dialog-status">
        {copied === true && (
          <p className="export-status-ok">Copied the share link to the clipboard.</p>
        )}
        {copied === false && (
          <p className="export-status-error">
            Could not copy the link: select it above and copy it.
          </p>
        )}
      </div>
      <div className="export-dialog-actions">
        <button
          type="button"
          className="export-button"
          onClick={() => {
            setCopied(null);
            void copyText(url).then(setCopied);
          }}
        >
          Copy again
        </button>
        <button type="button" className="export-button export-button-primary" onClick={onClose}>
          Done
        </button>
      </div>
    </ModalDialog>
  );
}
