import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { CSSProperties, MouseEvent } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { ImportSummaryBanner } from '../features/import/ImportSummaryBanner.tsx';
import { useDrafts } from '../stores/drafts.ts';
import { nextTheme, useSettings } from '../stores/settings.ts';
import type { Theme } from '../stores/settings.ts';
import { findTemplateEntry } from '../templates/registry.ts';
import { GalleryRoute } from './GalleryRoute.tsx';
import { navigate, parseRoute, useRoute } from './router.ts';
import type { Route } from './router.ts';
import { useApplyTheme } from './useApplyTheme.ts';

// The editor, preview and export (and the rich-text editor they load) are not part of the
// first screen's JavaScript.
const EditorRoute = lazy(() => import('./EditorRoute.tsx'));
// A share link is rare and needs the link decoder (lz-string): not part of the first screen.
const ShareRoute = lazy(() => import('./ShareRoute.tsx').then((m) => ({ default: m.ShareRoute })));

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
        {/* The last line of defence: whatever fails, the header and a message stay. */}
        <ErrorBoundary what="This page" resetKey={JSON.stringify(route)}>
          <RouteView route={route} />
        </ErrorBoundary>
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
      return (
        <Suspense
          fallback={
            <p className="route-loading" role="status">
              Opening the link…
            </p>
          }
        >
          <ShareRoute data={route.data} />
        </Suspense>
      );
    case 'not-found':
      return (
        <NotFound
          title="Page not found"
          message="This address does not lead anywhere in the app."
        />
      );
  }
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
  // Only what the route shows: the draft's record changes with every save (a keystroke's
  // autosave), and re-rendering the route would re-render the whole editor.
  const exists = useDrafts((s) => s.drafts[draftId] !== undefined);
  const templateSource = useDrafts((s) => s.drafts[draftId]?.templateSource);
  const loaded = useDrafts((s) => s.loaded);
  useDiscardWhenLeftUntouched(draftId);
  if (!exists && !loaded) {
    return (
      <p className="route-loading" role="status">
        Loading your drafts…
      </p>
    );
  }
  if (!exists) {
    return (
      <NotFound
        title="Draft not found"
        message="This draft is not in this browser. It may have been deleted, or saved in another browser."
      />
    );
  }
  return (
    <>
      <ImportSummaryBanner draftId={draftId} />
      <Suspense
        fallback={
          <p className="route-loading" role="status">
            Loading editor…
          </p>
        }
      >
        <EditorRoute draftId={draftId} templateSource={templateSource} />
      </Suspense>
    </>
  );
}

/**
 * A template opened from the gallery and left without a keystroke leaves no "Untitled
 * proposal" behind: leaving the editor removes a draft nobody wrote in. After the editor's own
 * clean-up (which saves a pending edit), and not when the same draft is shown again (React's
 * development double mount).
 */
function useDiscardWhenLeftUntouched(draftId: string) {
  useEffect(
    () => () => {
      setTimeout(() => {
        const route = parseRoute(window.location.hash);
        if (route.name === 'draft' && route.draftId === draftId) return;
        useDrafts.getState().discardUntouchedDraft(draftId);
      }, 0);
    },
    [draftId],
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
