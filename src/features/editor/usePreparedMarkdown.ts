import { useEffect, useState } from 'react';
import type { LiveValues } from './liveValues.ts';

/** How long one task preparing the Markdown may take (a keystroke waits at most that long). */
const SLICE_MS = 20;

/**
 * True once `when` is, and (for a large template, `prepare`) the live values' Markdown has been
 * prepared a slice per task (`LiveValues.prepareMarkdown`): the first Markdown of a template of
 * 10,000 sections, written in one go, was one task of a few hundred milliseconds. What is
 * typed meanwhile is in the Markdown (a prepared section whose values changed is written again).
 */
export function usePreparedMarkdown(live: LiveValues, when: boolean, prepare: boolean): boolean {
  const [prepared, setPrepared] = useState(!prepare);
  useEffect(() => {
    if (!when || prepared) return undefined;
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      const start = performance.now();
      if (live.prepareMarkdown(() => performance.now() - start < SLICE_MS)) setPrepared(true);
      else timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [live, when, prepared]);
  return when && prepared;
}
