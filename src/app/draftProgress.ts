// Loaded lazily by the gallery (in the progress worker where the browser has workers): it pulls
// in the template parser and the completeness check, which the first screen does not need.
import { checkDocument } from '../core/check.ts';
import { defaultValues } from '../core/document/defaults.ts';
import { todayIso } from '../core/text.ts';
import type { Template } from '../core/template/types.ts';
import type { Draft } from '../stores/drafts.ts';
import { loadBuiltInTemplate, parseImportedTemplate } from '../templates/builtin.ts';
import { findTemplateEntry } from '../templates/registry.ts';
import { meterCounts, meterText } from '../features/editor/progress.ts';

/** Reads an imported template's text (the page may hand large ones to a worker). */
export type ParseTemplate = (source: string) => Promise<Template>;

async function templateOf(draft: Draft, parse: ParseTemplate): Promise<Template | null> {
  if (draft.templateSource !== undefined) return parse(draft.templateSource);
  const entry = findTemplateEntry(draft.templateId);
  return entry ? loadBuiltInTemplate(entry) : null;
}

/** "7 of 12 sections complete · 2 partly filled", as the editor's meter counts them. */
export async function draftProgress(
  draft: Draft,
  parse: ParseTemplate = parseImportedTemplate,
): Promise<string | undefined> {
  const template = await templateOf(draft, parse).catch(() => null);
  if (!template) return undefined;
  const values = { ...defaultValues(template, todayIso()), ...draft.values };
  const report = checkDocument(template, values);
  return meterText(meterCounts(report));
}
