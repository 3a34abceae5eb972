import type { Lexer, Links } from 'marked';
import { lexBlocks, normalizeNewlines, renderTokens } from './markdownEngine.ts';
import type { MarkedOutput } from './markdownEngine.ts';
import { leavesParserClean, sanitizeHtml } from './sanitize.ts';
import { scanSectionStarts } from './scanSections.ts';

/**
 * Incremental rendering: the document is cut into top-level sections at heading lines and at
 * blocks that follow a blank line (a paragraph, a list, a table, a quote, a fence), and only
 * sections whose text (or whose link definitions) changed are rendered again, so a keystroke in
 * a long answer renders its own paragraph. The concatenated sections' HTML is exactly
 * `renderMarkdown(md)`:
 *
 * - a cut is only made where marked's lexer, run over the section plus the next line, ends with
 *   that line as a token of its own (an unclosed fence, comment or HTML block would swallow it, a
 *   list or an indented block would continue with it); marked looks no further ahead than that
 *   line, except for definitions whose title could span it, which the scan excludes; a full lex
 *   of the rest of the document proposes the cuts when the quick check fails;
 * - link reference definitions are collected from every section and given to each one, so
 *   `[x][ref]` resolves wherever `[ref]: …` is; a section is re-rendered when a definition whose
 *   label occurs in it changes;
 * - raw HTML that leaves an element open (say `<details>` closed two sections later) would be
 *   parsed differently on its own: such sections are sanitized together as one.
 */

export interface RenderedSection {
  /** Stable across edits of the section's text: use it as the React key. */
  key: string;
  /** The section's Markdown. */
  text: string;
  /**
   * Sanitized HTML, made when first read: a long document's sections off screen are not
   * rendered until they come near (see sectionDom.ts). Read it before the next `render`.
   */
  readonly html: string;
}

export interface SectionRender {
  sections: RenderedSection[];
}

export interface SectionRenderer {
  render(md: string): SectionRender;
}

/** A run of HTML-unbalanced sections is probed this many times before it takes the rest. */
const MAX_DIRTY_GROUP = 8;

interface Entry {
  text: string;
  /** The section starts the document (only there can front matter be). */
  atStart: boolean;
  /** Verification by the line that follows ('' = end of document). */
  next: Map<string, boolean>;
  /** The section's own link definitions (first one of a label wins). */
  defs?: Links;
  /** Block-lexed (by verification, when it ended at a heading), waiting for inline lexing. */
  pending?: Lexer;
  /** Lowercased, whitespace-collapsed text, to see which definition labels occur in it. */
  folded?: string;
  linkFingerprint?: string;
  linkSignature?: string;
  marked?: MarkedOutput;
  markedSignature?: string;
  html?: string;
  clean?: boolean;
}

interface Chunk {
  start: number;
  end: number;
}

function firstLine(doc: string, start: number): string {
  const newline = doc.indexOf('\n', start);
  return newline === -1 ? doc.slice(start) : doc.slice(start, newline + 1);
}

export function createSectionRenderer(): SectionRenderer {
  let cache = new Map<string, Entry>();
  let mergeHints = new Map<string, number>();
  let probes = new Map<string, boolean>();
  let groupHtml = new Map<string, string>();
  let previous: { text: string; key: string }[] = [];
  let nextKey = 0;

  function render(md: string): SectionRender {
    const doc = normalizeNewlines(md);
    if (doc === '') {
      previous = [];
      return { sections: [] };
    }
    const touched = new Map<string, Entry>();
    const hintsUsed = new Map<string, number>();

    /** The section at the document's start is cached apart: only there is front matter read. */
    const entryFor = (text: string, atStart: boolean): Entry => {
      const id = atStart ? `\u0000${text}` : text;
      let entry = touched.get(id) ?? cache.get(id);
      if (!entry) entry = { text, atStart, next: new Map() };
      touched.set(id, entry);
      return entry;
    };

    /**
     * Lexes `text + next` and checks that `next` (the following line) comes out as a token of its
     * own: then the section ends where it does in the whole document, and the following one
     * starts afresh (no block of it is merged into the section's last one). A definition on that
     * line would be counted in the section: such a cut is refused.
     */
    const verify = (entry: Entry, next: string): boolean => {
      const known = entry.next.get(next);
      if (known !== undefined) return known;
      const lexer = lexBlocks(entry.text + next, entry.atStart);
      let ok = true;
      let reusable = true;
      if (next !== '') {
        const last = lexer.tokens.at(-1);
        ok =
          last !== undefined &&
          last.raw === next &&
          (last.type === 'heading' || !next.includes(']:'));
        if (ok && last?.type === 'heading') {
          lexer.tokens.pop();
          const headingTokens = 'tokens' in last ? last.tokens : undefined;
          lexer.inlineQueue = lexer.inlineQueue.filter((item) => item.tokens !== headingTokens);
        } else {
          // Other blocks may hold nested inline work: the section is lexed on its own to render.
          reusable = false;
        }
      }
      entry.next.set(next, ok);
      if (ok) {
        entry.defs ??= { ...lexer.tokens.links };
        if (reusable) entry.pending = lexer;
      }
      return ok;
    };

    // 1. Chunks between candidate heading lines, then sections made of verified runs of chunks.
    const starts = scanSectionStarts(doc);
    const chunks: Chunk[] = [];
    let chunkStart = 0;
    for (const start of starts) {
      chunks.push({ start: chunkStart, end: start });
      chunkStart = start;
    }
    chunks.push({ start: chunkStart, end: doc.length });
    const nextLine = (index: number): string => {
      const chunk = chunks[index];
      return chunk ? firstLine(doc, chunk.start) : '';
    };
    const startOf = (index: number): number => chunks[index]?.start ?? doc.length;

    /** Chunk indexes after `from` where marked's lexer, run to the end, starts a token. */
    const trueBoundaries = (from: number): number[] => {
      const chunkAt = new Map<number, number>();
      for (let index = from + 1; index < chunks.length; index++) chunkAt.set(startOf(index), index);
      const boundaries: number[] = [];
      let offset = startOf(from);
      for (const token of lexBlocks(doc.slice(offset), offset === 0).tokens) {
        if (!doc.startsWith(token.raw, offset)) {
          // A repeated definition is read without a token: find where this one starts. (Only a
          // proposal: each cut is verified.)
          const found = doc.indexOf(token.raw, offset);
          if (found === -1) break;
          offset = found;
        }
        const index = chunkAt.get(offset);
        if (index !== undefined) boundaries.push(index);
        offset += token.raw.length;
      }
      return boundaries;
    };

    const sections: Entry[] = [];
    let index = 0;
    while (index < chunks.length) {
      const chunkText = doc.slice(startOf(index), startOf(index + 1));
      const hint = mergeHints.get(chunkText);
      if (hint !== undefined && index + hint <= chunks.length) {
        const merged = entryFor(doc.slice(startOf(index), startOf(index + hint)), index === 0);
        if (merged.next.get(nextLine(index + hint)) === true) {
          hintsUsed.set(chunkText, hint);
          sections.push(merged);
          index += hint;
          continue;
        }
      }
      const single = entryFor(chunkText, index === 0);
      if (verify(single, nextLine(index + 1))) {
        sections.push(single);
        index += 1;
        continue;
      }
      let end = chunks.length;
      for (const boundary of [...trueBoundaries(index), chunks.length]) {
        const merged = entryFor(doc.slice(startOf(index), startOf(boundary)), index === 0);
        if (verify(merged, nextLine(boundary))) {
          end = boundary;
          sections.push(merged);
          break;
        }
      }
      hintsUsed.set(chunkText, end - index);
      index = end;
    }

    // 2. Link reference definitions of the whole document, the first one of a label winning.
    const links: Links = {};
    for (const section of sections) {
      for (const [label, link] of Object.entries(section.defs ?? {})) {
        if (!(label in links)) links[label] = link;
      }
    }
    const labels = Object.keys(links);
    const fingerprint = labels.length === 0 ? '' : JSON.stringify(links);

    // 3. marked's HTML of each section, redone when its text or the definitions it uses changed.
    // A section without `<` holds no raw HTML, so it is rendered when its HTML is first read;
    // the others are rendered now (step 4 groups them by how they leave the HTML parser).
    const renderSection = (section: Entry): MarkedOutput => {
      if (section.marked && section.markedSignature === section.linkSignature) {
        section.pending = undefined;
        return section.marked;
      }
      // Tokens are consumed by rendering: a section rendered before is lexed again. On its own
      // it lexes as it did before its following line (verification checked that line's token).
      const lexer = section.pending ?? lexBlocks(section.text, section.atStart);
      section.pending = undefined;
      section.marked = renderTokens(lexer, links);
      section.markedSignature = section.linkSignature;
      section.html = undefined;
      section.clean = undefined;
      return section.marked;
    };
    sections.forEach((section) => {
      if (section.linkFingerprint !== fingerprint) {
        section.linkFingerprint = fingerprint;
        if (labels.length === 0) {
          section.linkSignature = '';
        } else {
          section.folded ??= section.text.toLowerCase().replace(/\s+/g, ' ');
          const folded = section.folded;
          section.linkSignature = JSON.stringify(
            labels.filter((label) => folded.includes(label)).map((label) => [label, links[label]]),
          );
        }
      }
      if (section.text.includes('<')) renderSection(section);
    });

    // 4. Sanitize; sections whose raw HTML leaves the parser in another state go together.
    const nextProbes = new Map<string, boolean>();
    const probe = (html: string): boolean => {
      const known = probes.get(html) ?? nextProbes.get(html);
      const clean = known ?? leavesParserClean(html);
      nextProbes.set(html, clean);
      return clean;
    };
    const nextGroupHtml = new Map<string, string>();
    const groups: { text: string; html: () => string }[] = [];
    for (let first = 0; first < sections.length;) {
      const section = sections[first];
      if (!section) break;
      if (!section.text.includes('<')) {
        // No raw HTML: rendered and sanitized when read.
        groups.push({
          text: section.text,
          html: () => {
            const { html } = renderSection(section);
            return (section.html ??= sanitizeHtml(html));
          },
        });
        first += 1;
        continue;
      }
      if (!section.marked) throw new Error('Section without HTML.');
      if (
        !section.marked.hasRawHtml ||
        (section.clean ??= leavesParserClean(section.marked.html))
      ) {
        const html = (section.html ??= sanitizeHtml(section.marked.html));
        groups.push({ text: section.text, html: () => html });
        first += 1;
        continue;
      }
      let last = first + 1;
      let combined = section.marked.html;
      for (; last < sections.length; last++) {
        const member = sections[last];
        combined += member ? renderSection(member).html : '';
        if (last - first >= MAX_DIRTY_GROUP) continue;
        if (probe(combined)) {
          last += 1;
          break;
        }
      }
      const html = groupHtml.get(combined) ?? nextGroupHtml.get(combined) ?? sanitizeHtml(combined);
      nextGroupHtml.set(combined, html);
      groups.push({
        text: sections
          .slice(first, last)
          .map((member) => member.text)
          .join(''),
        html: () => html,
      });
      first = last;
    }

    cache = touched;
    mergeHints = hintsUsed;
    probes = nextProbes;
    groupHtml = nextGroupHtml;

    // 5. Keys: an unchanged section keeps its key; an edited one inherits its place's key.
    const unused = new Map<string, string[]>();
    const oldIndex = new Map<string, number>();
    previous.forEach(({ text, key }, position) => {
      oldIndex.set(key, position);
      const list = unused.get(text);
      if (list) list.push(key);
      else unused.set(text, [key]);
    });
    const keys: (string | undefined)[] = groups.map(({ text }) => unused.get(text)?.shift());
    const taken = new Set(keys.filter((key): key is string => key !== undefined));
    keys.forEach((key, position) => {
      if (key !== undefined) return;
      const before = position === 0 ? -1 : oldIndex.get(keys[position - 1] ?? '');
      const candidate = before === undefined ? undefined : previous[before + 1]?.key;
      if (candidate !== undefined && !taken.has(candidate)) {
        keys[position] = candidate;
      } else {
        keys[position] = `section-${nextKey++}`;
      }
      taken.add(keys[position] ?? '');
    });
    previous = groups.map(({ text }, position) => ({ text, key: keys[position] ?? '' }));
    return {
      sections: groups.map(({ text, html }, position) => ({
        key: keys[position] ?? '',
        text,
        get html() {
          return html();
        },
      })),
    };
  }

  return { render };
}
