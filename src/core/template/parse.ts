/** parseTemplate: any supported template source → Template. */
import { checkSize, LIMITS, limitMessage, nestingDepth } from '../limits.ts';
import type { TemplateFormat } from '../model.ts';
import { TemplateError } from './errors.ts';
import { parseIssueForm } from './issueform.ts';
import { parseMarkdownTemplate, type ParseOptions } from './markdown.ts';
import type { Template } from './types.ts';
import { plainTextToMarkdown } from './plaintext.ts';

export type { ParseOptions, TemplateHints } from './markdown.ts';

/** Guesses the format of a template source: issue-form YAML, Markdown, or plain text. */
export function detectFormat(text: string): TemplateFormat {
  const src = text.replace(/^\uFEFF/, '');
  if (
    /^(name|description|body|title|labels)\s*:/m.test(src) &&
    /^body\s*:/m.test(src) &&
    !/^#{1,6} /m.test(src)
  ) {
    return 'issue-form';
  }
  // Markdown shows its syntax somewhere: headings below level 1, a fence, bold, a task list,
  // front matter, a link. A plain-text copy may still hold `# comment` lines of flattened code.
  const signals = [
    /^ {0,3}#{2,6} \S/m,
    /^ {0,3}(```|~~~)/m,
    /\*\*[^*\n]+\*\*/,
    /^\s*[-*+] \[[ xX]\]/m,
    /^---\s*\n[\s\S]*?\n---\s*(\n|$)/,
    /\]\([^)\s]+\)/,
    /^\s*>\s/m,
    /<!--/,
  ];
  if (signals.some((re) => re.test(src))) return 'markdown';
  const h1 = src.match(/^ {0,3}# \S/gm)?.length ?? 0;
  return h1 >= 2 && h1 * 20 > src.split('\n').length ? 'markdown' : 'text';
}

export function assertReadableText(text: string): void {
  if (text.includes('\u0000'))
    throw new TemplateError('The input is binary (it contains NUL bytes), not a text template');
  const sample = text.slice(0, 4096);
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const control = sample.match(/[\u0001-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (control > 8) throw new TemplateError('The input is binary, not a text template');
}

export function parseTemplate(
  text: string,
  format?: TemplateFormat,
  options: ParseOptions = {},
): Template {
  const overLimit = checkSize('template', text);
  if (overLimit) throw new TemplateError(overLimit);
  const depth = nestingDepth(text);
  if (depth > LIMITS.nestingDepth) throw new TemplateError(limitMessage('nesting', depth));
  assertReadableText(text);
  const kind = format ?? detectFormat(text);
  switch (kind) {
    case 'markdown':
      return parseMarkdownTemplate(text, options);
    case 'text':
      return { ...parseMarkdownTemplate(plainTextToMarkdown(text), options), format: 'text' };
    case 'issue-form':
      return parseIssueForm(text);
  }
}
