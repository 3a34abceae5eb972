import { Lexer } from 'marked';
import { FRONT_MATTER } from './markdownEngine.ts';

/**
 * A fast line scan for the places a document may be split into top-level sections: ATX heading
 * lines (`#` … `######` at column 0), and lines at column 0 that follow a blank line (where a
 * paragraph, list, table or quote has ended), that are not inside a fenced code block (``` or ~~~
 * of any length, closed the way marked closes them), an HTML comment or other HTML block, the
 * front matter, or a link reference definition (whose title may run over several lines). A line
 * after a blank line that may continue a list (an item marker or an indented line while a list
 * is open) is not proposed.
 *
 * This only proposes split points. The section renderer confirms each one with marked's lexer, so
 * a wrong guess here costs time, never correctness.
 */

// marked's own rule, made sticky so it can be tried at any line start without slicing.
const DEF = new RegExp(Lexer.rules.block.gfm.def.source.replace(/^\^/, ''), 'y');
const FENCE_OPEN = /^[ \t]*(`{3,}(?=[^`\n]*$)|~{3,})/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
// A list item's marker (bullet or ordered), as marked recognises one.
const LIST_ITEM = /^ {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)/;
const RAW_HTML_OPEN = /^ {0,3}<(script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_BLOCK_OPEN = /^ {0,3}<[A-Za-z/!?]/;

type State =
  | { kind: 'text' }
  | { kind: 'fence'; fence: string }
  | { kind: 'until'; marker: RegExp }
  | { kind: 'html-block' };

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const BACKTICK = 96;
const TILDE = 126;
const LESS_THAN = 60;
const BRACKET = 91;

function isFenceClose(line: string, fence: string): boolean {
  const trimmed = line.trimStart();
  if (!trimmed.startsWith(fence)) return false;
  // marked accepts the opening run followed by more fence characters, then only spaces.
  return /^[~`]*[ \t]*$/.test(trimmed.slice(fence.length));
}

/** `-`, `*`, `+` or a digit: the characters a list item's marker starts with. */
function mayStartListItem(code: number): boolean {
  return code === 45 || code === 42 || code === 43 || (code >= 48 && code <= 57);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whether the line before `at` (a line start) holds nothing but spaces and tabs. */
function lineBeforeIsBlank(doc: string, at: number): boolean {
  let i = at - 2;
  for (; i >= 0; i--) {
    const code = doc.charCodeAt(i);
    if (code === 10) return true;
    if (code !== SPACE && code !== TAB) return false;
  }
  return true;
}

/**
 * Offsets of the lines that may start a section, in order. Runs on every keystroke over the
 * whole document, so it looks at character codes and only slices lines that need a closer look.
 */
export function scanSectionStarts(
  doc: string,
  {
    from = 0,
    stop,
  }: {
    /**
     * Resume at this offset, a start the scan proposed before in the same text (the text before
     * it unchanged): the scan's state there is known (outside any block, no list open that the
     * line could continue, no definition running on), so nothing before it is read again.
     */
    from?: number;
    /** Called with each proposed start; true ends the scan there (that start included). */
    stop?: (start: number) => boolean;
  } = {},
): number[] {
  const starts: number[] = [];
  let state: State = { kind: 'text' };
  let pos = from;
  let suppressUntil = 0;
  /** The line before was blank (or the document starts). */
  let afterBlank = from > 0 && lineBeforeIsBlank(doc, from);
  /** A list may still be open: a blank line does not end it when an item or indent follows. */
  let inList = false;

  if (from === 0) {
    const frontMatter = FRONT_MATTER.exec(doc);
    if (frontMatter) pos = frontMatter[0].length;
  }
  const push = (start: number): boolean => {
    starts.push(start);
    return stop?.(start) === true;
  };

  while (pos < doc.length) {
    const lineStart = pos;
    const newline = doc.indexOf('\n', pos);
    const end = newline === -1 ? doc.length : newline;
    pos = newline === -1 ? doc.length : newline + 1;

    let first = lineStart;
    while (first < end) {
      const code = doc.charCodeAt(first);
      if (code !== SPACE && code !== TAB) break;
      first += 1;
    }
    const indent = first - lineStart;
    const firstCode = first < end ? doc.charCodeAt(first) : -1;
    const wasBlank = afterBlank;
    afterBlank = firstCode === -1;

    if (firstCode === BRACKET && indent <= 3 && lineStart >= suppressUntil) {
      // A definition's title may span lines, headings included: no split inside it.
      DEF.lastIndex = lineStart;
      const def = DEF.exec(doc);
      if (def) suppressUntil = lineStart + def[0].length;
    }

    switch (state.kind) {
      case 'fence':
        if (
          (firstCode === BACKTICK || firstCode === TILDE) &&
          isFenceClose(doc.slice(lineStart, end), state.fence)
        ) {
          state = { kind: 'text' };
        }
        continue;
      case 'until': {
        // Jump to the line holding the closing marker; that line still belongs to the block.
        state.marker.lastIndex = lineStart;
        const close = state.marker.exec(doc);
        if (close) {
          const after = doc.indexOf('\n', close.index);
          pos = after === -1 ? doc.length : after + 1;
        } else {
          pos = doc.length;
        }
        afterBlank = false;
        state = { kind: 'text' };
        continue;
      }
      case 'html-block':
        if (firstCode === -1) state = { kind: 'text' };
        continue;
      case 'text':
        break;
    }

    if (firstCode === -1) continue;
    const listItem =
      indent <= 3 &&
      mayStartListItem(firstCode) &&
      LIST_ITEM.test(doc.slice(lineStart, Math.min(end, lineStart + 16)));
    // After a blank line, a line at column 0 ends an open list unless it is another item.
    const continuesList = inList && (indent > 0 || listItem);
    if (wasBlank && indent === 0 && !listItem) inList = false;
    if (listItem) inList = true;

    if (firstCode === HASH && indent === 0) {
      if (HEADING.test(doc.slice(lineStart, Math.min(end, lineStart + 7)))) {
        inList = false;
        if (lineStart >= suppressUntil && lineStart > 0 && push(lineStart)) return starts;
        continue;
      }
    }
    // A block after a blank line (the list it may continue aside).
    const proposed =
      wasBlank && indent === 0 && !continuesList && lineStart >= suppressUntil && lineStart > 0;
    // Stopping here leaves the state after this line as the line itself makes it: the scan
    // resumed from this start later goes on as it would have.
    if (proposed && push(lineStart)) return starts;
    if (firstCode === HASH) {
      // Not a heading: a paragraph's text.
    } else if (firstCode === BACKTICK || firstCode === TILDE) {
      const fence = FENCE_OPEN.exec(doc.slice(lineStart, end));
      if (fence?.[1]) state = { kind: 'fence', fence: fence[1] };
    } else if (firstCode === LESS_THAN && indent <= 3) {
      const line = doc.slice(lineStart, end);
      if (line.startsWith('<!--', indent)) {
        if (!line.includes('-->', indent + 4)) state = { kind: 'until', marker: /-->/g };
        continue;
      }
      const raw = RAW_HTML_OPEN.exec(line);
      if (raw?.[1]) {
        const marker = new RegExp(`</${escapeRegExp(raw[1])}>`, 'gi');
        if (!marker.test(line)) state = { kind: 'until', marker };
        continue;
      }
      if (HTML_BLOCK_OPEN.test(line)) state = { kind: 'html-block' };
    }
  }
  return starts;
}
