import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTemplateDocs, TEMPLATE_DOCS_PATH } from '../../scripts/gen-template-docs.ts';

describe('docs/templates.md', () => {
  it('is up to date with the templates and the parser (regenerate: node bin/run-ts.js scripts/gen-template-docs.ts)', async () => {
    const committed = readFileSync(TEMPLATE_DOCS_PATH, 'utf8');
    expect(committed).toBe(await generateTemplateDocs());
  });
});
