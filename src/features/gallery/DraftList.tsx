import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import { flushSync } from 'react-dom';
import { readAsideValue, useDrafts } from '../../stores/drafts.ts';
import type { AsideEntry, Draft } from '../../stores/drafts.ts';
import { estimateStorage } from '../../stores/db.ts';
import type { StorageUse } from '../../stores/db.ts';
import { downloadJson, fileNameFor, todayStamp } from '../../components/downloadJson.ts';
import { findTemplateEntry } from '../../templates/registry.ts';
import { useTemplates } from '../../stores/templates.ts';
import { nameFromSource } from '../../core/template/name.ts';

/** How long the "Deleted" toast offers Undo, unless the pointer or focus is on it. */
export const UNDO_TOAST_MS = 8000;

interface Props {
  /** A progress line per draft, e.g. "7 of 12 sections complete". */
  progress?: (draft: Draft) => string | undefined;
  /** Link target of a draft; defaults to `#/draft/<id>`. */
  draftHref?: (draft: Draft) => string;
}

export function DraftList({ progress, draftHref = defaultDraftHref }: Props) {
  const drafts = useDrafts((s) => s.drafts);
  const loaded = useDrafts((s) => s.loaded);
  const deleteDraft = useDrafts((s) => s.deleteDraft);
  const undoDelete = useDrafts((s) => s.undoDelete);
  const now = useNow(30_000);
  const [deleted, setDeleted] = useState<{ id: string; title: string } | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const sorted = Object.values(drafts).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  function remove(draft: Draft) {
    deleteDraft(draft.id);
    setDeleted({ id: draft.id, title: draft.title });
  }

  function undo() {
    let id: string | undefined;
    flushSync(() => {
      id = undoDelete();
      setDeleted(null);
    });
    // Focus returns to the restored draft's Delete button.
    if (id) {
      const items = listRef.current?.querySelectorAll<HTMLElement>('[data-draft-id]') ?? [];
      Array.from(items)
        .find((item) => item.dataset.draftId === id)
        ?.querySelector<HTMLButtonElement>('.draft-delete')
        ?.focus();
    }
  }

  const closeToast = useCallback(() => {
    // Focus inside the toast would fall to <body>: keep it in the list instead.
    if (document.activeElement?.closest('.toast')) headingRef.current?.focus();
    setDeleted(null);
  }, []);

  // The Delete button is gone with its draft: offer Undo to the keyboard right away.
  useEffect(() => {
    if (deleted) undoRef.current?.focus();
  }, [deleted]);

  return (
    <section aria-labelledby="drafts-heading" className="draft-list">
      <h2 id="drafts-heading" ref={headingRef} tabIndex={-1}>
        Your drafts
      </h2>
      {!loaded ? (
        <p className="draft-loading" role="status">
          Loading your drafts…
        </p>
      ) : sorted.length === 0 ? (
        <p className="draft-empty">
          No drafts yet. Pick a template above: your draft is saved in this browser as you type.
        </p>
      ) : (
        <ul ref={listRef} className="draft-items">
          {sorted.map((draft) => (
            <DraftItem
              key={draft.id}
              draft={draft}
              href={draftHref(draft)}
              progress={progress?.(draft)}
              now={now}
              onDelete={() => remove(draft)}
            />
          ))}
        </ul>
      )}
      <UndoToast deleted={deleted} undoRef={undoRef} onUndo={undo} onClose={closeToast} />
      <KeptAside />
      <StorageUsage />
    </section>
  );
}

function defaultDraftHref(draft: Draft): string {
  return `#/draft/${encodeURIComponent(draft.id)}`;
}

function DraftItem({
  draft,
  href,
  progress,
  now,
  onDelete,
}: {
  draft: Draft;
  href: string;
  progress: string | undefined;
  now: number;
  onDelete: () => void;
}) {
  const duplicateDraft = useDrafts((s) => s.duplicateDraft);
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const titleId = `draft-title-${draft.id}`;
  const templateName = useDraftTemplateName(draft);

  function endRename() {
    setRenaming(false);
    // Wait for the button to be back in the DOM.
    requestAnimationFrame(() => renameButton.current?.focus());
  }

  return (
    <li className="draft-item" data-draft-id={draft.id} aria-labelledby={titleId}>
      <div className="draft-main">
        {renaming ? (
          <RenameInput draft={draft} onDone={endRename} />
        ) : (
          <a className="draft-title" id={titleId} href={href}>
            {draft.title || 'Untitled'}
          </a>
        )}
        <span className="draft-meta">
          {templateName} · edited{' '}
          <time dateTime={draft.updatedAt} title={new Date(draft.updatedAt).toLocaleString()}>
            {formatRelativeTime(draft.updatedAt, now)}
          </time>
        </span>
        {progress ? <span className="draft-progress">{progress}</span> : null}
      </div>
      <div className="draft-actions">
        <a className="button" href={href} aria-describedby={titleId}>
          Open
        </a>
        <button type="button" onClick={() => duplicateDraft(draft.id)} aria-describedby={titleId}>
          Duplicate
        </button>
        <button
          type="button"
          ref={renameButton}
          onClick={() => setRenaming(true)}
          aria-describedby={titleId}
          disabled={renaming}
        >
          Rename
        </button>
        <button
          type="button"
          className="draft-delete"
          onClick={onDelete}
          aria-describedby={titleId}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/**
 * The name of the template a draft was made from: the built-in's, the imported template's as it
 * is now called, or (once that template is removed) the name it had, read from its kept text.
 */
function useDraftTemplateName(draft: Draft): string {
  const imported = useTemplates((s) => s.templates[draft.templateId]?.name);
  return (
    findTemplateEntry(draft.templateId)?.name ??
    imported ??
    draft.templateName ??
    (draft.templateSource === undefined
      ? draft.templateId
      : nameFromSource(draft.templateSource) || 'Imported template')
  );
}

function RenameInput({ draft, onDone }: { draft: Draft; onDone: () => void }) {
  const renameDraft = useDrafts((s) => s.renameDraft);
  const [title, setTitle] = useState(draft.title);
  // Enter and Escape finish before the input unmounts; the blur that follows must not save.
  const finished = useRef(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  function save() {
    if (finished.current) return;
    finished.current = true;
    const next = title.trim();
    if (next !== '' && next !== draft.title) renameDraft(draft.id, next);
    onDone();
  }

  function cancel() {
    if (finished.current) return;
    finished.current = true;
    onDone();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  }

  return (
    <input
      ref={input}
      className="draft-rename"
      aria-label={`New title for “${draft.title}”`}
      value={title}
      onChange={(e) => setTitle(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={save}
    />
  );
}

function UndoToast({
  deleted,
  undoRef,
  onUndo,
  onClose,
}: {
  deleted: { id: string; title: string } | null;
  undoRef: RefObject<HTMLButtonElement | null>;
  onUndo: () => void;
  onClose: () => void;
}) {
  // The live region stays in the DOM so screen readers announce what is put in it.
  return (
    <div role="status" className="toast-region">
      {deleted ? (
        <ToastBody
          key={deleted.id}
          title={deleted.title}
          undoRef={undoRef}
          onUndo={onUndo}
          onClose={onClose}
        />
      ) : null}
    </div>
  );
}

function ToastBody({
  title,
  undoRef,
  onUndo,
  onClose,
}: {
  title: string;
  undoRef: RefObject<HTMLButtonElement | null>;
  onUndo: () => void;
  onClose: () => void;
}) {
  const [held, setHeld] = useState(false);

  // Hidden after UNDO_TOAST_MS, but never while the pointer or keyboard focus is on it.
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(onClose, UNDO_TOAST_MS);
    return () => clearTimeout(timer);
  }, [held, onClose]);

  return (
    <div
      className="toast"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      // Keyboard focus holds the toast; focus moved here after a mouse click does not.
      onFocus={(e) => setHeld(isFocusVisible(e.target))}
      onBlur={() => setHeld(false)}
    >
      <span>Deleted “{title || 'Untitled'}”.</span>{' '}
      <button type="button" ref={undoRef} onClick={onUndo}>
        Undo
      </button>{' '}
      <button type="button" onClick={onClose} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

function isFocusVisible(element: Element): boolean {
  try {
    return element.matches(':focus-visible');
  } catch {
    return true;
  }
}

/** Loading problems and save errors from the drafts store, as alerts. */
export function StorageAlerts() {
  const problems = useDrafts((s) => s.problems);
  const saveError = useDrafts((s) => s.saveError);
  const dismissProblems = useDrafts((s) => s.dismissProblems);
  if (problems.length === 0 && !saveError) return null;
  return (
    <div className="storage-alerts">
      {saveError ? (
        <div role="alert" className="alert alert-danger">
          <p>
            Not saved — {saveError}. Your drafts are kept in this tab, and saving is tried again:
            download them to keep a copy.
          </p>
          <button type="button" onClick={downloadAllDrafts}>
            Download all drafts
          </button>
        </div>
      ) : null}
      {problems.length > 0 ? (
        <div role="alert" className="alert alert-warning">
          <ul>
            {problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
          <button type="button" onClick={dismissProblems}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Saves every draft as one JSON file, for when the browser cannot keep them. */
export function downloadAllDrafts(): void {
  const { drafts } = useDrafts.getState();
  downloadJson({ drafts }, `proposal-studio-drafts-${todayStamp()}.json`);
}

/** Records that could not be loaded: kept, listed and downloadable, never overwritten. */
function KeptAside() {
  const aside = useDrafts((s) => s.aside);
  if (aside.length === 0) return null;
  return (
    <section className="kept-aside" aria-labelledby="kept-aside-heading">
      <h3 id="kept-aside-heading">Kept aside</h3>
      <p>
        These saved records could not be loaded. They are kept exactly as they were: download them
        to recover their text.
      </p>
      <ul>
        {aside.map((entry) => (
          <AsideItem key={entry.key} entry={entry} />
        ))}
      </ul>
    </section>
  );
}

function AsideItem({ entry }: { entry: AsideEntry }) {
  const [error, setError] = useState<string | null>(null);
  const titleId = `aside-${entry.key.replace(/[^\w-]/g, '')}`;
  async function download() {
    try {
      const value = await readAsideValue(entry.key);
      downloadJson(
        { title: entry.title, reason: entry.reason, from: entry.from, keptAt: entry.keptAt, value },
        fileNameFor(entry.title, '-kept-aside.json'),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <li className="aside-item">
      <span id={titleId} className="aside-title">
        {entry.title}
      </span>{' '}
      <span className="draft-meta">
        {entry.reason} · found in {entry.from}
      </span>{' '}
      <button type="button" onClick={() => void download()} aria-describedby={titleId}>
        Download
      </button>
      {error ? <span role="alert"> Could not read it: {error}</span> : null}
    </li>
  );
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let unit = 0;
  while (n >= 1000 && unit < units.length - 1) {
    n /= 1000;
    unit++;
  }
  return `${unit === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[unit] ?? ''}`;
}

/** How much of the browser's storage the app uses, and whether it is kept under pressure. */
function StorageUsage() {
  const [use, setUse] = useState<StorageUse | null>(null);
  const drafts = useDrafts((s) => s.drafts);
  const memory = useDrafts((s) => s.storage === 'memory');
  useEffect(() => {
    let cancelled = false;
    void estimateStorage().then((result) => {
      if (!cancelled) setUse(result);
    });
    return () => {
      cancelled = true;
    };
  }, [drafts]);
  if (memory) {
    return (
      <p className="storage-usage">Storage: none available — drafts are kept in this tab only.</p>
    );
  }
  if (!use) return null;
  return (
    <p className="storage-usage">
      Storage: {formatBytes(use.usage)} used of {formatBytes(use.quota)} this browser allows
      {use.persisted === true
        ? ' (kept even when the device runs low on space).'
        : use.persisted === false
          ? ' (the browser may clear it when the device runs low on space).'
          : '.'}
    </p>
  );
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday", … */
export function formatRelativeTime(iso: string, now: number): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (Number.isNaN(seconds)) return 'at an unknown time';
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** The current time, refreshed every `intervalMs`, so relative times stay true. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
