/**
 * Built-in templates as parsed Templates: the file text (fetched on demand) parsed with the
 * hints each template needs where its shape is ambiguous. Parsed once per template id.
 */
import { parseTemplate } from '../core/template/parse.ts';
import type { TemplateHints } from '../core/template/parse.ts';
import type { Template } from '../core/template/types.ts';
import { loadTemplateText } from './load-browser.ts';
import type { TemplateEntry } from './registry.ts';

const RISK_LEVELS = ['High', 'Medium', 'Low'];

/** Where a template's wording does not say which shape is meant. */
export const BUILT_IN_HINTS: Readonly<Record<string, TemplateHints>> = {
  'ai-enhancement-request': {
    // The options exclude each other, though written as a checkbox group.
    singleChoice: ['Compatibility'],
    columnOptions: { Probability: RISK_LEVELS, Impact: RISK_LEVELS },
  },
};

export function builtInHints(id: string): TemplateHints | undefined {
  return BUILT_IN_HINTS[id];
}

const cache = new Map<string, Promise<Template>>();

/** The parsed template of a registry entry; a failed load is not cached, so it can be retried. */
export function loadBuiltInTemplate(entry: TemplateEntry): Promise<Template> {
  let pending = cache.get(entry.id);
  if (!pending) {
    const hints = builtInHints(entry.id);
    pending = loadTemplateText(entry).then((text) =>
      parseTemplate(text, entry.format, hints ? { hints } : {}),
    );
    pending.catch(() => cache.delete(entry.id));
    cache.set(entry.id, pending);
  }
  return pending;
}
