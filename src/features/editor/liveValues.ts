/**
 * The form's current values for the parts that derive from them (preview, meter, outline,
 * section statuses), without re-rendering the form itself on every keystroke. Fed from
 * react-hook-form's `watch`; the report and the Markdown are computed once per change, on demand.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Values } from '../../core/model.ts';
import { renderDocument } from '../../core/document/render.ts';
import type { RenderOptions } from '../../core/document/render.ts';
import type { Template } from '../../core/template/types.ts';
import { checkDocument } from '../../core/check.ts';
import type { Report } from '../../core/check.ts';

export class LiveValues {
  private values: Values;
  private version = 0;
  private report: { version: number; value: Report } | null = null;
  private markdown: { version: number; value: string } | null = null;
  private readonly listeners = new Set<() => void>();
  private options: RenderOptions = {};

  constructor(
    readonly template: Template,
    values: Values,
  ) {
    this.values = values;
  }

  set(values: Values): void {
    this.values = values;
    this.version++;
    for (const listener of this.listeners) listener();
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
    this.version++;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  getValues(): Values {
    return this.values;
  }

  getReport(): Report {
    if (this.report?.version !== this.version) {
      this.report = { version: this.version, value: checkDocument(this.template, this.values) };
    }
    return this.report.value;
  }

  getMarkdown(): string {
    if (this.markdown?.version !== this.version) {
      this.markdown = {
        version: this.version,
        value: renderDocument(this.template, this.values, this.options),
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

/** Re-renders on every change; returns the change counter. */
export function useLiveVersion(): number {
  const live = useLive();
  return useSyncExternalStore(live.subscribe, live.getVersion);
}
