import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../template/parse.ts';
import { readTemplateText } from '../../templates/load-node.ts';
import { BUILT_IN_TEMPLATES, findTemplateEntry } from '../../templates/registry.ts';
import { TEMPLATE_HINTS } from '../../templates/hints.ts';
import { defaultValues } from './defaults.ts';
import { readDocument } from './read.ts';
import { renderDocument } from './render.ts';

function load(id: string) {
  const entry = findTemplateEntry(id)!;
  return parseTemplate(readTemplateText(entry), entry.format, { hints: TEMPLATE_HINTS[id] ?? {} });
}

describe('render options', () => {
  it('keeps the template’s guidance comments when asked, and reads the document back the same', () => {
    for (const entry of BUILT_IN_TEMPLATES) {
      const t = load(entry.id);
      const values = { ...defaultValues(t, '2026-11-23') };
      const kept = renderDocument(t, values, { keepGuidance: true });
      const plain = renderDocument(t, values);
      expect(readDocument(t, kept).values).toEqual(readDocument(t, plain).values);
    }
    const ai = load('ai-enhancement-request');
    const kept = renderDocument(ai, defaultValues(ai, '2026-11-23'), { keepGuidance: true });
    expect(kept).toContain('<!-- AI: Describe how things work today.');
    expect(kept).toContain('**TLDR**: <!-- One sentence:');
    expect(renderDocument(ai, defaultValues(ai, '2026-11-23'))).not.toContain('<!--');
  });

  it('drops optional sections in which nothing is answered, and only those', () => {
    const ai = load('ai-enhancement-request');
    const values = defaultValues(ai, '2026-11-23');
    expect(renderDocument(ai, values)).toContain('## Implementation Plan (Optional)');
    expect(renderDocument(ai, values, { dropEmptyOptional: true })).not.toContain(
      'Implementation Plan (Optional)',
    );
    const answered = { ...values, 'implementation-plan-optional/estimated-effort': 'Medium' };
    expect(renderDocument(ai, answered, { dropEmptyOptional: true })).toContain(
      '## Implementation Plan (Optional)',
    );
  });
});
