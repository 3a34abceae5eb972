/** YAML front matter: split from the body, parsed with `yaml`, rendered back line by line. */
import { isMap, isScalar, isSeq, parseDocument } from './yaml-light.ts';
import type { DateField, ListField, TextField } from '../model.ts';
import { isOnlyPlaceholders, looksLikeDate } from '../text.ts';
import { TemplateError } from './errors.ts';
import type { FrontMatter, FrontMatterEntry } from './types.ts';

const FENCE_RE = /^---[ \t]*$/;

/** Splits `---\nyaml\n---\n` from the start of a document. */
export function splitFrontMatter(source: string): { frontMatter: string | null; body: string } {
  if (!/^---[ \t]*\n/.test(source)) return { frontMatter: null, body: source };
  const lines = source.split('\n');
  // A rule over text that is not `key: value` (a notice between two `---` rules) is Markdown,
  // as GitHub shows it: only a block that starts like YAML's keys is front matter.
  const first = lines.slice(1).find((l) => l.trim() !== '' && !/^\s*#/.test(l));
  if (first !== undefined && !FENCE_RE.test(first) && !/^\.\.\.[ \t]*$/.test(first)) {
    if (!/^\s*(?:[^\s:#'"][^:]*|"[^"]*"|'[^']*'):(?:\s|$)/.test(first)) {
      return { frontMatter: null, body: source };
    }
  }
  for (let i = 1; i < lines.length; i++) {
    if (FENCE_RE.test(lines[i]!) || /^\.\.\.[ \t]*$/.test(lines[i]!)) {
      return {
        frontMatter: lines.slice(1, i).join('\n'),
        body: lines
          .slice(i + 1)
          .join('\n')
          .replace(/^\n+/, ''),
      };
    }
  }
  throw new TemplateError('The front matter starting with `---` on line 1 is never closed');
}

const ISSUE_TEMPLATE_KEYS = new Set([
  'name',
  'about',
  'title',
  'labels',
  'assignees',
  'projects',
  'type',
]);

/** The yaml library's message without its own position (ours counts file lines). */
export function yamlErrorText(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/\s+at line \d+, column \d+:?\s*$/, '').trim();
}

/**
 * Templates write placeholders as flow collections that are not meant as YAML:
 * `status: {proposed | rejected | … [ADR-0005](0005-example.md)}`, `date: {YYYY-MM-DD when …}`,
 * `title: [short title](link)`. A one-line `{…}` value with no `key: value` inside, and a
 * one-line `[…]` or `{…}` value that YAML cannot read on its own, are read as the text they
 * are: the value is swapped for a double-quoted string of the same length, so every range in
 * the text stays where it was. Returns the text to parse and the keys whose value is such a
 * placeholder.
 */
export function withPlaceholderValues(text: string): {
  text: string;
  placeholders: Map<string, string>;
} {
  const placeholders = new Map<string, string>();
  const lines = text.split('\n').map((line) => {
    const m = /^([^\s#][^:#]*?)([ \t]*:[ \t]+)([[{].*)$/.exec(line);
    if (!m) return line;
    const rest = m[3]!.trimEnd();
    const probe = parseDocument(rest, { uniqueKeys: false });
    if (probe.errors.length === 0) {
      // Readable; still, a flow map of bare words (`{short title}`) is a placeholder.
      const c = probe.contents;
      const bareWords = isMap(c) && c.flow === true && c.items.every((p) => p.value === null);
      if (!bareWords) return line;
    }
    const close = rest.startsWith('{') ? '}' : ']';
    // A comment after the value holds no closing bracket.
    const comment = /[ \t]+#[^\]}]*$/.exec(rest);
    const value = comment ? rest.slice(0, comment.index) : rest;
    if (!value.endsWith(close) && !/\)$/.test(value)) return line;
    placeholders.set(m[1]!.trim(), value);
    const inner = value.slice(1, -1).replace(/["\\]/g, "'");
    return `${m[1]}${m[2]}"${inner}"${rest.slice(value.length)}`;
  });
  return { text: lines.join('\n'), placeholders };
}

export function parseYaml(text: string, lineOffset = 1): unknown {
  const safe = withPlaceholderValues(text);
  const doc = parseDocument(safe.text, {
    prettyErrors: true,
    uniqueKeys: false,
  });
  const error = doc.errors[0];
  if (error) {
    const line = (error.linePos?.[0]?.line ?? 1) + lineOffset;
    throw new TemplateError(`Unreadable YAML front matter: ${yamlErrorText(error.message)}`, line);
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, raw] of safe.placeholders) (data as Record<string, unknown>)[key] = raw;
  }
  return data;
}

function asStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v)).filter((v) => v.trim() !== '');
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  }
  return [];
}

export function parseFrontMatter(yamlText: string): FrontMatter {
  const safe = withPlaceholderValues(yamlText);
  const doc = parseDocument(safe.text, { uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const line = (error.linePos?.[0]?.line ?? 1) + 1;
    throw new TemplateError(`Unreadable YAML front matter: ${yamlErrorText(error.message)}`, line);
  }
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) {
    throw new TemplateError('The front matter is not a list of `key: value` lines', 2);
  }
  const data = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
  const keys = Object.keys(data);
  const isIssueTemplate =
    keys.includes('name') &&
    keys.includes('about') &&
    keys.every((k) => ISSUE_TEMPLATE_KEYS.has(k));

  const entries: FrontMatterEntry[] = [];
  for (const pair of contents?.items ?? []) {
    // Keys are scalars: the reader refuses others.
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const node = pair.value;
    const range = valueRange(pair, yamlText);
    const rawValue = range ? yamlText.slice(range[0], range[1]).trim() : '';
    const value = safe.placeholders.has(key) ? safe.placeholders.get(key) : data[key];
    let field: FrontMatterEntry['field'] = null;
    const base = { id: `front-matter/${key}`, label: labelFor(key), hint: '', required: false };
    if (isIssueTemplate) {
      if (key === 'title') {
        const text = typeof value === 'string' ? value : '';
        field = {
          ...base,
          label: 'Issue title',
          kind: 'text',
          placeholder: text,
          defaultValue: '',
        };
      }
    } else if (safe.placeholders.has(key)) {
      // `{short title of solved problem}`: a placeholder, written over by the author's text.
      field = looksLikeDate(rawValue.slice(1, -1))
        ? { ...base, kind: 'date', placeholder: rawValue }
        : { ...base, kind: 'text', placeholder: rawValue, defaultValue: '' };
    } else if (isSeq(node)) {
      const items = asStringList(value);
      const onlyPlaceholder =
        items.length === 1 && isOnlyPlaceholders(`[${items[0]}]`) && /^\[/.test(rawValue);
      if (onlyPlaceholder && !/s$/i.test(key)) {
        const f: TextField = { ...base, kind: 'text', placeholder: items[0]!, defaultValue: '' };
        field = f;
      } else {
        const f: ListField = {
          ...base,
          kind: 'list',
          ordered: false,
          marker: '-',
          placeholder: items.join(', '),
          placeholderItems: onlyPlaceholder ? [] : items,
        };
        field = f;
      }
    } else if (isScalar(node) || node === null) {
      const text =
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : '';
      if (looksLikeDate(text)) {
        const f: DateField = { ...base, kind: 'date', placeholder: text };
        field = f;
      } else {
        // `author: (name of the main author)`: a note in parentheses says what to write.
        const placeholder =
          text === '' || isOnlyPlaceholders(text) || /^\(\s*\S+\s+[^()]*\)$/.test(text.trim());
        const f: TextField = {
          ...base,
          kind: 'text',
          placeholder: placeholder ? text : '',
          defaultValue: placeholder ? '' : text,
        };
        field = f;
      }
    }
    entries.push({ key, field, rawValue, range });
  }

  const title = typeof data.title === 'string' ? data.title : '';
  return {
    role: isIssueTemplate ? 'meta' : 'document',
    source: yamlText,
    entries,
    meta: {
      name: typeof data.name === 'string' ? data.name : '',
      about: typeof data.about === 'string' ? data.about : '',
      title,
      labels: asStringList(data.labels),
      assignees: asStringList(data.assignees),
    },
  };
}

/**
 * Where a key's value stands in the text, to write the author's value there: the value node's
 * range, or for an empty value (`title:`) the point just after the colon.
 */
function valueRange(pair: { key: unknown; value: unknown }, text: string): [number, number] | null {
  const range = (pair.value as { range?: [number, number, number] } | null)?.range;
  if (range) return [range[0], range[1]];
  const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
  if (!keyRange) return null;
  const colon = text.indexOf(':', keyRange[1]);
  return colon < 0 ? null : [colon + 1, colon + 1];
}

/**
 * Writes `key: value` into front matter text: over the key's top-level line (and the indented
 * lines that continue its value), keeping a comment at the end of that line; or at the end
 * when the key is not there. Line based, so rendering needs no YAML library.
 */
export function setFrontMatterValue(source: string, key: string, yamlValue: string): string {
  const lines = source.split('\n');
  const keyRe = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \t]*:(.*)$`);
  const at = lines.findIndex((l) => keyRe.test(l));
  const line = `${key}: ${yamlValue}`.trimEnd();
  if (at < 0) {
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return [...lines, line].join('\n');
  }
  const rest = keyRe.exec(lines[at]!)![1]!;
  const comment = /^[ \t]*(?:[^'"\s#][^#]*?)?([ \t]+#.*)$/.exec(rest)?.[1] ?? '';
  let end = at + 1;
  while (end < lines.length && /^([ \t]+\S|[ \t]*$)/.test(lines[end]!)) end++;
  // Blank lines after the value belong to what follows.
  while (end > at + 1 && lines[end - 1]!.trim() === '') end--;
  lines.splice(at, end - at, `${line}${comment}`);
  return lines.join('\n');
}

function labelFor(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// A scalar YAML's core schema would read as something other than a string (null, bool, number).
const CORE_NON_STRING_RE =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * Whether a string can stand unquoted as `key: value` or as a flow-list item. Stricter than YAML
 * (an indicator such as `-` or `?` first is always quoted, as are tabs), never looser.
 */
function isPlainSafe(text: string): boolean {
  return (
    text !== '' &&
    !/^\s|\s$/.test(text) &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) &&
    !/[,[\]{}]|: | #|:$/.test(text) &&
    // Control characters, line breaks (YAML's and Unicode's), BOM and non-characters.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/u.test(text) &&
    !CORE_NON_STRING_RE.test(text)
  );
}

/** A YAML double-quoted string: JSON's string syntax, with the characters YAML reads differently escaped. */
function yamlQuoted(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function yamlScalar(text: string): string {
  return isPlainSafe(text) ? text : yamlQuoted(text);
}

/**
 * A YAML value for one line `key: value`, quoted only when YAML needs it: plain when the text
 * reads back as the same string, else a double-quoted (JSON) string; a list as a flow sequence.
 * Written without the `yaml` library so rendering does not need it; the output for plain values
 * is what `yaml`'s `stringify` writes (tests read it back with `yaml`).
 */
export function yamlInline(value: string | string[]): string {
  if (typeof value === 'string') return yamlScalar(value);
  return value.length === 0 ? '[]' : `[ ${value.map(yamlScalar).join(', ')} ]`;
}
