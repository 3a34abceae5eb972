import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TemplateEntry } from './registry.ts';

/** Path of a built-in template file on disk (for the CLI and tests). */
export function templatePath(entry: TemplateEntry): string {
  return fileURLToPath(new URL(`./${entry.file}`, import.meta.url));
}

export function readTemplateText(entry: TemplateEntry): string {
  return readFileSync(templatePath(entry), 'utf8');
}
