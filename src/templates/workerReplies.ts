/**
 * What the workers that hold a template have in common (src/templates/templateWorker.ts and
 * src/features/editor/checkWorker.ts): answering a completeness check, and handling messages one
 * at a time, in the order they came, once the YAML library has loaded.
 */
import { checkDocument } from '../core/check.ts';
import type { Template } from '../core/template/types.ts';
import type { CheckWorkerReply, CheckWorkerRequest } from './templateWorkerProtocol.ts';
import { loadYaml } from './yaml-lazy.ts';

/** An error as the one sentence a reply carries. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The reply to a check of `request.values` against the template the worker holds. */
export function checkReply(
  template: Template | null,
  request: Extract<CheckWorkerRequest, { type: 'check' }>,
): CheckWorkerReply {
  try {
    if (!template) throw new Error('No template was sent to check against.');
    return { ok: true, id: request.id, report: checkDocument(template, request.values) };
  } catch (error) {
    return { ok: false, id: request.id, message: messageOf(error) };
  }
}

/**
 * Calls `handle` for each message, one at a time in the order they came, after the YAML library
 * (checking and parsing may read front matter) has loaded once.
 */
export function handleInOrder<Request>(
  scope: { onmessage: ((event: MessageEvent<Request>) => void) | null },
  handle: (request: Request) => void,
): void {
  let queue: Promise<unknown> = loadYaml();
  scope.onmessage = (event) => {
    const request = event.data;
    queue = queue.then(
      () => handle(request),
      () => handle(request),
    );
  };
}
