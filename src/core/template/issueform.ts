/**
 * GitHub issue forms (`.github/ISSUE_TEMPLATE/*.yml`) → Template. Each element that asks for an
 * answer becomes one `### Label` section holding one field, because that is the body GitHub
 * writes: `### Label\n\nanswer` per element, `_No response_` for an empty answer. `markdown`
 * elements are notes shown in the form where the form puts them (`lead` of the next element's
 * section; after the last element, the form's own help), never part of the body.
 */
import { yamlErrorText } from './frontmatter.ts';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from './yaml-light.ts';
import type {
  ChecklistField,
  ChoiceField,
  CodeField,
  DateField,
  Field,
  ProseField,
  TextField,
} from '../model.ts';
import { normalizeNewlines, slugify } from '../text.ts';
import { TemplateError } from './errors.ts';
import type { FrontMatter, FrontMatterEntry, Section, Template } from './types.ts';

/** What GitHub writes for an element left empty. */
export const ISSUE_FORM_EMPTY_ANSWER = '_No response_';

const ELEMENT_TYPES = ['markdown', 'input', 'textarea', 'dropdown', 'checkboxes'] as const;
type ElementType = (typeof ELEMENT_TYPES)[number];

const MAX_SOURCE = 5_000_000;

/** Reads YAML nodes with the line each one starts on, for errors a person can act on. */
class Reader {
  readonly lines = new LineCounter();
  constructor(readonly source: string) {}

  lineOf(node: unknown): number | undefined {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : undefined;
  }

  /** A scalar's text as written: `1.10` stays `1.10`, not the number 1.1. */
  scalarText(node: unknown): string | null {
    if (!isScalar(node)) return null;
    const value: unknown = node.value;
    if (typeof value === 'string') return value;
    if (value === null || value === undefined) return '';
    if (node.range) return this.source.slice(node.range[0], node.range[1]).trim();
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  }
}

function get(map: unknown, key: string): unknown {
  return isMap(map) ? map.get(key, true) : undefined;
}

function describe(index: number, type: string | null): string {
  return `Body element ${index + 1}${type ? ` (${type})` : ''}`;
}

export function parseIssueForm(text: string): Template {
  if (text.length > MAX_SOURCE) throw new TemplateError('The issue form is larger than 5 MB.');
  const source = normalizeNewlines(text.replace(/^\uFEFF/, ''));
  const reader = new Reader(source);
  const doc = parseDocument(source, { lineCounter: reader.lines, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line ?? 1;
    throw new TemplateError(`Unreadable issue form YAML: ${yamlErrorText(error.message)}`, line);
  }
  const top: unknown = doc.contents;
  if (!isMap(top)) {
    throw new TemplateError(
      'An issue form is a YAML map with `name`, `description` and `body` keys',
      reader.lineOf(top) ?? 1,
    );
  }

  const bodyNode = get(top, 'body');
  if (
    bodyNode === undefined ||
    bodyNode === null ||
    (isScalar(bodyNode) && bodyNode.value === null)
  ) {
    throw new TemplateError('The issue form has no `body`: it needs a list of form elements');
  }
  if (!isSeq(bodyNode)) {
    throw new TemplateError(
      'The issue form `body` must be a list of form elements (`- type: …`)',
      reader.lineOf(bodyNode),
    );
  }

  const ids = new Set<string>();
  const labels = new Map<string, number>();
  const sections: Section[] = [];
  let pendingHelp: string[] = [];

  bodyNode.items.forEach((item, index) => {
    const line = reader.lineOf(item);
    if (!isMap(item)) {
      throw new TemplateError(
        `${describe(index, null)} is not a map with \`type\` and \`attributes\``,
        line,
      );
    }
    const typeNode = get(item, 'type');
    const typeText = reader.scalarText(typeNode);
    if (typeText === null || typeText.trim() === '') {
      throw new TemplateError(`${describe(index, null)} has no \`type\``, line);
    }
    if (!(ELEMENT_TYPES as readonly string[]).includes(typeText)) {
      throw new TemplateError(
        `${describe(index, null)} has the unknown type \`${typeText}\`; an issue form knows ${ELEMENT_TYPES.map((t) => `\`${t}\``).join(', ')}`,
        reader.lineOf(typeNode) ?? line,
      );
    }
    const type = typeText as ElementType;
    const attributes = get(item, 'attributes');
    if (attributes !== undefined && attributes !== null && !isMap(attributes)) {
      throw new TemplateError(
        `${describe(index, type)}: \`attributes\` must be a map`,
        reader.lineOf(attributes) ?? line,
      );
    }
    const attr = (key: string): string => {
      const node = get(attributes, key);
      if (node === undefined || node === null) return '';
      const value = reader.scalarText(node);
      if (value === null) {
        throw new TemplateError(
          `${describe(index, type)}: \`attributes.${key}\` must be text`,
          reader.lineOf(node) ?? line,
        );
      }
      return value;
    };

    if (type === 'markdown') {
      const value = attr('value').trim();
      if (value === '') {
        throw new TemplateError(`${describe(index, type)} needs \`attributes.value\``, line);
      }
      pendingHelp.push(value);
      return;
    }

    const label = attr('label').replace(/\s+/g, ' ').trim();
    if (label === '')
      throw new TemplateError(`${describe(index, type)} needs \`attributes.label\``, line);
    const seen = labels.get(label.toLowerCase());
    if (seen !== undefined) {
      throw new TemplateError(
        `${describe(index, type)} repeats the label “${label}” of element ${seen + 1}: labels must be unique`,
        line,
      );
    }
    labels.set(label.toLowerCase(), index);

    const idNode = get(item, 'id');
    let id: string;
    if (idNode !== undefined && idNode !== null) {
      const explicit = (reader.scalarText(idNode) ?? '').trim();
      if (explicit === '')
        throw new TemplateError(
          `${describe(index, type)}: \`id\` must be text`,
          reader.lineOf(idNode) ?? line,
        );
      if (ids.has(explicit)) {
        throw new TemplateError(
          `${describe(index, type)} repeats the id \`${explicit}\`: ids must be unique`,
          reader.lineOf(idNode) ?? line,
        );
      }
      id = explicit;
    } else {
      const base = slugify(label);
      id = base;
      for (let n = 2; ids.has(id) || explicitIdLater(bodyNode.items, index, id, reader); n++)
        id = `${base}-${n}`;
    }
    ids.add(id);

    const validations = get(item, 'validations');
    const requiredNode = get(validations, 'required');
    const markedRequired = isScalar(requiredNode) && requiredNode.value === true;
    // The form's notes stand before this element, apart from its own description.
    const help = pendingHelp.join('\n\n');
    pendingHelp = [];
    const hint = attr('description').trim();
    const base = { id, label, hint, required: markedRequired };

    let field: Field;
    switch (type) {
      case 'input': {
        const placeholder = attr('placeholder');
        if (/\bdates?\b/i.test(label) || /\bdate\b|YYYY-MM-DD/i.test(placeholder)) {
          const date: DateField = {
            ...base,
            kind: 'date',
            placeholder: placeholder || attr('value'),
          };
          field = date;
        } else {
          const input: TextField = {
            ...base,
            kind: 'text',
            placeholder,
            defaultValue: attr('value').trim(),
          };
          field = input;
        }
        break;
      }
      case 'textarea': {
        const render = attr('render').trim();
        if (render !== '') {
          // The model's code placeholder is the starting value (and counts as unfilled while
          // unchanged): for an issue form that is the prefilled `value`, never the grey hint.
          const code: CodeField = {
            ...base,
            kind: 'code',
            language: render,
            placeholder: attr('value').trimEnd(),
          };
          field = code;
        } else {
          const prose: ProseField = {
            ...base,
            kind: 'prose',
            placeholder: attr('placeholder'),
            defaultValue: attr('value').trim(),
          };
          field = prose;
        }
        break;
      }
      case 'dropdown': {
        const options = stringOptions(
          get(attributes, 'options'),
          reader,
          describe(index, type),
          line,
        );
        const multipleNode = get(attributes, 'multiple');
        const multiple = isScalar(multipleNode) && multipleNode.value === true;
        if (multiple) {
          const checklist: ChecklistField = {
            ...base,
            kind: 'checklist',
            placeholder: '',
            // GitHub writes the selected options as one comma-separated line.
            marker: ',',
            options: options.map((o) => ({ label: o, raw: o, other: false })),
            multiple: true,
          };
          field = checklist;
        } else {
          const defaultNode = get(attributes, 'default');
          const index0 =
            isScalar(defaultNode) && typeof defaultNode.value === 'number' ? defaultNode.value : -1;
          if (
            defaultNode !== undefined &&
            (index0 < 0 || !Number.isInteger(index0) || index0 >= options.length)
          ) {
            throw new TemplateError(
              `${describe(index, type)}: \`default\` must be the index of an option (0 to ${options.length - 1})`,
              reader.lineOf(defaultNode) ?? line,
            );
          }
          const choice: ChoiceField = {
            ...base,
            kind: 'choice',
            // The preselected option: what the form starts with.
            placeholder: index0 >= 0 ? options[index0]! : '',
            options,
            detail: false,
          };
          field = choice;
        }
        break;
      }
      case 'checkboxes': {
        const optionsNode = get(attributes, 'options');
        if (!isSeq(optionsNode) || optionsNode.items.length === 0) {
          throw new TemplateError(
            `${describe(index, type)} needs \`attributes.options\`: a list of \`- label: …\``,
            reader.lineOf(optionsNode) ?? line,
          );
        }
        let anyRequired = false;
        const options = optionsNode.items.map((option) => {
          const text = isMap(option)
            ? reader.scalarText(get(option, 'label'))
            : reader.scalarText(option);
          if (text === null || text.trim() === '') {
            throw new TemplateError(
              `${describe(index, type)}: each option needs a \`label\``,
              reader.lineOf(option) ?? line,
            );
          }
          const req = get(option, 'required');
          const required = isScalar(req) && req.value === true;
          if (required) anyRequired = true;
          const optionLabel = text.trim();
          return {
            label: optionLabel,
            raw: optionLabel,
            other: false,
            ...(required ? { required } : {}),
          };
        });
        const checklist: ChecklistField = {
          ...base,
          // Required when the element is (`validations: required`) or any box must be ticked.
          required: markedRequired || anyRequired,
          kind: 'checklist',
          placeholder: '',
          marker: '-',
          options,
          multiple: true,
        };
        field = checklist;
        break;
      }
    }

    sections.push({
      type: 'section',
      id,
      title: label,
      level: 3,
      heading: { open: '### ', close: '', parts: [{ type: 'fixed', text: label }] },
      headingFields: [],
      optional: !field.required,
      hint: '',
      ...(help ? { lead: help } : {}),
      blocks: [{ type: 'field', field }],
      children: [],
    });
  });

  const root: Section = {
    type: 'section',
    id: '',
    title: '',
    level: 0,
    heading: null,
    headingFields: [],
    optional: false,
    // Help after the last element has no element to sit beside: it describes the form.
    hint: pendingHelp.join('\n\n'),
    blocks: [],
    children: sections,
  };

  return {
    format: 'issue-form',
    frontMatter: frontMatterOf(top, reader),
    root,
    emptyAnswer: ISSUE_FORM_EMPTY_ANSWER,
    issueForm: true,
  };
}

/** Whether a later element claims `id` explicitly: a slug must not take it first. */
function explicitIdLater(items: unknown[], index: number, id: string, reader: Reader): boolean {
  return items.slice(index + 1).some((item) => reader.scalarText(get(item, 'id'))?.trim() === id);
}

function stringOptions(
  node: unknown,
  reader: Reader,
  where: string,
  line: number | undefined,
): string[] {
  if (!isSeq(node) || node.items.length === 0) {
    throw new TemplateError(
      `${where} needs \`attributes.options\`: a list of choices`,
      reader.lineOf(node) ?? line,
    );
  }
  const seen = new Set<string>();
  return node.items.map((item) => {
    const text = reader.scalarText(item)?.trim() ?? '';
    if (text === '')
      throw new TemplateError(
        `${where}: each option must be non-empty text`,
        reader.lineOf(item) ?? line,
      );
    if (seen.has(text))
      throw new TemplateError(`${where} repeats the option “${text}”`, reader.lineOf(item) ?? line);
    seen.add(text);
    return text;
  });
}

/** `labels: [bug, triage]` or `labels: "bug, triage"`: GitHub accepts both. */
function stringList(node: unknown, reader: Reader): string[] {
  if (isSeq(node)) {
    return node.items.map((i) => (reader.scalarText(i) ?? '').trim()).filter((v) => v !== '');
  }
  const text = reader.scalarText(node);
  return text === null
    ? []
    : text
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
}

/** The form's top-level keys describe the issue, not its body: a `meta` front matter. */
function frontMatterOf(top: unknown, reader: Reader): FrontMatter {
  const text = (key: string) => (reader.scalarText(get(top, key)) ?? '').trim();
  const title = reader.scalarText(get(top, 'title')) ?? '';
  const entries: FrontMatterEntry[] = [];
  const titleNode = get(top, 'title');
  if (title.trim() !== '') {
    const range = (titleNode as Node | undefined)?.range;
    entries.push({
      key: 'title',
      field: {
        id: 'front-matter/title',
        kind: 'text',
        label: 'Issue title',
        hint: '',
        placeholder: title,
        required: false,
        defaultValue: '',
      },
      rawValue: range ? reader.source.slice(range[0], range[1]).trim() : title,
      range: null,
    });
  }
  return {
    role: 'meta',
    source: '',
    entries,
    meta: {
      name: text('name'),
      about: text('description'),
      title,
      labels: stringList(get(top, 'labels'), reader),
      assignees: stringList(get(top, 'assignees'), reader),
    },
  };
}
