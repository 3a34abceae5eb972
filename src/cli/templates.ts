/** Finding the template the CLI works with: a built-in id, a template file, or recognition. */
import { extname } from 'node:path';
import type { TemplateEntry, TemplateFormat } from '../templates/registry.ts';
import { BUILT_IN_TEMPLATES, findTemplateEntry } from '../templates/registry.ts';
import { readTemplateText } from '../templates/load-node.ts';
import { TEMPLATE_HINTS } from '../templates/hints.ts';
import { parseTemplate } from '../core/template/parse.ts';
import { headingText, lexMarkdown } from '../core/template/markdown.ts';
import { splitFrontMatter } from '../core/template/frontmatter.ts';
import type { Section, SectionNode, Template, TitleSpec } from '../core/template/types.ts';
import { sectionNodes } from '../core/document/walk.ts';
import { matchKey, normalizeNewlines } from '../core/text.ts';
import { aboutFile, CliError, readInputFile } from './io.ts';

export interface LoadedTemplate {
  /** The built-in id, or the path the template was read from. */
  source: string;
  entry: TemplateEntry | null;
  template: Template;
}

export function parseBuiltIn(entry: TemplateEntry): Template {
  const hints = TEMPLATE_HINTS[entry.id];
  return parseTemplate(readTemplateText(entry), entry.format, hints ? { hints } : {});
}

/** The format of a template file from its extension (`.yml` issue form, `.txt` plain text). */
export function formatFromPath(path: string): TemplateFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.yml' || ext === '.yaml') return 'issue-form';
  if (ext === '.txt') return 'text';
  return undefined;
}

function looksLikeId(arg: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/i.test(arg) && !arg.includes('.');
}

/** `--template ID|PATH` or the TEMPLATE argument: a built-in id first, then a file. */
export function loadTemplate(
  arg: string,
  readFile: (path: string) => string = (path) => readInputFile(path, 'template'),
): LoadedTemplate {
  const entry = findTemplateEntry(arg);
  if (entry) return { source: entry.id, entry, template: parseBuiltIn(entry) };
  let text: string;
  try {
    text = readFile(arg);
  } catch (error) {
    if (error instanceof CliError && error.code === 'ENOENT' && looksLikeId(arg)) {
      throw new CliError(
        `unknown template "${arg}"; the built-in templates are: ${BUILT_IN_TEMPLATES.map((t) => t.id).join(', ')} (or pass a template file)`,
      );
    }
    throw error;
  }
  const template = aboutFile(arg, () => parseTemplate(text, formatFromPath(arg)));
  return { source: arg, entry: null, template };
}

// ---------------------------------------------------------------------------------------------
// Recognising the built-in template a document follows

interface HeadingPattern {
  key: string;
  level: number;
  re: RegExp;
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A heading as a pattern over matchKeys: placeholders match any text, numbers any number. */
function headingPattern(spec: TitleSpec, level: number): HeadingPattern | null {
  const parts: string[] = [];
  let fixed = '';
  for (const part of spec.parts) {
    if (part.type === 'fixed') {
      const key = matchKey(part.text);
      if (key) parts.push(escapeRe(key).replace(/ /g, '\\s*'));
      fixed += ` ${key}`;
    } else if (part.type === 'number') {
      parts.push('\\d+');
      fixed += ' 1';
    } else {
      parts.push('.*');
    }
  }
  const key = fixed.trim();
  if (!key) return null;
  return { key, level, re: new RegExp(`^\\s*${parts.join('\\s*')}\\s*$`, 'u') };
}

function nodeHeading(node: SectionNode): { spec: TitleSpec | null; level: number } {
  const section: Section = node.type === 'group' ? node.instance : node;
  return { spec: section.heading, level: section.level };
}

export function templateHeadingPatterns(template: Template): HeadingPattern[] {
  const out: HeadingPattern[] = [];
  const seen = new Set<string>();
  for (const node of sectionNodes(template)) {
    const { spec, level } = nodeHeading(node);
    if (!spec) continue;
    const pattern = headingPattern(spec, level);
    if (pattern && !seen.has(pattern.key)) {
      seen.add(pattern.key);
      out.push(pattern);
    }
  }
  return out;
}

/** The headings of a Markdown document, as matchKeys with their level. */
export function documentHeadings(markdown: string): { key: string; level: number }[] {
  const { body } = splitFrontMatter(normalizeNewlines(markdown.replace(/^\uFEFF/, '')));
  const out: { key: string; level: number }[] = [];
  for (const token of lexMarkdown(body)) {
    if (token.type === 'heading') {
      const depth = (token as { depth: number }).depth;
      out.push({ key: matchKey(headingText(token.raw)), level: depth });
    }
  }
  if (!out.some((h) => h.level >= 2)) {
    // Plain text (copied from a rendered page, where `# comment` lines of flattened code may
    // remain): any short bare line may be a heading.
    for (const line of body.split('\n')) {
      const t = line.trim();
      if (t && t.length <= 120 && !/^([-*+•]|\d+[.)])\s|^\[/.test(t))
        out.push({ key: matchKey(t), level: 0 });
    }
  }
  return out;
}

/** Whether a document has no Markdown headings at all (a plain-text copy). */
function isPlainDocument(markdown: string): boolean {
  return !documentHeadings(markdown).some((h) => h.level >= 2);
}

export interface TemplateScore {
  entry: TemplateEntry;
  /** Template headings found in the document. */
  matched: number;
  /** … found at the template's own level. */
  atLevel: number;
  total: number;
  keys: string;
}

export function scoreTemplates(markdown: string): TemplateScore[] {
  const headings = documentHeadings(markdown);
  return BUILT_IN_TEMPLATES.map((entry) => {
    const patterns = templateHeadingPatterns(parseBuiltIn(entry));
    let matched = 0;
    let atLevel = 0;
    for (const p of patterns) {
      const hits = headings.filter((h) => p.re.test(h.key));
      if (hits.length) matched++;
      if (hits.some((h) => h.level === p.level)) atLevel++;
    }
    return {
      entry,
      matched,
      atLevel,
      total: patterns.length,
      keys: patterns
        .map((p) => p.key)
        .sort()
        .join('\n'),
    };
  }).sort((a, b) => b.matched - a.matched || b.atLevel - a.atLevel);
}

/**
 * The built-in template a document follows, when one is a clear match: at least half of its
 * headings are in the document (and at least two), and no other template matches as many.
 * Two templates with the same headings (the Markdown EP and its plain-text copy) are told apart
 * by heading levels, and otherwise either will do: the first in the registry is taken.
 */
export function recognizeTemplate(markdown: string): TemplateEntry | null {
  const scores = scoreTemplates(markdown);
  // A plain-text document prefers a plain-text template among equally good matches.
  if (isPlainDocument(markdown)) {
    scores.sort(
      (a, b) =>
        b.matched - a.matched ||
        Number(b.entry.format === 'text') - Number(a.entry.format === 'text'),
    );
  }
  const [best, second] = scores;
  if (!best || best.matched < 2 || best.matched * 2 < best.total) return null;
  if (!second || second.matched < best.matched) return best.entry;
  if (second.atLevel < best.atLevel) return best.entry;
  return second.keys === best.keys ? best.entry : null;
}
