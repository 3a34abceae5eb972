import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { CSSProperties, MouseEvent } from 'react';
import { DraftList, StorageAlerts } from '../features/gallery/DraftList.tsx';
import { ImportTemplate } from '../features/gallery/ImportTemplate.tsx';
import { TemplateGallery } from '../features/gallery/TemplateGallery.tsx';
import { useDraft, useDrafts } from '../stores/drafts.ts';
import { nextTheme, useSettings } from '../stores/settings.ts';
import type { Theme } from '../stores/settings.ts';
import { BUILT_IN_TEMPLATES, findTemplateEntry } from '../templates/registry.ts';
import { navigate, useRoute } from './router.ts';
import type { Route } from './router.ts';
import { ShareRoute } from './ShareRoute.tsx';
import { useApplyTheme } from './useApplyTheme.ts';
import { useDraftProgress } from './useDraftProgress.ts';

// The editor, preview and export (and the rich-text editor they load) are not part of the
// first screen's JavaScript.
const EditorRoute = lazy(() => import('./EditorRoute.tsx'));

const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function App() {
  useApplyTheme();
  const route = useRoute();
  return (
    <div className="app">
      <SkipLink />
      <header className="app-header">
        <a className="brand" href="#/">
          Proposal Studio
        </a>
        <div className="app-header-tools">
          <ThemeToggle />
        </div>
      </header>
      <main className="app-main" id="main" tabIndex={-1}>
        <RouteView route={route} />
      </main>
    </div>
  );
}

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'gallery':
      return <GalleryRoute />;
    case 'new':
      return <NewDraftRoute key={route.templateId} templateId={route.templateId} />;
    case 'draft':
      return <DraftRoute key={route.draftId} draftId={route.draftId} />;
    case 'share':
      return <ShareRoute data={route.data} />;
    case 'not-found':
      return (
        <NotFound
          title="Page not found"
          message="This address does not lead anywhere in the app."
        />
      );
  }
}

function GalleryRoute() {
  const progress = useDraftProgress();
  const createDraft = useDrafts((s) => s.createDraft);
  const importTemplate = (source: string, fileName: string) => {
    const name = fileName
      .replace(/\.[^.]+$/, '')
      .replace(/[^\w-]+/g, '-')
      .toLowerCase();
    const id = createDraft(`imported-${name || 'template'}`, { templateSource: source });
    navigate(`#/draft/${encodeURIComponent(id)}`);
  };
  return (
    <>
      <StorageAlerts />
      <TemplateGallery
        templates={BUILT_IN_TEMPLATES}
        onPick={(id) => navigate(`#/new/${encodeURIComponent(id)}`)}
      />
      <ImportTemplate onCreate={importTemplate} />
      <DraftList progress={progress} />
    </>
  );
}

/** `#/new/<templateId>`: creates the draft once, then replaces the URL with the draft's. */
function NewDraftRoute({ templateId }: { templateId: string }) {
  const entry = findTemplateEntry(templateId);
  const createDraft = useDrafts((s) => s.createDraft);
  // StrictMode runs effects twice: the ref makes sure only one draft is created.
  const created = useRef<string | null>(null);

  useEffect(() => {
    if (!entry) return;
    created.current ??= createDraft(entry.id);
    navigate(`#/draft/${encodeURIComponent(created.current)}`, { replace: true });
  }, [entry, createDraft]);

  if (!entry) {
    return (
      <NotFound
        title="Template not found"
        message={`There is no built-in template called “${templateId}”.`}
      />
    );
  }
  return <p className="route-loading">Creating your draft…</p>;
}

function DraftRoute({ draftId }: { draftId: string }) {
  const draft = useDraft(draftId);
  if (!draft) {
    return (
      <NotFound
        title="Draft not found"
        message="This draft is not in this browser. It may have been deleted, or saved in another browser."
      />
    );
  }
  return (
    <>
      <ConflictBanner draftId={draftId} />
      <Suspense
        fallback={
          <p className="route-loading" role="status">
            Loading editor…
          </p>
        }
      >
        <EditorRoute draftId={draftId} templateSource={draft.templateSource} />
      </Suspense>
    </>
  );
}

/** Another tab changed the open draft while this tab had unsaved edits of it. */
function ConflictBanner({ draftId }: { draftId: string }) {
  const conflict = useDrafts((s) => s.conflict);
  const resolveConflict = useDrafts((s) => s.resolveConflict);
  if (conflict?.draftId !== draftId) return null;
  return (
    <div role="alert" className="alert alert-warning">
      <p>This draft was changed in another tab.</p>
      <button type="button" onClick={() => void resolveConflict('reload')}>
        Reload the other tab’s version
      </button>{' '}
      <button type="button" onClick={() => void resolveConflict('keep-mine')}>
        Keep mine
      </button>
    </div>
  );
}

function NotFound({ title, message }: { title: string; message: string }) {
  return (
    <section aria-labelledby="not-found-heading" className="route-message">
      <h1 id="not-found-heading">{title}</h1>
      <p>{message}</p>
      <p>
        <a href="#/">Back to your drafts and templates</a>
      </p>
    </section>
  );
}

function ThemeToggle() {
  const theme = useSettings((s) => s.theme);
  const setTheme = useSettings((s) => s.setTheme);
  const next = nextTheme(theme);
  return (
    <button
      type="button"
      className="theme-toggle"
      onClick={() => setTheme(next)}
      title={`Switch to the ${THEME_LABELS[next].toLowerCase()} theme`}
    >
      Theme: {THEME_LABELS[theme]}
    </button>
  );
}

/**
 * `#main` would be taken for a route by the hash router, so the skip link moves focus itself.
 * It stays off-screen until it has keyboard focus.
 */
function SkipLink() {
  const [focused, setFocused] = useState(false);
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    // In the editor, straight to the form's first field; elsewhere, the main content.
    const field = document.querySelector<HTMLElement>(
      'form.editor-form :is(input:not([type="hidden"]), textarea, select, [contenteditable="true"])',
    );
    (field ?? document.getElementById('main'))?.focus();
  }
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={skip}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      // Inline so the link works without a stylesheet rule: hidden until focused.
      style={focused ? SKIP_LINK_SHOWN : VISUALLY_HIDDEN}
    >
      Skip to main content
    </a>
  );
}

const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
};

const SKIP_LINK_SHOWN: CSSProperties = {
  position: 'absolute',
  top: '0.5rem',
  left: '0.5rem',
  zIndex: 10,
  padding: '0.5rem 0.75rem',
  background: 'var(--bg)',
  color: 'var(--accent)',
  border: '2px solid var(--focus)',
  borderRadius: 6,
};
