import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';
import { fileNameFromTitle } from '../../core/filename.ts';
import type { GithubTarget } from '../../core/github.ts';
import type { SharePayload } from '../../core/share.ts';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { copyText } from './clipboard.ts';
import { ConfirmIncompleteDialog } from './ConfirmIncompleteDialog.tsx';
import { downloadMarkdown } from './download.ts';
import type { ExportMeta } from './ExportDialog.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { matchesShortcut, shortcut } from './shortcuts.ts';
import './export.css';

// The GitHub export dialog (with its settings) is not part of an editing session's JavaScript
// until the author asks for it: it loads when "Open on GitHub…" is pointed at, focused or used.
const loadExportDialog = () => import('./ExportDialog.tsx');
const ExportDialog = lazy(() => loadExportDialog().then((m) => ({ default: m.ExportDialog })));
// The share link's encoder (lz-string) likewise loads when "Share link" is pointed at or used.
const loadShare = () => import('../../core/share.ts');
const preloadShare = () => {
  void loadShare().catch(() => {
    // Sharing tries again and says so if it fails.
  });
};
const preloadExportDialog = () => {
  void loadExportDialog().catch(() => {
    // Opening the dialog tries again and shows the failure.
  });
};

/** What an export carries: read when the author acts, so the last keys typed are in it. */
export interface ExportDocument {
  /** The finished document, exactly as the Markdown tab shows it. */
  markdown: string;
  meta: ExportMeta;
  /** Titles of required sections that are still empty. */
  missing: string[];
  /** Titles of required sections only partly filled. */
  partial: string[];
}

export interface ExportBarProps {
  /**
   * The document as it is now. Called by every action at the click (or shortcut), never kept
   * from an earlier render: the bar is not redrawn with each keystroke, and an export made
   * right after typing must carry what was typed.
   */
  getDocument: () => ExportDocument;
  /** The draft's title (file names, default GitHub title). */
  title: string;
  templateId: string;
  defaultTarget: GithubTarget;
  /** "Go back" in the confirmation: show the author what is left (focus its first field). */
  onGoBack?: () => void;
  /** Called when the author asks for a share link. */
  getSharePayload: () => SharePayload;
  /** Called before every export, e.g. to show the form's field errors. */
  onBeforeExport?: () => void;
}

type Action = 'copy' | 'download' | 'github';

const ACTION_LABELS: Record<Action, string> = {
  copy: 'Copy Markdown',
  download: 'Download .md',
  github: 'Open on GitHub',
};

export const COPIED_MESSAGE = 'Copied Markdown to the clipboard.';

const COPY_SHORTCUT = shortcut('C');
const EXPORT_SHORTCUT = shortcut('G');

type Status = { text: string; tone: 'ok' | 'error' };

/**
 * The export actions of a draft: copy, download, open on GitHub, share link. An incomplete
 * proposal is exported only after the author confirms, once per action.
 */
export function ExportBar({
  getDocument,
  title,
  templateId,
  defaultTarget,
  getSharePayload,
  onBeforeExport,
  onGoBack,
}: ExportBarProps) {
  const id = useId();
  /** The action waiting for the author's confirmation, with what was missing at the click. */
  const [confirming, setConfirming] = useState<{
    action: Action;
    missing: string[];
    partial: string[];
  } | null>(null);
  const [githubOpen, setGithubOpen] = useState(false);
  const [share, setShare] = useState<{ url: string; warnLength: number; copied: boolean } | null>(
    null,
  );
  const [status, setStatus] = useState<Status | null>(null);

  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(null), 8000);
    return () => clearTimeout(timer);
  }, [status]);

  const run = useCallback(
    /** `doc`: the document as just read for this action (else it is read now). */
    (action: Action, doc?: ExportDocument) => {
      if (action === 'copy') {
        void copyText((doc ?? getDocument()).markdown).then((copied) =>
          setStatus(
            copied
              ? { text: COPIED_MESSAGE, tone: 'ok' }
              : {
                  text: 'Could not copy: your browser refused. Use Download .md instead.',
                  tone: 'error',
                },
          ),
        );
      } else if (action === 'download') {
        const fileName = fileNameFromTitle(title);
        try {
          downloadMarkdown((doc ?? getDocument()).markdown, fileName);
          setStatus({ text: `Downloaded ${fileName}.`, tone: 'ok' });
        } catch {
          setStatus({ text: 'The download failed: use Copy Markdown instead.', tone: 'error' });
        }
      } else {
        preloadExportDialog();
        setGithubOpen(true);
      }
    },
    [getDocument, title],
  );

  const request = useCallback(
    (action: Action) => {
      onBeforeExport?.();
      const doc = getDocument();
      const { missing, partial } = doc;
      if (missing.length > 0 || partial.length > 0) setConfirming({ action, missing, partial });
      else run(action, doc);
    },
    [getDocument, run, onBeforeExport],
  );

  // "Go back" lands in the first empty field, once the dialog has given focus back.
  const goingBack = useRef(false);
  useEffect(() => {
    if (!goingBack.current || confirming) return;
    goingBack.current = false;
    onGoBack?.();
  }, [confirming, onGoBack]);

  const onShare = () => {
    const payload = getSharePayload();
    void loadShare()
      .then(({ shareUrl, SHARE_WARN_LENGTH }) => {
        const url = shareUrl(location.href.split('#')[0] ?? '', payload);
        return copyText(url).then((copied) =>
          setShare({ url, warnLength: SHARE_WARN_LENGTH, copied }),
        );
      })
      .catch(() => {
        setStatus({ text: 'Could not build a share link for this draft.', tone: 'error' });
      });
  };

  // Shortcuts are global while no dialog of the bar is open.
  const dialogOpen = confirming !== null || githubOpen || share !== null;
  const requestRef = useRef(request);
  useEffect(() => {
    requestRef.current = request;
  }, [request]);
  useEffect(() => {
    if (dialogOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      if (matchesShortcut(event, COPY_SHORTCUT)) {
        event.preventDefault();
        requestRef.current('copy');
      } else if (matchesShortcut(event, EXPORT_SHORTCUT)) {
        event.preventDefault();
        requestRef.current('github');
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [dialogOpen]);

  // The GitHub dialog, while open, shows the document as it is at each of the bar's renders
  // (the bar is drawn again once typing pauses, e.g. after a change from another tab).
  const github = githubOpen ? getDocument() : null;

  return (
    <div className="export-bar" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="export-bar-label">
        Export
      </span>
      <div className="export-bar-buttons">
        <button
          type="button"
          className="export-button"
          onClick={() => request('copy')}
          title={`Copy the Markdown (${COPY_SHORTCUT.label})`}
          aria-keyshortcuts={COPY_SHORTCUT.aria}
        >
          Copy Markdown
        </button>
        <button type="button" className="export-button" onClick={() => request('download')}>
          Download .md
        </button>
        <button
          type="button"
          className="export-button export-button-primary"
          onClick={() => request('github')}
          onPointerEnter={preloadExportDialog}
          onFocus={preloadExportDialog}
          title={`Open a prefilled issue, pull request or file on GitHub (${EXPORT_SHORTCUT.label})`}
          aria-keyshortcuts={EXPORT_SHORTCUT.aria}
          aria-haspopup="dialog"
        >
          Open on GitHub…
        </button>
        <button
          type="button"
          className="export-button"
          onClick={onShare}
          onPointerEnter={preloadShare}
          onFocus={preloadShare}
          aria-haspopup="dialog"
        >
          Share link
        </button>
      </div>
      <p className="export-shortcuts">
        <kbd>{COPY_SHORTCUT.label}</kbd> copies the Markdown, <kbd>{EXPORT_SHORTCUT.label}</kbd>{' '}
        opens it on GitHub.
      </p>
      <div role="status" aria-live="polite" className="export-status">
        {status && <p className={`export-status-${status.tone}`}>{status.text}</p>}
      </div>

      {confirming && (
        <ConfirmIncompleteDialog
          missing={confirming.missing}
          partial={confirming.partial}
          actionLabel={ACTION_LABELS[confirming.action]}
          onCancel={() => setConfirming(null)}
          onGoBack={() => {
            goingBack.current = true;
            setConfirming(null);
          }}
          onConfirm={() => {
            // Run while the click still counts as a user gesture (clipboard, pop-ups).
            run(confirming.action);
            setConfirming(null);
          }}
        />
      )}
      {github && (
        <ErrorBoundary
          what="The GitHub export dialog"
          actions={
            <button type="button" onClick={() => setGithubOpen(false)}>
              Close
            </button>
          }
        >
          <Suspense
            fallback={
              <p className="route-loading" role="status">
                Loading…
              </p>
            }
          >
            <ExportDialog
              markdown={github.markdown}
              title={title}
              templateId={templateId}
              defaultTarget={defaultTarget}
              meta={github.meta}
              onClose={() => setGithubOpen(false)}
            />
          </Suspense>
        </ErrorBoundary>
      )}
      {share && (
        <ShareDialog
          url={share.url}
          warnLength={share.warnLength}
          copied={share.copied}
          onClose={() => setShare(null)}
        />
      )}
    </div>
  );
}
