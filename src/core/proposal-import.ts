/**
 * "Import a proposal": a document filled outside the app, read against its template, with a
 * summary of what was matched. Text that matches no field stays in its section (`extraKey`) and
 * is counted, so the author sees that it was kept, not dropped.
 */
import { checkDocument } from './check.ts';
import { isFieldFilled } from './document/filled.ts';
import { readDocument } from './document/read.ts';
import { allFields } from './document/walk.ts';
import type { Field, FieldValue, Values } from './model.ts';
import { extraKeySection } from './model.ts';
import { closestTemplate, recognizeTemplate, scoreTemplates } from './recognize.ts';
import type { Candidate, TemplateScore } from './recognize.ts';
import { lexMarkdown } from './template/lex.ts';
import { detectFormat } from './template/parse.ts';
import type { Template } from './template/types.ts';

export interface ImportSummary {
  /** Fields that received an answer (each field of each repeated instance counts). */
  filled: number;
  /** Titles of required sections the document leaves empty or lacks. */
  missing: string[];
  /** Paragraphs (and other blocks) that match no field, kept as they are in their section. */
  kept: number;
  /** Why the document's front matter was not read (not valid YAML): it is kept as written. */
  frontMatterUnread?: string;
}

export interface ImportedProposal {
  values: Values;
  headings: Record<string, string>;
  summary: ImportSummary;
  /** A title for the draft: the document's first heading, or its front matter `title`. */
  title: string;
}

function countBlocks(markdown: string): number {
  return lexMarkdown(markdown).filter((t) => t.type !== 'space').length;
}

function countFilled(fields: Field[], values: Record<string, FieldValue>): number {
  let n = 0;
  for (const field of fields) {
    const value = values[field.id];
    if (field.kind === 'group') {
      if (!Array.isArray(value)) continue;
      for (const instance of value) {
        if (instance && typeof instance === 'object' && !Array.isArray(instance)) {
          n += countFilled(field.fields, instance as Record<string, FieldValue>);
        }
      }
    } else if (isFieldFilled(field, value)) {
      n++;
    }
  }
  return n;
}

export function countKept(values: Record<string, FieldValue>): number {
  let n = 0;
  for (const [key, value] of Object.entries(values)) {
    if (extraKeySection(key) !== null && typeof value === 'string' && value.trim() !== '') {
      n += countBlocks(value);
    } else if (key.endsWith('::source') && typeof value === 'string' && value.trim() !== '') {
      // A block a field could not show whole is kept as written too.
      n += 1;
    } else if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof item === 'object' && !Array.isArray(item) && !('done' in item)) {
          n += countKept(item);
        }
      }
    }
  }
  return n;
}

export function summarizeImport(template: Template, values: Values): ImportSummary {
  const report = checkDocument(template, values);
  return {
    filled: countFilled(allFields(template), values),
    missing: report.missing.map((m) => m.title),
    kept: countKept(values),
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "18 fields filled, 2 sections missing, 1 paragraph kept as is". */
export function summaryText(summary: ImportSummary): string {
  return (
    [
      `${plural(summary.filled, 'field', 'fields')} filled`,
      `${plural(summary.missing.length, 'section', 'sections')} missing`,
      `${plural(summary.kept, 'paragraph', 'paragraphs')} kept as is`,
    ].join(', ') +
    (summary.frontMatterUnread === undefined
      ? ''
      : `; the front matter is kept as written but not read (${summary.frontMatterUnread})`)
  );
}

function firstHeading(markdown: string): string {
  const match = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(markdown);
  return match?.[1]?.trim() ?? '';
}

/** Reads a filled document against `template`. */
export function importProposal(template: Template, markdown: string): ImportedProposal {
  const { values, headings, frontMatterError } = readDocument(template, markdown);
  const summary = summarizeImport(template, values);
  if (frontMatterError !== undefined) summary.frontMatterUnread = frontMatterError;
  const fmTitle = values['front-matter/title'];
  const title =
    (typeof fmTitle === 'string' && fmTitle.trim()) ||
    (template.issueForm ? '' : firstHeading(markdown.replace(/^---\n[\s\S]*?\n---\n/, '')));
  return { values, headings, summary, title };
}

/** A document read for "Import a proposal": every template scored, and the chosen one's reading. */
export interface ProposalReading<Id> {
  scores: TemplateScore<Id>[];
  /** The template read against: the one asked for, else the closest (null: none shares a heading). */
  chosen: Id | null;
  result: ImportedProposal | null;
  /** The result's summary in words ("18 fields filled, …"). */
  summary: string | null;
}

/**
 * Scores the templates against a document and reads it against `chosen` (or, when none is
 * given, the closest template by headings). Pure, so it runs the same in a worker.
 */
export function readProposal<Id>(
  markdown: string,
  candidates: readonly Candidate<Id>[],
  chosen?: Id | null,
): ProposalReading<Id> {
  const scores = scoreTemplates(markdown, candidates);
  const id =
    chosen === undefined || chosen === null
      ? (closestTemplate(markdown, candidates)?.id ?? null)
      : chosen;
  const template = id === null ? undefined : candidates.find((c) => c.id === id)?.template;
  const result = template ? importProposal(template, markdown) : null;
  return {
    scores,
    chosen: template ? id : null,
    result,
    summary: result ? summaryText(result.summary) : null,
  };
}

/** What a file brought in without saying what it is seems to be. */
export type DocumentKind<Id> =
  /** A filled document following this template. */
  | { kind: 'proposal'; id: Id }
  /** An issue form: always a template. */
  | { kind: 'template' }
  /** Could be either: the author says. */
  | { kind: 'unsure' };

/**
 * A document that clearly follows a known template (see `recognizeTemplate`) and fills at
 * least one of its fields is a proposal; an issue form is a template; anything else may be
 * either (a template of the author's own, or a proposal in a shape no template has).
 */
export function classifyDocument<Id>(
  markdown: string,
  candidates: readonly Candidate<Id>[],
): DocumentKind<Id> {
  if (detectFormat(markdown) === 'issue-form') return { kind: 'template' };
  const id = recognizeTemplate(markdown, candidates);
  const template = id === null ? undefined : candidates.find((c) => c.id === id)?.template;
  if (id === null || !template) return { kind: 'unsure' };
  return importProposal(template, markdown).summary.filled > 0
    ? { kind: 'proposal', id }
    : { kind: 'unsure' };
}
