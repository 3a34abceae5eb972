import {
  createNearViewport,
  hiddenUntilFound,
  RENDER_NOW_EVENT,
} from '../../components/nearViewport.ts';
import type { NearViewport } from '../../components/nearViewport.ts';
import type { RenderedSection } from './sectionRenderer.ts';

/**
 * The preview's section elements, kept by hand rather than by React: a keystroke touches the
 * element of the section it changed, and a document of 10,000 sections costs no reconciliation
 * of 10,000 elements. The HTML comes from the section renderer, so it is already sanitized.
 *
 * A long document (LAZY_FROM sections or more) renders only the sections near the view: the
 * others are placeholders holding their Markdown as text, `hidden="until-found"` (not laid out,
 * about their height), rendered when they come near the view, when find in page matches text in
 * them, or on RENDER_NOW_EVENT (a jump to a section). A rendered section stays rendered.
 */
export interface SectionElements {
  /** The element the sections' elements are children of (and nothing else is). */
  host: Element;
  elements: Map<string, HTMLElement>;
  /** What each element holds. */
  shown: WeakMap<Element, string>;
  /** The keys in the order their elements stand in `host`. */
  keys: readonly string[];
  /** The sections last synced (the renderer keeps an unchanged section's object). */
  synced: readonly RenderedSection[];
  /** Set once the document is long: which sections wait, and what renders them. */
  lazy?: LazyRendering;
  /** Told of each element rendered after its section was synced (it came near the view). */
  onLateRender?: (element: HTMLElement) => void;
}

interface LazyRendering {
  near: NearViewport;
  /** The Markdown each placeholder holds; an element not here is rendered. */
  waiting: WeakMap<Element, string>;
  /** Each key's latest section, for a placeholder rendered later. */
  latest: Map<string, RenderedSection>;
  /** Undoes a placeholder's observer and listeners. */
  release: WeakMap<Element, () => void>;
}

/** From this many sections on, sections off screen wait as placeholders. */
export const LAZY_FROM = 200;
/** The first sections are rendered at once (the top of the document is in view). */
const RENDERED_FIRST = 40;

export function createSectionElements(
  host: Element,
  onLateRender?: (element: HTMLElement) => void,
): SectionElements {
  return {
    host,
    elements: new Map(),
    shown: new WeakMap(),
    keys: [],
    synced: [],
    ...(onLateRender ? { onLateRender } : {}),
  };
}

function sameKeys(a: readonly string[], b: readonly RenderedSection[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]?.key) return false;
  return true;
}

/** About the height a section's Markdown takes once rendered, in em. */
function estimatedHeight(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return Math.max(1.5, lines * 0.8 + (text.length / 80) * 1.5);
}

function writeHtml(state: SectionElements, element: HTMLElement, html: string): void {
  element.innerHTML = html;
  state.shown.set(element, html);
}

/** Renders a placeholder's section now; false when it is no placeholder (or gone). */
function renderWaiting(state: SectionElements, key: string, element: HTMLElement): boolean {
  const lazy = state.lazy;
  const section = lazy?.latest.get(key);
  if (!lazy || !section || !lazy.waiting.has(element) || state.elements.get(key) !== element) {
    return false;
  }
  lazy.release.get(element)?.();
  lazy.release.delete(element);
  lazy.waiting.delete(element);
  element.removeAttribute('hidden');
  element.classList.remove('preview-section-pending');
  element.style.removeProperty('min-height');
  writeHtml(state, element, section.html);
  return true;
}

function makeWaiting(
  state: SectionElements,
  lazy: LazyRendering,
  key: string,
  element: HTMLElement,
  text: string,
): void {
  if (lazy.waiting.get(element) === text && lazy.release.has(element)) return;
  if (!lazy.release.has(element)) {
    element.classList.add('preview-section-pending');
    const render = () => {
      if (renderWaiting(state, key, element)) state.onLateRender?.(element);
    };
    const unobserve = lazy.near.observe(element, render);
    const unfind = hiddenUntilFound(element, render);
    element.addEventListener(RENDER_NOW_EVENT, render);
    lazy.release.set(element, () => {
      unobserve();
      unfind();
      element.removeEventListener(RENDER_NOW_EVENT, render);
    });
  }
  lazy.waiting.set(element, text);
  state.shown.delete(element);
  element.textContent = text;
  element.style.minHeight = `${estimatedHeight(text).toFixed(1)}em`;
}

/**
 * Brings the host's children in line with `sections`: an element per section, in order, each
 * holding its section's HTML (or, in a long document, its placeholder). Elements whose section
 * is unchanged are left alone (not moved, not written). Returns the elements whose HTML was
 * replaced and those taken out.
 */
export function syncSections(
  state: SectionElements,
  sections: readonly RenderedSection[],
): { updated: HTMLElement[]; removed: HTMLElement[] } {
  const { host, elements, shown } = state;
  const removed: HTMLElement[] = [];
  if (!state.lazy && sections.length >= LAZY_FROM && typeof IntersectionObserver !== 'undefined') {
    state.lazy = {
      near: createNearViewport(),
      waiting: new WeakMap(),
      latest: new Map(),
      release: new WeakMap(),
    };
  }
  const lazy = state.lazy;
  if (!sameKeys(state.keys, sections)) {
    const wanted = new Set(sections.map((section) => section.key));
    for (const [key, element] of elements) {
      if (wanted.has(key)) continue;
      element.remove();
      elements.delete(key);
      lazy?.latest.delete(key);
      lazy?.release.get(element)?.();
      removed.push(element);
    }
    const doc = host.ownerDocument;
    const opening = state.keys.length === 0;
    let cursor = host.firstChild;
    let before: HTMLElement | undefined;
    for (const [index, { key }] of sections.entries()) {
      let element = elements.get(key);
      if (!element) {
        element = doc.createElement('div');
        element.className = 'preview-section';
        elements.set(key, element);
        // In a long document, a section waits from the first screenful on when it opens, and
        // later (an edit made a new section) when the section before it waits.
        const waits = opening ? index >= RENDERED_FIRST : !!before && !!lazy?.waiting.has(before);
        if (lazy && waits) lazy.waiting.set(element, '');
      }
      before = element;
      if (element === cursor) cursor = cursor.nextSibling;
      else host.insertBefore(element, cursor);
    }
    state.keys = sections.map((section) => section.key);
  }
  const updated: HTMLElement[] = [];
  // The sections that are the same objects as last time, at the start and at the end, are as
  // they were synced (element, HTML or placeholder): an edit touches the ones in between only.
  const before = state.synced;
  state.synced = sections;
  let from = 0;
  while (from < sections.length && from < before.length && sections[from] === before[from]) {
    from += 1;
  }
  let to = sections.length;
  for (
    let old = before.length;
    to > from && old > from && sections[to - 1] === before[old - 1];
    to -= 1, old -= 1
  );
  for (let index = from; index < to; index++) {
    const section = sections[index]!;
    const element = elements.get(section.key);
    if (!element) continue;
    if (lazy) {
      lazy.latest.set(section.key, section);
      if (lazy.waiting.has(element)) {
        makeWaiting(state, lazy, section.key, element, section.text);
        continue;
      }
    }
    const { html } = section;
    if (shown.get(element) === html) continue;
    writeHtml(state, element, html);
    updated.push(element);
  }
  return { updated, removed };
}
