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
  /** Each placeholder's run (see `Run`). */
  runOf: WeakMap<Element, Run>;
  /** Each placeholder's estimated height, in em. */
  heights: WeakMap<Element, number>;
  /** The run this sync is adding placeholders to (the one just before), and its height in em. */
  building: { run: Run; height: number } | null;
  /** Runs whose head is brought up to date at the end of this sync (see `updateHead`). */
  stale: Set<Run>;
}

/**
 * Consecutive placeholders, of about RUN_EM of estimated height together. Only the first still
 * waiting, the head, has a box: it is as tall as the whole run and holds the run's text (so find
 * in page searches all of it); the others are not displayed. A box per placeholder made the
 * browser's paint and hit-test walks grow with the document: a 10,000-section document had
 * 12,000 boxes, each a paint container (`hidden="until-found"`), and a keystroke cost 70 ms of
 * pre-paint. The head is the one observed element: its coming near, a match of find in page in
 * it, renders the whole run.
 */
interface Run {
  members: HTMLElement[];
  head: HTMLElement | null;
  unobserve: (() => void) | null;
}

/**
 * A run's estimated height (em). Its head stands for all of it (one box, one observed element),
 * so the run is rendered as soon as any part of it comes near; the height bounds how much is
 * rendered at once. A 10,000-section document has about 350 runs.
 */
const RUN_EM = 80;
/** How far beyond the view a waiting run is rendered. */
const PREVIEW_MARGIN = '1200px 0px';

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

/** The run's head: its first waiting member, as tall as the waiting members, holding their text. */
function updateHead(state: SectionElements, lazy: LazyRendering, run: Run): void {
  const waiting = run.members.filter((m) => lazy.waiting.has(m));
  const head = waiting[0] ?? null;
  if (run.head && run.head !== head) {
    run.head.classList.remove('preview-run-head');
    run.unobserve?.();
    run.unobserve = null;
  }
  if (run.head !== head) {
    run.head = head;
    if (head) {
      head.classList.add('preview-run-head');
      run.unobserve = lazy.near.observe(head, () => {
        run.unobserve = null;
        renderRun(state, run);
      });
    }
  }
  if (!head) return;
  let height = 0;
  for (const member of waiting) height += lazy.heights.get(member) ?? 0;
  head.style.minHeight = `${height.toFixed(1)}em`;
  head.textContent = waiting.map((m) => lazy.waiting.get(m) ?? '').join('\n\n');
}

/** Renders every placeholder of a run (it came near, or find in page matched its text). */
function renderRun(state: SectionElements, run: Run): void {
  const members = run.members.slice();
  run.members = [];
  run.unobserve?.();
  run.unobserve = null;
  run.head?.classList.remove('preview-run-head');
  run.head = null;
  for (const member of members) renderLate(state, member);
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
  element.classList.remove('preview-section-pending', 'preview-run-head');
  element.style.removeProperty('min-height');
  writeHtml(state, element, section.html);
  const run = lazy.runOf.get(element);
  lazy.runOf.delete(element);
  const at = run ? run.members.indexOf(element) : -1;
  if (run && at !== -1) {
    // Rendered alone (a jump to it): the run splits around it, so each part's head stands where
    // its sections are, before and after it.
    const after: Run = { members: run.members.slice(at + 1), head: null, unobserve: null };
    run.members = run.members.slice(0, at);
    for (const member of after.members) lazy.runOf.set(member, after);
    updateHead(state, lazy, run);
    updateHead(state, lazy, after);
  }
  return true;
}

function renderLate(state: SectionElements, element: HTMLElement): void {
  const key = state.lazy?.keyOf.get(element);
  if (key !== undefined && renderWaiting(state, key, element)) state.onLateRender?.(element);
}

/** A placeholder taken out: its run goes on without it. */
function releaseWaiting(state: SectionElements, lazy: LazyRendering, element: HTMLElement): void {
  lazy.waiting.delete(element);
  const run = lazy.runOf.get(element);
  lazy.runOf.delete(element);
  if (!run) return;
  run.members = run.members.filter((m) => m !== element);
  if (run.head === element) {
    element.classList.remove('preview-run-head');
    run.unobserve?.();
    run.unobserve = null;
    run.head = null;
  }
  lazy.stale.add(run);
}

function startLazy(state: SectionElements): LazyRendering {
  const lazy: LazyRendering = {
    near: createNearViewport(PREVIEW_MARGIN),
    waiting: new WeakMap(),
    latest: new Map(),
    keyOf: new WeakMap(),
    runOf: new WeakMap(),
    heights: new WeakMap(),
    building: null,
    stale: new Set(),
  };
  // Find in page (`beforematch`, fired on the head holding the match) and a jump to a section
  // (RENDER_NOW_EVENT on the placeholder whose text holds its heading, which does not bubble:
  // heard while capturing).
  const onEvent = (event: Event) => {
    if (!(event.target instanceof HTMLElement) || event.target.parentNode !== state.host) return;
    // The head holds its run's text: a match or a jump found there may be any section of the
    // run, so the whole run is rendered.
    const run = lazy.runOf.get(event.target);
    if (run && run.head === event.target) renderRun(state, run);
    else renderLate(state, event.target);
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
  lazy.heights.set(element, estimatedHeight(text));
  if (!fresh) {
    // Its text changed while it waits: its run's head shows it.
    lazy.building = null;
    const run = lazy.runOf.get(element);
    if (run) lazy.stale.add(run);
    return;
  }
  element.textContent = '';
  const height = lazy.heights.get(element) ?? 0;
  const building = lazy.building;
  if (building && building.height + height <= RUN_EM) {
    building.run.members.push(element);
    building.height += height;
    lazy.runOf.set(element, building.run);
    lazy.stale.add(building.run);
    return;
  }
  const run: Run = { members: [element], head: null, unobserve: null };
  lazy.runOf.set(element, run);
  lazy.stale.add(run);
  lazy.building = { run, height };
}

/** Brings the heads of the runs this sync changed up to date (once each). */
function updateStaleRuns(state: SectionElements, lazy: LazyRendering): void {
  for (const run of lazy.stale) updateHead(state, lazy, run);
  lazy.stale.clear();
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
    /** How many new sections stand in a row up to this one. */
    let newInRow = 0;
    for (const [index, { key }] of sections.entries()) {
      let element = elements.get(key);
      if (!element) {
        element = doc.createElement('div');
        element.className = 'preview-section';
        elements.set(key, element);
        newInRow += 1;
        // In a long document, a section waits from the first screenful on when it opens, and
        // later (an edit made a new section) when the section before it waits, or when it is
        // past the first screenful of many new ones in a row (a long text pasted: rendering
        // all of it made each later keystroke's layout and observers cover all of it).
        const waits =
          first || (opening && index >= state.keys.length)
            ? index >= RENDERED_FIRST
            : (!!before && !!lazy?.waiting.has(before)) || newInRow > RENDERED_FIRST;
        if (lazy && waits) lazy.waiting.set(element, '');
      } else newInRow = 0;
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
  if (lazy) updateStaleRuns(state, lazy);
  return { updated, removed };
}
