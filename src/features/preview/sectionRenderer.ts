import type { Lexer, Links } from 'marked';
import { lexBlocks, normalizeNewlines, renderTokens } from './markdownEngine.ts';
import type { MarkedOutput } from './markdownEngine.ts';
import { leavesParserClean, sanitizeHtml } from './sanitize.ts';
import { scanSectionStarts } from './scanSections.ts';
import { LIMITS, longestLine, nestingDepth, previewHazardOf } from '../../core/limits.ts';
import { commonEndOf, commonStartOf, DocText } from '../../core/docText.ts';

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
  /**
   * Why the document is not rendered (see `previewHazard`: over the size limit, nested too
   * deeply, a line too long), found from the sections' own measures; no sections then.
   */
  hazard: string | null;
}

export interface SectionRenderer {
  /**
   * The sections of `md`. Given as a `DocText` (the pieces it was written from), an edit of the
   * last text is found and read through its pieces: a keystroke in a long document reads the
   * lines near it, never the whole document as one string.
   */
  render(md: string | DocText): SectionRender;
}

/**
 * An edit is cut within the lines from the section before it to this far past it (the rest of
 * the document is not read); when the cut runs on past that, within the whole document.
 */
const EDIT_WINDOW = 32 * 1024;

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
  /** How many sections of the last render are this entry (equal texts share one). */
  uses?: number;
}

/** The sections an edit replaced: `removed` of the last render's from `first` on, by `added`. */
interface Edit {
  first: number;
  removed: number;
  added: number;
}

/** The document's link definitions (the first of a label wins), as sections depend on them. */
interface Definitions {
  links: Links;
  labels: string[];
  fingerprint: string;
}

/** What the last `finish` made, for an edit's sections to be finished alone. */
interface Finished extends Definitions {
  sections: Entry[];
  out: RenderedSection[];
  /** Every group is one section (no run of HTML-unbalanced sections sanitized together). */
  single: boolean;
}

/** One section's or one run of sections' text and sanitized HTML (made when first asked). */
interface Group {
  text: string;
  html: () => string;
}

interface Chunk {
  start: number;
  end: number;
}

/** Where the line that starts at `start` ends (after its newline). */
function lineEnd(doc: DocText, start: number): number {
  const newline = doc.indexOf('\n', start);
  return newline === -1 ? doc.length : newline + 1;
}

function firstLine(doc: string, start: number): string {
  const newline = doc.indexOf('\n', start);
  return newline === -1 ? doc.slice(start) : doc.slice(start, newline + 1);
}

/** The index of the first element of the sorted `list` greater than `value`. */
function upperBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The index of the first element of the sorted `list` not less than `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The cache's key of an entry: the section at the document's start is cached apart. */
function cacheId(entry: Entry): string {
  return entry.atStart ? `\u0000${entry.text}` : entry.text;
}

function hasDefs(entry: Entry): boolean {
  if (!entry.defs) return true; // unknown: counted as changing the definitions
  for (const label in entry.defs) if (Object.hasOwn(entry.defs, label)) return true;
  return false;
}

export function createSectionRenderer(): SectionRenderer {
  let cache = new Map<string, Entry>();
  let mergeHints = new Map<string, number>();
  let probes = new Map<string, boolean>();
  let groupHtml = new Map<string, string>();
  let previous: { text: string; key: string }[] = [];
  let nextKey = 0;
  /** The last `finish`: its sections, output and definitions (null after a reset). */
  let finished: Finished | null = null;

  /** The last render's document and sections (each section's text from its start), for edits. */
  let last: { doc: DocText; sections: Entry[]; starts: number[] } | null = null;

  function render(md: string | DocText): SectionRender {
    const given = DocText.of(md);
    const doc = given.includesChar('\r') ? DocText.of(normalizeNewlines(given.toString())) : given;
    if (doc.length === 0) {
      previous = [];
      finished = null;
      last = null;
      return { sections: [], hazard: null };
    }
    if (doc.length > LIMITS.documentChars) {
      last = null;
      return { sections: [], hazard: previewHazardOf(doc.length, 0, 0) };
    }
    const before = last;
    const cut = (before && cutAfterEdit(before, doc)) ?? cutWhole(doc.toString());
    if ('hazard' in cut) return { sections: [], hazard: cut.hazard };
    const { sections, starts } = cut;
    last = { doc, sections, starts };
    const { edit } = cut as { edit?: Edit };
    const quick =
      edit && before && finished?.sections === before.sections
        ? finishEdit(finished, sections, edit)
        : null;
    return { sections: quick ?? finish(sections), hazard: null };
  }

  /**
   * The sections of an edited document: the last render's sections before the edit and after it
   * are kept as they are (their text is not sliced, looked up or scanned again); the lines in
   * between are scanned and cut anew, from the last section that ends before the edit to the
   * first proposed start after it where a section of the last render started. Null when the
   * cut in between does not end there (a fence or an HTML block left open): then the whole
   * document is cut. Nothing here walks the kept sections (a keystroke costs the same in a
   * document of 10 or 10,000 sections), but for copying the lists.
   */
  function cutAfterEdit(
    before: { doc: DocText; sections: Entry[]; starts: number[] },
    doc: DocText,
  ): { sections: Entry[]; starts: number[]; edit: Edit } | { hazard: string } | null {
    const old = before.doc;
    const prefix = commonStartOf(old, doc);
    if (prefix === old.length && prefix === doc.length) {
      return {
        sections: before.sections,
        starts: before.starts,
        edit: { first: before.sections.length, removed: 0, added: 0 },
      };
    }
    const suffix = commonEndOf(old, doc, prefix);
    const editEnd = doc.length - suffix;
    // The last section whose start line lies wholly before the edit: the sections before it
    // and the cut in front of it (verified by that line) stand.
    let first = upperBound(before.starts, prefix) - 1;
    while (first > 0 && lineEnd(old, before.starts[first]!) > prefix) first -= 1;
    if (first < 0) return null;
    const from = before.starts[first]!;
    // The lines read: from the line before `from` (the scan looks back at it) to a line
    // EDIT_WINDOW past the edit; the whole document when it is not much longer.
    if (doc.length > 4 * EDIT_WINDOW) {
      const base = from === 0 ? 0 : doc.lastIndexOf('\n', from - 2) + 1;
      const end = lineEnd(doc, Math.min(doc.length, editEnd + EDIT_WINDOW));
      if (end < doc.length) {
        const cut = cutEditIn(before, doc, doc.slice(base, end), base, first, prefix, suffix);
        if (cut) return cut;
      }
    }
    return cutEditIn(before, doc, doc.toString(), 0, first, prefix, suffix);
  }

  /**
   * `cutAfterEdit` within `text`, the lines of `doc` from `base`: null when the cut does not end
   * within them (it then goes on in the whole document), or (`text` the whole document) when it
   * does not end where the last render's sections resume (a fence or an HTML block left open).
   */
  function cutEditIn(
    before: { doc: DocText; sections: Entry[]; starts: number[] },
    doc: DocText,
    text: string,
    base: number,
    first: number,
    prefix: number,
    suffix: number,
  ): { sections: Entry[]; starts: number[]; edit: Edit } | { hazard: string } | null {
    const old = before.doc;
    const whole = base === 0 && text.length === doc.length;
    const delta = doc.length - old.length;
    const editEnd = doc.length - suffix;
    const from = before.starts[first]!;
    let resume = before.sections.length;
    const proposed = scanSectionStarts(text, {
      from: from - base,
      stop: (local) => {
        const start = local + base;
        if (start < editEnd) return false;
        // A start of the last render after `first`, within the unchanged end of the document.
        const oldStart = start - delta;
        if (oldStart < old.length - suffix) return false;
        const index = lowerBound(before.starts, oldStart);
        if (index <= first || before.starts[index] !== oldStart) return false;
        resume = index;
        return true;
      },
    })
      .map((local) => local + base)
      .filter((start) => start > from);
    const to = resume < before.sections.length ? before.starts[resume]! + delta : doc.length;
    // Within a part of the document: the cut must end there, and the line after it too (it
    // verifies the last section).
    if (!whole && (to >= base + text.length || text.indexOf('\n', to - base) === -1)) return null;
    const inner = proposed.filter((start) => start < to);

    // The hazards (nesting, long lines) of the new lines. The kept sections are within the
    // limits (the last render had no hazard, and both measures are of single lines), so the
    // document's measures are over a limit exactly when the new lines' are.
    const changed = text.slice(from - base, to - base);
    const hazard = previewHazardOf(doc.length, nestingDepth(changed), longestLine(changed));
    if (hazard) return { hazard };

    const middle = cutRange(
      text,
      from - base,
      inner.map((start) => start - base),
      to - base,
      base,
    );
    if (!middle) return null;
    // Entries of the replaced sections that no kept or new section uses leave the cache.
    for (const section of middle.sections) section.uses = (section.uses ?? 0) + 1;
    for (let i = first; i < resume; i++) {
      const section = before.sections[i]!;
      section.uses = (section.uses ?? 1) - 1;
    }
    for (let i = first; i < resume; i++) {
      const section = before.sections[i]!;
      if (section.uses === 0 && cache.get(cacheId(section)) === section) {
        cache.delete(cacheId(section));
      }
    }
    for (const [id, entry] of middle.touched) cache.set(id, entry);
    for (const [text, hint] of middle.hintsUsed) mergeHints.set(text, hint);
    const sections = before.sections.slice(0, first);
    for (const section of middle.sections) sections.push(section);
    for (let i = resume; i < before.sections.length; i++) sections.push(before.sections[i]!);
    const starts = before.starts.slice(0, first);
    for (const start of middle.starts) starts.push(start);
    for (let i = resume; i < before.starts.length; i++) starts.push(before.starts[i]! + delta);
    return {
      sections,
      starts,
      edit: { first, removed: resume - first, added: middle.sections.length },
    };
  }

  function cutWhole(doc: string): { sections: Entry[]; starts: number[] } | { hazard: string } {
    const hazard = previewHazardOf(doc.length, nestingDepth(doc), longestLine(doc));
    if (hazard) return { hazard };
    const whole = cutRange(doc, 0, scanSectionStarts(doc), doc.length);
    if (!whole) throw new Error('The whole document was not cut.');
    for (const entry of whole.touched.values()) entry.uses = 0;
    for (const section of whole.sections) section.uses = (section.uses ?? 0) + 1;
    cache = whole.touched;
    mergeHints = whole.hintsUsed;
    return whole;
  }

  /**
   * Sections of `doc` from `from` to `to` (a verified cut, or the end), made of verified runs of
   * the chunks between the proposed starts. Null when no run ends at `to`. `doc` may be a part
   * of the document that starts at `base` (the offsets in are within it, the starts out are in
   * the document) and holds the line after `to`.
   */
  function cutRange(
    doc: string,
    from: number,
    proposed: readonly number[],
    to: number,
    base = 0,
  ): {
    sections: Entry[];
    starts: number[];
    touched: Map<string, Entry>;
    hintsUsed: Map<string, number>;
  } | null {
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

    // Chunks between the proposed starts, then sections made of verified runs of chunks.
    const chunks: Chunk[] = [];
    let chunkStart = from;
    for (const start of proposed) {
      chunks.push({ start: chunkStart, end: start });
      chunkStart = start;
    }
    chunks.push({ start: chunkStart, end: to });
    const nextLine = (index: number): string => {
      const chunk = chunks[index];
      return chunk ? firstLine(doc, chunk.start) : to < doc.length ? firstLine(doc, to) : '';
    };
    const startOf = (index: number): number => chunks[index]?.start ?? to;

    /** Chunk indexes after `from` where marked's lexer, run to the end, starts a token. */
    const trueBoundaries = (from: number): number[] => {
      const chunkAt = new Map<number, number>();
      for (let index = from + 1; index < chunks.length; index++) chunkAt.set(startOf(index), index);
      const boundaries: number[] = [];
      let offset = startOf(from);
      for (const token of lexBlocks(doc.slice(offset), offset + base === 0).tokens) {
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
    const starts: number[] = [];
    let index = 0;
    while (index < chunks.length) {
      const at = startOf(index);
      const chunkText = doc.slice(at, startOf(index + 1));
      const hint = mergeHints.get(chunkText);
      if (hint !== undefined && index + hint <= chunks.length) {
        const merged = entryFor(doc.slice(at, startOf(index + hint)), at + base === 0);
        if (merged.next.get(nextLine(index + hint)) === true) {
          hintsUsed.set(chunkText, hint);
          sections.push(merged);
          starts.push(at + base);
          index += hint;
          continue;
        }
      }
      const single = entryFor(chunkText, at + base === 0);
      if (verify(single, nextLine(index + 1))) {
        sections.push(single);
        starts.push(at + base);
        index += 1;
        continue;
      }
      let end = -1;
      for (const boundary of [...trueBoundaries(index), chunks.length]) {
        const merged = entryFor(doc.slice(at, startOf(boundary)), at + base === 0);
        if (verify(merged, nextLine(boundary))) {
          end = boundary;
          sections.push(merged);
          starts.push(at + base);
          break;
        }
      }
      // Only the document's end always verifies: a range ending before it may not be cut here.
      if (end === -1) return null;
      hintsUsed.set(chunkText, end - index);
      index = end;
    }
    return { sections, starts, touched, hintsUsed };
  }

  /**
   * marked's HTML of a section, redone when its text or the definitions it uses changed.
   * Tokens are consumed by rendering: a section rendered before is lexed again. On its own it
   * lexes as it did before its following line (verification checked that line's token).
   */
  function renderSection(section: Entry, links: Links): MarkedOutput {
    if (section.marked && section.markedSignature === section.linkSignature) {
      section.pending = undefined;
      return section.marked;
    }
    const lexer = section.pending ?? lexBlocks(section.text, section.atStart);
    section.pending = undefined;
    section.marked = renderTokens(lexer, links);
    section.markedSignature = section.linkSignature;
    section.html = undefined;
    section.clean = undefined;
    return section.marked;
  }

  /** Which of the document's definitions the section uses (its render depends on those). */
  function updateSignature(section: Entry, defs: Definitions): void {
    if (section.linkFingerprint === defs.fingerprint) return;
    section.linkFingerprint = defs.fingerprint;
    if (defs.labels.length === 0) {
      section.linkSignature = '';
      return;
    }
    section.folded ??= section.text.toLowerCase().replace(/\s+/g, ' ');
    const folded = section.folded;
    section.linkSignature = JSON.stringify(
      defs.labels
        .filter((label) => folded.includes(label))
        .map((label) => [label, defs.links[label]]),
    );
  }

  /**
   * A section sanitized on its own: one without `<` holds no raw HTML and is rendered and
   * sanitized when read; one whose raw HTML leaves the HTML parser as it found it, now. Null for
   * raw HTML that leaves an element open (it is sanitized with the sections after it).
   */
  function singleGroup(section: Entry, links: Links): Group | null {
    if (!section.text.includes('<')) {
      return {
        text: section.text,
        html: () => (section.html ??= sanitizeHtml(renderSection(section, links).html)),
      };
    }
    const marked = renderSection(section, links);
    if (!marked.hasRawHtml || (section.clean ??= leavesParserClean(marked.html))) {
      const html = (section.html ??= sanitizeHtml(marked.html));
      return { text: section.text, html: () => html };
    }
    return null;
  }

  function rendered(key: string, { text, html }: Group): RenderedSection {
    return {
      key,
      text,
      get html() {
        return html();
      },
    };
  }

  /**
   * The output of an edit from the last one's, when the edit changed no link definition and its
   * sections are sanitized one by one, as were all of the last render's: the sections outside
   * the edit keep their output (the same objects), the edit's new sections are rendered and
   * keyed from the sections they replaced. Null when the whole output must be made again.
   */
  function finishEdit(last: Finished, sections: Entry[], edit: Edit): RenderedSection[] | null {
    const { first, removed, added } = edit;
    if (!last.single || last.out.length !== last.sections.length) return null;
    for (let i = first; i < first + removed; i++) if (hasDefs(last.sections[i]!)) return null;
    for (let i = first; i < first + added; i++) if (hasDefs(sections[i]!)) return null;
    const groups: Group[] = [];
    for (let i = first; i < first + added; i++) {
      const section = sections[i]!;
      updateSignature(section, last);
      const group = singleGroup(section, last.links);
      if (!group) return null;
      groups.push(group);
    }
    // Keys: a replaced section's key goes to a new section of the same text (its output is
    // kept when it is the same section), else to the new section at its place; the kept
    // sections keep theirs.
    const replaced = last.out.slice(first, first + removed);
    const unused = new Map<string, number[]>();
    const place = new Map<string, number>();
    const free = new Set<string>();
    replaced.forEach(({ text, key }, position) => {
      place.set(key, position);
      free.add(key);
      const list = unused.get(text);
      if (list) list.push(position);
      else unused.set(text, [position]);
    });
    const out = last.out.slice(0, first);
    const keys: (string | undefined)[] = groups.map(({ text }, position) => {
      const from = unused.get(text)?.shift();
      if (from === undefined) return undefined;
      const kept = replaced[from]!;
      free.delete(kept.key);
      if (last.sections[first + from] === sections[first + position]) out[first + position] = kept;
      return kept.key;
    });
    keys.forEach((key, position) => {
      if (key !== undefined) return;
      const before = position === 0 ? -1 : place.get(keys[position - 1] ?? '');
      const candidate = before === undefined ? undefined : replaced[before + 1]?.key;
      if (candidate !== undefined && free.has(candidate)) {
        keys[position] = candidate;
        free.delete(candidate);
      } else {
        keys[position] = `section-${nextKey++}`;
      }
    });
    groups.forEach((group, position) => {
      out[first + position] ??= rendered(keys[position] ?? '', group);
    });
    for (let i = first + removed; i < last.out.length; i++) out.push(last.out[i]!);
    previous = out;
    finished = { ...last, sections, out };
    return out;
  }

  /** Links, HTML and keys of the sections (each section's cached work reused). */
  function finish(sections: Entry[]): RenderedSection[] {
    // 2. Link reference definitions of the whole document, the first one of a label winning.
    const links: Links = {};
    for (const section of sections) {
      for (const [label, link] of Object.entries(section.defs ?? {})) {
        if (!(label in links)) links[label] = link;
      }
    }
    const labels = Object.keys(links);
    const defs: Definitions = {
      links,
      labels,
      fingerprint: labels.length === 0 ? '' : JSON.stringify(links),
    };

    // 3. marked's HTML of each section, redone when its text or the definitions it uses changed.
    // A section without `<` holds no raw HTML, so it is rendered when its HTML is first read;
    // the others are rendered now (step 4 groups them by how they leave the HTML parser).
    for (const section of sections) {
      updateSignature(section, defs);
      if (section.text.includes('<')) renderSection(section, links);
    }

    // 4. Sanitize; sections whose raw HTML leaves the parser in another state go together.
    const nextProbes = new Map<string, boolean>();
    const probe = (html: string): boolean => {
      const known = probes.get(html) ?? nextProbes.get(html);
      const clean = known ?? leavesParserClean(html);
      nextProbes.set(html, clean);
      return clean;
    };
    const nextGroupHtml = new Map<string, string>();
    const groups: Group[] = [];
    for (let first = 0; first < sections.length;) {
      const section = sections[first];
      if (!section) break;
      const single = singleGroup(section, links);
      if (single) {
        groups.push(single);
        first += 1;
        continue;
      }
      if (!section.marked) throw new Error('Section without HTML.');
      let last = first + 1;
      let combined = section.marked.html;
      for (; last < sections.length; last++) {
        const member = sections[last];
        combined += member ? renderSection(member, links).html : '';
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
    const out = groups.map((group, position) => rendered(keys[position] ?? '', group));
    previous = out;
    finished = { ...defs, sections, out, single: groups.length === sections.length };
    return out;
  }

  return { render };
}
