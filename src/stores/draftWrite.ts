/**
 * Writing one draft record: a compare-and-set (the stored version must be one this tab wrote
 * or read, else it is another tab's and is handed back to be merged) or a delete.
 *
 * In the browser the write runs in a worker (draftWriteWorker.ts): IndexedDB copies a record on
 * the thread that writes it, and reading the stored version back for the comparison copies it
 * again, which for a 300 KB draft is 10–20 ms of the main thread on every save, in the middle of
 * the author's typing. The page only hands the record over, and only what changed since the
 * record it last handed over (`RecordPatch`): posting a message copies it, and a draft's whole
 * record (a 300 KB answer, an imported template's text of megabytes) took 1.5–3 ms of the page
 * per save, one save every 100 ms while typing. Where workers are missing (tests, old browsers)
 * or the worker cannot start, the same function runs in the page.
 *
 * All writes of the drafts store go through one queue (the worker's, or the page's when the
 * worker is gone), so a delete issued after a save is applied after it.
 */
import { del, update } from 'idb-keyval';
import { applyTextEdit } from '../core/textEdit.ts';
import { textEditOf } from '../core/docText.ts';
import { changedKeysBetween } from '../core/valuesDelta.ts';
import type { TextEdit } from '../core/textEdit.ts';
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
    }
  | {
      seq: number;
      type: 'put';
      id: string;
      /** The record is the one of the put numbered `base` (the last one sent for this draft)… */
      base: number;
      /** …with these changes. */
      patch: RecordPatch;
      known: readonly string[];
    }
  | { seq: number; type: 'delete'; id: string };

/**
 * What changed in a record since the last one sent: its fields replaced or gone, and in its
 * `values` the fields replaced or gone, and the long texts edited (one edit each: a
 * keystroke's few characters rather than the whole answer).
 */
export interface RecordPatch {
  set: Record<string, unknown>;
  unset: string[];
  values?: { set: Record<string, unknown>; unset: string[]; edits: Record<string, TextEdit> };
}

export type DraftWriteReply =
  | { seq: number; ok: true }
  | { seq: number; ok: false; conflict: unknown }
  | { seq: number; ok: false; needWhole: true }
  | { seq: number; ok: false; error: { name: string; message: string } };

/** A text this long is sent as its edit since the last put; a shorter one is sent whole. */
const EDIT_FROM = 1024;

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The changes from `before` to `after`, compared field by field by identity (the drafts store
 * replaces what changes and never changes a value in place); null when either is not a record.
 */
export function recordPatch(before: unknown, after: unknown): RecordPatch | null {
  if (!isFields(before) || !isFields(after)) return null;
  const patch: RecordPatch = { set: {}, unset: [] };
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) patch.unset.push(key);
  for (const key of Object.keys(after)) {
    if (Object.hasOwn(before, key) && before[key] === after[key]) continue;
    if (key === 'values' && isFields(before.values) && isFields(after.values)) {
      patch.values = valuesPatch(before.values, after.values);
    } else patch.set[key] = after[key];
  }
  return patch;
}

function valuesPatch(before: Fields, after: Fields): NonNullable<RecordPatch['values']> {
  const patch: NonNullable<RecordPatch['values']> = { set: {}, unset: [], edits: {} };
  // Values made from the last ones sent by a save (core/valuesDelta.ts) differ only at the keys
  // that save changed: thousands of fields are not visited for each put.
  const changed = changedKeysBetween(before, after);
  if (changed) {
    for (const key of changed) {
      if (!Object.hasOwn(after, key)) {
        if (Object.hasOwn(before, key)) patch.unset.push(key);
      } else addChange(patch, key, before, after);
    }
    return patch;
  }
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) patch.unset.push(key);
  for (const key of Object.keys(after)) addChange(patch, key, before, after);
  return patch;
}

/** The change at `key` (present in `after`) into `patch`, if any. */
function addChange(
  patch: NonNullable<RecordPatch['values']>,
  key: string,
  before: Fields,
  after: Fields,
): void {
  const was = before[key];
  const now = after[key];
  if (Object.hasOwn(before, key) && was === now) return;
  if (typeof was === 'string' && typeof now === 'string' && now.length >= EDIT_FROM) {
    patch.edits[key] = textEditOf(was, now);
  } else patch.set[key] = now;
}

/** `before` with `patch` made (a new record: `before` is left as it was). */
export function applyRecordPatch(before: unknown, patch: RecordPatch): Fields {
  const record: Fields = { ...(isFields(before) ? before : {}) };
  for (const key of patch.unset) delete record[key];
  Object.assign(record, patch.set);
  if (patch.values) {
    const old = isFields(record.values) ? record.values : {};
    const values: Fields = { ...old };
    for (const key of patch.values.unset) delete values[key];
    Object.assign(values, patch.values.set);
    for (const [key, edit] of Object.entries(patch.values.edits)) {
      const was = old[key];
      values[key] = applyTextEdit(typeof was === 'string' ? was : '', edit);
    }
    record.values = values;
  }
  return record;
}

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

/** A request with its whole record (a patch made on the record it is of). */
export type WholeWrite = Exclude<DraftWriteRequest, { patch: RecordPatch }>;

/** The reply for a request, as the worker sends it. */
export async function draftWriteReply(kv: KvStore, request: WholeWrite): Promise<DraftWriteReply> {
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
function errorOf(reply: Exclude<DraftWriteReply, { ok: true } | { needWhole: true }>): Error {
  if ('conflict' in reply) return new WriteConflict(reply.conflict);
  const { name, message } = reply.error;
  return typeof DOMException === 'function' && name !== 'Error'
    ? new DOMException(message, name)
    : new Error(message);
}

/** A put sent as a patch carries the whole record for the page's own use. */
type Sent = DraftWriteRequest & { full?: unknown };

/** What the page itself writes. */
type Written = WholeWrite & { full?: unknown };

/** What is posted to the worker: the request without the page's copy of the whole record. */
function wire(request: Sent): DraftWriteRequest {
  const { full: _full, ...rest } = request;
  return rest;
}

/** The request with its whole record, for the page or a worker that does not hold the base. */
function whole(request: Sent): Written {
  if (request.type !== 'put' || !('patch' in request)) return request;
  const { seq, id, known } = request;
  return { seq, type: 'put', id, record: request.full, known };
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
  /** Per draft, the last record sent to the worker and its put's number. */
  private readonly sentToWorker = new Map<string, { seq: number; record: unknown }>();
  private workerFailed = typeof Worker === 'undefined';
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** Writes run in the page, one after another (once the worker has failed). */
  private inPage: Promise<unknown> = Promise.resolve();

  constructor(private readonly kv: KvStore) {}

  put(id: string, record: unknown, known: readonly string[]): Promise<void> {
    const seq = ++this.seq;
    const last = this.workerFailed ? undefined : this.sentToWorker.get(id);
    const patch = last ? recordPatch(last.record, record) : null;
    if (this.workerFailed) this.sentToWorker.delete(id);
    else this.sentToWorker.set(id, { seq, record });
    return this.send(
      last && patch
        ? { seq, type: 'put', id, base: last.seq, patch, known: [...known], full: record }
        : { seq, type: 'put', id, record, known: [...known] },
    );
  }

  delete(id: string): Promise<void> {
    this.sentToWorker.delete(id);
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
    if (!reply.ok && 'needWhole' in reply) {
      // The worker does not hold the record the patch is of (a new worker): sent again whole.
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
    this.sentToWorker.clear();
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
