import type { Report } from '../../core/check.ts';
import type { Values } from '../../core/model.ts';
import type { Template } from '../../core/template/types.ts';

/** What the page sends the completeness worker: the template once, then values to check. */
export type CheckWorkerRequest =
  { type: 'template'; template: Template } | { type: 'check'; id: number; values: Values };

/** The report of the values sent with `id`, or why they could not be checked. */
export type CheckWorkerReply =
  { ok: true; id: number; report: Report } | { ok: false; id: number; message: string };
