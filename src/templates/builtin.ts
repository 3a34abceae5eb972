/**
 * Built-in templates as parsed Templates. They are parsed at build time (the
 * `virtual:built-in-templates` module, see src/templates/built-in-plugin.ts) with the hints in
 * hints.ts, so the browser loads each as data and needs no YAML library for them. Templates that
 * are not built in (imported, or from a share link) are parsed here, with the parser and the YAML
 * library loaded on demand.
 */
import type { TemplateHints } from '../core/template/parse.ts';
import type { Template } from '../core/template/types.ts';
import builtInTemplates from 'virtual:built-in-templates';
import { TEMPLATE_HINTS } from './hints.ts';
import type { TemplateEntry } from './registry.ts';
import type { TemplateWorkerReply, TemplateWorkerRequest } from './templateWorkerProtocol.ts';
import { loadYaml } from './yaml-lazy.ts';

/** Where a template's wording does not say which shape is meant (the hints the build used). */
export const BUILT_IN_HINTS: Readonly<Record<string, TemplateHints>> = TEMPLATE_HINTS;

export function builtInHints(id: string): TemplateHints | undefined {
  return BUILT_IN_HINTS[id];
}

const cache = new Map<string, Promise<Template>>();

/** The parsed template of a registry entry; a failed load is not cached, so it can be retried. */
export function loadBuiltInTemplate(entry: TemplateEntry): Promise<Template> {
  let pending = cache.get(entry.id);
  if (!pending) {
    const load = builtInTemplates[entry.id];
    pending = load ? load() : Promise.reject(new Error(`Template ${entry.id} is not bundled.`));
    pending.catch(() => cache.delete(entry.id));
    cache.set(entry.id, pending);
  }
  return pending;
}

/** Templates from this size on are parsed in a worker; smaller ones parse in a few ms. */
export const WORKER_THRESHOLD = 50_000;

export interface ParseControl {
  /** Aborting stops the parse at once (the worker is terminated) and rejects with AbortError. */
  signal?: AbortSignal;
}

/**
 * Parses a template that is not built in: loads the parser and the YAML library first. Large
 * templates are parsed in a Web Worker, so the page stays responsive and the parse can be
 * cancelled.
 */
export async function parseImportedTemplate(
  source: string,
  control: ParseControl = {},
): Promise<Template> {
  control.signal?.throwIfAborted();
  if (source.length >= WORKER_THRESHOLD && typeof Worker !== 'undefined') {
    // Checked on import, then opened in the editor: the second read reuses the first.
    if (lastLarge?.source === source) return lastLarge.template;
    const { template, worker } = await parseInWorker(source, control.signal);
    lastLarge?.worker?.terminate();
    lastLarge = { source, template, worker };
    return template;
  }
  const [{ parseTemplate }] = await Promise.all([import('../core/template/parse.ts'), loadYaml()]);
  control.signal?.throwIfAborted();
  return parseTemplate(source);
}

/** The last large template parsed, and the worker that parsed it (it keeps the template). */
let lastLarge: { source: string; template: Template; worker: Worker | null } | undefined;

/**
 * The worker that parsed `template` and still holds it, for the caller to keep (it answers
 * completeness checks: see templateWorkerProtocol.ts) and terminate; null when there is none
 * (a small template, or the worker was taken already).
 */
export function takeTemplateWorker(template: Template): Worker | null {
  if (lastLarge?.template !== template) return null;
  const { worker } = lastLarge;
  lastLarge.worker = null;
  return worker;
}

function parseInWorker(
  source: string,
  signal: AbortSignal | undefined,
): Promise<{ template: Template; worker: Worker }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./templateWorker.ts', import.meta.url), {
      type: 'module',
      name: 'template-parser',
    });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new DOMException('Reading the template was cancelled.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<TemplateWorkerReply>) => {
      const reply = event.data;
      if (reply.ok) {
        // Kept with the template it holds, for the editor to take over (`takeTemplateWorker`).
        signal?.removeEventListener('abort', onAbort);
        worker.onmessage = null;
        worker.onerror = null;
        resolve({ template: reply.template, worker });
      } else {
        finish();
        reject(new Error(reply.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'The template could not be read.'));
    };
    worker.postMessage({ source } satisfies TemplateWorkerRequest);
  });
}
