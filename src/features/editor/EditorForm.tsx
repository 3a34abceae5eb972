import {
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { GithubTarget } from '../../core/github.ts';
import { FRONT_MATTER_KEY } from '../../core/model.ts';
import type { Values } from '../../core/model.ts';
import type { Template } from '../../core/template/types.ts';
import {
  exportTitle,
  linkedTitleFields,
  proposalTitle,
  titlePlaceholder,
  withProposalTitle,
} from '../../core/title.ts';
import { DEFAULT_DRAFT_TITLE, useDrafts } from '../../stores/drafts.ts';
import { takeTemplateWorker } from '../../templates/builtin.ts';
import { STORAGE_UNAVAILABLE_REASON } from '../../stores/db.ts';
import { valueAsText } from '../../stores/merge.ts';
import type { FieldConflict } from '../../stores/merge.ts';
import { downloadJson, fileNameFor, todayStamp } from '../../components/downloadJson.ts';
import { useSettings } from '../../stores/settings.ts';
import { matchKey, unescapeMarkdown } from '../../core/text.ts';
import { isApplePlatform, matchesShortcut, shortcut } from '../../components/shortcuts.ts';
import { UndoContext } from './undo.ts';
import type { Removal } from './undo.ts';
import { FieldStatusContext, TitleFieldIdsContext } from './fieldStatus.ts';
import { firstControlIn, focusControl, focusField, nextPath } from './fieldFocus.ts';
import { emptySlots, meterCounts, meterText, requiredSlots } from './progress.ts';
import type { EditorExportContext } from './EditorScreen.tsx';
import { FormContext } from './formStore.ts';
import {
  FrontMatterCard,
  HeadingBaseContext,
  NoteRendererContext,
  sectionDomId,
  sectionHeadingId,
  RootSections,
  wrappingTitle,
  STATUS_ICON,
  STATUS_TEXT,
} from './FormFields.tsx';
import type { SectionStatus } from './FormFields.tsx';
import {
  LiveValues,
  LiveValuesContext,
  useLive,
  useLiveSelector,
  useLiveVersion,
  useReportSelector,
  useReportVersionNextTask,
} from './liveValues.ts';
import { allFields, frontMatterFields, startValue, todayIso } from './templateModel.ts';
import { useDraftAccess } from './useDraftAccess.ts';
import { KeptFromDocument } from './KeptFromDocument.tsx';
import { usePreparedMarkdown } from './usePreparedMarkdown.ts';
import { useDraftSync } from './useDraftSync.ts';
import { CurrentSection, useIsCurrentSection } from './currentSection.ts';
import { ProposalTitleField } from './TitleField.tsx';
import { useMediaQuery } from './useMediaQuery.ts';
import { isLargeTemplate, LazySectionsProvider, useLazySections } from './lazySections.tsx';
import {
  createNearViewport,
  hiddenUntilFound,
  RENDER_NOW_EVENT,
} from '../../components/nearViewport.ts';
import type { NearViewport } from '../../components/nearViewport.ts';
import type { Report } from '../../core/check.ts';
import type { DocText } from '../../core/docText.ts';

/** From this width the outline, the form and the preview stand side by side. */
const WIDE_QUERY = '(min-width: 1100px)';

export interface EditorFormProps {
  draftId: string;
  templateId: string;
  template: Template;
  target: GithubTarget;
  renderPreview?: ((markdown: string | DocText) => ReactNode) | undefined;
  renderExport?: ((ctx: EditorExportContext) => ReactNode) | undefined;
}

/**
 * Stored values over the template's starting values, over an empty value for every field. The
 * form keeps the draft's name equal to its title; a name that differs was given outside the form
 * (renamed in the draft list, named before the title was one value, imported with a name only)
 * and is the title the author chose last, so it is written into the title fields that follow
 * the title.
 */
export function initialValues(
  template: Template,
  stored: Values,
  today: string,
  draftName = '',
): Values {
  const start: Values = {};
  for (const field of allFields(template)) start[field.id] = startValue(field, today);
  // A new draft takes the starting values as they are (a copy of 10,000 keys was on a large
  // template's open).
  const values = Object.keys(stored).length === 0 ? start : { ...start, ...stored };
  const name = draftName.trim();
  if (name === '' || name === DEFAULT_DRAFT_TITLE || name === proposalTitle(template, values)) {
    return values;
  }
  return withProposalTitle(template, values, name);
}

/** The draft's name for a title: the title, or the name the app gives an untitled draft. */
function draftNameFor(title: string): string {
  return title.trim() === '' ? DEFAULT_DRAFT_TITLE : title;
}

export function EditorForm({
  draftId,
  templateId,
  template,
  target,
  renderPreview,
  renderExport,
}: EditorFormProps) {
  const [initial] = useState(() => {
    const draft = useDrafts.getState().drafts[draftId];
    return initialValues(template, draft?.values ?? {}, todayIso(), draft?.title);
  });
  // The title fields the one title input edits (one the author wrote apart stays in the form).
  const [titleFields] = useState(() => linkedTitleFields(template, initial));
  const titleIds = useMemo(() => new Set(titleFields.map((f) => f.id)), [titleFields]);
  // The form's values, touched fields and messages live here (each field follows its own
  // value); a field's schema is built when it is first validated (left, or on export), not on
  // opening: for a template of thousands of fields that takes a noticeable while.
  // A large draft is checked in a worker: the form opens without waiting for the check.
  const [live] = useState(() => {
    const large = isLargeTemplate(template);
    // The worker that parsed an imported template holds it: it checks, and is not sent it again.
    const worker = large ? takeTemplateWorker(template) : null;
    return new LiveValues(template, initial, { checkInWorker: large, worker });
  });
  useEffect(() => () => live.dispose(), [live]);
  const keepGuidance = useSettings((st) => st.keepGuidanceComments);
  const dropEmptyOptional = useSettings((st) => st.dropEmptyOptionalSections);
  useEffect(
    () => live.setOptions({ keepGuidance, dropEmptyOptional }),
    [live, keepGuidance, dropEmptyOptional],
  );

  const readOnlyRef = useRef(false);
  const sync = useDraftSync(
    draftId,
    () => live.getValues(),
    (stored) => live.reset(initialValues(template, stored, todayIso())),
    () => readOnlyRef.current,
    // The draft's name is the title, when the template holds one.
    titleFields.length > 0 ? (values) => draftNameFor(proposalTitle(template, values)) : undefined,
  );

  const flush = useCallback(() => sync.flush(), [sync]);
  const { readOnly, editHere } = useDraftAccess(draftId, flush);
  useEffect(() => {
    readOnlyRef.current = readOnly;
  }, [readOnly]);

  // Every change of a value (typing, a group reordered, a reset) reaches, once typing pauses
  // (at most SAVE_MAX_DELAY_MS later), the drafts store.
  useEffect(() => live.subscribeValues((keys) => sync.changed(keys)), [live, sync]);

  const wide = useMediaQuery(WIDE_QUERY);
  const [tab, setTab] = useState<'form' | 'preview'>('form');
  const slots = useMemo(() => requiredSlots(template), [template]);
  const [showAll, setShowAll] = useState(false);
  const fieldStatus = useMemo(
    () => ({ required: new Set(slots.map((s) => s.path)), showAll }),
    [slots, showAll],
  );
  /** The section being edited: highlighted in the outline, followed by the preview. */
  const [current] = useState(() => new CurrentSection());

  const showForm = useCallback(() => {
    if (!wide) flushSync(() => setTab('form'));
  }, [wide]);

  // A large template mounts its sections as they come near; a jump mounts its target first.
  const lazy = useLazySections(template);

  /** Moves focus into a section: its first empty required field, else its first control. */
  const jumpTo = useCallback<Jump>(
    (target) => {
      showForm();
      lazy?.reveal([target.sectionId]);
      const empty = emptySlots(slots, live.getValues()).find(
        (s) => s.sectionId === target.sectionId,
      );
      if (empty && focusField(empty.path)) return;
      if (target.fieldId && focusField(target.fieldId)) return;
      const card = document.getElementById(sectionDomId(target.sectionId));
      const control = card ? firstControlIn(card) : null;
      if (control) return focusControl(control);
      const heading = document.getElementById(sectionHeadingId(target.sectionId));
      if (heading) focusControl(heading);
    },
    [showForm, slots, live, lazy],
  );

  /** Focuses the next empty required field after the focused one; false when none is left. */
  const nextMissing = useCallback((): boolean => {
    const empty = emptySlots(slots, live.getValues());
    const paths = empty.map((s) => s.path);
    if (paths.length === 0) return false;
    showForm();
    if (lazy) lazy.reveal(nextCandidates(empty, lazy.orderOf, document.activeElement));
    const path = nextPath(paths, document.activeElement);
    return path !== undefined && focusField(path);
  }, [slots, live, showForm, lazy]);

  const firstMissing = useCallback(() => {
    const first = emptySlots(slots, live.getValues())[0];
    if (!first) return;
    showForm();
    lazy?.reveal([first.sectionId]);
    focusField(first.path);
  }, [slots, live, showForm, lazy]);

  const validate = useCallback(() => {
    setShowAll(true);
    return Promise.resolve(live.validateAll());
  }, [live]);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      if (matchesShortcut(event, NEXT_MISSING_SHORTCUT)) {
        event.preventDefault();
        nextMissing();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [nextMissing]);

  // Removals can be undone: a toast with "Undo", and Ctrl/⌘+Z outside a text field.
  const [removal, setRemoval] = useState<Removal | null>(null);
  const offerUndo = useCallback((r: Removal) => setRemoval(r), []);
  const undoRemoval = useCallback(() => {
    if (!removal) return;
    setRemoval(null);
    removal.undo();
  }, [removal]);
  useEffect(() => {
    if (!removal) return;
    const timer = setTimeout(() => setRemoval(null), 15000);
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.shiftKey) return;
      if (event.key.toLowerCase() !== 'z' || isTextField(event.target)) return;
      event.preventDefault();
      undoRemoval();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [removal, undoRemoval]);

  // Opening a template or a draft puts the caret in its first field.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => focusFirstField(formRef.current), []);

  const fmFields = frontMatterFields(template).filter((f) => !titleIds.has(f.id));
  const fmTitle = template.frontMatter?.role === 'meta' ? 'Issue details' : 'Document metadata';

  const formPanel = (
    <form
      ref={formRef}
      className={lazy ? 'editor-form editor-form-large' : 'editor-form'}
      aria-label="Proposal form"
      noValidate
      inert={readOnly}
      onSubmit={(e) => e.preventDefault()}
      onFocus={(e) => {
        const id = (e.target as HTMLElement)
          .closest<HTMLElement>('[data-section-id]')
          ?.getAttribute('data-section-id');
        if (id != null) current.set(id);
      }}
    >
      <ProposalTitleField
        draftId={draftId}
        fields={titleFields}
        placeholder={titlePlaceholder(template) || titleInputPlaceholder(target)}
        hint={titleHint(template, target, titleFields.length > 0)}
      />
      {/* The document's own front matter, as imported: its keys the template lacks show here. */}
      <KeptFromDocument name={FRONT_MATTER_KEY} />
      <FrontMatterCard fields={fmFields} title={fmTitle} />
      <TitleFieldIdsContext.Provider value={titleIds}>
        <NoteRendererContext.Provider value={renderPreview ?? null}>
          <HeadingBaseContext.Provider value={topLevel(template)}>
            <RootSections root={template.root} />
          </HeadingBaseContext.Provider>
        </NoteRendererContext.Provider>
      </TitleFieldIdsContext.Provider>
    </form>
  );
  const previewPanel = (
    <PreviewColumn
      renderPreview={renderPreview}
      current={current}
      onPick={jumpTo}
      large={lazy !== null}
    />
  );
  const sidebar = <SectionList onJump={jumpTo} current={current} />;

  return (
    <LiveValuesContext.Provider value={live}>
      <FormContext.Provider value={live}>
        <LazySectionsProvider value={lazy}>
          <UndoContext.Provider value={offerUndo}>
            <FieldStatusContext.Provider value={fieldStatus}>
              <div className={`editor ${wide ? 'editor-wide' : 'editor-narrow'}`}>
                <SaveProblem draftId={draftId} flush={flush} />
                {readOnly ? <ReadOnlyNotice onEditHere={editHere} /> : null}
                <ConflictChooser draftId={draftId} template={template} flush={flush} />
                <EditorHeader
                  readOnly={readOnly}
                  draftId={draftId}
                  templateId={templateId}
                  template={template}
                  target={target}
                  renderExport={renderExport}
                  validate={validate}
                  onNextMissing={nextMissing}
                  onGoBack={firstMissing}
                  titleInFields={titleFields.length > 0}
                  large={lazy !== null}
                />
                {wide ? (
                  <div className="editor-columns">
                    <div className="editor-sidebar">{sidebar}</div>
                    <div className="editor-main">{formPanel}</div>
                    <div className="editor-side-preview">{previewPanel}</div>
                  </div>
                ) : (
                  <>
                    <details className="editor-sidebar editor-sidebar-collapsible">
                      <summary>Sections</summary>
                      {sidebar}
                    </details>
                    <Tabs
                      label="Editor views"
                      tabs={[
                        { id: 'form', label: 'Form', panel: formPanel },
                        { id: 'preview', label: 'Preview', panel: previewPanel },
                      ]}
                      selected={tab}
                      onSelect={(id) => setTab(id === 'preview' ? 'preview' : 'form')}
                    />
                  </>
                )}
                <UndoToast
                  removal={removal}
                  onUndo={undoRemoval}
                  onClose={() => setRemoval(null)}
                />
              </div>
            </FieldStatusContext.Provider>
          </UndoContext.Provider>
        </LazySectionsProvider>
      </FormContext.Provider>
    </LiveValuesContext.Provider>
  );
}

/**
 * Sections "Next missing" may go to, to be mounted before it looks: those of the section
 * holding the focus, the first one after it, and the first of all (it wraps round).
 */
function nextCandidates(
  empty: readonly { sectionId: string }[],
  orderOf: ReadonlyMap<string, number>,
  from: Element | null,
): string[] {
  const holder = from?.closest('[data-section-id]')?.getAttribute('data-section-id');
  const here = holder == null ? -1 : (orderOf.get(holder) ?? -1);
  const ids = empty.map((s) => s.sectionId);
  const after = ids.find((id) => (orderOf.get(id) ?? -1) > here);
  return [
    ...ids.filter((id) => (orderOf.get(id) ?? -1) === here),
    ...(after ? [after] : []),
    ...ids.slice(0, 1),
  ];
}

const NEXT_MISSING_SHORTCUT = shortcut('N');

function titleInputPlaceholder(target: GithubTarget): string {
  if (target === 'pull-request') return 'Pull request title';
  if (target === 'issue') return 'Issue title';
  return 'Proposal title';
}

/** Where the one title goes, said under the title input. */
function titleHint(template: Template, target: GithubTarget, inFields: boolean): string {
  const where =
    target === 'pull-request'
      ? 'the pull request'
      : target === 'issue'
        ? 'the issue'
        : 'the issue or pull request';
  if (!inFields) return `The draft's name and the title of ${where} on GitHub.`;
  const heading = proposalTitleHeading(template);
  const frontMatter = template.frontMatter?.role === 'document' ? ' and front matter' : '';
  return heading
    ? `The document's heading${frontMatter}, the draft's name and the title of ${where}.`
    : `The draft's name and the title of ${where} on GitHub.`;
}

/** Whether the title is written as the document's heading. */
function proposalTitleHeading(template: Template): boolean {
  const stack = [template.root];
  for (let s = stack.pop(); s; s = stack.pop()) {
    if (s.titleFieldId !== undefined) return true;
    for (const c of s.children) if (c.type === 'section') stack.push(c);
  }
  return false;
}

/**
 * The level of the template's first headings (`##` for a pull-request template; the level
 * under a title heading that wraps every section).
 */
function topLevel(template: Template): number {
  const top = wrappingTitle(template.root)?.children ?? template.root.children;
  const levels = top.map((c) => (c.type === 'group' ? c.instance.level : c.level));
  return levels.length ? Math.min(...levels) : 1;
}

/** Where typing happens: Ctrl+Z there is the field's own undo. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type)
  );
}

/**
 * Focuses the form's first field once it can be typed in. A prose field whose rich-text editor
 * is still loading is waited for (focusing its stand-in would keep it in Markdown source).
 */
function focusFirstField(form: HTMLFormElement | null): (() => void) | undefined {
  if (!form) return undefined;
  const tryFocus = (): boolean => {
    const active = document.activeElement;
    if (active && active !== document.body && !active.matches('main, h1')) return true;
    const first = firstControlIn(form);
    if (!first) return false;
    if (first.closest('[data-prose-loading]')) return false;
    first.focus({ preventScroll: true });
    return true;
  };
  if (tryFocus()) return undefined;
  const observer = new MutationObserver(() => {
    if (tryFocus()) observer.disconnect();
  });
  observer.observe(form, { childList: true, subtree: true });
  const timer = setTimeout(() => observer.disconnect(), 5000);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

function UndoToast({
  removal,
  onUndo,
  onClose,
}: {
  removal: Removal | null;
  onUndo: () => void;
  onClose: () => void;
}) {
  const undoKey = isApplePlatform() ? '⌘Z' : 'Ctrl+Z';
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {removal ? (
        <div className="toast">
          <span>{removal.message}.</span>
          <button type="button" className="toast-undo" onClick={onUndo}>
            Undo <kbd>{undoKey}</kbd>
          </button>
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={onClose}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Header: title, meter, next missing, save state, export

function EditorHeader({
  readOnly,
  draftId,
  templateId,
  template,
  target,
  renderExport,
  validate,
  onNextMissing,
  onGoBack,
  titleInFields,
  large,
}: {
  readOnly: boolean;
  draftId: string;
  templateId: string;
  template: Template;
  target: GithubTarget;
  renderExport: ((ctx: EditorExportContext) => ReactNode) | undefined;
  validate: () => Promise<boolean>;
  onNextMissing: () => boolean;
  onGoBack: () => void;
  titleInFields: boolean;
  /** A large template: the export bar follows the form (see `useAfterPaint`). */
  large: boolean;
}) {
  const storedTitle = useDrafts((s) => s.drafts[draftId]?.title ?? '');
  const exportShown = useAfterPaint(!useReportSelector((live) => live.isReportPending()), large);
  // The title as it is typed (the draft's name follows within a moment).
  const liveTitle = useLiveSelector((live) => proposalTitle(template, live.getValues()));
  const heading = titleInFields ? draftNameFor(liveTitle) : storedTitle || DEFAULT_DRAFT_TITLE;
  return (
    <header className="editor-header">
      <h1 className="editor-title">{heading}</h1>
      <div className="editor-progress">
        <CompletenessMeter />
        <NextMissingButton onNext={onNextMissing} />
        <SaveIndicator draftId={draftId} readOnly={readOnly} />
      </div>
      {renderExport && exportShown ? (
        <ExportSlot
          render={renderExport}
          title={storedTitle}
          templateId={templateId}
          template={template}
          target={target}
          validate={validate}
          goBack={onGoBack}
        />
      ) : null}
    </header>
  );
}

function CompletenessMeter() {
  const text = useReportSelector((live) =>
    live.isReportPending() ? 'Checking the sections…' : meterText(meterCounts(live.getReport())),
  );
  const counts = meterCounts(useLive().getReport());
  const total = Math.max(1, counts.total);
  return (
    <div className="completeness-meter">
      <div className="meter-bar" aria-hidden="true">
        <span className="meter-complete" style={{ width: `${(100 * counts.complete) / total}%` }} />
        <span className="meter-partial" style={{ width: `${(100 * counts.partial) / total}%` }} />
      </div>
      <span className="completeness-text">{text}</span>
    </div>
  );
}

function NextMissingButton({ onNext }: { onNext: () => boolean }) {
  const left = useReportSelector((live) =>
    live.getReport().sections.some((s) => s.status === 'missing' || s.status === 'partial'),
  );
  const [done, setDone] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button-secondary next-missing"
        aria-keyshortcuts={NEXT_MISSING_SHORTCUT.aria}
        title={`Go to the next empty required field (${NEXT_MISSING_SHORTCUT.label})`}
        onClick={() => setDone(!onNext())}
      >
        Next missing <kbd>{NEXT_MISSING_SHORTCUT.label}</kbd>
      </button>
      <span role="status" className="visually-hidden">
        {done && !left ? 'Every required field is filled.' : ''}
      </span>
    </>
  );
}

function SaveIndicator({ draftId, readOnly }: { draftId: string; readOnly: boolean }) {
  const problem = useSaveProblem(draftId);
  // One value followed, not the store's parts: a keystroke marks the draft unsaved and its
  // save sets and clears the write's state, and only a change of the words shown redraws this.
  const saving = useDrafts(
    (s) => (s.open?.unsavedEdits ?? false) || s.writes[draftId] === 'saving',
  );
  const text = problem
    ? `Not saved — ${problem}`
    : saving
      ? 'Saving…'
      : readOnly
        ? 'Saved (read-only here)'
        : 'Saved';
  return (
    <span
      role="status"
      aria-live="polite"
      className={`save-indicator${problem ? ' save-error' : ''}`}
    >
      {text}
    </span>
  );
}

/** Why this draft is not stored (a refused write, or no storage at all), or null. */
function useSaveProblem(draftId: string): string | null {
  const failed = useDrafts((s) => s.writes[draftId] === 'failed');
  const saveError = useDrafts((s) => s.saveError);
  const memory = useDrafts((s) => s.storage === 'memory');
  if (memory) return saveError ?? STORAGE_UNAVAILABLE_REASON;
  return failed ? (saveError ?? 'the browser refused to store it') : null;
}

/** A refused save: the work stays in this tab, is retried, and can be downloaded. */
function SaveProblem({ draftId, flush }: { draftId: string; flush: () => void }) {
  const problem = useSaveProblem(draftId);
  const memory = useDrafts((s) => s.storage === 'memory');
  const retryNow = useDrafts((s) => s.retryNow);
  if (!problem) return null;
  function downloadThis() {
    flush();
    const draft = useDrafts.getState().drafts[draftId];
    if (draft) downloadJson({ drafts: { [draftId]: draft } }, fileNameFor(draft.title, '.json'));
  }
  function downloadAll() {
    flush();
    downloadJson(
      { drafts: useDrafts.getState().drafts },
      `proposal-studio-drafts-${todayStamp()}.json`,
    );
  }
  return (
    <div role="alert" className="alert alert-danger save-problem">
      <p>
        <strong>Not saved — {problem}.</strong> Your text is kept in this tab
        {memory ? ' only' : ', and saving is tried again'}. Download it to keep a copy, and keep
        this tab open until it says “Saved”.
      </p>
      <button type="button" onClick={downloadThis}>
        Download this draft
      </button>{' '}
      <button type="button" onClick={downloadAll}>
        Download all drafts
      </button>
      {memory ? null : (
        <>
          {' '}
          <button type="button" onClick={retryNow}>
            Try again now
          </button>
        </>
      )}
    </div>
  );
}

function ReadOnlyNotice({ onEditHere }: { onEditHere: () => void }) {
  return (
    <div role="status" className="alert alert-warning read-only-notice">
      <p>
        This draft is open for editing in another tab. Here it is read-only and shows that tab’s
        saved changes.
      </p>
      <button type="button" onClick={onEditHere}>
        Edit here
      </button>
    </div>
  );
}

/** Parts changed in two tabs at once: both versions shown until the author picks. */
function ConflictChooser({
  draftId,
  template,
  flush,
}: {
  draftId: string;
  template: Template;
  flush: () => void;
}) {
  const conflicts = useDrafts((s) => s.drafts[draftId]?.conflicts);
  const labels = useMemo(
    () => new Map(allFields(template).map((f) => [f.id, f.label] as const)),
    [template],
  );
  if (!conflicts || conflicts.length === 0) return null;
  return (
    <section className="alert alert-warning conflicts" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading" className="panel-title">
        Changed in two tabs at once
      </h2>
      <p role="alert">
        {conflicts.length === 1 ? 'One part was' : `${conflicts.length} parts were`} changed
        differently in this tab and in another tab. Both versions are kept until you choose.
      </p>
      {conflicts.map((c) => (
        <ConflictItem
          key={c.key ?? ''}
          draftId={draftId}
          conflict={c}
          label={c.key === null ? 'Title' : (labels.get(c.key) ?? c.key)}
          flush={flush}
        />
      ))}
    </section>
  );
}

function ConflictItem({
  draftId,
  conflict,
  label,
  flush,
}: {
  draftId: string;
  conflict: FieldConflict;
  label: string;
  flush: () => void;
}) {
  const mine = useDrafts((s) => {
    const draft = s.drafts[draftId];
    return conflict.key === null ? draft?.title : draft?.values[conflict.key];
  });
  const resolve = useDrafts((s) => s.resolveFieldConflict);
  const id = useId();
  function choose(choice: 'mine' | 'theirs' | 'both') {
    // This tab's latest text first, so "this tab's version" is what the author sees.
    flush();
    resolve(draftId, conflict.key, choice);
  }
  return (
    <div className="conflict" role="group" aria-labelledby={`${id}-label`}>
      <h3 id={`${id}-label`}>{label}</h3>
      <div className="conflict-versions">
        <figure>
          <figcaption>This tab’s version</figcaption>
          <pre className="conflict-text" data-version="mine">
            {valueAsText(mine)}
          </pre>
        </figure>
        <figure>
          <figcaption>The other tab’s version</figcaption>
          <pre className="conflict-text" data-version="theirs">
            {valueAsText(conflict.theirs)}
          </pre>
        </figure>
      </div>
      <button type="button" onClick={() => choose('mine')}>
        Keep this tab’s version (the other tab’s text is removed)
      </button>{' '}
      <button type="button" onClick={() => choose('theirs')}>
        Use the other tab’s version (this tab’s text is removed)
      </button>{' '}
      <button type="button" onClick={() => choose('both')}>
        Keep both (this tab’s, then the other tab’s)
      </button>
    </div>
  );
}

/** How long typing must pause before the export bar is drawn again (then in idle time). */
const EXPORT_FOLLOW_MS = 300;

/**
 * The live values' change counter, followed once typing has paused for `EXPORT_FOLLOW_MS` and
 * the page is idle: a keystroke only restarts a timer. (React's `useDeferredValue` would defer
 * the render; Preact's compatible runtime renders at once.)
 */
function useLiveVersionAfterPause(): number {
  const live = useLive();
  const [version, setVersion] = useState(live.getVersion);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let idle: number | null = null;
    const cancel = () => {
      if (timer !== null) clearTimeout(timer);
      if (idle !== null) cancelIdleCallback(idle);
      timer = idle = null;
    };
    const take = () => {
      idle = null;
      setVersion(live.getVersion());
    };
    const follow = () => {
      cancel();
      timer = setTimeout(() => {
        timer = null;
        if (typeof requestIdleCallback === 'function') {
          idle = requestIdleCallback(take, { timeout: 1000 });
        } else take();
      }, EXPORT_FOLLOW_MS);
    };
    const stop = live.subscribe(follow);
    // A change between the first render and this effect.
    if (live.getVersion() !== version) follow();
    return () => {
      stop();
      cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subscribed once per live values
  }, [live]);
  return version;
}

function ExportSlot({
  render,
  title,
  templateId,
  template,
  target,
  validate,
  goBack,
}: {
  render: (ctx: EditorExportContext) => ReactNode;
  title: string;
  templateId: string;
  template: Template;
  target: GithubTarget;
  validate: () => Promise<boolean>;
  goBack: () => void;
}) {
  // Nothing the export bar shows changes with a keystroke, and building its document means
  // writing the whole Markdown: every export reads the document at the click instead (`read`),
  // so the last keys typed are in it. The bar is drawn again once typing pauses, for a dialog
  // that shows the document while open (a change from another tab).
  useLiveVersionAfterPause();
  const live = useLive();
  const read = useCallback(() => {
    const values = live.getValues();
    const report = live.getReport();
    const meta = template.frontMatter?.meta;
    return {
      markdown: live.getMarkdown(),
      meta: {
        // The author's title, never the template's placeholder title.
        title: exportTitle(template, values, title === DEFAULT_DRAFT_TITLE ? '' : title),
        labels: meta?.labels ?? [],
        assignees: meta?.assignees ?? [],
      },
      missing: report.missing.map((m) => m.title),
      partial: report.sections.filter((s) => s.status === 'partial').map((s) => s.title),
      values,
    };
  }, [live, template, title]);
  const ctx = useMemo(
    (): EditorExportContext => ({ read, title, templateId, target, validate, goBack }),
    [read, title, templateId, target, validate, goBack],
  );
  return <div className="editor-export">{render(ctx)}</div>;
}

// ---------------------------------------------------------------------------------------------
// Sections: the outline and the completeness list in one

type Jump = (target: { sectionId: string; fieldId?: string | undefined }) => void;

function SectionList({ onJump, current }: { onJump: Jump; current: CurrentSection }) {
  // Follows once typing pauses: the outline is not redrawn on every keystroke (and, drawn in
  // the task after the meter, a long outline does not hold up the first report's meter).
  useReportVersionNextTask();
  const report = useLive().getReport();
  const sections = report.sections.filter((s) => s.status !== 'empty');
  const minLevel = Math.min(...sections.map((s) => s.level), 6);
  return (
    <nav
      className={sections.length > 200 ? 'outline outline-long' : 'outline'}
      aria-label="Outline"
    >
      <h2 className="panel-title">Sections</h2>
      <ol>
        <OutlineLines sections={sections} minLevel={minLevel} current={current} onJump={onJump} />
      </ol>
      {report.warnings.length > 0 ? (
        <details className="warnings">
          <summary>
            {report.warnings.length} {report.warnings.length === 1 ? 'warning' : 'warnings'}
          </summary>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={`${w.sectionId}:${w.fieldId ?? ''}:${i}`}>
                <button
                  type="button"
                  className="warning-link"
                  onClick={() => onJump({ sectionId: w.sectionId, fieldId: w.fieldId })}
                >
                  {plainTitle(w.message)}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </nav>
  );
}

type OutlineSection = Report['sections'][number];

/** Outlines longer than this stand in pages, mounted as they come near the view. */
const OUTLINE_PAGED_FROM = 200;
const OUTLINE_PAGE = 50;

/**
 * The outline's lines. A long outline (a template of thousands of sections) mounts its lines a
 * page at a time, as they come near the view; a page not yet mounted is one placeholder line of
 * about its height holding the titles as text, which find in page searches (a match mounts it).
 */
function OutlineLines({
  sections,
  minLevel,
  current,
  onJump,
}: {
  sections: readonly OutlineSection[];
  minLevel: number;
  current: CurrentSection;
  onJump: Jump;
}) {
  const [near] = useState(createNearViewport);
  const line = (s: OutlineSection) => (
    <OutlineItem
      key={s.id}
      sectionId={s.id}
      fieldId={s.fieldId}
      title={s.title}
      status={s.status}
      indent={s.level - minLevel}
      current={current}
      onJump={onJump}
    />
  );
  if (sections.length < OUTLINE_PAGED_FROM) return <>{sections.map(line)}</>;
  const pages: OutlineSection[][] = [];
  for (let at = 0; at < sections.length; at += OUTLINE_PAGE) {
    pages.push(sections.slice(at, at + OUTLINE_PAGE));
  }
  return (
    <>
      {pages.map((page, index) => (
        <OutlinePage key={index} near={near} first={index === 0} count={page.length}>
          {(shown) => (shown ? page.map(line) : page.map((s) => plainTitle(s.title)).join('\n'))}
        </OutlinePage>
      ))}
    </>
  );
}

function OutlinePage({
  near,
  first,
  count,
  children,
}: {
  near: NearViewport;
  first: boolean;
  count: number;
  /** The page's lines when shown, else the text its placeholder holds. */
  children: (shown: boolean) => ReactNode;
}) {
  const [shown, setShown] = useState(first);
  const placeholder = useRef<HTMLLIElement>(null);
  useLayoutEffect(() => {
    const element = placeholder.current;
    if (shown || !element) return undefined;
    const show = () => setShown(true);
    const unobserve = near.observe(element, show);
    const unfind = hiddenUntilFound(element, () => flushSync(show));
    return () => {
      unobserve();
      unfind();
    };
  }, [near, shown]);
  if (shown) return <>{children(true)}</>;
  return (
    <li ref={placeholder} className="outline-placeholder" style={{ minHeight: `${count * 2}rem` }}>
      {children(false)}
    </li>
  );
}

/** One line of the outline: redrawn only when its own status or title changes. */
const OutlineItem = memo(function OutlineItem({
  sectionId,
  fieldId,
  title,
  status,
  indent,
  current,
  onJump,
}: {
  sectionId: string;
  fieldId: string | undefined;
  title: string;
  status: SectionStatus;
  indent: number;
  current: CurrentSection;
  onJump: Jump;
}) {
  const isCurrent = useIsCurrentSection(current, sectionId);
  return (
    <li style={{ paddingInlineStart: `${indent * 0.75}rem` }}>
      <button
        type="button"
        className={`outline-link status-${status}`}
        aria-current={isCurrent ? 'true' : undefined}
        onClick={() => onJump({ sectionId, fieldId })}
      >
        <span className="outline-icon" aria-hidden="true">
          {STATUS_ICON[status]}
        </span>
        <span className="outline-title">{plainTitle(title)}</span>
        <span className="outline-status">{STATUS_TEXT[status]}</span>
      </button>
    </li>
  );
});

// ---------------------------------------------------------------------------------------------
// Preview

function PreviewColumn({
  renderPreview,
  current,
  onPick,
  large,
}: {
  renderPreview: ((markdown: string | DocText) => ReactNode) | undefined;
  current: CurrentSection;
  onPick: Jump;
  /** A large template: the preview follows the form (see `useAfterPaint`). */
  large: boolean;
}) {
  const live = useLive();
  const ready = usePreparedMarkdown(
    live,
    useAfterPaint(!useReportSelector((l) => l.isReportPending()), large),
    large,
  );
  const [view, setView] = useState<'rendered' | 'markdown'>('rendered');
  const wrapRef = useRef<HTMLDivElement>(null);

  // The preview follows the section being edited.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const follow = (tries = 0) => {
      const wrap = wrapRef.current;
      const id = current.get();
      const section = live.getReport().sections.find((s) => s.id === id);
      if (!wrap || !section || section.fieldId) return;
      const heading = findHeading(wrap, section.title);
      const scroller = wrap.closest<HTMLElement>('.editor-side-preview');
      if (!scroller) return;
      if (!heading) {
        // A long document's preview opens a part at a time: the heading may come in a later
        // part (while this section stays the one edited).
        if (tries < FOLLOW_TRIES) timer = setTimeout(() => follow(tries + 1), FOLLOW_RETRY_MS);
        return;
      }
      const top =
        heading.getBoundingClientRect().top -
        scroller.getBoundingClientRect().top +
        scroller.scrollTop -
        8;
      // A long way (a long document) is jumped at once: scrolling smoothly past thousands of
      // sections would render those it passes.
      const far = Math.abs(top - scroller.scrollTop) > 3 * scroller.clientHeight;
      scroller.scrollTo({ top, behavior: far || prefersReducedMotion() ? 'auto' : 'smooth' });
    };
    // After the focus has moved and the page is drawn, as an effect of the change would.
    const unsubscribe = current.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(follow, 0);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [current, live]);

  // A click in a section of the preview puts the caret in that section's first field.
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target || target.closest('a, button, input, summary')) return;
      const headings = [...wrap.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')];
      const heading = headings
        .filter(
          (h) =>
            h.contains(target) ||
            (h.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
        )
        .at(-1);
      if (!heading) return;
      const key = matchKey(heading.textContent ?? '');
      const section = live.getReport().sections.find((s) => matchKey(s.title) === key);
      if (section) onPick({ sectionId: section.id, fieldId: section.fieldId });
    };
    wrap.addEventListener('click', onClick);
    return () => wrap.removeEventListener('click', onClick);
  }, [live, onPick]);

  return (
    <section className="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading" className="panel-title">
        Preview
      </h2>
      <OutputOptions />
      <Tabs
        label="Preview views"
        tabs={[
          {
            id: 'rendered',
            label: 'Preview',
            panel: (
              <div ref={wrapRef} className="preview-follow">
                <PreviewBody ready={ready} renderPreview={renderPreview} />
              </div>
            ),
          },
          {
            id: 'markdown',
            label: 'Markdown',
            panel: <MarkdownText ready={ready} shown={view === 'markdown'} />,
          },
        ]}
        selected={view}
        onSelect={(id) => setView(id === 'markdown' ? 'markdown' : 'rendered')}
      />
    </section>
  );
}

/** How often, and how long apart, the preview looks again for a heading still to come. */
const FOLLOW_TRIES = 40;
const FOLLOW_RETRY_MS = 250;

/**
 * The rendered preview: the one part of the column that follows every keystroke (the column,
 * its options and tabs are not drawn again). Not deferred: the changed section renders in a
 * millisecond or two, and a deferred render would land a task (and often a frame) later.
 */
function PreviewBody({
  ready,
  renderPreview,
}: {
  ready: boolean;
  renderPreview: ((markdown: string | DocText) => ReactNode) | undefined;
}) {
  const version = useLiveVersion();
  const live = useLive();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the version stands for the values
  const markdown = useMemo(() => (ready ? live.getDocText() : ''), [live, version, ready]);
  return useMemo(
    () =>
      !ready ? (
        <p className="preview-pending" role="status">
          Preparing the preview…
        </p>
      ) : renderPreview ? (
        renderPreview(markdown)
      ) : (
        <pre className="preview-fallback">{String(markdown)}</pre>
      ),
    [renderPreview, markdown, ready],
  );
}

/**
 * The Markdown tab's text. Hidden, it does not follow the typing at all (it is written when the
 * tab is chosen); shown, it follows in idle time: writing a long document's text into the page
 * (and laying it out) costs as much as the document is long, and is never on a keystroke's path.
 */
function MarkdownText({ ready, shown }: { ready: boolean; shown: boolean }) {
  const live = useLive();
  const version = useLiveVersionWhenIdle(shown);
  const markdown = useMemo(
    () => (ready && shown ? live.getMarkdown() : ''),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the version stands for the values
    [live, version, ready, shown],
  );
  return (
    <pre className="markdown-source">
      <code>{markdown}</code>
    </pre>
  );
}

/**
 * The live values' change counter, taken in idle time (at most `IDLE_FOLLOW_MS` after a change)
 * while `active`: a keystroke schedules one idle callback at most, which a burst of keys shares.
 */
function useLiveVersionWhenIdle(active: boolean): number {
  const live = useLive();
  const [version, setVersion] = useState(live.getVersion);
  useEffect(() => {
    if (!active) return undefined;
    let idle: number | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const take = () => {
      idle = timer = null;
      setVersion(live.getVersion());
    };
    const follow = () => {
      if (idle !== null || timer !== null) return;
      if (typeof requestIdleCallback === 'function') {
        idle = requestIdleCallback(take, { timeout: IDLE_FOLLOW_MS });
      } else timer = setTimeout(take, 50);
    };
    const stop = live.subscribe(follow);
    // A change while inactive, or between the render and this effect.
    if (live.getVersion() !== version) follow();
    return () => {
      stop();
      if (idle !== null) cancelIdleCallback(idle);
      if (timer !== null) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subscribed once per activation
  }, [live, active]);
  return version;
}

/** The Markdown tab, shown, follows the typing at most this long after a change. */
const IDLE_FOLLOW_MS = 500;

/**
 * A large template's form comes first: the parts that render the whole document (the preview,
 * the export bar) follow once the form is on screen and its sections are checked. With `defer`,
 * true once `when` is true and a frame has been drawn since (a task after the next frame), so
 * the form and the completeness meter are painted before that work starts; `when` otherwise.
 */
function useAfterPaint(when: boolean, defer: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!defer || !when || painted) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [defer, when, painted]);
  return defer ? when && painted : when;
}

function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6';
const MARKDOWN_HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm;

/**
 * The preview's heading for a section title (compared as `matchKey` compares them). In a long
 * document a section off screen may not be rendered yet: its placeholder (`hidden=until-found`)
 * holds its Markdown, and is asked to render now when one of its heading lines matches.
 */
function findHeading(root: HTMLElement, title: string): HTMLElement | undefined {
  const key = matchKey(title);
  const matches = (h: HTMLElement) => matchKey(h.textContent ?? '') === key;
  const shown = [...root.querySelectorAll<HTMLElement>(HEADINGS)].find(matches);
  if (shown) return shown;
  for (const waiting of root.querySelectorAll<HTMLElement>('[hidden="until-found"]')) {
    const lines = (waiting.textContent ?? '').matchAll(MARKDOWN_HEADING);
    if (![...lines].some((line) => matchKey(line[1] ?? '') === key)) continue;
    waiting.dispatchEvent(new Event(RENDER_NOW_EVENT));
    return [...waiting.querySelectorAll<HTMLElement>(HEADINGS)].find(matches);
  }
  return undefined;
}

/** Settings of the exported text, shared by every draft. */
function OutputOptions() {
  const keepGuidance = useSettings((st) => st.keepGuidanceComments);
  const dropEmptyOptional = useSettings((st) => st.dropEmptyOptionalSections);
  const setKeepGuidance = useSettings((st) => st.setKeepGuidanceComments);
  const setDropEmptyOptional = useSettings((st) => st.setDropEmptyOptionalSections);
  return (
    <details className="output-options">
      <summary>Output options</summary>
      <label>
        <input
          type="checkbox"
          checked={keepGuidance}
          onChange={(e) => setKeepGuidance(e.target.checked)}
        />{' '}
        Keep the template’s guidance comments (GitHub hides them)
      </label>
      <label>
        <input
          type="checkbox"
          checked={dropEmptyOptional}
          onChange={(e) => setDropEmptyOptional(e.target.checked)}
        />{' '}
        Leave out optional sections with no answer
      </label>
    </details>
  );
}

/** Text for people: without Markdown escapes (a backslash before `[Name]`) or emphasis marks. */
function plainTitle(text: string): string {
  let plain = plainTitles.get(text);
  if (plain === undefined) {
    plain = unescapeMarkdown(text).replace(/\*\*|__/g, '');
    // Titles of the templates opened in this tab: a bound only against an unusual session.
    if (plainTitles.size >= 50_000) plainTitles.clear();
    plainTitles.set(text, plain);
  }
  return plain;
}

/**
 * Each title's plain text, kept: the outline of a template of 10,000 sections writes every
 * title into its placeholders each time the report comes (typing paused).
 */
const plainTitles = new Map<string, string>();

// ---------------------------------------------------------------------------------------------
// Tabs (WAI-ARIA tabs pattern: arrows, Home and End move between tabs)

interface TabSpec {
  id: string;
  label: string;
  panel: ReactNode;
}

function Tabs({
  label,
  tabs,
  selected,
  onSelect,
}: {
  label: string;
  tabs: TabSpec[];
  selected: string;
  onSelect: (id: string) => void;
}) {
  const base = useId();
  const tabId = (id: string) => `${base}-tab-${id}`;
  const panelId = (id: string) => `${base}-panel-${id}`;
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    flushSync(() => onSelect(tab.id));
    document.getElementById(tabId(tab.id))?.focus();
  }
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tablist">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            id={tabId(t.id)}
            type="button"
            role="tab"
            className="tab"
            aria-selected={t.id === selected}
            aria-controls={panelId(t.id)}
            tabIndex={t.id === selected ? 0 : -1}
            onClick={() => onSelect(t.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          id={panelId(t.id)}
          role="tabpanel"
          aria-labelledby={tabId(t.id)}
          hidden={t.id !== selected}
          className="tabpanel"
        >
          {t.panel}
        </div>
      ))}
    </div>
  );
}
