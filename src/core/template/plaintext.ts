/**
 * Plain-text templates (copied from a rendered page: no Markdown syntax) → a Markdown template.
 * Headings are inferred from short bare lines followed by instructions, a list or another
 * heading; flattened code is recognised by its shape and fenced again; a line holding several
 * labelled values (`Status: Draft Author: [Your Name]`) is split into one line each.
 */
import { normalizeNewlines } from '../text.ts';

type Kind = 'blank' | 'bracket' | 'item' | 'candidate' | 'code' | 'text';

const CODE_LINE_RE =
  /[{}();=<>]|^\s*(\/\/|#|--|\$ )|[│├└─┌┐┘┬┴┼]|^\s*[\w.-]+:\s*\S*\s*$|^\s*[\w.-]+\/\s*$|^\s*\w+\{|`[^`]*`\s*$|^\s*[a-z_]+\s*$/;

function isCodeLine(line: string): boolean {
  return CODE_LINE_RE.test(line);
}

/** A line that could be a heading: short, bare, capitalised, no end punctuation, not code. */
function isHeadingCandidate(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 80) return false;
  if (/^[-*•]\s|^\d+[.)]\s|^\[|^[#/]/.test(t)) return false;
  if (/[.,;:{}()=<>`|│├└]$/.test(t) && !/\)$/.test(t)) return false;
  if (/[{}=`;│├└]/.test(t)) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(t)) return false;
  if (t.split(/\s+/).length > 10) return false;
  return /\p{L}/u.test(t);
}

const LABEL_SPLIT_RE = /(?:^|\s)(\p{Lu}[\p{L}-]*(?: \p{Lu}[\p{L}-]*){0,2}):\s/gu;

/** `Status: Draft Author: [Your Name]` → one `**Label**: value` line per label. */
export function splitLabelledLine(line: string): string[] | null {
  const matches = [...line.matchAll(LABEL_SPLIT_RE)];
  if (matches.length < 2 || (matches[0]!.index ?? 0) > 0) return null;
  const out: string[] = [];
  matches.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].indexOf(m[1]!);
    const valueStart = start + m[1]!.length + 1;
    const end = i + 1 < matches.length ? (matches[i + 1]!.index ?? line.length) : line.length;
    out.push(`**${m[1]}**: ${line.slice(valueStart, end).trim()}`);
  });
  return out;
}

export function plainTextToMarkdown(text: string): string {
  const src = normalizeNewlines(text.replace(/^\uFEFF/, ''));
  // Join bracketed instructions broken over several lines (`[… (e.g., config.go\nor …).]`).
  const raw = src.split('\n');
  const lines: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i]!;
    if (/^\s*\[/.test(line) && !/\]\s*$/.test(line)) {
      let j = i + 1;
      while (j < raw.length && j - i < 8 && !/\]\s*$/.test(raw[j]!)) j++;
      if (j < raw.length && j - i < 8) {
        line = raw
          .slice(i, j + 1)
          .map((l) => l.trim())
          .join(' ');
        i = j;
      }
    }
    lines.push(line);
  }

  const kinds: Kind[] = lines.map((l) => {
    const t = l.trim();
    if (t === '') return 'blank';
    if (/^\[.*\]$/.test(t)) return 'bracket';
    if (/^([-*•]|\d+[.)])\s+/.test(t)) return 'item';
    if (splitLabelledLine(t)) return 'text';
    if (isHeadingCandidate(t)) return 'candidate';
    if (isCodeLine(l)) return 'code';
    return 'text';
  });

  const nextNonBlank = (i: number) => {
    for (let j = i + 1; j < lines.length; j++) if (kinds[j] !== 'blank') return j;
    return -1;
  };

  // A question followed by list items, after the first line, asks for those items inside its
  // section ("How will it be tested?" then "- Unit tests"): it is text, not a heading.
  const firstContent = kinds.findIndex((k) => k !== 'blank');
  kinds.forEach((k, i) => {
    if (k !== 'candidate' || i === firstContent || !/\?$/.test(lines[i]!.trim())) return;
    const j = nextNonBlank(i);
    if (j >= 0 && kinds[j] === 'item') kinds[i] = 'text';
  });

  // A candidate is a heading when what follows is instructions, a list, or another heading;
  // the last line of the file counts too. Inside flattened code (after a "show/example"
  // instruction) candidate lines are code.
  const isHeading: boolean[] = lines.map(() => false);
  for (let i = lines.length - 1; i >= 0; i--) {
    if (kinds[i] !== 'candidate') continue;
    const j = nextNonBlank(i);
    const next = j < 0 ? 'end' : kinds[j];
    isHeading[i] =
      next === 'end' ||
      next === 'bracket' ||
      next === 'item' ||
      (next === 'candidate' && isHeading[j]!) ||
      next === 'text';
    if (next === 'code' || next === 'text') {
      // A bare line followed by code or prose is a heading only if a paragraph of text or
      // labelled values follow.
      isHeading[i] =
        next === 'text' &&
        (lines[j]!.trim().length > 80 ||
          splitLabelledLine(lines[j]!.trim()) !== null ||
          /\?$/.test(lines[j]!.trim()));
    }
  }

  // The first line of the file, when it could be a heading, is the title.
  const firstLine = kinds.findIndex((k) => k !== 'blank');
  if (firstLine >= 0 && kinds[firstLine] === 'candidate') isHeading[firstLine] = true;

  const out: string[] = [];
  let first = true;
  let parentRun = false;
  let code: string[] = [];
  const flushCode = () => {
    if (code.length) {
      out.push('```', ...code, '```', '');
      code = [];
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const kind = kinds[i]!;
    if (kind === 'blank') continue;
    if (isHeading[i]) {
      flushCode();
      const j = nextNonBlank(i);
      const isParent = j >= 0 && isHeading[j]! && !first;
      let level: number;
      if (first) level = 1;
      else if (isParent) {
        level = 2;
        parentRun = true;
      } else level = parentRun ? 3 : 2;
      if (!first && !isParent && !parentRun) level = 2;
      out.push(`${'#'.repeat(level)} ${line.trim()}`, '');
      first = false;
      continue;
    }
    if (first && kind !== 'candidate') {
      // No title line: the document starts with content.
      first = false;
    }
    const split = kind !== 'bracket' && kind !== 'item' ? splitLabelledLine(line.trim()) : null;
    if (split) {
      flushCode();
      out.push(...split, '');
      continue;
    }
    if (kind === 'item') {
      flushCode();
      const t = line.trim().replace(/^•\s*/, '- ');
      out.push(t.replace(/^([-*]|\d+[.)])\s+(\p{Lu}[\p{L} -]{0,40}):\s/u, '$1 **$2**: '));
      if (kinds[nextNonBlank(i)] !== 'item') out.push('');
      continue;
    }
    if (kind === 'bracket') {
      flushCode();
      const prev = out.length ? out[out.length - 1] : '';
      // A second bracketed line right after instructions is example content (a diagram).
      if (prev === '' && i > 0 && kinds[i - 1] === 'bracket') {
        out.pop();
        out.push('```text', line.trim(), '```', '');
        continue;
      }
      out.push(line.trim(), '');
      continue;
    }
    if (kind === 'code' || kind === 'candidate') {
      code.push(line);
      continue;
    }
    flushCode();
    out.push(line.trim(), '');
  }
  flushCode();
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
