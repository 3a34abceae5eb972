/**
 * The readable golden form of a derived Template: one line per section or field. Used by the
 * golden tests of the built-in templates and of the test corpus.
 */
import type { Field } from '../model.ts';
import type { Section, SectionNode, Template } from '../template/types.ts';
import { ownFields } from '../document/walk.ts';

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
  if (section.lead) out.push(`${indent}note=${short(section.lead)}`);
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
