import { createNearViewport, RENDER_NOW_EVENT } from '../../components/nearViewport.ts';
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
  /** Each placeholder's key: the host's listeners find from an event's target what to render. */
  keyOf: WeakMap<Element, string>;
  /**
   * Placeholders are watched in runs of about RUN_EM of estimated height: the run's first
   * element is observed, and its coming near renders the run (one observed target per run, not
   * per section: the browser computes every target's intersection at each frame, and a long
   * document's thousands of targets cost each keystroke milliseconds).
   */
  runs: WeakMap<Element, HTMLElement[]>;
  unobserve: WeakMap<Element, () => void>;
  /** The run this sync is adding placeholders to (the one just before), and its height in em. */
  building: { members: HTMLElement[]; height: number } | null;
}

/**
 * A run's height (em of estimated placeholder height). It stays below the near-view margin, so
 * wherever the view is, the first element of each run in it is within the margin: 80 em is
 * 1,280 px at 16 px, 1,920 at 24 px, under PREVIEW_MARGIN. Longer runs are fewer observed
 * elements (a 10,000-section document: ~350, was ~700 with runs of 40 em under a 1,200 px
 * margin), each computed by the browser at every frame a keystroke makes.
 */
const RUN_EM = 80;
/** How far beyond the view a waiting run is rendered (see RUN_EM). */
const PREVIEW_MARGIN = '2400px 0px';

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
  lazy.waiting.delete(element);
  element.removeAttribute('hidden');
  element.classList.remove('preview-section-pending');
  element.style.removeProperty('min-height');
  writeHtml(state, element, section.html);
  return true;
}

function renderLate(state: SectionElements, element: HTMLElement): void {
  const key = state.lazy?.keyOf.get(element);
  if (key !== undefined && renderWaiting(state, key, element)) state.onLateRender?.(element);
}

function watchRun(state: SectionElements, lazy: LazyRendering, members: HTMLElement[]): void {
  const head = members[0];
  if (!head) return;
  lazy.runs.set(head, members);
  lazy.unobserve.set(
    head,
    lazy.near.observe(head, () => {
      lazy.runs.delete(head);
      lazy.unobserve.delete(head);
      for (const member of members) renderLate(state, member);
    }),
  );
}

/** A placeholder taken out: when it heads a run, the run's other placeholders get a new head. */
function releaseWaiting(state: SectionElements, lazy: LazyRendering, element: HTMLElement): void {
  lazy.waiting.delete(element);
  const members = lazy.runs.get(element);
  if (!members) return;
  lazy.runs.delete(element);
  lazy.unobserve.get(element)?.();
  lazy.unobserve.delete(element);
  watchRun(
    state,
    lazy,
    members.filter((m) => m !== element && lazy.waiting.has(m)),
  );
}

function startLazy(state: SectionElements): LazyRendering {
  const lazy: LazyRendering = {
    near: createNearViewport(PREVIEW_MARGIN),
    waiting: new WeakMap(),
    latest: new Map(),
    keyOf: new WeakMap(),
    runs: new WeakMap(),
    unobserve: new WeakMap(),
    building: null,
  };
  // Find in page (`beforematch`, fired on the placeholder holding the match) and a jump to a
  // section (RENDER_NOW_EVENT on its placeholder, which does not bubble: heard while capturing).
  const onEvent = (event: Event) => {
    if (event.target instanceof HTMLElement && event.target.parentNode === state.host) {
      renderLate(state, event.target);
    }
  };
  state.host.addEventListener('beforematch', onEvent);
  state.host.addEventListener(RENDER_NOW_EVENT, onEvent, { capture: true });
  return lazy;
}

function makeWaiting(
  state: SectionElements,
  lazy: LazyRendering,
  key: string,
  element: HTMLElement,
  text: string,
): void {
  const fresh = !lazy.keyOf.has(element);
  if (!fresh && lazy.waiting.get(element) === text) {
    lazy.building = null;
    return;
  }
  if (fresh) {
    lazy.keyOf.set(element, key);
    element.classList.add('preview-section-pending');
    // Not laid out, yet searched by find in page (see nearViewport.ts, hiddenUntilFound).
    element.setAttribute('hidden', 'until-found');
  }
  lazy.waiting.set(element, text);
  state.shown.delete(element);
  element.textContent = text;
  const height = estimatedHeight(text);
  element.style.minHeight = `${height.toFixed(1)}em`;
  if (!fresh) {
    lazy.building = null;
    return;
  }
  const run = lazy.building;
  if (run && run.height + height <= RUN_EM) {
    run.members.push(element);
    run.height += height;
    return;
  }
  const members = [element];
  watchRun(state, lazy, members);
  lazy.building = { members, height };
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
  /**
   * The sections are the start of a long document being opened a part at a time: it is long
   * (sections after the first screenful wait), and sections added at its end are still opening.
   */
  opening = false,
): { updated: HTMLElement[]; removed: HTMLElement[] } {
  const { host, elements, shown } = state;
  const removed: HTMLElement[] = [];
  if (
    !state.lazy &&
    (sections.length >= LAZY_FROM || opening) &&
    typeof IntersectionObserver !== 'undefined'
  ) {
    state.lazy = startLazy(state);
  }
  const lazy = state.lazy;
  if (!sameKeys(state.keys, sections)) {
    const wanted = new Set(sections.map((section) => section.key));
    for (const [key, element] of elements) {
      if (wanted.has(key)) continue;
      element.remove();
      elements.delete(key);
      lazy?.latest.delete(key);
      if (lazy) releaseWaiting(state, lazy, element);
      removed.push(element);
    }
    const doc = host.ownerDocument;
    const first = state.keys.length === 0;
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
        const waits =
          first || (opening && index >= state.keys.length)
            ? index >= RENDERED_FIRST
            : !!before && !!lazy?.waiting.has(before);
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
  if (lazy) lazy.building = null;
  for (let index = from; index < to; index++) {
    const section = sections[index]!;
    const element = elements.get(section.key);
    if (!element) continue;
    if (lazy) {
      lazy.latest.set(section.key, section);
      if (lazy.waiting.has(element)) {
        // Consecutive new placeholders join one run (they stand next to each other).
        makeWaiting(state, lazy, section.key, element, section.text);
        continue;
      }
      lazy.building = null;
    }
    const { html } = section;
    if (shown.get(element) === html) continue;
    writeHtml(state, element, html);
    updated.push(element);
  }
  return { updated, removed };
}
