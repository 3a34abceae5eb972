/**
 * Large templates (thousands of sections): the form mounts only the sections near the viewport.
 * A parent's sections stand in pages of PAGE_SIZE, and the pages in chapters of CHAPTER_PAGES;
 * a chapter far from the view is one placeholder of about its height holding its sections'
 * titles, which becomes its pages when it comes near; a page not yet mounted is one placeholder
 * (one element and one observed target for PAGE_SIZE sections, and a chapter's for 128, so ten
 * thousand sections open as about 80 placeholders), mounted when it comes near (an
 * IntersectionObserver), when a jump needs a section in it (the outline, "Next missing", the
 * preview: `reveal` mounts it at once, so focus can move into it), or when find in page matches
 * one of the section titles it holds. A mounted page stays mounted, and values of sections
 * never mounted stay in the form as they are (nothing is unregistered).
 */
import { createContext, useContext, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createNearViewport, hiddenUntilFound } from '../../components/nearViewport.ts';
import type { Field } from '../../core/model.ts';
import type { Section, SectionNode, Template } from '../../core/template/types.ts';
import { ownFields } from './templateModel.ts';
import './lazySections.css';

/** From this many section nodes on, sections far from the viewport are not mounted. */
export const LAZY_SECTIONS_FROM = 150;
/**
 * Sections per page: a parent's first page is mounted at once, the others when needed. Small,
 * as mounting a page is one task (a section with a rich-text field costs a few ms to mount).
 */
const PAGE_SIZE = 8;
/**
 * Pages per chapter: a long list's pages far from the view stand as one placeholder per
 * chapter, which becomes its pages' placeholders when it comes near (or when a jump or find in
 * page needs a section in it). 10,000 sections then open as about 80 placeholders, not 1,250:
 * each placeholder is an element to lay out and a target the IntersectionObserver computes at
 * every frame, a keystroke's too.
 */
const CHAPTER_PAGES = 16;

export interface LazySections {
  /** Each section id's position in document order (sections and repeats of the template). */
  orderOf: ReadonlyMap<string, number>;
  /** Mounts the sections with these ids, and the sections holding them, now (synchronously). */
  reveal: (sectionIds: Iterable<string>) => void;
  register: (sectionId: string, show: () => void) => () => void;
  observe: (element: Element, show: () => void) => () => void;
  /**
   * Mounts pages that came near one per task (a scroll or the open brings several near at
   * once: mounted together they made one long task that held the next keystroke).
   */
  soon: (show: () => void) => void;
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
    const near = createNearViewport();
    const queue: (() => void)[] = [];
    const next = () => {
      queue.shift()?.();
      if (queue.length > 0) setTimeout(next, 0);
    };
    const { orderOf, parentOf } = indexSections(template.root);
    const lazy: LazySections = {
      orderOf,
      reveal(sectionIds) {
        for (const id of sectionIds) {
          // The section and those holding it, outermost first: each one mounts the next. A
          // chapter shown stands as pages, one of which then holds the section: shown in turn.
          const chain: string[] = [];
          for (let at: string | null | undefined = id; at; at = parentOf.get(at)) chain.unshift(at);
          for (const link of chain) {
            for (let show = shows.get(link), turns = 0; show && turns < 3; turns++) {
              flushSync(show);
              const next = shows.get(link);
              if (next === show) break;
              show = next;
            }
          }
        }
      },
      register(sectionId, show) {
        shows.set(sectionId, show);
        return () => {
          if (shows.get(sectionId) === show) shows.delete(sectionId);
        };
      },
      observe: (element, show) => near.observe(element, show),
      soon(show) {
        queue.push(show);
        if (queue.length === 1) setTimeout(next, 0);
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

/** About the height a section takes: a heading, then a field's label and box each (rem). */
function estimatedHeight(node: SectionNode): number {
  return 3.5 + 5.5 * Math.max(1, fieldCount(node));
}

/**
 * A parent's sections, each drawn by `render`. In a large template they stand in pages, and
 * only the first page is mounted at once; `titleOf` gives the text a page's placeholder holds
 * for find in page.
 */
export function LazySectionList({
  nodes,
  render,
  titleOf,
}: {
  nodes: readonly SectionNode[];
  render: (node: SectionNode) => ReactNode;
  titleOf: (node: SectionNode) => string;
}) {
  const lazy = useContext(LazySectionsContext);
  // The same page and chapter arrays from render to render, so a placeholder is not set up
  // again.
  const chapters = useMemo(() => {
    const pages: SectionNode[][] = [];
    for (let at = 0; at < nodes.length; at += PAGE_SIZE)
      pages.push(nodes.slice(at, at + PAGE_SIZE));
    const out: SectionNode[][][] = [];
    for (let at = 0; at < pages.length; at += CHAPTER_PAGES) {
      out.push(pages.slice(at, at + CHAPTER_PAGES));
    }
    return out;
  }, [nodes]);
  if (!lazy || nodes.length <= PAGE_SIZE) return <>{nodes.map(render)}</>;
  return (
    <>
      {chapters.map((pages, index) => (
        <LazyChapter
          key={pages[0]?.[0]?.id}
          lazy={lazy}
          first={index === 0}
          pages={pages}
          render={render}
          titleOf={titleOf}
        />
      ))}
    </>
  );
}

/** A chapter's pages, or while it is far from the view one placeholder for them all. */
function LazyChapter({
  lazy,
  first,
  pages,
  render,
  titleOf,
}: {
  lazy: LazySections;
  first: boolean;
  pages: readonly (readonly SectionNode[])[];
  render: (node: SectionNode) => ReactNode;
  titleOf: (node: SectionNode) => string;
}) {
  const nodes = useMemo(() => pages.flat(), [pages]);
  const [shown, setShown] = useState(first || pages.length === 1);
  const placeholder = usePlaceholder(lazy, shown, nodes, setShown, titleOf);
  if (shown) {
    return (
      <>
        {pages.map((page, index) => (
          <LazyPage
            key={page[0]?.id}
            lazy={lazy}
            first={first && index === 0}
            nodes={page}
            render={render}
            titleOf={titleOf}
          />
        ))}
      </>
    );
  }
  return placeholder;
}

/**
 * The placeholder (while `shown` is false) standing for `nodes`, their titles as its text and
 * their estimated height as its own: shown when it comes near the view (one per task, see
 * `soon`), when a jump needs one of its sections, or when find in page matches its text.
 */
function usePlaceholder(
  lazy: LazySections,
  shown: boolean,
  nodes: readonly SectionNode[],
  /** The placeholder's state setter (the same function from render to render). */
  setShown: (shown: boolean) => void,
  titleOf: (node: SectionNode) => string,
): ReactNode {
  const placeholder = useRef<HTMLDivElement>(null);
  // A layout effect: a reveal mounts a page, then at once the pages inside its sections.
  useLayoutEffect(() => {
    const element = placeholder.current;
    if (shown || !element) return undefined;
    const showNow = () => setShown(true);
    const unregister = nodes.map((node) => lazy.register(node.id, showNow));
    const unobserve = lazy.observe(element, () => lazy.soon(showNow));
    const unfind = hiddenUntilFound(element, () => flushSync(showNow));
    return () => {
      for (const undo of unregister) undo();
      unobserve();
      unfind();
    };
  }, [lazy, shown, nodes, setShown]);
  const height = useMemo(
    () => nodes.reduce((sum, node) => sum + estimatedHeight(node), 0),
    [nodes],
  );
  if (shown) return null;
  return (
    <div
      ref={placeholder}
      className="section-placeholder"
      data-lazy-sections={nodes.length}
      style={{ minHeight: `${height}rem` }}
    >
      {nodes.map(titleOf).join('\n')}
    </div>
  );
}

function LazyPage({
  lazy,
  first,
  nodes,
  render,
  titleOf,
}: {
  lazy: LazySections;
  first: boolean;
  nodes: readonly SectionNode[];
  render: (node: SectionNode) => ReactNode;
  titleOf: (node: SectionNode) => string;
}) {
  const [shown, setShown] = useState(first);
  const placeholder = usePlaceholder(lazy, shown, nodes, setShown, titleOf);
  if (shown) return <>{nodes.map(render)}</>;
  return placeholder;
}
