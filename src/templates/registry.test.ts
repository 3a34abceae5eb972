import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, findTemplateEntry, templateEntrySchema } from './registry.ts';
import { readTemplateText, templatePath } from './load-node.ts';

const dir = new URL('./', import.meta.url);
const templateFiles = readdirSync(dir).filter((f) => /\.(md|txt|ya?ml)$/.test(f));

describe('built-in template registry', () => {
  it('has one valid entry per shipped template file, and no entry without a file', () => {
    expect(BUILT_IN_TEMPLATES.map((t) => t.file).sort()).toEqual([...templateFiles].sort());
    for (const entry of BUILT_IN_TEMPLATES) expect(templateEntrySchema.parse(entry)).toEqual(entry);
  });

  it('gives every template a unique id and name', () => {
    const ids = new Set(BUILT_IN_TEMPLATES.map((t) => t.id));
    const names = new Set(BUILT_IN_TEMPLATES.map((t) => t.name));
    expect(ids.size).toBe(BUILT_IN_TEMPLATES.length);
    expect(names.size).toBe(BUILT_IN_TEMPLATES.length);
  });

  it.each(BUILT_IN_TEMPLATES.map((t) => [t.id, t] as const))(
    '%s loads and matches its entry',
    (_id, entry) => {
      const text = readTemplateText(entry);
      expect(text.length).toBeGreaterThan(1000);
      expect(findTemplateEntry(entry.id)).toBe(entry);
      // The format the entry declares is the one the file is written in.
      // (A plain-text template may still hold "# comment" lines from flattened code.)
      const hasMarkdownHeadings = /^#{2,6} /m.test(text);
      expect(hasMarkdownHeadings).toBe(entry.format === 'markdown');
      expect(readFileSync(templatePath(entry)).includes(0)).toBe(false);
    },
  );

  it('declares a sensible GitHub target per template kind', () => {
    expect(findTemplateEntry('ai-enhancement-request')?.target).toBe('issue');
    expect(findTemplateEntry('feature-pull-request')?.target).toBe('pull-request');
    expect(findTemplateEntry('enhancement-rfc')?.target).toBe('new-file');
  });
});
