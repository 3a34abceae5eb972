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

/** Parses a template that is not built in: loads the parser and the YAML library first. */
export async function parseImportedTemplate(source: string): Promise<Template> {
  const [{ parseTemplate }] = await Promise.all([import('../core/template/parse.ts'), loadYaml()]);
  return parseTemplate(source);
}
