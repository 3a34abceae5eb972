/**
 * The worker that writes draft records (see draftWrite.ts): one write at a time, in the order
 * the page sent them, each answered with its sequence number.
 */
import { openKvStore } from './db.ts';
import { draftWriteReply, NO_STORE_IN_WORKER } from './draftWrite.ts';
import type { DraftWriteReply, DraftWriteRequest } from './draftWrite.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DraftWriteRequest>) => void) | null;
  postMessage: (reply: DraftWriteReply) => void;
};

const kv = openKvStore('drafts');
let queue: Promise<unknown> = Promise.resolve();
/** Per draft, the template text it was last sent with (sent again only when it changes). */
const sources = new Map<string, string>();

/** The request with its template text, or null when the worker does not hold it. */
function withSource(request: DraftWriteRequest): DraftWriteRequest | null {
  if (request.type !== 'put') {
    sources.delete(request.id);
    return request;
  }
  if (request.sameSource) {
    const source = sources.get(request.id);
    if (source === undefined) return null;
    return { ...request, record: { ...(request.record as object), templateSource: source } };
  }
  const source = (request.record as { templateSource?: unknown } | null)?.templateSource;
  if (typeof source === 'string') sources.set(request.id, source);
  else sources.delete(request.id);
  return request;
}

scope.onmessage = (event) => {
  const request = withSource(event.data);
  if (!request) {
    scope.postMessage({ seq: event.data.seq, ok: false, needSource: true });
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
