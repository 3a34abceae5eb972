/**
 * Checks a GitHub issue form (`.github/ISSUE_TEMPLATE/*.yml`) against the rules GitHub applies
 * before it offers the form ("Syntax for GitHub's form schema" and "Common validation errors
 * when creating issue forms" in GitHub's docs). Unlike the parser, which stops at the first
 * problem, this collects every problem with its element and line, so a maintainer can fix the
 * file in one pass. It also describes the elements as GitHub shows them, for a form preview.
 *
 * Errors are what GitHub rejects: it then leaves the form out of the template chooser and shows
 * the error on the file. Warnings are accepted by GitHub but probably not what was meant.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from './yaml-light.ts';
import type { Node } from './yaml-light.ts';
import { normalizeNewlines } from '../text.ts';

export type LintSeverity = 'error' | 'warning';

export interface LintProblem {
  severity: LintSeverity;
  message: string;
  /** 1-based line in the file. */
  line: number;
  /** 1-based position of the body element the problem is in, or null for the file itself. */
  element: number | null;
}

export type FormElementType = 'markdown' | 'input' | 'textarea' | 'dropdown' | 'checkboxes';

/** A body element as GitHub shows it to the people filling the form in. */
export interface FormElement {
  type: FormElementType;
  /** 1-based position in `body`. */
  index: number;
  line: number;
  id: string;
  label: string;
  description: string;
  placeholder: string;
  value: string;
  /** `render:` of a textarea: the answer is shown as code in that language. */
  render: string;
  options: { label: string; required: boolean }[];
  multiple: boolean;
  /** Index of a dropdown's preselected option, or -1. */
  defaultIndex: number;
  required: boolean;
}

export interface IssueFormLint {
  problems: LintProblem[];
  /** `name`, `description` and `title` as written (empty when missing). */
  name: string;
  description: string;
  title: string;
  elements: FormElement[];
}

/** What GitHub does with a form that has errors, said once above the list of them. */
export const ISSUE_FORM_REJECTED =
  'GitHub would not offer this form: it leaves it out of the “New issue” template chooser and shows the error on the file instead.';

const TOP_LEVEL_KEYS = [
  'name',
  'description',
  'body',
  'title',
  'labels',
  'assignees',
  'projects',
  'type',
];
const REQUIRED_TOP_LEVEL = ['name', 'description', 'body'];
const ELEMENT_KEYS = ['type', 'id', 'attributes', 'validations'];
const ATTRIBUTES: Record<FormElementType, { allowed: string[]; required: string[] }> = {
  markdown: { allowed: ['value'], required: ['value'] },
  input: { allowed: ['label', 'description', 'placeholder', 'value'], required: ['label'] },
  textarea: {
    allowed: ['label', 'description', 'placeholder', 'value', 'render'],
    required: ['label'],
  },
  dropdown: {
    allowed: ['label', 'description', 'multiple', 'options', 'default'],
    required: ['label', 'options'],
  },
  checkboxes: { allowed: ['label', 'description', 'options'], required: ['label', 'options'] },
};
const ELEMENT_TYPES = Object.keys(ATTRIBUTES) as FormElementType[];

/** Keys and values YAML 1.1 (which GitHub uses) reads as booleans. */
const BOOLEAN_WORDS = /^(y|yes|n|no|true|false|on|off)$/i;
const ID_RE = /^[A-Za-z0-9_-]+$/;
const MAX_SOURCE = 5_000_000;

class Lint {
  readonly lines = new LineCounter();
  readonly problems: LintProblem[] = [];
  constructor(readonly source: string) {}

  lineOf(node: unknown, fallback = 1): number {
    const range = (node as Node | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : fallback;
  }

  add(severity: LintSeverity, message: string, node: unknown, element: number | null, at = 1) {
    this.problems.push({ severity, message, line: this.lineOf(node, at), element });
  }

  /** A scalar's text as written (`1.10` stays `1.10`), or null when the node is not a scalar. */
  text(node: unknown): string | null {
    if (!isScalar(node)) return null;
    const value: unknown = node.value;
    if (typeof value === 'string') return value;
    if (value === null || value === undefined) return '';
    if (node.range) return this.source.slice(node.range[0], node.range[1]).trim();
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  }

  /** A plain (unquoted) scalar that YAML 1.1 reads as a boolean: `yes`, `off`. */
  isBooleanWord(node: unknown): boolean {
    if (!isScalar(node)) return false;
    if (typeof node.value === 'boolean') return true;
    return (
      node.type === 'PLAIN' && typeof node.value === 'string' && BOOLEAN_WORDS.test(node.value)
    );
  }
}

interface Pair {
  key: string;
  keyNode: unknown;
  value: unknown;
}

function pairsOf(map: unknown): Pair[] {
  if (!isMap(map)) return [];
  return map.items.map((item) => {
    const keyNode: unknown = item.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    return { key, keyNode, value: item.value };
  });
}

function get(map: unknown, key: string): unknown {
  return isMap(map) ? map.get(key, true) : undefined;
}

/** The key node of `key` in a map: where a person looks for it. */
function keyOf(map: unknown, key: string): unknown {
  return pairsOf(map).find((p) => p.key === key)?.keyNode;
}

function quoteList(keys: string[]): string {
  return keys.map((k) => `\`${k}\``).join(', ');
}

/** Checks an issue form's text; never throws. */
export function lintIssueForm(text: string): IssueFormLint {
  const source = normalizeNewlines(text.replace(/^\uFEFF/, ''));
  const lint = new Lint(source);
  const result: IssueFormLint = {
    problems: lint.problems,
    name: '',
    description: '',
    title: '',
    elements: [],
  };
  if (source.length > MAX_SOURCE) {
    lint.add('error', 'The file is larger than 5 MB: that is not an issue form.', null, null);
    return result;
  }
  const doc = parseDocument(source, { lineCounter: lint.lines, prettyErrors: true });
  if (doc.errors.length) {
    for (const error of doc.errors) {
      const message = (error.message.split('\n')[0] ?? '').replace(
        / at line \d+, column \d+:?\s*$/,
        '',
      );
      lint.problems.push({
        severity: 'error',
        message: `The YAML cannot be read: ${message}`,
        line: error.linePos?.[0]?.line ?? 1,
        element: null,
      });
    }
    return result;
  }
  const top: unknown = doc.contents;
  if (!isMap(top)) {
    lint.add(
      'error',
      'An issue form is a YAML map with `name`, `description` and `body`.',
      top,
      null,
    );
    return result;
  }

  for (const { key, keyNode, value } of pairsOf(top)) {
    if (BOOLEAN_WORDS.test(key)) {
      lint.add('error', `\`${key}\` cannot be a key: GitHub reads it as a boolean.`, keyNode, null);
    } else if (!TOP_LEVEL_KEYS.includes(key)) {
      lint.add(
        'error',
        `\`${key}\` is not a permitted top-level key (permitted: ${quoteList(TOP_LEVEL_KEYS)}).`,
        keyNode,
        null,
      );
    } else if (key === 'name' || key === 'description' || key === 'title') {
      const t = lint.text(value);
      if (
        t === null ||
        (isScalar(value) && typeof value.value !== 'string' && value.value !== null)
      ) {
        lint.add('error', `\`${key}\` must be text (put it in quotes).`, value ?? keyNode, null);
      } else if (t.trim() === '') {
        lint.add('error', `\`${key}\` must not be empty.`, value ?? keyNode, null);
      } else {
        result[key] = t.trim();
      }
    }
  }
  for (const key of REQUIRED_TOP_LEVEL) {
    if (!top.has(key)) {
      lint.add('error', `The required top-level key \`${key}\` is missing.`, top, null);
    }
  }

  const body = get(top, 'body');
  if (body === undefined || body === null) return result;
  if (!isSeq(body)) {
    lint.add('error', '`body` must be a list of form elements (`- type: …`).', body, null);
    return result;
  }

  const ids = new Map<string, number>();
  const labels = new Map<string, number>();
  let inputs = 0;
  body.items.forEach((item, i) => {
    const element = lintElement(lint, item, i + 1, ids, labels);
    if (element) {
      result.elements.push(element);
      if (element.type !== 'markdown') inputs++;
    }
  });
  if (inputs === 0 && body.items.length > 0) {
    lint.add(
      'error',
      '`body` must contain at least one non-markdown element: a form needs something to fill in.',
      keyOf(top, 'body'),
      null,
    );
  } else if (body.items.length === 0) {
    lint.add(
      'error',
      '`body` is empty: a form needs at least one element to fill in.',
      keyOf(top, 'body'),
      null,
    );
  }
  lint.problems.sort((a, b) => a.line - b.line);
  return result;
}

function lintElement(
  lint: Lint,
  item: unknown,
  index: number,
  ids: Map<string, number>,
  labels: Map<string, number>,
): FormElement | null {
  const where = `Element ${index}`;
  if (!isMap(item)) {
    lint.add('error', `${where} must be a map with \`type\` and \`attributes\`.`, item, index);
    return null;
  }
  const line = lint.lineOf(item);
  const typeNode = get(item, 'type');
  const typeText = lint.text(typeNode)?.trim() ?? '';
  if (typeText === '') {
    lint.add('error', `${where}: the required key \`type\` is missing.`, item, index);
    return null;
  }
  if (!(ELEMENT_TYPES as string[]).includes(typeText)) {
    lint.add(
      'error',
      `${where}: \`${typeText}\` is not an element type (types: ${quoteList(ELEMENT_TYPES)}).`,
      typeNode,
      index,
    );
    return null;
  }
  const type = typeText as FormElementType;
  const name = `${where} (${type})`;

  for (const { key, keyNode } of pairsOf(item)) {
    if (!ELEMENT_KEYS.includes(key)) {
      lint.add(
        'error',
        `${name}: \`${key}\` is not a permitted key (permitted: ${quoteList(ELEMENT_KEYS)}).`,
        keyNode,
        index,
      );
    }
  }

  const attributes = get(item, 'attributes');
  const rules = ATTRIBUTES[type];
  if (!isMap(attributes)) {
    lint.add(
      'error',
      `${name}: the required key \`attributes\` is missing or not a map.`,
      attributes ?? item,
      index,
    );
  } else {
    for (const { key, keyNode } of pairsOf(attributes)) {
      if (!rules.allowed.includes(key)) {
        lint.add(
          'error',
          `${name}: \`${key}\` is not a permitted attribute of a ${type} (permitted: ${quoteList(rules.allowed)}).`,
          keyNode,
          index,
        );
      }
    }
    for (const key of rules.required) {
      const node = get(attributes, key);
      if (
        node === undefined ||
        node === null ||
        (isScalar(node) && lint.text(node)?.trim() === '')
      ) {
        lint.add(
          'error',
          `${name}: the attribute \`${key}\` is required and must not be empty.`,
          node ?? attributes,
          index,
        );
      }
    }
  }
  const attr = (key: string): string => {
    const node = get(attributes, key);
    if (node === undefined || node === null) return '';
    const t = lint.text(node);
    if (t === null) {
      lint.add('error', `${name}: \`attributes.${key}\` must be text.`, node, index);
      return '';
    }
    return t;
  };

  const element: FormElement = {
    type,
    index,
    line,
    id: '',
    label: '',
    description: '',
    placeholder: '',
    value: '',
    render: '',
    options: [],
    multiple: false,
    defaultIndex: -1,
    required: false,
  };

  // id: letters, digits, `-` and `_`, unique in the form.
  const idNode = get(item, 'id');
  if (idNode !== undefined) {
    const id = lint.text(idNode)?.trim() ?? '';
    if (type === 'markdown') {
      lint.add(
        'warning',
        `${name}: a markdown element takes no \`id\`; GitHub ignores it.`,
        idNode,
        index,
      );
    } else if (!ID_RE.test(id)) {
      lint.add(
        'error',
        `${name}: the id “${id}” may contain only letters, digits, \`-\` and \`_\`.`,
        idNode,
        index,
      );
    } else if (ids.has(id)) {
      lint.add(
        'error',
        `${name}: the id \`${id}\` is already used by element ${ids.get(id)}; ids must be unique.`,
        idNode,
        index,
      );
    } else {
      ids.set(id, index);
    }
    element.id = id;
  }

  // validations: only `required`, and not on markdown.
  const validations = get(item, 'validations');
  if (validations !== undefined) {
    if (type === 'markdown') {
      lint.add(
        'error',
        `${name}: \`validations\` are not allowed on a markdown element (there is nothing to answer).`,
        keyOf(item, 'validations'),
        index,
      );
    } else if (!isMap(validations)) {
      lint.add(
        'error',
        `${name}: \`validations\` must be a map such as \`required: true\`.`,
        validations,
        index,
      );
    } else {
      for (const { key, keyNode, value } of pairsOf(validations)) {
        if (key !== 'required') {
          lint.add(
            'error',
            `${name}: \`validations.${key}\` is not permitted (only \`required\`).`,
            keyNode,
            index,
          );
        } else if (!isScalar(value) || typeof value.value !== 'boolean') {
          lint.add(
            'error',
            `${name}: \`validations.required\` must be \`true\` or \`false\`.`,
            value,
            index,
          );
        } else {
          element.required = value.value;
        }
      }
    }
  }

  if (type === 'markdown') {
    element.value = attr('value');
    return element;
  }

  const label = attr('label').replace(/\s+/g, ' ').trim();
  element.label = label;
  element.description = attr('description');
  if (label !== '') {
    const key = label.toLowerCase();
    const seen = labels.get(key);
    if (seen !== undefined) {
      lint.add(
        'error',
        `${name}: the label “${label}” is already used by element ${seen}; labels must be unique.`,
        get(attributes, 'label'),
        index,
      );
    } else {
      labels.set(key, index);
    }
  }
  if (!element.id) {
    lint.add(
      'warning',
      `${name}: “${label || 'this element'}” has no \`id\`; links that prefill the form cannot reach it.`,
      item,
      index,
    );
  }

  if (type === 'input' || type === 'textarea') {
    element.placeholder = attr('placeholder');
    element.value = attr('value');
    if (type === 'textarea') element.render = attr('render').trim();
    if (element.render && element.placeholder) {
      lint.add(
        'warning',
        `${name}: with \`render\`, the answer is shown as code; the placeholder is only a hint.`,
        get(attributes, 'placeholder'),
        index,
      );
    }
    return element;
  }

  const optionsNode = get(attributes, 'options');
  if (optionsNode !== undefined && optionsNode !== null && !isSeq(optionsNode)) {
    lint.add('error', `${name}: \`options\` must be a list.`, optionsNode, index);
  }
  const seen = new Set<string>();
  const items = isSeq(optionsNode) ? optionsNode.items : [];
  if (isSeq(optionsNode) && items.length === 0) {
    lint.add('error', `${name}: \`options\` must list at least one option.`, optionsNode, index);
  }
  for (const option of items) {
    let labelNode: unknown = option;
    let required = false;
    if (type === 'checkboxes') {
      if (!isMap(option)) {
        lint.add('error', `${name}: each option is a map such as \`- label: …\`.`, option, index);
        continue;
      }
      labelNode = get(option, 'label');
      for (const { key, keyNode, value } of pairsOf(option)) {
        if (key === 'required') {
          if (!isScalar(value) || typeof value.value !== 'boolean') {
            lint.add(
              'error',
              `${name}: an option's \`required\` must be \`true\` or \`false\`.`,
              value,
              index,
            );
          } else {
            required = value.value;
          }
        } else if (key !== 'label') {
          lint.add(
            'error',
            `${name}: \`${key}\` is not a permitted key of an option (permitted: \`label\`, \`required\`).`,
            keyNode,
            index,
          );
        }
      }
    } else if (isMap(option)) {
      lint.add('error', `${name}: each option must be text, not a map.`, option, index);
      continue;
    }
    if (lint.isBooleanWord(labelNode)) {
      lint.add(
        'error',
        `${name}: GitHub reads the option ${lint.text(labelNode)} as a boolean: put it in quotes.`,
        labelNode,
        index,
      );
    }
    const optionLabel = (lint.text(labelNode) ?? '').trim();
    if (optionLabel === '') {
      lint.add(
        'error',
        `${name}: an option is empty; options must be non-empty text.`,
        labelNode ?? option,
        index,
      );
      continue;
    }
    if (type === 'dropdown' && optionLabel.toLowerCase() === 'none') {
      lint.add(
        'error',
        `${name}: “${optionLabel}” is reserved (GitHub shows “None” for a dropdown left empty).`,
        labelNode,
        index,
      );
    }
    if (seen.has(optionLabel)) {
      lint.add(
        'error',
        `${name}: the option “${optionLabel}” is repeated; options must be unique.`,
        labelNode,
        index,
      );
    }
    seen.add(optionLabel);
    element.options.push({ label: optionLabel, required });
  }
  if (type === 'checkboxes' && element.options.some((o) => o.required)) element.required = true;

  if (type === 'dropdown') {
    const multiple = get(attributes, 'multiple');
    if (multiple !== undefined) {
      if (!isScalar(multiple) || typeof multiple.value !== 'boolean') {
        lint.add('error', `${name}: \`multiple\` must be \`true\` or \`false\`.`, multiple, index);
      } else {
        element.multiple = multiple.value;
      }
    }
    const def = get(attributes, 'default');
    if (def !== undefined) {
      const n = isScalar(def) ? def.value : undefined;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= element.options.length) {
        lint.add(
          'error',
          `${name}: \`default\` must be the index of an option (0 to ${Math.max(0, element.options.length - 1)}).`,
          def,
          index,
        );
      } else {
        element.defaultIndex = n;
      }
    }
  }
  return element;
}

/** Whether a lint result lets the form be used (warnings do not block). */
export function hasLintErrors(lint: IssueFormLint): boolean {
  return lint.problems.some((p) => p.severity === 'error');
}
