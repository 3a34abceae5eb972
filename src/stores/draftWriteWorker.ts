/**
 * The worker that writes draft records (see draftWrite.ts): one write at a time, in the order
 * the page sent them, each answered with its sequence number.
 */
import { openKvStore } from './db.ts';
import { applyRecordPatch, draftWriteReply, NO_STORE_IN_WORKER } from './draftWrite.ts';
import type { DraftWriteReply, DraftWriteRequest, WholeWrite } from './draftWrite.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DraftWriteRequest>) => void) | null;
  postMessage: (reply: DraftWriteReply) => void;
};

const kv = openKvStore('drafts');
let queue: Promise<unknown> = Promise.resolve();
/** Per draft, the last record the page sent and its put's number: a patch is made on it. */
const held = new Map<string, { seq: number; record: unknown }>();

/** The request with its whole record, or null when the worker does not hold the patch's base. */
function withRecord(request: DraftWriteRequest): WholeWrite | null {
  if (request.type !== 'put') {
    held.delete(request.id);
    return request;
  }
  if ('patch' in request) {
    const base = held.get(request.id);
    if (base?.seq !== request.base) return null;
    const record = applyRecordPatch(base.record, request.patch);
    held.set(request.id, { seq: request.seq, record });
    return { seq: request.seq, type: 'put', id: request.id, record, known: request.known };
  }
  held.set(request.id, { seq: request.seq, record: request.record });
  return request;
}

scope.onmessage = (event) => {
  const request = withRecord(event.data);
  if (!request) {
    scope.postMessage({ seq: event.data.seq, ok: false, needWhole: true });
    return;
  }
  queue = queue.then(async () => {
    if (!kv) {
      scope.postMessage({
        seq: request.seq,
        ok: false,
        error: { name: NO_STORE_IN_WORKER, message: 'IndexedDB is not available in the worker' },
      });
      return;
    }
    scope.postMessage(await draftWriteReply(kv, request));
  });
};
