/**
 * Which template a filled document follows, from its headings: shared by `proposal check`
 * (built-in templates) and the app's "Import a proposal" (built-in and imported templates).
 * Headings are compared by their fixed parts: a placeholder (`Alternative 1: [Name]`) matches
 * any text (`Alternative 1: Use a queue`) and a repeat's number any number.
 */
import type { TemplateFormat } from './model.ts';
import { sectionNodes } from './document/walk.ts';
import { splitFrontMatter } from './template/frontmatter.ts';
import { headingText, lexMarkdown } from './template/lex.ts';
import type { Section, SectionNode, Template, TitleSpec } from './template/types.ts';
import { matchKey, normalizeNewlines } from './text.ts';

export interface HeadingPattern {
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
export function isPlainDocument(markdown: string): boolean {
  return !documentHeadings(markdown).some((h) => h.level >= 2);
}

/** A template that a document may follow; `id` is the caller's (a registry id, a record id). */
export interface Candidate<Id> {
  id: Id;
  template: Template;
  format: TemplateFormat;
}

export interface TemplateScore<Id> {
  id: Id;
  format: TemplateFormat;
  /** Template headings found in the document. */
  matched: number;
  /** … found at the template's own level. */
  atLevel: number;
  total: number;
  /** The template's heading keys, sorted: two templates with the same headings share them. */
  keys: string;
}

/** Every candidate scored against the document, the closest first. */
export function scoreTemplates<Id>(
  markdown: string,
  candidates: readonly Candidate<Id>[],
): TemplateScore<Id>[] {
  const headings = documentHeadings(markdown);
  const scores = candidates
    .map(({ id, template, format }) => {
      const patterns = templateHeadingPatterns(template);
      let matched = 0;
      let atLevel = 0;
      for (const p of patterns) {
        const hits = headings.filter((h) => p.re.test(h.key));
        if (hits.length) matched++;
        if (hits.some((h) => h.level === p.level)) atLevel++;
      }
      return {
        id,
        format,
        matched,
        atLevel,
        total: patterns.length,
        keys: patterns
          .map((p) => p.key)
          .sort()
          .join('\n'),
      };
    })
    // Ties go to the template whose headings the document covers most fully.
    .sort(
      (a, b) =>
        b.matched - a.matched ||
        b.atLevel - a.atLevel ||
        b.matched / Math.max(1, b.total) - a.matched / Math.max(1, a.total),
    );
  // A plain-text document prefers a plain-text template among equally good matches.
  if (isPlainDocument(markdown)) {
    scores.sort(
      (a, b) => b.matched - a.matched || Number(b.format === 'text') - Number(a.format === 'text'),
    );
  }
  return scores;
}

/**
 * The template a document follows, when one is a clear match: at least half of its headings
 * are in the document (and at least two), and no other template matches as many. Two templates
 * with the same headings (the Markdown EP and its plain-text copy) are told apart by heading
 * levels, and otherwise either will do: the first is taken.
 */
export function recognizeTemplate<Id>(
  markdown: string,
  candidates: readonly Candidate<Id>[],
): Id | null {
  const [best, second] = scoreTemplates(markdown, candidates);
  if (!best || best.matched < 2 || best.matched * 2 < best.total) return null;
  if (!second || second.matched < best.matched) return best.id;
  if (second.atLevel < best.atLevel) return best.id;
  return second.keys === best.keys ? best.id : null;
}

/**
 * The closest template for a document, even when the match is weak (the app shows the choice
 * and lets the author change it): the first candidate with at least one matching heading.
 */
export function closestTemplate<Id>(
  markdown: string,
  candidates: readonly Candidate<Id>[],
): TemplateScore<Id> | null {
  const [best] = scoreTemplates(markdown, candidates);
  return best && best.matched > 0 ? best : null;
}
