import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Field, FieldValue, GroupInstance, Values } from '../model.ts';
import { FRONT_MATTER_KEY, FRONT_MATTER_READ_KEY } from '../model.ts';
import { parseTemplate } from '../template/parse.ts';
import type { Template } from '../template/types.ts';
import { BUILT_IN_TEMPLATES } from '../../templates/registry.ts';
import { readTemplateText } from '../../templates/load-node.ts';
import { TEMPLATE_HINTS } from '../../templates/hints.ts';
import { defaultValues } from './defaults.ts';
import { readDocument } from './read.ts';
import { renderDocument } from './render.ts';
import { allFields, sectionNodes } from './walk.ts';
import { isOnlyPlaceholders } from '../text.ts';

// Pieces that look like Markdown structure, unicode and hostile text, mixed with words.
const PIECES = [
  '#',
  '## ',
  '### Goals',
  '## Summary',
  '|',
  ' | ',
  '- [ ] ',
  '- [x] ',
  '* ',
  '1. ',
  '-->',
  '<!--',
  '```',
  '~~~',
  '***',
  '---',
  '===',
  '**',
  '**Scope:**',
  '**Status**: ',
  '_',
  '\\',
  '\\[',
  '[',
  ']',
  '(',
  ')',
  '>',
  '> [!NOTE]',
  ' ',
  '  ',
  '\t',
  'a',
  'word',
  'Goals',
  'é',
  '日本語',
  '🎉',
  'ZWJ👩‍💻',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '_No response_',
  ':',
  'Alternative 3: x',
  '**Alternative 2: y**',
  '<pre>',
  '<script>',
  '&amp;',
  '`',
  '$',
  '%',
  '\u00a0',
  'N/A',
];
const chunk = fc.constantFrom(...PIECES);
const multiline = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: chunk },
      { weight: 2, arbitrary: fc.constant('\n') },
      { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join('').replace(/\r/g, ''));
const line = multiline.map((s) => s.replace(/\s+/g, ' ').trim());
const nonEmptyLine = line.filter((s) => s !== '');

function notPlaceholder(field: Field, text: string): boolean {
  const own = [field.placeholder, 'defaultValue' in field ? field.defaultValue : ''];
  return !own.some((p) => p !== '' && p.trim() === text.trim());
}

/** JSON with sorted keys: equal values print the same whatever their key order or prototype. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/** Values in each field's domain: what the form can produce. */
function fieldArb(field: Field): fc.Arbitrary<FieldValue> {
  switch (field.kind) {
    case 'text':
    case 'choice':
      // A text field with a real default (`status: proposed`) is never empty in the form.
      return line.filter(
        (t) =>
          notPlaceholder(field, t) &&
          !/^(\[.*\]|X{3,}|\.\.\.)$/.test(t) &&
          !(field.kind === 'text' && field.defaultValue !== '' && t === ''),
      );
    case 'date':
      return fc.constantFrom('', '2026-11-23', '1999-01-31');
    case 'prose':
      return multiline.map((s) => s.trim()).filter((t) => notPlaceholder(field, t));
    case 'code':
      return multiline.filter((t) => !t.includes('\r'));
    case 'list':
      return fc.array(
        nonEmptyLine.filter((t) => !field.placeholderItems.includes(t)),
        { maxLength: 4 },
      );
    case 'tasklist':
      return fc.array(
        fc.record({
          done: fc.boolean(),
          text: nonEmptyLine.filter((t) => !field.placeholderItems.includes(t)),
        }),
        { maxLength: 4 },
      );
    case 'checklist': {
      const labels = field.options.map((o) => o.label);
      const other = field.options.some((o) => o.other)
        ? fc.oneof(
            fc.constant(''),
            nonEmptyLine.filter((t) => !isOnlyPlaceholders(t)),
          )
        : fc.constant('');
      const checked = field.multiple
        ? fc.subarray(labels)
        : fc.oneof(
            fc.constant([] as string[]),
            fc.constantFrom(...labels).map((l) => [l]),
          );
      return fc.record({ checked, other });
    }
    case 'table':
      return fc
        .array(
          fc.array(line, { minLength: field.columns.length, maxLength: field.columns.length }),
          { maxLength: 3 },
        )
        .map((rows) =>
          rows.filter(
            (r) => !field.placeholderRows.some((p) => JSON.stringify(p) === JSON.stringify(r)),
          ),
        );
    case 'keyvalue':
      return fc
        .tuple(...field.entries.map(() => fc.oneof(fc.constant(''), nonEmptyLine)))
        .map((vals) => {
          const out: Record<string, string> = {};
          field.entries.forEach((e, i) => {
            const v = vals[i]!;
            if (v && v !== e.placeholder && !/^(\[.*\]|\.\.\.)$/.test(v)) out[e.key] = v;
          });
          return out;
        });
    case 'group':
      return fc.array(
        fc.tuple(...field.fields.map((f) => fieldArb(f))).map((vals) => {
          const inst: GroupInstance = {};
          field.fields.forEach((f, i) => (inst[f.id] = vals[i]!));
          return inst;
        }),
        { maxLength: 3 },
      );
  }
}

/** Fields that are not part of the document: an issue template's title feeds the export. */
function documentFields(template: Template): Field[] {
  const meta = new Set(
    template.frontMatter?.role === 'meta'
      ? template.frontMatter.entries.map((e) => e.field?.id)
      : [],
  );
  return allFields(template).filter((f) => !meta.has(f.id));
}

/**
 * Heading fields sit between fixed parts (`EP-XXX: [Title]`): a value cannot hold the text
 * that follows it in the heading, or the heading would be ambiguous (documented limitation).
 */
function headingSafe(
  template: Template,
  field: Field,
  arb: fc.Arbitrary<FieldValue>,
): fc.Arbitrary<FieldValue> {
  const inHeading = sectionNodes(template).some(
    (n) => n.type === 'section' && n.headingFields.some((h) => h.id === field.id),
  );
  return inHeading ? arb.filter((v) => typeof v !== 'string' || !v.includes(':')) : arb;
}

function valuesArb(template: Template): fc.Arbitrary<Values> {
  const fields = documentFields(template);
  return fc.tuple(...fields.map((f) => headingSafe(template, f, fieldArb(f)))).map((vals) => {
    const out: Values = {};
    fields.forEach((f, i) => (out[f.id] = vals[i]!));
    return out;
  });
}

function withoutKeptFrontMatter(values: Values): Values {
  const { [FRONT_MATTER_KEY]: _text, [FRONT_MATTER_READ_KEY]: _read, ...rest } = values;
  return rest;
}

describe.each(BUILT_IN_TEMPLATES.map((e) => [e.id, e] as const))('round trip: %s', (_id, entry) => {
  const template = parseTemplate(readTemplateText(entry), entry.format, {
    hints: TEMPLATE_HINTS[entry.id] ?? {},
  });

  it('reads back the default values of a new draft', () => {
    const values = defaultValues(template, '2026-11-23');
    const back = readDocument(template, renderDocument(template, values)).values;
    // The document's own front matter is kept beside the fields read from it.
    expect(withoutKeptFrontMatter(back)).toEqual(values);
  });

  it('reads back any values, Markdown metacharacters and unicode included (200 runs)', () => {
    fc.assert(
      fc.property(valuesArb(template), (values) => {
        const markdown = renderDocument(template, values);
        const back = readDocument(template, markdown).values;
        const changed = Object.keys(values)
          .filter((k) => canonical(back[k]) !== canonical(values[k]))
          .map((k) => `${k}: ${JSON.stringify(values[k])} → ${JSON.stringify(back[k])}`);
        expect(changed).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('renders a document that renders again byte for byte after reading', () => {
    fc.assert(
      fc.property(valuesArb(template), (values) => {
        const once = renderDocument(template, values);
        const twice = renderDocument(template, readDocument(template, once).values);
        expect(twice).toBe(once);
      }),
      { numRuns: 50 },
    );
  }, 120_000);
});
