import type { Report } from '../core/check.ts';
import type { Values } from '../core/model.ts';
import type { Template } from '../core/template/types.ts';

/** What the page sends the template worker first: the template's text, to parse. */
export interface TemplateWorkerRequest {
  source: string;
}

/** What the template worker answers: the parsed template, or why it cannot be read. */
export type TemplateWorkerReply = { ok: true; template: Template } | { ok: false; message: string };

/**
 * A worker that holds a template checks values against it (the completeness of a large draft):
 * the template worker keeps the template it parsed, so the editor takes that worker over rather
 * than sending the template again (a structured clone of thousands of sections, on the page's
 * thread); a fresh worker is sent the template once.
 */
export type CheckWorkerRequest =
  { type: 'template'; template: Template } | { type: 'check'; id: number; values: Values };

/** The report of the values sent with `id`, or why they could not be checked. */
export type CheckWorkerReply =
  { ok: true; id: number; report: Report } | { ok: false; id: number; message: string };
