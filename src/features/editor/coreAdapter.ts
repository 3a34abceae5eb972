/**
 * TEMPORARY stand-in for `src/core/check.ts` (checkDocument) and
 * `src/core/document/defaults.ts` (defaultValues), which are being written in core. Same API;
 * delete this file and import from core once they land. The rules here are a rough subset.
 */
import type { Field, FieldValue, Values } from '../../core/model.ts';
import type { SectionNode, Template } from '../../core/template/types.ts';
import { allFields, ownFields, sectionTitle, startValue } from './templateModel.ts';

export interface Report {
  complete: boolean;
  required: number;
  completed: number;
  missing: { id: string; title: string }[];
  warnings: {
    message: string;
    sectionId: string;
    fieldId?: string;
    kind: 'empty-field' | 'placeholder';
  }[];
  sections: {
    id: string;
    title: string;
    level: number;
    required: boolean;
    status: 'complete' | 'missing' | 'optional' | 'partial' | 'empty';
    fieldIds: string[];
  }[];
}

export function defaultValues(template: Template, today: string): Values {
  const values: Values = {};
  for (const field of allFields(template)) values[field.id] = startValue(field, today);
  return values;
}

function filledString(v: FieldValue | undefined, placeholder: string): boolean {
  return typeof v === 'string' && v.trim() !== '' && v.trim() !== placeholder.trim();
}

function isFilled(field: Field, v: FieldValue | undefined): boolean {
  switch (field.kind) {
    case 'text':
    case 'date':
    case 'prose':
    case 'choice':
    case 'code':
      return filledString(v, field.placeholder) && !(field.kind === 'date' && v === 'YYYY-MM-DD');
    case 'list':
      return (
        Array.isArray(v) &&
        v.some(
          (x) => typeof x === 'string' && x.trim() !== '' && !field.placeholderItems.includes(x),
        )
      );
    case 'tasklist':
      return (
        Array.isArray(v) &&
        v.some(
          (x) =>
            typeof x === 'object' &&
            x !== null &&
            'text' in x &&
            typeof x.text === 'string' &&
            x.text.trim() !== '',
        )
      );
    case 'checklist':
      return (
        typeof v === 'object' &&
        v !== null &&
        'checked' in v &&
        (v.checked.length > 0 || v.other.trim() !== '')
      );
    case 'table':
      return (
        Array.isArray(v) &&
        v.some(
          (row) => Array.isArray(row) && row.some((c) => typeof c === 'string' && c.trim() !== ''),
        )
      );
    case 'keyvalue':
      return (
        typeof v === 'object' &&
        v !== null &&
        !Array.isArray(v) &&
        Object.values(v).some((x) => typeof x === 'string' && x.trim() !== '')
      );
    case 'group':
      return (
        Array.isArray(v) &&
        v.some(
          (inst) =>
            typeof inst === 'object' &&
            inst !== null &&
            !Array.isArray(inst) &&
            field.fields.some((f) => isFilled(f, (inst as Record<string, FieldValue>)[f.id])),
        )
      );
  }
}

export function checkDocument(template: Template, values: Values): Report {
  const report: Report = {
    complete: true,
    required: 0,
    completed: 0,
    missing: [],
    warnings: [],
    sections: [],
  };
  const visit = (node: SectionNode, parentOptional: boolean) => {
    const optional = parentOptional || node.optional;
    const fields: Field[] = node.type === 'group' ? [node.field] : ownFields(node);
    const title = sectionTitle(node);
    const level = node.type === 'group' ? node.instance.level : node.level;
    const scored = fields.filter(
      (f) => f.kind !== 'text' || !(node.type === 'section' && node.headingFields.includes(f)),
    );
    const filled = scored.filter((f) => isFilled(f, values[f.id]));
    const required = !optional && scored.some((f) => f.required);
    let status: Report['sections'][number]['status'];
    if (scored.length === 0) status = 'empty';
    else if (optional) status = 'optional';
    else if (filled.length === 0) status = required ? 'missing' : 'optional';
    else if (scored.filter((f) => f.required).every((f) => filled.includes(f))) status = 'complete';
    else status = 'partial';
    if (scored.length > 0 || node.type === 'group') {
      report.sections.push({
        id: node.id,
        title,
        level,
        required,
        status,
        fieldIds: fields.map((f) => f.id),
      });
    }
    if (required) {
      report.required++;
      if (status === 'missing') report.missing.push({ id: node.id, title });
      else report.completed++;
    }
    if (status === 'partial') {
      for (const f of scored)
        if (f.required && !filled.includes(f))
          report.warnings.push({
            kind: 'empty-field',
            sectionId: node.id,
            fieldId: f.id,
            message: `${title} › ${f.label} is empty`,
          });
    }
    if (node.type === 'section') node.children.forEach((c) => visit(c, optional));
  };
  visit(template.root, false);
  report.complete = report.missing.length === 0;
  return report;
}
