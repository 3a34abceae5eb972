import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../zodSetup.ts';
import { checkDocument } from '../../core/check.ts';
import { allFields } from '../../core/document/walk.ts';
import type { Values } from '../../core/model.ts';
import { parseTemplate } from '../../core/template/parse.ts';
import type { Template } from '../../core/template/types.ts';
import type { CheckWorkerReply, CheckWorkerRequest } from './checkWorkerProtocol.ts';
import { LiveValues, REPORT_DELAY_MS } from './liveValues.ts';

/** A worker that answers only when the test says so, in the order it was asked. */
class HeldWorker {
  static last: HeldWorker | null = null;
  onmessage: ((event: { data: CheckWorkerReply }) => void) | null = null;
  onerror: (() => void) | null = null;
  private template: Template | null = null;
  readonly asked: Extract<CheckWorkerRequest, { type: 'check' }>[] = [];
  constructor() {
    HeldWorker.last = this;
  }
  postMessage(message: CheckWorkerRequest) {
    const copy = structuredClone(message);
    if (copy.type === 'template') this.template = copy.template;
    else this.asked.push(copy);
  }
  answerNext() {
    const request = this.asked.shift()!;
    const report = checkDocument(this.template!, request.values);
    this.onmessage?.({ data: { ok: true, id: request.id, report } });
  }
  terminate() {}
}

const template = parseTemplate(
  '## Summary\n\n[What and why]\n\n## Risks\n\n[What could go wrong]\n',
);
const fieldIds = allFields(template).map((f) => f.id);
const empty: Values = Object.fromEntries(fieldIds.map((id) => [id, '']));
const oneAnswered: Values = { ...empty, [fieldIds[0]!]: 'Because.' };

describe('checking a large draft in a worker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', HeldWorker);
    HeldWorker.last = null;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('shows the report of the latest values only; one of values changed since is dropped', () => {
    const live = new LiveValues(template, empty, { checkInWorker: true });
    const told = vi.fn();
    live.subscribeReport(told);
    // Nothing is checked on this thread: the report is pending until the worker answers (it
    // is started once the page is drawn).
    expect(live.isReportPending()).toBe(true);
    vi.advanceTimersByTime(0);
    const worker = HeldWorker.last!;
    expect(worker.asked).toHaveLength(1);

    // The author answers a section while the first check runs: its report is outdated.
    live.reset(oneAnswered);
    worker.answerNext();
    expect(told).not.toHaveBeenCalled();
    expect(live.isReportPending()).toBe(true);

    // Once typing pauses, the latest values are checked, and their report is shown.
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(worker.asked).toHaveLength(1);
    worker.answerNext();
    expect(told).toHaveBeenCalledTimes(1);
    expect(live.isReportPending()).toBe(false);
    expect(live.getReport().completed).toBe(1);
    expect(live.getReport().missing.map((m) => m.title)).toEqual(['Risks']);
    live.dispose();
  });

  it('checks on this thread when the worker fails', () => {
    const live = new LiveValues(template, oneAnswered, { checkInWorker: true });
    expect(live.isReportPending()).toBe(true);
    vi.advanceTimersByTime(0);
    HeldWorker.last!.onerror?.();
    expect(live.isReportPending()).toBe(false);
    expect(live.getReport().completed).toBe(1);
  });
});

describe('the report of a draft checked here', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows once typing pauses, and is current whenever asked for', () => {
    const live = new LiveValues(template, empty);
    const told = vi.fn();
    live.subscribeReport(told);
    const summary = fieldIds[0]!;
    for (const text of ['B', 'Be', 'Because.']) {
      live.setValue(summary, text);
      vi.advanceTimersByTime(REPORT_DELAY_MS / 2);
    }
    // The meter and outline are not told while the author types…
    expect(told).not.toHaveBeenCalled();
    // …but what asks (an export) gets the report of the latest values.
    expect(live.getReport().completed).toBe(1);
    vi.advanceTimersByTime(REPORT_DELAY_MS);
    expect(told).toHaveBeenCalledTimes(1);
    expect(live.getReport().missing.map((m) => m.title)).toEqual(['Risks']);
    live.dispose();
  });
});
