import 'github-markdown-css/github-markdown.css';
import './preview-theme.css';
import './preview.css';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { DocText } from '../../core/docText.ts';
import { formatCount, LIMITS } from '../../core/limits.ts';
import { allowRemoteImages, useRemoteImages } from './remoteImages.ts';
import { blockedRemoteElements, showRemoteImages } from './sanitize.ts';
import { loadYaml } from '../../templates/yaml-lazy.ts';
import { FRONT_MATTER } from './markdownEngine.ts';
import { createSectionElements, syncSections } from './sectionDom.ts';
import type { SectionElements } from './sectionDom.ts';
import { createSectionRenderer } from './sectionRenderer.ts';

/**
 * Markdown rendered as GitHub shows it, updated per section: only sections whose HTML changed
 * get new innerHTML, and only sanitized HTML from the section renderer is ever assigned.
 */
export function RenderedMarkdown({
  markdown,
  label,
  scope,
}: {
  /** The document; the editor's as the pieces it was written from (see `DocText`). */
  markdown: string | DocText;
  label?: string;
  /** What allowing remote images applies to (a draft id); without it, to this view only. */
  scope?: string;
}) {
  return <SectionedMarkdown markdown={markdown} label={label} scope={scope} />;
}

/** The preview shows at most this much plain text (the Markdown tab and exports carry all). */
const PLAIN_PREVIEW_CHARS = 100_000;

function PlainTextPreview({
  markdown,
  reason,
  label,
}: {
  markdown: string;
  reason: string;
  label: string | undefined;
}) {
  const shown = markdown.length > PLAIN_PREVIEW_CHARS;
  return (
    <div className="markdown-body" {...(label ? { role: 'region', 'aria-label': label } : {})}>
      <p role="status" className="preview-notice">
        Shown as plain text: {reason} Nothing is removed: the Markdown tab and every export carry
        the whole text
        {shown
          ? ` (the first ${formatCount(PLAIN_PREVIEW_CHARS)} of ${formatCount(markdown.length)} characters are shown here).`
          : '.'}
      </p>
      <pre className="preview-plain">
        {shown ? markdown.slice(0, PLAIN_PREVIEW_CHARS) : markdown}
      </pre>
    </div>
  );
}

/**
 * Whether the document opens with front matter, read from its start (a long document is not
 * read whole for it: front matter longer than FRONT_MATTER_READ is looked for in all of it).
 */
function startsWithFrontMatter(markdown: string | DocText): boolean {
  if (typeof markdown === 'string') return FRONT_MATTER.test(markdown);
  const start = markdown.slice(0, Math.min(markdown.length, FRONT_MATTER_READ));
  if (FRONT_MATTER.test(start)) return true;
  return start.startsWith('---') && start.length < markdown.length
    ? FRONT_MATTER.test(String(markdown))
    : false;
}

const FRONT_MATTER_READ = 16_384;

/** A document this long opens a part at a time (see `useOpenInParts`). */
const OPEN_IN_PARTS_FROM = 24_000;
/** About how much the first part holds (it ends before a heading line): more than a screenful. */
const FIRST_PART = 4_000;
/** How long a part's task should take: each part's size follows from how fast the last one went. */
const PART_MS = 25;
/** Bounds of a part's size after the first. */
const MIN_PART = 2_000;
const MAX_PART = 256_000;

/** Where the part of `markdown` that ends at or after `from` ends: before a heading line. */
function partEnd(markdown: string, from: number): number {
  if (from >= markdown.length) return markdown.length;
  const at = markdown.indexOf('\n#', from);
  return at === -1 ? markdown.length : at + 1;
}

/**
 * A long document (a large template's) is rendered a part at a time, a task each, from its
 * start: the first part in the task after the one that mounts it, each next one after the page
 * is drawn, until it is whole (its sections then as they would be from one render, which the
 * renderer's edits guarantee). Each part is as long as the last part's speed allows in about
 * PART_MS (the cost per character varies with the document's sections, and with the machine).
 * Rendered in one go, cutting and checking a document of thousands of sections and setting up
 * their elements was one task of a few hundred milliseconds that the first keystroke waited
 * for. What is typed meanwhile is in the part shown, or in the parts still to come.
 */
function useOpenInParts(markdown: string | DocText): {
  shown: string | DocText;
  opening: boolean;
} {
  // How far the document is rendered; Infinity once it has been whole. Nothing at first: the
  // task that made the document (a large template's first Markdown) does not render a part too.
  // (A document over the size limit is not rendered: its notice shows at once.)
  const [upTo, setUpTo] = useState(() =>
    markdown.length >= OPEN_IN_PARTS_FROM && markdown.length <= LIMITS.documentChars ? 0 : Infinity,
  );
  const partSize = useRef(FIRST_PART);
  const opening = upTo < markdown.length;
  useEffect(() => {
    if (upTo === Infinity) return undefined;
    const timer = setTimeout(() => {
      // Whole (or shown whole since): from now on it is always the whole document.
      const next = opening ? partEnd(String(markdown), upTo + partSize.current) : markdown.length;
      const started = performance.now();
      // Rendered in this task, to time it.
      flushSync(() => setUpTo(next >= markdown.length ? Infinity : next));
      const took = Math.max(1, performance.now() - started);
      const size = ((next - upTo) * PART_MS) / took;
      partSize.current = Math.round(
        Math.min(MAX_PART, 4 * partSize.current, Math.max(MIN_PART, size)),
      );
    }, 0);
    return () => clearTimeout(timer);
  }, [markdown, upTo, opening]);
  return { shown: opening ? markdown.slice(0, upTo) : markdown, opening };
}

interface SectionDom {
  elements: SectionElements;
  /** Remote images held back, per section element, and in all. */
  blocked: WeakMap<Element, number>;
  total: number;
}

function SectionedMarkdown({
  markdown,
  label,
  scope,
}: {
  markdown: string | DocText;
  label: string | undefined;
  scope: string | undefined;
}) {
  // Front matter shows as a table once the YAML library (its own chunk) is loaded: a fresh
  // renderer then renders it again.
  const hasFrontMatter = startsWithFrontMatter(markdown);
  const [yamlReady, setYamlReady] = useState(false);
  const [renderer, setRenderer] = useState(createSectionRenderer);
  useEffect(() => {
    if (!hasFrontMatter || yamlReady) return;
    let live = true;
    loadYaml().then(
      () => {
        if (!live) return;
        setYamlReady(true);
        setRenderer(createSectionRenderer());
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [hasFrontMatter, yamlReady]);
  // Absurd input (over a limit, nested thousands deep, a line of megabytes) is not given to
  // marked: it is shown as plain text at once, with a notice, and kept whole in the draft. The
  // renderer finds it from its sections' measures (a keystroke does not scan the document).
  const { shown, opening } = useOpenInParts(markdown);
  const { sections, hazard } = useMemo(() => renderer.render(shown), [renderer, shown]);
  const allowedInScope = useRemoteImages((s) => (scope === undefined ? false : !!s.allowed[scope]));
  const [allowedHere, setAllowedHere] = useState(false);
  const allowed = allowedInScope || allowedHere;
  const [blocked, setBlocked] = useState(0);

  // The sections' elements are kept by hand (see sectionDom.ts): React renders an empty host.
  const host = useRef<HTMLDivElement>(null);
  const dom = useRef<SectionDom>(null);
  const allowedNow = useRef(allowed);
  useLayoutEffect(() => {
    const element = host.current;
    if (!element) return;
    // Remote images held back: counted per section from the DOM the sanitizer produced (the one
    // source of what is held back), so a keystroke counts only the sections it changed.
    const counted = (state: SectionDom, section: HTMLElement) => {
      if (allowedNow.current) showRemoteImages(section);
      const count = blockedRemoteElements(section).length;
      state.total += count - (state.blocked.get(section) ?? 0);
      state.blocked.set(section, count);
    };
    if (dom.current?.elements.host !== element) {
      const state: SectionDom = {
        // A section of a long document rendered as it comes near the view.
        elements: createSectionElements(element, (section) => {
          counted(state, section);
          setBlocked(state.total);
        }),
        blocked: new WeakMap(),
        total: 0,
      };
      dom.current = state;
    }
    const state = dom.current;
    const { updated, removed } = syncSections(state.elements, sections, opening);
    for (const gone of removed) {
      state.total -= state.blocked.get(gone) ?? 0;
      state.blocked.delete(gone);
    }
    for (const section of updated) counted(state, section);
    setBlocked(state.total);
  }, [sections, opening]);
  useLayoutEffect(() => {
    allowedNow.current = allowed;
    const state = dom.current;
    if (!allowed || !state) return;
    showRemoteImages(state.elements.host);
    state.blocked = new WeakMap();
    state.total = 0;
    setBlocked(0);
  }, [allowed]);

  if (hazard) return <PlainTextPreview markdown={String(markdown)} reason={hazard} label={label} />;
  return (
    <div className="markdown-body" {...(label ? { role: 'region', 'aria-label': label } : {})}>
      {blocked > 0 ? (
        <p className="preview-notice remote-images-notice">
          {blocked} remote image{blocked === 1 ? '' : 's'} blocked, so that opening this document
          tells no other server who reads it.{' '}
          <button
            type="button"
            onClick={() => (scope === undefined ? setAllowedHere(true) : allowRemoteImages(scope))}
          >
            Show
          </button>
        </p>
      ) : null}
      <div ref={host} className="preview-sections" />
    </div>
  );
}
