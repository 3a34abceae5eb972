/**
 * Long lists (a large template's form sections, its outline, its preview) mount or render only
 * what is near the view: the rest stands as placeholders of about its height, each watched by one
 * shared IntersectionObserver. The margin applies to the viewport and to every scrolling box on
 * the way (`scrollMargin`), so a placeholder in the outline's or the preview's own scroller is
 * mounted before it is seen there too.
 *
 * Placeholders are `hidden="until-found"`: not laid out or painted, yet the browser's find in
 * page searches the text they hold (titles, a section's Markdown) and, on a match, fires
 * `beforematch` on them, which mounts them (`whenFound`).
 */

/** How far beyond the view a placeholder is mounted (before it is seen). */
export const NEAR_MARGIN = '1200px 0px';

export interface NearViewport {
  /** Calls `onNear` once, when the element comes within the margin of the view. */
  observe(element: Element, onNear: () => void): () => void;
}

export function createNearViewport(margin = NEAR_MARGIN): NearViewport {
  const callbacks = new Map<Element, () => void>();
  let observer: IntersectionObserver | null = null;
  return {
    observe(element, onNear) {
      if (typeof IntersectionObserver === 'undefined') {
        onNear();
        return () => {};
      }
      observer ??= new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            const callback = callbacks.get(entry.target);
            if (!callback) continue;
            callbacks.delete(entry.target);
            observer?.unobserve(entry.target);
            callback();
          }
        },
        // `scrollMargin` (Chromium 120+) widens each scroller's clip; others ignore it.
        { rootMargin: margin, scrollMargin: margin },
      );
      callbacks.set(element, onNear);
      observer.observe(element);
      return () => {
        if (callbacks.get(element) === onNear) callbacks.delete(element);
        observer?.unobserve(element);
      };
    },
  };
}

/**
 * Makes `element` a placeholder that find in page can open: `hidden="until-found"`, and
 * `onFound` when the browser finds text in it (before it shows the match). Returns the undo.
 */
export function hiddenUntilFound(element: HTMLElement, onFound: () => void): () => void {
  element.setAttribute('hidden', 'until-found');
  element.addEventListener('beforematch', onFound);
  return () => element.removeEventListener('beforematch', onFound);
}

/**
 * Dispatched on a placeholder to mount or render it now (a jump to what it holds). The preview's
 * waiting sections answer it (features/preview/sectionDom.ts); the editor sends it when it
 * scrolls the preview to a section (features do not import each other: this is their contract).
 */
export const RENDER_NOW_EVENT = 'render-now';
