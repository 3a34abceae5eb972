import type { RenderedSection } from './sectionRenderer.ts';

/**
 * Puts each section's HTML into its element, touching only elements whose HTML changed.
 * `shown` remembers what each element holds. Returns how many elements were updated.
 * The HTML comes from the section renderer, so it is already sanitized.
 */
export function applySectionHtml(
  elements: ReadonlyMap<string, Element>,
  shown: WeakMap<Element, string>,
  sections: readonly RenderedSection[],
): number {
  let updated = 0;
  for (const { key, html } of sections) {
    const element = elements.get(key);
    if (!element || shown.get(element) === html) continue;
    element.innerHTML = html;
    shown.set(element, html);
    updated += 1;
  }
  return updated;
}
