/**
 * The form's current values for the parts that derive from them (preview, meter, outline,
 * section statuses), without re-rendering the form itself on every keystroke. Fed from
 * react-hook-form's `watch`; the report and the Markdown are computed once per change, on demand.
 *
 * Two paces: the preview follows every change (`subscribe`, `getVersion`); the completeness
 * report (meter, outline, section badges, the export bar's missing list) follows once typing
 * pauses (`subscribeReport`, `getReportVersion`), so checking a large document is never on a
 * keystroke's path. `getReport()` is always current (it checks now when the values changed).
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Values } from '../../core/model.ts';
import { createRenderCache, renderDocument } from '../../core/document/render.ts';
import type { RenderOptions } from '../../core/document/render.ts';
import type { Template } from '../../core/template/types.ts';
import { checkDocument } from '../../core/check.ts';
import type { Report } from '../../core/check.ts';

/** The report follows this long after the last change (typing pauses), when checking is slow. */
export const REPORT_DELAY_MS = 200;
/** A check that took at most this long is redone with each change (it fits in the frame). */
const CHEAP_CHECK_MS = 3;

export class LiveValues {
  private values: Values;
  private version = 0;
  private report: {
    version: number;
    value: Report;
    byId: Map<string, Report['sections'][number]>;
  } | null = null;
  private markdown: { version: number; value: string } | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly reportListeners = new Set<() => void>();
  private reportVersion = 0;
  private reportTimer: ReturnType<typeof setTimeout> | null = null;
  private reportQueued = false;
  /** How long the last check took. */
  private checkMs = 0;
  private options: RenderOptions = {};
  /** Sections whose values did not change are not written again (see `renderDocument`). */
  private readonly renderCache = createRenderCache();

  constructor(
    readonly template: Template,
    values: Values,
  ) {
    this.values = values;
  }

  set(values: Values): void {
    this.values = values;
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
    if (this.reportTimer !== null) clearTimeout(this.reportTimer);
    this.reportTimer = null;
    if (this.checkMs <= CHEAP_CHECK_MS) {
      // A small document: the report follows at once, after this change's own work.
      if (this.reportQueued) return;
      this.reportQueued = true;
      queueMicrotask(() => {
        this.reportQueued = false;
        this.publishReport();
      });
    } else {
      this.reportTimer = setTimeout(() => this.publishReport(), REPORT_DELAY_MS);
    }
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
  }

  /** Output settings (guidance comments kept, unanswered optional sections dropped). */
  setOptions(options: RenderOptions): void {
    if (
      options.keepGuidance === this.options.keepGuidance &&
      options.dropEmptyOptional === this.options.dropEmptyOptional
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

  getValues(): Values {
    return this.values;
  }

  getReport(): Report {
    return this.currentReport().value;
  }

  /** A section's status in the current report (looked up by id, not searched). */
  getSectionStatus(sectionId: string): Report['sections'][number]['status'] | null {
    return this.currentReport().byId.get(sectionId)?.status ?? null;
  }

  private currentReport() {
    if (this.report?.version !== this.version) {
      const started = performance.now();
      const value = checkDocument(this.template, this.values);
      this.checkMs = performance.now() - started;
      this.report = {
        version: this.version,
        value,
        byId: new Map(value.sections.map((s) => [s.id, s] as const)),
      };
    }
    return this.report;
  }

  getMarkdown(): string {
    if (this.markdown?.version !== this.version) {
      this.markdown = {
        version: this.version,
        value: renderDocument(this.template, this.values, this.options, this.renderCache),
      };
    }
    return this.markdown.value;
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
