/**
 * Writing a draft record, in the worker or in the page: a compare-and-set against the versions
 * this tab knows, and the page taking over every unanswered write when the worker breaks.
 */
import { withChanges } from '../core/valuesDelta.ts';
import { IDBFactory } from 'fake-indexeddb';
import { get, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openKvStore } from './db.ts';
import type { KvStore } from './db.ts';
import {
  applyRecordPatch,
  DraftWriter,
  draftWriteReply,
  NO_STORE_IN_WORKER,
  recordPatch,
  WriteConflict,
} from './draftWrite.ts';
import type { DraftWriteReply, DraftWriteRequest } from './draftWrite.ts';

let kv: KvStore;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  kv = openKvStore('drafts')!;
});
afterEach(() => vi.unstubAllGlobals());

const record = (rev: number, text: string) => ({
  id: 'd1',
  rev,
  updatedAt: `2026-01-0${rev}T00:00:00.000Z`,
  values: { text },
});
const token = (r: { rev: number; updatedAt: string }) => `${r.rev}@${r.updatedAt}`;

describe('draftWriteReply (the worker’s write)', () => {
  it('writes over a version this tab knows, and over nothing', async () => {
    const first = record(1, 'one');
    expect(
      await draftWriteReply(kv, { seq: 1, type: 'put', id: 'd1', record: first, known: [] }),
    ).toEqual({ seq: 1, ok: true });
    const second = record(2, 'two');
    expect(
      await draftWriteReply(kv, {
        seq: 2,
        type: 'put',
        id: 'd1',
        record: second,
        known: [token(first)],
      }),
    ).toEqual({ seq: 2, ok: true });
    expect(await get('d1', kv)).toEqual(second);
  });

  it('hands back a version another tab saved, and keeps it stored', async () => {
    const theirs = record(5, 'their text');
    await set('d1', theirs, kv);
    const reply = await draftWriteReply(kv, {
      seq: 3,
      type: 'put',
      id: 'd1',
      record: record(2, 'mine'),
      known: [token(record(1, ''))],
    });
    expect(reply).toEqual({ seq: 3, ok: false, conflict: theirs });
    expect(await get('d1', kv)).toEqual(theirs);
  });

  it('deletes', async () => {
    await set('d1', record(1, 'x'), kv);
    expect(await draftWriteReply(kv, { seq: 4, type: 'delete', id: 'd1' })).toEqual({
      seq: 4,
      ok: true,
    });
    expect(await get('d1', kv)).toBeUndefined();
  });
});

/** A stand-in for the browser's Worker: answers with `answer`, or breaks when it is null. */
function fakeWorker(answer: ((request: DraftWriteRequest) => DraftWriteReply) | null) {
  const sent: DraftWriteRequest[] = [];
  class FakeWorker {
    onmessage: ((event: { data: DraftWriteReply }) => void) | null = null;
    onerror: ((event: { preventDefault(): void }) => void) | null = null;
    onmessageerror: (() => void) | null = null;
    postMessage(request: DraftWriteRequest) {
      sent.push(request);
      queueMicrotask(() => {
        if (answer) this.onmessage?.({ data: answer(request) });
        else this.onerror?.({ preventDefault() {} });
      });
    }
    terminate() {}
  }
  vi.stubGlobal('Worker', FakeWorker);
  return sent;
}

describe('DraftWriter', () => {
  it('writes in the page where there are no workers', async () => {
    vi.stubGlobal('Worker', undefined);
    const writer = new DraftWriter(kv);
    await writer.put('d1', record(1, 'kept'), []);
    expect(await get('d1', kv)).toEqual(record(1, 'kept'));
  });

  it('sends writes to the worker and takes its answers', async () => {
    const sent = fakeWorker((request) =>
      'record' in request && request.record === 'refuse'
        ? { seq: request.seq, ok: false, error: { name: 'QuotaExceededError', message: 'full' } }
        : 'record' in request && request.record === 'clash'
          ? { seq: request.seq, ok: false, conflict: { theirs: true } }
          : { seq: request.seq, ok: true },
    );
    const writer = new DraftWriter(kv);
    await writer.put('d1', record(1, 'a'), ['x']);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'put', id: 'd1', known: ['x'] });
    // The page did not write it: the (fake) worker did.
    expect(await get('d1', kv)).toBeUndefined();
    const refused = await writer.put('d1', 'refuse', []).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DOMException);
    expect((refused as DOMException).name).toBe('QuotaExceededError');
    const clash = await writer.put('d1', 'clash', []).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(WriteConflict);
    expect((clash as WriteConflict).stored).toEqual({ theirs: true });
  });

  it('makes the writes of a broken worker in the page, in order', async () => {
    fakeWorker(null);
    const writer = new DraftWriter(kv);
    const first = writer.put('d1', record(1, 'first'), []);
    const second = writer.put('d1', record(2, 'second'), [token(record(1, ''))]);
    await Promise.all([first, second]);
    expect(await get('d1', kv)).toEqual(record(2, 'second'));
    // Later writes go straight to the page.
    await writer.delete('d1');
    expect(await get('d1', kv)).toBeUndefined();
  });

  it('sends only what changed since the last record, and the whole record to a worker without it', async () => {
    let forget = false;
    const sent = fakeWorker((request) =>
      'patch' in request && forget
        ? { seq: request.seq, ok: false, needWhole: true }
        : { seq: request.seq, ok: true },
    );
    const writer = new DraftWriter(kv);
    const answer = 'A long answer. '.repeat(2000);
    const template = '# Template\n'.repeat(1000);
    const put: Record<string, unknown>[] = [
      { ...record(1, 'x'), templateSource: template, values: { text: answer, list: ['a'] } },
    ];
    const next = (change: (r: Record<string, unknown>) => Record<string, unknown>) =>
      put.push(change({ ...put.at(-1)!, rev: put.length + 1 }));
    const values = () => put.at(-1)!.values as Record<string, unknown>;
    // A keystroke in the middle of the long answer; a list item added; a field gone; a new
    // template text.
    next((r) => ({
      ...r,
      values: { ...values(), text: `${answer.slice(0, 900)}!${answer.slice(900)}` },
    }));
    next((r) => ({ ...r, values: { ...values(), list: ['a', 'b'] } }));
    next((r) => ({ ...r, values: { text: values().text } }));
    next((r) => ({ ...r, templateSource: `${template}more\n` }));
    for (const r of put) await writer.put('d1', r, []);
    forget = true;
    next((r) => ({ ...r, values: { ...values(), text: `${values().text as string}.` } }));
    await writer.put('d1', put.at(-1)!, []);

    // The worker's copy of each record, made from what was sent, is the record put.
    let held: unknown = null;
    const made: unknown[] = [];
    for (const request of sent) {
      if (request.type !== 'put') continue;
      held = 'patch' in request ? applyRecordPatch(held, request.patch) : request.record;
      made.push(held);
    }
    // The last put went twice: as a patch the worker could not make, then whole.
    expect(made).toEqual([...put, put.at(-1)]);
    expect(sent.every((r) => !('full' in r))).toBe(true);
    // The edits sent neither the long answer nor the template's text; the new template text
    // went without the answer.
    expect(sent.slice(1, 4).every((r) => JSON.stringify(r).length < 1000)).toBe(true);
    expect(JSON.stringify(sent[4])).not.toContain('A long answer');
    expect('record' in sent.at(-1)!).toBe(true);
  });

  it('finds what changed field by field, and makes the record again from it', () => {
    const before = { rev: 1, title: 'T', values: { a: 'x'.repeat(5000), b: 'short', c: [1] } };
    const after = {
      rev: 2,
      values: { a: `${'x'.repeat(2500)}yz${'x'.repeat(2499)}`, b: 'shorter' },
    };
    const patch = recordPatch(before, after)!;
    expect(patch).toEqual({
      set: { rev: 2 },
      unset: ['title'],
      values: {
        set: { b: 'shorter' },
        unset: ['c'],
        edits: { a: { at: 2500, cut: 1, text: 'yz' } },
      },
    });
    expect(applyRecordPatch(before, patch)).toEqual(after);
    expect(before.values.c).toEqual([1]);
    expect(recordPatch('text', after)).toBeNull();
  });

  it('makes the same record from values a save made from the last ones, visiting only their changes', () => {
    const values: Record<string, unknown> = {};
    for (let i = 0; i < 50; i += 1) values[`f${i}`] = `answer ${i}`;
    values.long = 'w '.repeat(2000);
    const before = { rev: 1, values };
    const changed = withChanges(
      values,
      new Map<string, unknown>([
        ['f3', 'new three'],
        ['f4', undefined],
        ['long', `${'w '.repeat(1000)}inserted ${'w '.repeat(1000)}`],
        ['f9', 'answer 9'],
        ['added', ['a', 'b']],
      ]),
    );
    const after = { rev: 2, values: changed };
    const patch = recordPatch(before, after)!;
    expect(patch.values).toEqual({
      set: { f3: 'new three', added: ['a', 'b'] },
      unset: ['f4'],
      edits: { long: { at: 2000, cut: 0, text: 'inserted ' } },
    });
    expect(applyRecordPatch(before, patch)).toEqual(after);
    // The same patch as a full comparison of a copy (no record of where it came from).
    expect(recordPatch(before, { rev: 2, values: { ...changed } })).toEqual(patch);
  });

  it('writes in the page when the worker has no store', async () => {
    fakeWorker((request) => ({
      seq: request.seq,
      ok: false,
      error: { name: NO_STORE_IN_WORKER, message: '' },
    }));
    const writer = new DraftWriter(kv);
    await writer.put('d1', record(1, 'here'), []);
    expect(await get('d1', kv)).toEqual(record(1, 'here'));
  });
});
