import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTemplate } from '../template/parse.ts';
import { readTemplateText } from '../../templates/load-node.ts';
import { BUILT_IN_TEMPLATES } from '../../templates/registry.ts';
import { TEMPLATE_HINTS } from '../../templates/hints.ts';
import type { GroupInstance, Values } from '../model.ts';
import { extraKey, sourceKey } from '../model.ts';
import { defaultValues } from './defaults.ts';
import {
  createRenderCache,
  prepareRender,
  renderDocument,
  renderDocumentRope,
  valuesChanged,
} from './render.ts';
import { ropeLeaves } from '../docText.ts';
import { allFields } from './walk.ts';

// The editor renders with a cache on every keystroke, changing one value of the same object at a
// time (and group instances in place, as the form does): the text must be what a fresh render
// gives, every time.
describe('renderDocument with a cache', () => {
  for (const entry of BUILT_IN_TEMPLATES) {
    it(`writes what a fresh render writes after each edit: ${entry.id}`, () => {
      const t = parseTemplate(readTemplateText(entry), entry.format, {
        hints: TEMPLATE_HINTS[entry.id] ?? {},
      });
      const values: Values = { ...defaultValues(t, '2026-12-01') };
      const cache = createRenderCache();
      const check = (options = {}) =>
        expect(renderDocument(t, values, options, cache)).toBe(renderDocument(t, values, options));
      check();
      let n = 0;
      for (const field of allFields(t)) {
        n += 1;
        if (field.kind === 'group') {
          values[field.id] = [{}, {}];
          check();
          const instance = (values[field.id] as GroupInstance[])[1]!;
          const inner = field.fields.find((f) => f.kind === 'text' || f.kind === 'prose');
          if (inner) {
            instance[inner.id] = `Instance text ${n}`;
            check();
          }
        } else if (['text', 'prose', 'code', 'choice'].includes(field.kind)) {
          values[field.id] = `Answer ${n}`;
          check();
          values[field.id] = `Answer ${n}, edited`;
          check();
        } else if (field.kind === 'list') {
          values[field.id] = ['one'];
          check();
          (values[field.id] as string[]).push('two');
          check();
          (values[field.id] as string[])[0] = 'one, edited in place';
          check();
          (values[field.id] as string[]).pop();
          check();
        }
      }
      const section = t.root.children[0];
      if (section) {
        values[extraKey(section.id)] = 'Kept text of the author';
        check();
      }
      check({ keepGuidance: true });
      check({ dropEmptyOptional: true });
      check();
    });
  }
});

// The editor's cache is told which values each edit changed (a value is replaced, never changed
// in place): each section's whole text is kept until a value it read changes. After every edit
// and option change the text is still what a fresh render gives.
describe('renderDocument with a tracked cache', () => {
  for (const entry of BUILT_IN_TEMPLATES) {
    it(`writes what a fresh render writes after each reported edit: ${entry.id}`, () => {
      const t = parseTemplate(readTemplateText(entry), entry.format, {
        hints: TEMPLATE_HINTS[entry.id] ?? {},
      });
      const values: Values = { ...defaultValues(t, '2026-12-01') };
      const cache = createRenderCache({ tracked: true });
      const set = (key: string, value: Values[string]) => {
        values[key] = value;
        valuesChanged(cache, [key]);
      };
      const check = (options = {}) =>
        expect(renderDocument(t, values, options, cache)).toBe(renderDocument(t, values, options));
      check();
      let n = 0;
      for (const field of allFields(t)) {
        n += 1;
        if (field.kind === 'group') {
          set(field.id, [{}, {}]);
          check();
          const inner = field.fields.find((f) => f.kind === 'text' || f.kind === 'prose');
          if (inner) {
            set(field.id, [{}, { [inner.id]: `Instance text ${n}` }]);
            check();
          }
        } else if (['text', 'prose', 'code', 'choice'].includes(field.kind)) {
          set(field.id, `Answer ${n}`);
          check();
          set(field.id, `Answer ${n}, edited`);
          check();
        } else if (field.kind === 'list') {
          set(field.id, ['one']);
          check();
          set(field.id, ['one', 'two']);
          check();
          // A list the form cannot show whole is kept as written (its source); the field's value
          // then follows the kept text, and editing either is seen.
          set(sourceKey(field.id), `- kept ${n}\n  - nested item`);
          check();
          set(field.id, ['edited while kept']);
          check();
          set(sourceKey(field.id), `- kept ${n}, edited\n  - nested item`);
          check();
          set(sourceKey(field.id), '');
          check();
        }
      }
      const section = t.root.children[0];
      if (section) {
        set(extraKey(section.id), 'Kept text of the author');
        check();
      }
      check({ keepGuidance: true });
      check({ dropEmptyOptional: true });
      check();
      for (const field of allFields(t).slice(0, 3)) {
        set(field.id, field.kind === 'list' ? ['last'] : 'Last answer');
        check();
      }
    });
  }
});

// A large template's first render is prepared a few sections at a time (`prepareRender`), with
// the author free to type in between: the render after it is still what a fresh render gives.
describe('prepareRender', () => {
  for (const entry of BUILT_IN_TEMPLATES) {
    it(`prepared a section at a time, with edits in between: ${entry.id}`, () => {
      const t = parseTemplate(readTemplateText(entry), entry.format, {
        hints: TEMPLATE_HINTS[entry.id] ?? {},
      });
      const values: Values = { ...defaultValues(t, '2026-12-01') };
      const cache = createRenderCache({ tracked: true });
      const fields = allFields(t).filter((f) => ['text', 'prose'].includes(f.kind));
      let at: number | null = 0;
      let n = 0;
      while (at !== null) {
        at = prepareRender(t, values, {}, cache, at, () => false);
        const field = fields[n++ % Math.max(1, fields.length)];
        if (field && n % 2 === 0) {
          values[field.id] = `Typed while preparing ${n}`;
          valuesChanged(cache, [field.id]);
        }
      }
      expect(renderDocument(t, values, {}, cache)).toBe(renderDocument(t, values));
      const field = fields[0];
      if (field) {
        values[field.id] = 'Typed after the first render';
        valuesChanged(cache, [field.id]);
        expect(renderDocument(t, values, {}, cache)).toBe(renderDocument(t, values));
      }
      // Prepared with other options than the render's: the render writes with its own.
      prepareRender(t, values, { keepGuidance: true }, cache, 0, () => true);
      expect(renderDocument(t, values, {}, cache)).toBe(renderDocument(t, values));
    });
  }
});

// A template with hundreds of sections under one heading (the editor's large templates): the
// sections' texts are joined in runs, each kept until one of its sections changes.
describe('renderDocument with a tracked cache, many sections under one heading', () => {
  const parts = ['# Proposal: [Title]\n\n**Author**: [Your Name]\n'];
  for (let n = 1; n <= 150; n++) {
    if (n === 70)
      parts.push('## Option 1\n\n[Describe the option]\n\n## Option 2\n\n[Describe it]\n');
    // Names without numbers (numbered headings are read as one repeated section).
    const name = `${String.fromCharCode(65 + (n % 26))}${'q'.repeat(Math.floor(n / 26))} notes`;
    parts.push(`## ${name}\n\n${n % 3 === 0 ? '- Item...\n' : '**Owner**: [Your Name]\n'}`);
  }
  const t = parseTemplate(parts.join('\n'));
  const fields = allFields(t);

  it('has the shape it is meant to test', () => {
    const top = t.root.children.find((c) => c.type === 'section' && c.children.length > 100);
    expect(top).toBeDefined();
    expect(fields.some((f) => f.kind === 'group')).toBe(true);
  });

  it('writes what a fresh render writes after any sequence of reported edits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(fields.length - 1), fc.string({ maxLength: 8 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (edits) => {
          const values: Values = { ...defaultValues(t, '2026-12-01') };
          const cache = createRenderCache({ tracked: true });
          expect(renderDocument(t, values, {}, cache)).toBe(renderDocument(t, values));
          for (const [index, text] of edits) {
            const field = fields[index]!;
            if (field.kind === 'group') {
              const inner = field.fields.find((f) => f.kind === 'text' || f.kind === 'prose');
              values[field.id] = [{}, inner ? { [inner.id]: text } : {}];
            } else if (field.kind === 'list') {
              values[field.id] = text ? [text] : [];
            } else {
              values[field.id] = text;
            }
            valuesChanged(cache, [field.id]);
            expect(renderDocument(t, values, {}, cache)).toBe(renderDocument(t, values));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

// The preview reads the document through its pieces (see `DocText`): a long answer must stay the
// one piece the field holds, not be copied into a string with the text around it.
describe('renderDocumentRope', () => {
  it('keeps each long prose answer as one piece of the document, edit after edit', () => {
    const entry = BUILT_IN_TEMPLATES[0]!;
    const t = parseTemplate(readTemplateText(entry), entry.format, {
      hints: TEMPLATE_HINTS[entry.id] ?? {},
    });
    const prose = allFields(t).filter((f) => f.kind === 'prose');
    expect(prose.length).toBeGreaterThan(1);
    const values: Values = { ...defaultValues(t, '2026-12-01') };
    const cache = createRenderCache({ tracked: true });
    const answer = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} of a long answer.`).join(
      '\n\n',
    );
    renderDocumentRope(t, values, {}, cache);
    for (const [n, field] of prose.entries()) {
      values[field.id] = `${answer} (${n})`;
      valuesChanged(cache, [field.id]);
      const rope = renderDocumentRope(t, values, {}, cache);
      const leaves = ropeLeaves(rope);
      expect(leaves.join('')).toBe(renderDocument(t, values));
      for (const done of prose.slice(0, n + 1)) expect(leaves).toContain(values[done.id]);
    }
  });
});
