/**
 * Golden files: the schema derived from each built-in template, one line per section or field,
 * in src/core/__golden__/<id>.schema.txt. A parser change that alters a template's fields shows up as
 * a readable diff. Rewrite them after an intended change:
 *   UPDATE_GOLDEN=1 npx vitest run src/core/golden.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Field } from './model.ts';
import { parseTemplate } from './template/parse.ts';
import type { Section, SectionNode, Template } from './template/types.ts';
import { ownFields } from './document/walk.ts';
// The golden files pair the core with the shipped templates, so this test reads them.

import { BUILT_IN_TEMPLATES } from '../templates/registry.ts';

import { readTemplateText } from '../templates/load-node.ts';

import { TEMPLATE_HINTS } from '../templates/hints.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

function short(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > max ? `${one.slice(0, max - 1)}…` : one);
}

function fieldLine(field: Field, indent: string): string[] {
  const bits = [`${indent}- ${field.kind} ${JSON.stringify(field.label)} (${field.id})`];
  bits.push(field.required ? 'required' : 'optional');
  switch (field.kind) {
    case 'choice':
      bits.push(`options=${field.options.join('/')}${field.detail ? '+detail' : ''}`);
      break;
    case 'checklist':
      bits.push(
        `${field.multiple ? 'multi' : 'single'}=[${field.options
          .map((o) => (o.other ? `${o.label}*` : o.label))
          .join(' | ')}]`,
      );
      break;
    case 'table':
      bits.push(
        `columns=[${field.columns
          .map((c) => (c.options.length ? `${c.name}(${c.options.join('/')})` : c.name))
          .join(' | ')}] rows=${field.placeholderRows.length}`,
      );
      break;
    case 'keyvalue':
      bits.push(
        `keys=[${field.entries
          .map((e) => (e.options.length ? `${e.key}(${e.options.join('/')})` : e.key))
          .join(' | ')}]`,
      );
      break;
    case 'list':
      bits.push(`${field.ordered ? 'ordered' : 'bullets'} items=${field.placeholderItems.length}`);
      break;
    case 'tasklist':
      bits.push(`items=${field.placeholderItems.length}`);
      break;
    case 'code':
      if (field.language) bits.push(`lang=${field.language}`);
      break;
    case 'group':
      bits.push(`item=${JSON.stringify(field.itemLabel)}`);
      break;
    default:
      break;
  }
  if (field.hint) bits.push(`hint=${short(field.hint)}`);
  if (field.placeholder) bits.push(`ph=${short(field.placeholder)}`);
  const lines = [bits.join(' ')];
  if (field.kind === 'group')
    for (const f of field.fields) lines.push(...fieldLine(f, `${indent}    `));
  return lines;
}

function sectionLines(node: SectionNode, out: string[]): void {
  const section: Section = node.type === 'group' ? node.instance : node;
  const marks = [node.optional ? 'optional' : 'required'];
  if (node.type === 'group') marks.push(`repeats as ${node.field.id}`);
  const indent = '  '.repeat(Math.max(0, section.level - 1));
  const title = section.level === 0 ? '(before the first heading)' : section.title;
  out.push(
    `${indent}${'#'.repeat(section.level) || '.'} ${title} [${node.id}] ${marks.join(', ')}`,
  );
  const fields = node.type === 'group' ? node.field.fields : ownFields(section);
  for (const f of fields) out.push(...fieldLine(f, `${indent}  `));
  if (node.type === 'section') for (const child of node.children) sectionLines(child, out);
}

/** The readable golden form of a derived Template. */
export function goldenText(template: Template): string {
  const out: string[] = [`format: ${template.format}`];
  const fm = template.frontMatter;
  if (fm) {
    out.push(`front matter (${fm.role}):`);
    for (const e of fm.entries) {
      out.push(
        `  ${e.key}: ${short(e.rawValue)}${e.field ? ` → ${e.field.kind} (${e.field.id}) ${e.field.required ? 'required' : 'optional'}` : ''}`,
      );
    }
  }
  sectionLines(template.root, out);
  return `${out.join('\n')}\n`;
}

describe('golden schemas of the built-in templates', () => {
  for (const entry of BUILT_IN_TEMPLATES) {
    it(entry.id, () => {
      const hints = TEMPLATE_HINTS[entry.id];
      const template = parseTemplate(readTemplateText(entry), entry.format, hints ? { hints } : {});
      const actual = goldenText(template);
      const file = new URL(`./__golden__/${entry.id}.schema.txt`, import.meta.url);
      if (UPDATE) {
        writeFileSync(file, actual);
        return;
      }
      // A missing golden file is a failure, not a file to write: it must be reviewed and committed.
      expect(existsSync(file), `${file.pathname} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      // Compared line by line so a failure shows a readable diff of the schema.
      expect(
        actual.split('\n'),
        `derived schema of ${entry.id} changed; if intended: UPDATE_GOLDEN=1 npx vitest run src/core/golden.test.ts`,
      ).toEqual(readFileSync(file, 'utf8').split('\n'));
    });
  }
});
