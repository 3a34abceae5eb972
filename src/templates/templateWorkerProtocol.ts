import type { Template } from '../core/template/types.ts';

/** What the page sends the template worker. */
export interface TemplateWorkerRequest {
  source: string;
}

/** What the template worker answers: the parsed template, or why it cannot be read. */
export type TemplateWorkerReply = { ok: true; template: Template } | { ok: false; message: string };
