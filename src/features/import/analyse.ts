/**
 * Reading a template the author brings in: format, issue-form lint, parse, name. The parser,
 * the lint and the YAML reader load only when someone imports something.
 */
import type { TemplateFormat } from '../../core/model.ts';
import type { IssueFormLint } from '../../core/template/issueform-lint.ts';
import type { Template } from '../../core/template/types.ts';
import { isAbort } from '../../components/WorkProgress.tsx';
import { checkSize } from '../../core/limits.ts';
// Small, and already on the first screen (the draft list names drafts with it).
import { templateName } from '../../core/template/name.ts';
import { loadYaml } from '../../templates/yaml-lazy.ts';

export const MAX_TEMPLATE_BYTES = 2_000_000;

export type Analysis =
  | {
      ok: true;
      template: Template;
      format: TemplateFormat;
      name: string;
      lint: IssueFormLint | null;
    }
  | { ok: false; error: string; lint: IssueFormLint | null };

/**
 * Checks a template before it joins the gallery. Large templates are read in a worker
 * (`parseImportedTemplate`), so the page stays responsive and `signal` can cancel the read.
 */
export async function analyseTemplate(
  source: string,
  fileName: string,
  signal?: AbortSignal,
): Promise<Analysis> {
  const tooLarge = checkSize('template', source);
  if (tooLarge) return { ok: false, error: tooLarge, lint: null };
  const [{ detectFormat }, lintModule, { allFields }, { parseImportedTemplate }] =
    await Promise.all([
      import('../../core/template/parse.ts'),
      import('../../core/template/issueform-lint.ts'),
      import('../../core/document/walk.ts'),
      import('../../templates/builtin.ts'),
      loadYaml(),
    ]);
  if (source.trim() === '') return { ok: false, error: 'The template is empty.', lint: null };
  const format = detectFormat(source);
  let lint: IssueFormLint | null = null;
  if (format === 'issue-form') {
    lint = lintModule.lintIssueForm(source);
    if (lintModule.hasLintErrors(lint)) {
      return { ok: false, error: lintModule.ISSUE_FORM_REJECTED, lint };
    }
  }
  try {
    const template = await parseImportedTemplate(source, { signal });
    if (allFields(template).length === 0) {
      return {
        ok: false,
        error:
          'This template has nothing to fill in: no headings, labels, lists or placeholders were found.',
        lint,
      };
    }
    return { ok: true, template, format, name: templateName(template, fileName), lint };
  } catch (error) {
    if (isAbort(error)) throw error;
    return { ok: false, error: error instanceof Error ? error.message : String(error), lint };
  }
}

/** A dropped or chosen file as text, refusing what cannot be a template. */
export async function readTemplateFile(file: File): Promise<{ text: string } | { error: string }> {
  if (file.size > MAX_TEMPLATE_BYTES) {
    return { error: `${file.name} is larger than 2 MB: that is not a template or a proposal.` };
  }
  try {
    return { text: await file.text() };
  } catch {
    return { error: `${file.name} could not be read.` };
  }
}
