/**
 * Writing one draft record: a compare-and-set (the stored version must be one this tab wrote
 * or read, else it is another tab's and is handed back to be merged) or a delete.
 *
 * In the browser the write runs in a worker (draftWriteWorker.ts): IndexedDB copies a record on
 * the thread that writes it, and reading the stored version back for the comparison copies it
 * again, which for a 300 KB draft is 10–20 ms of the main thread on every save, in the middle of
 * the author's typing. The page only hands the record over. Where workers are missing (tests,
 * old browsers) or the worker cannot start, the same function runs in the page.
 *
 * All writes of the drafts store go through one queue (the worker's, or the page's when the
 * worker is gone), so a delete issued after a save is applied after it.
 */
import { del, update } from 'idb-keyval';
import type { KvStore } from './db.ts';

/** The version token of a record (`rev@updatedAt`); see drafts.ts. */
export function versionToken(d: { rev?: unknown; updatedAt?: unknown }): string {
  return `${String(d.rev)}@${String(d.updatedAt)}`;
}

/** The stored record is a version this tab does not know (another tab saved it). */
export class WriteConflict extends Error {
  constructor(readonly stored: unknown) {
    super('Another tab saved this draft');
  }
}

export type DraftWriteRequest =
  | {
      seq: number;
      type: 'put';
      id: string;
      record: unknown;
      known: readonly string[];
      /**
       * The record was sent without its `templateSource`: the worker adds the one it was last
       * sent for this draft (an imported template's text, up to megabytes, is sent only when it
       * changes).
       */
      sameSource?: boolean;
    }
  | { seq: number; type: 'delete'; id: string };

export type DraftWriteReply =
  | { seq: number; ok: true }
  | { seq: number; ok: false; conflict: unknown }
  | { seq: number; ok: false; needSource: true }
  | { seq: number; ok: false; error: { name: string; message: string } };

/** The write itself, on whichever thread runs it. Rejects with WriteConflict or the store's error. */
export function applyDraftWrite(
  kv: KvStore,
  request: Pick<DraftWriteRequest, 'type' | 'id'> & { record?: unknown; known?: readonly string[] },
): Promise<void> {
  if (request.type === 'delete') return del(request.id, kv);
  const known = request.known ?? [];
  return update(
    request.id,
    (stored) => {
      if (stored !== undefined && !isKnownVersion(stored, known)) throw new WriteConflict(stored);
      return request.record;
    },
    kv,
  );
}

function isKnownVersion(stored: unknown, known: readonly string[]): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  return known.includes(versionToken(stored));
}

/** The error name of a worker that cannot open IndexedDB (the page then writes itself). */
export const NO_STORE_IN_WORKER = 'NoStoreInWorker';

/** The reply for a request, as the worker sends it. */
export async function draftWriteReply(
  kv: KvStore,
  request: DraftWriteRequest,
): Promise<DraftWriteReply> {
  try {
    await applyDraftWrite(kv, request);
    return { seq: request.seq, ok: true };
  } catch (error) {
    if (error instanceof WriteConflict)
      return { seq: request.seq, ok: false, conflict: error.stored };
    const name = error instanceof Error || error instanceof DOMException ? error.name : 'Error';
    const message = error instanceof Error || error instanceof DOMException ? error.message : '';
    return { seq: request.seq, ok: false, error: { name, message: message || String(error) } };
  }
}

/** The error a reply carries, as the page's code expects it (a DOMException for the store's). */
function errorOf(reply: Exclude<DraftWriteReply, { ok: true } | { needSource: true }>): Error {
  if ('conflict' in reply) return new WriteConflict(reply.conflict);
  const { name, message } = reply.error;
  return typeof DOMException === 'function' && name !== 'Error'
    ? new DOMException(message, name)
    : new Error(message);
}

/** A put sent without its template text carries the whole record for the page's own use. */
type Sent = DraftWriteRequest & { full?: unknown };

function templateSourceOf(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const source = (record as { templateSource?: unknown }).templateSource;
  return typeof source === 'string' ? source : undefined;
}

function withoutSource(record: unknown): unknown {
  const { templateSource: _source, ...rest } = record as Record<string, unknown>;
  return rest;
}

/** What is posted to the worker: the request without the page's copy of the whole record. */
function wire(request: Sent): DraftWriteRequest {
  const { full: _full, ...rest } = request;
  return rest;
}

/** The request with its whole record (template text included), for the page or a new worker. */
function whole(request: Sent): Sent {
  if (request.type !== 'put' || !request.sameSource) return request;
  const { full, sameSource: _same, ...rest } = request;
  return { ...rest, record: full };
}

interface Pending {
  request: Sent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes drafts for the page: in a worker when it can, else in the page. `openInPage` gives the
 * store the page uses when the worker is not there (or has failed).
 */
export class DraftWriter {
  private worker: Worker | null = null;
  /** Per draft, the template text the worker was last sent. */
  private readonly sourceInWorker = new Map<string, string>();
  private workerFailed = typeof Worker === 'undefined';
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** Writes run in the page, one after another (once the worker has failed). */
  private inPage: Promise<unknown> = Promise.resolve();

  constructor(private readonly kv: KvStore) {}

  put(id: string, record: unknown, known: readonly string[]): Promise<void> {
    const source = templateSourceOf(record);
    const sameSource = source !== undefined && this.sourceInWorker.get(id) === source;
    if (source === undefined) this.sourceInWorker.delete(id);
    else this.sourceInWorker.set(id, source);
    return this.send({
      seq: ++this.seq,
      type: 'put',
      id,
      record: sameSource ? withoutSource(record) : record,
      known: [...known],
      ...(sameSource ? { sameSource, full: record } : {}),
    });
  }

  delete(id: string): Promise<void> {
    this.sourceInWorker.delete(id);
    return this.send({ seq: ++this.seq, type: 'delete', id });
  }

  private send(request: Sent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const worker = this.startWorker();
      if (worker) {
        this.pending.set(request.seq, { request, resolve, reject });
        try {
          worker.postMessage(wire(request));
          return;
        } catch {
          // A record that cannot be sent (none the store makes): written here.
          this.pending.delete(request.seq);
        }
      }
      this.runInPage({ request, resolve, reject });
    });
  }

  private startWorker(): Worker | null {
    if (this.workerFailed) return null;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(new URL('./draftWriteWorker.ts', import.meta.url), {
        type: 'module',
        name: 'draft-writer',
      });
      worker.onmessage = (event: MessageEvent<DraftWriteReply>) => this.received(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        this.fail();
      };
      worker.onmessageerror = () => this.fail();
      this.worker = worker;
      return worker;
    } catch {
      this.workerFailed = true;
      return null;
    }
  }

  private received(reply: DraftWriteReply): void {
    const pending = this.pending.get(reply.seq);
    if (!pending) return;
    if (!reply.ok && 'needSource' in reply) {
      // The worker does not hold this draft's template text (a new worker): sent again whole.
      this.pending.delete(reply.seq);
      const request = whole(pending.request);
      this.pending.set(request.seq, { ...pending, request });
      try {
        this.worker?.postMessage(wire(request));
      } catch {
        this.pending.delete(request.seq);
        this.runInPage({ ...pending, request });
      }
      return;
    }
    if (!reply.ok && 'error' in reply && reply.error.name === NO_STORE_IN_WORKER) {
      // The worker cannot open the store the page can: the page writes from now on.
      this.fail();
      return;
    }
    this.pending.delete(reply.seq);
    if (reply.ok) pending.resolve();
    else pending.reject(errorOf(reply));
  }

  /**
   * The worker could not start or broke: its unanswered writes are made again here, in the
   * order they were sent (a write it did make is made again harmlessly: the stored version is
   * then this tab's own).
   */
  private fail(): void {
    this.workerFailed = true;
    this.worker?.terminate();
    this.worker = null;
    this.sourceInWorker.clear();
    const waiting = [...this.pending.values()].sort((a, b) => a.request.seq - b.request.seq);
    this.pending.clear();
    for (const pending of waiting) this.runInPage(pending);
  }

  private runInPage({ request, resolve, reject }: Pending): void {
    const write = whole(request);
    const run = () => applyDraftWrite(this.kv, write).then(resolve, reject);
    this.inPage = this.inPage.then(run, run);
  }
}
