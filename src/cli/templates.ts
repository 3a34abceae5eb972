/** Finding the template the CLI works with: a built-in id, a template file, or recognition. */
import { extname } from 'node:path';
import type { TemplateEntry, TemplateFormat } from '../templates/registry.ts';
import { BUILT_IN_TEMPLATES, findTemplateEntry } from '../templates/registry.ts';
import { readTemplateText } from '../templates/load-node.ts';
import { TEMPLATE_HINTS } from '../templates/hints.ts';
import { parseTemplate } from '../core/template/parse.ts';
import type { Template } from '../core/template/types.ts';
import { recognizeTemplate as recognize, type Candidate } from '../core/recognize.ts';
import { aboutFile, CliError, readInputFile } from './io.ts';

export interface LoadedTemplate {
  /** The built-in id, or the path the template was read from. */
  source: string;
  entry: TemplateEntry | null;
  template: Template;
}

export function parseBuiltIn(entry: TemplateEntry): Template {
  const hints = TEMPLATE_HINTS[entry.id];
  return parseTemplate(readTemplateText(entry), entry.format, hints ? { hints } : {});
}

/** The format of a template file from its extension (`.yml` issue form, `.txt` plain text). */
export function formatFromPath(path: string): TemplateFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.yml' || ext === '.yaml') return 'issue-form';
  if (ext === '.txt') return 'text';
  return undefined;
}

function looksLikeId(arg: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/i.test(arg) && !arg.includes('.');
}

/** `--template ID|PATH` or the TEMPLATE argument: a built-in id first, then a file. */
export function loadTemplate(
  arg: string,
  readFile: (path: string) => string = (path) => readInputFile(path, 'template'),
): LoadedTemplate {
  const entry = findTemplateEntry(arg);
  if (entry) return { source: entry.id, entry, template: parseBuiltIn(entry) };
  let text: string;
  try {
    text = readFile(arg);
  } catch (error) {
    if (error instanceof CliError && error.code === 'ENOENT' && looksLikeId(arg)) {
      throw new CliError(
        `unknown template "${arg}"; the built-in templates are: ${BUILT_IN_TEMPLATES.map((t) => t.id).join(', ')} (or pass a template file)`,
      );
    }
    throw error;
  }
  const template = aboutFile(arg, () => parseTemplate(text, formatFromPath(arg)));
  return { source: arg, entry: null, template };
}

// ---------------------------------------------------------------------------------------------
// Recognising the built-in template a document follows (the rules live in core/recognize.ts)

let builtInCandidates: Candidate<TemplateEntry>[] | null = null;

function candidates(): Candidate<TemplateEntry>[] {
  builtInCandidates ??= BUILT_IN_TEMPLATES.map((entry) => ({
    id: entry,
    template: parseBuiltIn(entry),
    format: entry.format,
  }));
  return builtInCandidates;
}

/** The built-in template a document follows, when one is a clear match. */
export function recognizeTemplate(markdown: string): TemplateEntry | null {
  return recognize(markdown, candidates());
}
