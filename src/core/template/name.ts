/** The name an imported template goes by: its own name, its first heading, or its file's name. */
import type { Template } from './types.ts';

function firstHeading(template: Template): string {
  const first = template.root.children[0];
  if (!first) return '';
  const section = first.type === 'group' ? first.instance : first;
  return section.title.replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** A file name without folders and extension, words spaced: `bug_report.yml` → `bug report`. */
export function nameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
}

/**
 * Front matter `name` (Markdown issue templates) or the issue form's `name`, then the first
 * heading, then the file name.
 */
export function templateName(template: Template, fileName = ''): string {
  return (
    template.frontMatter?.meta.name.trim() ||
    (template.format === 'issue-form' ? '' : firstHeading(template)) ||
    nameFromFileName(fileName) ||
    'Imported template'
  );
}
