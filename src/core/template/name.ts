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

/**
 * The name of a template from its text alone, without parsing it (for lists of drafts made from
 * a template that is no longer imported): a top-level `name:` (front matter or issue form),
 * else the first heading, else the first line.
 */
export function nameFromSource(source: string): string {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const frontMatter = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text)?.[1];
  // An issue form is YAML through and through; elsewhere only the front matter names it.
  const yaml = frontMatter ?? (/^body:/m.test(text) ? text : '');
  const yamlName = /^name:[ \t]*(.+?)[ \t]*$/m.exec(yaml)?.[1];
  const unquoted = yamlName?.replace(/^(["'])(.*)\1$/, '$2').trim();
  if (unquoted) return unquoted;
  const body = frontMatter === undefined ? text : text.slice(text.indexOf('\n---', 3) + 4);
  const heading = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(body)?.[1]?.trim();
  if (heading) return heading.replace(/<!--[\s\S]*?-->/g, '').trim();
  return (
    body
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim()
      .slice(0, 80) ?? ''
  );
}
