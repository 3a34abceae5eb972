/**
 * Large templates (thousands of sections): the form mounts only the top-level sections near the
 * viewport. The others stand as empty placeholders of about their height until they come near
 * (an IntersectionObserver) or a jump needs them (the outline, "Next missing", the preview):
 * `reveal` mounts a section at once, so focus can move into it. A mounted section stays mounted,
 * and values of sections never mounted stay in the form as they are (nothing is unregistered).
 */
import { createContext, useContext, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { Field } from '../../core/model.ts';
import type { Section, SectionNode, Template } from '../../core/template/types.ts';
import { ownFields } from './templateModel.ts';
import './lazySections.css';

/** From this many section nodes on, sections far from the viewport are not mounted. */
export const LAZY_SECTIONS_FROM = 150;
/** Sections mounted at once under each parent, before anything is measured. */
const FIRST_MOUNTED = 12;
/** How far beyond the viewport a placeholder is mounted (before it is seen). */
const MARGIN = '1200px 0px';

export interface LazySections {
  /** Each section id's position in document order (sections and repeats of the template). */
  orderOf: ReadonlyMap<string, number>;
  /** Mounts the sections with these ids, and the sections holding them, now (synchronously). */
  reveal: (sectionIds: Iterable<string>) => void;
  register: (sectionId: string, show: () => void) => () => void;
  observe: (element: Element, sectionId: string) => () => void;
}

const LazySectionsContext = createContext<LazySections | null>(null);

function countNodes(node: SectionNode): number {
  return node.type === 'group'
    ? 1
    : 1 + node.children.reduce((n, child) => n + countNodes(child), 0);
}

/** Whether a template is large enough for its sections to be mounted on demand. */
export function isLargeTemplate(template: Template): boolean {
  return countNodes(template.root) >= LAZY_SECTIONS_FROM;
}

function indexSections(root: Section) {
  const orderOf = new Map<string, number>();
  const parentOf = new Map<string, string | null>();
  const visit = (node: SectionNode, parent: string | null) => {
    orderOf.set(node.id, orderOf.size);
    parentOf.set(node.id, parent);
    if (node.type === 'section') for (const child of node.children) visit(child, node.id);
  };
  for (const child of root.children) visit(child, null);
  return { orderOf, parentOf };
}

/** The lazy-mounting state of one form; null when the template is small (all mounted). */
export function useLazySections(template: Template): LazySections | null {
  const [state] = useState(() => {
    if (!isLargeTemplate(template)) return null;
    const shows = new Map<string, () => void>();
    const targets = new Map<Element, string>();
    let observer: IntersectionObserver | null = null;
    const { orderOf, parentOf } = indexSections(template.root);
    const lazy: LazySections = {
      orderOf,
      reveal(sectionIds) {
        for (const id of sectionIds) {
          // The section and those holding it, outermost first: each one mounts the next.
          const chain: string[] = [];
          for (let at: string | null | undefined = id; at; at = parentOf.get(at)) chain.unshift(at);
          for (const link of chain) {
            const show = shows.get(link);
            if (show) flushSync(show);
          }
        }
      },
      register(sectionId, show) {
        shows.set(sectionId, show);
        return () => {
          if (shows.get(sectionId) === show) shows.delete(sectionId);
        };
      },
      observe(element, sectionId) {
        if (typeof IntersectionObserver === 'undefined') {
          shows.get(sectionId)?.();
          return () => {};
        }
        observer ??= new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (!entry.isIntersecting) continue;
              const at = targets.get(entry.target);
              if (at !== undefined) shows.get(at)?.();
            }
          },
          { rootMargin: MARGIN },
        );
        targets.set(element, sectionId);
        observer.observe(element);
        return () => {
          targets.delete(element);
          observer?.unobserve(element);
        };
      },
    };
    return lazy;
  });
  return state;
}

export function LazySectionsProvider({
  value,
  children,
}: {
  value: LazySections | null;
  children: ReactNode;
}) {
  return <LazySectionsContext.Provider value={value}>{children}</LazySectionsContext.Provider>;
}

function fieldCount(node: SectionNode): number {
  if (node.type === 'group') return 1 + node.field.fields.length;
  const own: Field[] = ownFields(node);
  return own.length + node.children.reduce((n, child) => n + fieldCount(child), 0);
}

/**
 * A section of a large template: a placeholder of about its height until it comes near the
 * viewport or is revealed; then the section itself, for good. `index` is its place among its
 * siblings (the first few are mounted at once).
 */
export function LazySection({
  index,
  node,
  children,
}: {
  index: number;
  node: SectionNode;
  children: ReactNode;
}) {
  const lazy = useContext(LazySectionsContext);
  const [shown, setShown] = useState(() => !lazy || index < FIRST_MOUNTED);
  const placeholder = useRef<HTMLDivElement>(null);
  // A layout effect: a reveal mounts a section, then at once the section inside it.
  useLayoutEffect(() => {
    if (!lazy || shown) return undefined;
    const unregister = lazy.register(node.id, () => setShown(true));
    const element = placeholder.current;
    const unobserve = element ? lazy.observe(element, node.id) : () => {};
    return () => {
      unregister();
      unobserve();
    };
  }, [lazy, shown, node.id]);
  if (shown) return <>{children}</>;
  // About the height the section takes: a heading, then a field's label and box each.
  const height = 3.5 + 5.5 * Math.max(1, fieldCount(node));
  return (
    <div
      ref={placeholder}
      className="section-placeholder"
      data-lazy-section={node.id}
      style={{ minHeight: `${height}rem` }}
      aria-hidden="true"
    />
  );
}
