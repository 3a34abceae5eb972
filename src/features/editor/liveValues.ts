/**
 * The form's values (a `FormStore`: each field follows its own value) and the parts that derive
 * from them (preview, meter, outline, section statuses), without re-rendering the form itself
 * on every keystroke. The report and the Markdown are computed once per change, on demand.
 *
 * Two paces: the preview follows every change (`subscribe`, `getVersion`); the completeness
 * report (meter, outline, section badges, the export bar's missing list) follows once typing
 * pauses (`subscribeReport`, `getReportVersion`), so checking a large document is never on a
 * keystroke's path. `getReport()` is always current (it checks now when the values changed).
 *
 * A large draft (`checkInWorker`) is checked in a Web Worker instead: `getReport()` then gives
 * the last report the worker sent (an empty one, `isReportPending()`, before the first), asks
 * for a check of the current values, and the followers are told when the report of the latest
 * values arrives; a report of values changed since is dropped.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { Values } from '../../core/model.ts';
import { DocText, ropeString } from '../../core/docText.ts';
import type { Rope } from '../../core/docText.ts';
import {
  createRenderCache,
  prepareRender,
  renderDocumentRope,
  valuesChanged,
} from '../../core/document/render.ts';
import type { RenderOptions } from '../../core/document/render.ts';
import type { Template } from '../../core/template/types.ts';
import { checkDocument } from '../../core/check.ts';
import type { Report } from '../../core/check.ts';
import type { CheckWorkerReply, CheckWorkerRequest } from './checkWorkerProtocol.ts';
import { FormStore } from './formStore.ts';
import { fieldValidator } from './formSchema.ts';
import { allFields } from './templateModel.ts';

/** The report follows this long after the last change (typing pauses). */
export const REPORT_DELAY_MS = 200;

type ReportState = {
  version: number;
  value: Report;
  byId: Map<string, Report['sections'][number]>;
};

/** The report before a large draft's first check has come back. */
const PENDING: ReportState = {
  version: -1,
  value: { complete: false, required: 0, completed: 0, missing: [], warnings: [], sections: [] },
  byId: new Map(),
};

function reportState(version: number, value: Report): ReportState {
  return { version, value, byId: new Map(value.sections.map((s) => [s.id, s] as const)) };
}

export class LiveValues extends FormStore {
  private version = 0;
  private report: ReportState | null = null;
  private markdown: { version: number; rope: Rope; value?: string; text?: DocText } | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly reportListeners = new Set<() => void>();
  private reportVersion = 0;
  private reportTimer: ReturnType<typeof setTimeout> | null = null;
  private options: RenderOptions = {};
  /** Sections whose values did not change are not written again (see `renderDocument`). */
  private readonly renderCache = createRenderCache({ tracked: true });
  /** The completeness worker of a large draft; null until the first check, or when small. */
  private worker: Worker | null = null;
  /** Checks run here after all: no worker in this browser, or it failed. */
  private inWorker: boolean;
  /** The version whose check the worker is doing, if any. */
  private checking: number | null = null;

  /** A worker that holds the template already (it parsed it): it is not sent the template. */
  private handedOver: Worker | null;

  constructor(
    readonly template: Template,
    values: Values,
    {
      checkInWorker = false,
      worker = null,
    }: {
      checkInWorker?: boolean;
      /** A worker holding `template` (see `takeTemplateWorker`), kept and terminated here. */
      worker?: Worker | null;
    } = {},
  ) {
    super(values, fieldValidator(template), () => allFields(template).map((f) => f.id));
    this.inWorker = checkInWorker && typeof Worker !== 'undefined';
    this.handedOver = this.inWorker ? worker : null;
    if (!this.inWorker) worker?.terminate();
    // A worker that holds the template already checks the first values at once, while the
    // form is drawn (only the values are sent): the meter waits for that first report.
    if (this.handedOver) this.requestCheck();
  }

  protected override valuesChanged(keys: ReadonlySet<string> | null): void {
    // The Markdown is rendered again from the sections that read these values only.
    valuesChanged(this.renderCache, keys);
    this.changed();
    super.valuesChanged(keys);
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
    // The report follows once typing pauses, in any draft: checking reads every answer (a long
    // one whole), and the meter, outline and badges drawn again are nothing a keystroke shows.
    // `getReport()` stays current for whoever asks (an export checks the values it sends).
    if (this.reportTimer !== null) clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      this.reportTimer = null;
      // A large draft's followers are told when the worker's report comes back.
      if (this.inWorker) this.requestCheck();
      else this.publishReport();
    }, REPORT_DELAY_MS);
  }

  /** Tells the report's followers now (a pending pause is not waited for). */
  publishReport(): void {
    if (this.reportTimer !== null) clearTimeout(this.reportTimer);
    this.reportTimer = null;
    this.reportVersion++;
    for (const listener of this.reportListeners) listener();
  }

  /** Stops the pending report (the editor is closing). */
  dispose(): void {
    if (this.reportTimer !== null) clearTimeout(this.reportTimer);
    this.reportTimer = null;
    this.worker?.terminate();
    this.worker = null;
    this.handedOver?.terminate();
    this.handedOver = null;
    this.checking = null;
    this.disposed = true;
  }

  /** Output settings (guidance comments kept, unanswered optional sections dropped). */
  setOptions(options: RenderOptions): void {
    // Unset is false: the settings' first values, the same as none, change nothing (a change
    // renders the whole document again and, in a large draft, put the first report off until
    // typing would have paused).
    if (
      !!options.keepGuidance === !!this.options.keepGuidance &&
      !!options.dropEmptyOptional === !!this.options.dropEmptyOptional
    ) {
      return;
    }
    this.options = options;
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  subscribeReport = (listener: () => void): (() => void) => {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  };

  getReportVersion = (): number => this.reportVersion;

  getReport(): Report {
    return this.currentReport().value;
  }

  /** A section's status in the current report (looked up by id, not searched). */
  getSectionStatus(sectionId: string): Report['sections'][number]['status'] | null {
    return this.currentReport().byId.get(sectionId)?.status ?? null;
  }

  /** Whether a large draft's first report is still being made (the report is empty until then). */
  isReportPending(): boolean {
    // Checked here (not in a worker), a report is made on demand and never pending: the
    // question does not check the document (it is asked on every keystroke's render).
    if (!this.inWorker) return false;
    return this.currentReport() === PENDING;
  }

  private currentReport(): ReportState {
    if (this.report?.version === this.version) return this.report;
    if (this.inWorker) {
      // The last report stands until the worker's report of these values comes back. A
      // worker that must be sent the template first starts after this task (the page is drawn
      // first: sending the template takes a while).
      if (!this.worker) this.startWorker();
      else if (this.reportTimer === null) this.requestCheck();
      return this.report ?? PENDING;
    }
    this.report = reportState(this.version, checkDocument(this.template, this.values));
    return this.report;
  }

  private starting = false;
  private disposed = false;

  private startWorker(): void {
    if (this.starting) return;
    this.starting = true;
    setTimeout(() => {
      this.starting = false;
      if (!this.disposed && !this.worker && this.reportTimer === null) this.requestCheck();
    }, 0);
  }

  /** Sends the current values to the worker, unless a check is under way (it asks again then). */
  private requestCheck(): void {
    if (!this.inWorker || this.checking !== null || this.report?.version === this.version) return;
    if (!this.worker && this.handedOver) {
      this.worker = this.handedOver;
      this.handedOver = null;
      this.worker.onmessage = (event: MessageEvent<CheckWorkerReply>) => this.received(event.data);
      this.worker.onerror = () => this.checkHere();
    }
    if (!this.worker) {
      try {
        this.worker = new Worker(new URL('./checkWorker.ts', import.meta.url), {
          type: 'module',
          name: 'completeness-check',
        });
      } catch {
        this.checkHere();
        return;
      }
      this.worker.onmessage = (event: MessageEvent<CheckWorkerReply>) => this.received(event.data);
      this.worker.onerror = () => this.checkHere();
      try {
        this.worker.postMessage({
          type: 'template',
          template: this.template,
        } satisfies CheckWorkerRequest);
      } catch {
        this.checkHere();
        return;
      }
    }
    try {
      this.worker.postMessage({
        type: 'check',
        id: this.version,
        values: this.values,
      } satisfies CheckWorkerRequest);
      this.checking = this.version;
    } catch {
      // Values that cannot be sent (none the form makes): checked here.
      this.checkHere();
    }
  }

  private received(reply: CheckWorkerReply): void {
    this.checking = null;
    if (!reply.ok) {
      this.checkHere();
      return;
    }
    if (reply.id === this.version) {
      this.report = reportState(reply.id, reply.report);
      this.publishReport();
    } else if (this.reportTimer === null) {
      // The values changed during the check, and typing has paused since: check them now.
      this.requestCheck();
    }
  }

  /** The worker failed: checks run on this thread from now on. */
  private checkHere(): void {
    this.worker?.terminate();
    this.worker = null;
    this.checking = null;
    this.inWorker = false;
    this.publishReport();
  }

  /** Where `prepareMarkdown` goes on (the next section to write), or null when done. */
  private prepared: number | null = 0;

  /**
   * Writes a slice of the Markdown's sections ahead of `getMarkdown`, until `more()` says to
   * stop; true once `getMarkdown` has little left to write. A large template's first Markdown
   * (10,000 sections) is then several short tasks instead of one long one.
   */
  prepareMarkdown(more: () => boolean): boolean {
    if (this.prepared === null || this.markdown?.version === this.version) return true;
    this.prepared = prepareRender(
      this.template,
      this.values,
      this.options,
      this.renderCache,
      this.prepared,
      more,
    );
    return this.prepared === null;
  }

  getMarkdown(): string {
    const markdown = this.currentMarkdown();
    markdown.value ??= ropeString(markdown.rope);
    return markdown.value;
  }

  /**
   * The Markdown as the pieces it was written from (see `renderDocumentRope`): what the preview
   * reads at each keystroke, near the edit only, without a copy of the whole document.
   */
  getDocText(): DocText {
    const markdown = this.currentMarkdown();
    markdown.text ??= DocText.of(markdown.rope);
    return markdown.text;
  }

  private currentMarkdown(): NonNullable<LiveValues['markdown']> {
    if (this.markdown?.version !== this.version) {
      this.markdown = {
        version: this.version,
        rope: renderDocumentRope(this.template, this.values, this.options, this.renderCache),
      };
    }
    return this.markdown;
  }
}

export const LiveValuesContext = createContext<LiveValues | null>(null);

export function useLive(): LiveValues {
  const live = useContext(LiveValuesContext);
  if (!live) throw new Error('useLive needs a LiveValuesContext provider.');
  return live;
}

/** A value derived from the live values; the component re-renders only when it changes. */
export function useLiveSelector<T extends string | number | boolean | null>(
  select: (live: LiveValues) => T,
): T {
  const live = useLive();
  return useSyncExternalStore(live.subscribe, () => select(live));
}

/**
 * A value derived from the completeness report, followed once typing pauses; the component
 * re-renders only when it changes.
 */
export function useReportSelector<T extends string | number | boolean | null>(
  select: (live: LiveValues) => T,
): T {
  const live = useLive();
  return useSyncExternalStore(live.subscribeReport, () => select(live));
}

/** Re-renders when the report is published (typing paused); returns its counter. */
export function useReportVersion(): number {
  const live = useLive();
  return useSyncExternalStore(live.subscribeReport, live.getReportVersion);
}

/** Re-renders on every change; returns the change counter. */
export function useLiveVersion(): number {
  const live = useLive();
  return useSyncExternalStore(live.subscribe, live.getVersion);
}

/**
 * The report's counter, followed in the task after the report is published (typing paused):
 * for a view that takes a while to draw, such as a long outline, which is then not drawn in the
 * task that shows the meter (a large template's first report makes its form usable).
 */
export function useReportVersionNextTask(): number {
  const live = useLive();
  const [version, setVersion] = useState(live.getReportVersion);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const follow = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setVersion(live.getReportVersion()), 0);
    };
    const stop = live.subscribeReport(follow);
    // A report published between the first render and this effect.
    if (live.getReportVersion() !== version) follow();
    return () => {
      stop();
      clearTimeout(timer);
    };
    // Subscribed once per live values (`version` is only the first render's).
  }, [live]);
  return version;
}
