import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../template/parse.ts';
import { readTemplateText } from '../../templates/load-node.ts';
import { BUILT_IN_TEMPLATES } from '../../templates/registry.ts';
import { anchorsOf, escapeBlockText } from './anchors.ts';

// A long answer is escaped on each keystroke; when the text before the edit needed no escaping,
// only the lines the edit touched are looked at. The result must be what escaping the whole
// text afresh gives, edit after edit.
describe('escaping a long answer edit by edit', () => {
  const entry =
    BUILT_IN_TEMPLATES.find((e) => e.id === 'enhancement-proposal') ?? BUILT_IN_TEMPLATES[0]!;
  const template = parseTemplate(readTemplateText(entry), entry.format);
  const paragraphs = Array.from(
    { length: 200 },
    (_, i) => `Paragraph ${i} says **something** about \`code\` and more words here.`,
  );
  const base = paragraphs.join('\n\n');
  const piece = fc.constantFrom(
    'x',
    ' ',
    '\n',
    '\n\n',
    '# ',
    '## Summary',
    '**Summary**',
    '  **',
    '```',
    '~~~',
    '<div>',
    '>',
    '[',
    '---',
    '===',
    '\\',
    '_No response_',
    '-',
    '\t',
  );

  it('matches a fresh escape after random insertions and deletions', () => {
    expect(base.length).toBeGreaterThan(8192);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.array(piece, { maxLength: 3 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (edits) => {
          // A new Anchors object: its own state, as for a new template.
          const anchors = { ...anchorsOf(template) };
          let text = base;
          expect(escapeBlockText(text, anchors)).toBe(escapeBlockText(text, { ...anchors }));
          for (const [at, remove, insert] of edits) {
            const position = at % (text.length + 1);
            text = text.slice(0, position) + insert.join('') + text.slice(position + remove);
            expect(escapeBlockText(text, anchors)).toBe(escapeBlockText(text, { ...anchors }));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('escapes a heading typed into the middle of a long answer', () => {
    const anchors = { ...anchorsOf(template) };
    expect(base.length).toBeGreaterThan(8192);
    expect(escapeBlockText(base, anchors)).toBe(base);
    const at = base.indexOf('Paragraph 60');
    const edited = `${base.slice(0, at)}## Summary\n\n${base.slice(at)}`;
    expect(escapeBlockText(edited, anchors)).toContain('\\## Summary');
  });
});
