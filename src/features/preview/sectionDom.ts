import type { RenderedSection } from './sectionRenderer.ts';

/**
 * The preview's section elements, kept by hand rather than by React: a keystroke touches the
 * element of the section it changed, and a document of 10,000 sections costs no reconciliation
 * of 10,000 elements. The HTML comes from the section renderer, so it is already sanitized.
 */
export interface SectionElements {
  /** The element the sections' elements are children of (and nothing else is). */
  host: Element;
  elements: Map<string, HTMLElement>;
  /** What each element holds. */
  shown: WeakMap<Element, string>;
  /** The keys in the order their elements stand in `host`. */
  keys: readonly string[];
}

export function createSectionElements(host: Element): SectionElements {
  return { host, elements: new Map(), shown: new WeakMap(), keys: [] };
}

function sameKeys(a: readonly string[], b: readonly RenderedSection[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]?.key) return false;
  return true;
}

/**
 * Brings the host's children in line with `sections`: an element per section, in order, each
 * holding its section's HTML. Elements whose section is unchanged are left alone (not moved,
 * not written). Returns the elements whose HTML was replaced and those taken out.
 */
export function syncSections(
  state: SectionElements,
  sections: readonly RenderedSection[],
): { updated: HTMLElement[]; removed: HTMLElement[] } {
  const { host, elements, shown } = state;
  const removed: HTMLElement[] = [];
  if (!sameKeys(state.keys, sections)) {
    const wanted = new Set(sections.map((section) => section.key));
    for (const [key, element] of elements) {
      if (wanted.has(key)) continue;
      element.remove();
      elements.delete(key);
      removed.push(element);
    }
    const doc = host.ownerDocument;
    let cursor = host.firstChild;
    for (const { key } of sections) {
      let element = elements.get(key);
      if (!element) {
        element = doc.createElement('div');
        element.className = 'preview-section';
        elements.set(key, element);
      }
      if (element === cursor) cursor = cursor.nextSibling;
      else host.insertBefore(element, cursor);
    }
    state.keys = sections.map((section) => section.key);
  }
  const updated: HTMLElement[] = [];
  for (const { key, html } of sections) {
    const element = elements.get(key);
    if (!element || shown.get(element) === html) continue;
    element.innerHTML = html;
    shown.set(element, html);
    updated.push(element);
  }
  return { updated, removed };
}
