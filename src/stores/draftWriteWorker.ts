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

scope.onmessage = (event) => {
  const request = event.data;
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
