import { Lexer } from 'marked';
import { FRONT_MATTER } from './markdownEngine.ts';

/**
 * A fast line scan for the places a document may be split into top-level sections: ATX heading
 * lines (`#` … `######` at column 0) that are not inside a fenced code block (``` or ~~~ of any
 * length, closed the way marked closes them), an HTML comment or other HTML block, the front
 * matter, or a link reference definition (whose title may run over several lines).
 *
 * This only proposes split points. The section renderer confirms each one with marked's lexer, so
 * a wrong guess here costs time, never correctness.
 */

// marked's own rule, made sticky so it can be tried at any line start without slicing.
const DEF = new RegExp(Lexer.rules.block.gfm.def.source.replace(/^\^/, ''), 'y');
const FENCE_OPEN = /^[ \t]*(`{3,}(?=[^`\n]*$)|~{3,})/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
const RAW_HTML_OPEN = /^ {0,3}<(script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_BLOCK_OPEN = /^ {0,3}<[A-Za-z/!?]/;
const DEF_START = /^ {0,3}\[/;

type State =
  | { kind: 'text' }
  | { kind: 'fence'; fence: string }
  | { kind: 'until'; marker: string }
  | { kind: 'html-block' };

function isFenceClose(line: string, fence: string): boolean {
  const trimmed = line.trimStart();
  if (!trimmed.startsWith(fence)) return false;
  // marked accepts the opening run followed by more fence characters, then only spaces.
  return /^[~`]*[ \t]*$/.test(trimmed.slice(fence.length));
}

/** Offsets of the lines that may start a section, in order. */
export function scanSectionStarts(doc: string): number[] {
  const starts: number[] = [];
  let state: State = { kind: 'text' };
  let pos = 0;
  let suppressUntil = 0;

  const frontMatter = FRONT_MATTER.exec(doc);
  if (frontMatter) pos = frontMatter[0].length;

  while (pos < doc.length) {
    const newline = doc.indexOf('\n', pos);
    const end = newline === -1 ? doc.length : newline;
    const line = doc.slice(pos, end);
    const lineStart = pos;
    pos = newline === -1 ? doc.length : newline + 1;

    if (DEF_START.test(line) && lineStart >= suppressUntil) {
      // A definition's title may span lines, headings included: no split inside it.
      DEF.lastIndex = lineStart;
      const def = DEF.exec(doc);
      if (def) suppressUntil = lineStart + def[0].length;
    }

    switch (state.kind) {
      case 'fence':
        if (isFenceClose(line, state.fence)) state = { kind: 'text' };
        continue;
      case 'until':
        if (line.toLowerCase().includes(state.marker)) state = { kind: 'text' };
        continue;
      case 'html-block':
        if (line.trim() === '') state = { kind: 'text' };
        continue;
      case 'text':
        break;
    }

    if (HEADING.test(line)) {
      if (lineStart >= suppressUntil && lineStart > 0) starts.push(lineStart);
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence?.[1]) {
      state = { kind: 'fence', fence: fence[1] };
      continue;
    }
    const indentless = line.trimStart();
    if (indentless.startsWith('<!--')) {
      if (!indentless.includes('-->', 4)) state = { kind: 'until', marker: '-->' };
      continue;
    }
    const raw = RAW_HTML_OPEN.exec(line);
    if (raw?.[1]) {
      const marker = `</${raw[1].toLowerCase()}>`;
      if (!line.toLowerCase().includes(marker)) state = { kind: 'until', marker };
      continue;
    }
    if (HTML_BLOCK_OPEN.test(line)) state = { kind: 'html-block' };
  }
  return starts;
}
