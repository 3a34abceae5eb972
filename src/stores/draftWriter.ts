/**
 * The drafts writer worker: each save's compare-and-set in one IndexedDB transaction (read the
 * stored record, refuse when another tab wrote it, else put the new one), off the main thread.
 * It keeps the last template text sent for each draft, so the page sends it only when it changes.
 * Requests are handled in the order they come; each reply says how its write ended.
 */
import { createStore } from 'idb-keyval';
import { DB_PREFIX } from './db.ts';
import type { DraftWriteReply, DraftWriteRequest } from './draftWriterProtocol.ts';
import { versionToken } from './draftWriterProtocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DraftWriteRequest>) => void) | null;
  postMessage: (reply: DraftWriteReply) => void;
};

const store = createStore(`${DB_PREFIX}drafts`, 'drafts');
const sources = new Map<string, string>();

function write(request: DraftWriteRequest): Promise<DraftWriteReply> {
  const { seq, id, known } = request;
  let record = request.record;
  if (request.sameSource) {
    const source = sources.get(id);
    if (source === undefined) return Promise.resolve({ seq, result: 'need-source' });
    record = { ...record, templateSource: source };
  } else if (typeof record.templateSource === 'string') {
    sources.set(id, record.templateSource);
  } else {
    sources.delete(id);
  }
  return store('readwrite', (objectStore) => {
    return new Promise<DraftWriteReply>((resolve, reject) => {
      let reply: DraftWriteReply = { seq, result: 'stored' };
      const get = objectStore.get(id);
      get.onsuccess = () => {
        const stored: unknown = get.result;
        const token = typeof stored === 'object' && stored !== null ? versionToken(stored) : null;
        if (stored !== undefined && (token === null || !known.includes(token))) {
          reply = { seq, result: 'conflict', stored };
          return;
        }
        objectStore.put(record, id);
      };
      const tx = objectStore.transaction;
      tx.oncomplete = () => resolve(reply);
      tx.onabort = tx.onerror = () => reject(tx.error ?? get.error ?? new Error('write aborted'));
    });
  });
}

function errorReply(seq: number, error: unknown): DraftWriteReply {
  const name = error instanceof Error || error instanceof DOMException ? error.name : 'Error';
  const message = error instanceof Error || error instanceof DOMException ? error.message : '';
  return { seq, result: 'error', name, message };
}

scope.onmessage = (event) => {
  const request = event.data;
  write(request).then(
    (reply) => scope.postMessage(reply),
    (error: unknown) => {
      // A refused write leaves the worker without a stored copy of this draft's text.
      sources.delete(request.id);
      scope.postMessage(errorReply(request.seq, error));
    },
  );
};
