/**
 * yamlInline writes front matter values without the `yaml` library: whatever it writes, `yaml`
 * must read back as exactly the value written, on one line; plain values stay as `yaml` wrote them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { yamlInline } from './frontmatter.ts';

function readBack(line: string): unknown {
  const doc = parseDocument(`key: ${line}\n`, { uniqueKeys: false });
  expect(doc.errors).toEqual([]);
  return (doc.toJS() as { key: unknown }).key;
}

const libraryInline = (value: string | string[]) =>
  stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).replace(/\n$/, '');

const HOSTILE = [
  '',
  ' ',
  ' leading',
  'trailing ',
  'a: b',
  'a:',
  'a #b',
  '#comment',
  '- item',
  '-',
  '---',
  '...',
  '? x',
  ': x',
  '[Enhancement Title]',
  '{a: 1}',
  'a, b',
  '"quoted"',
  "'single'",
  'it\'s "fine"',
  '&anchor',
  '*alias',
  '!tag',
  '!!str',
  '|',
  '>',
  '%YAML',
  '@at',
  '`tick`',
  'line\nbreak',
  'cr\rlf',
  'tab\there',
  'nul\u0000x',
  'del\u007fx',
  'nel\u0085x',
  'ls\u2028ps\u2029',
  '\ufeffbom',
  'lone \ud800 surrogate',
  'emoji 🎉',
  'null',
  'Null',
  '~',
  'true',
  'FALSE',
  'yes',
  'no',
  'on',
  '0',
  '-1',
  '+1',
  '012',
  '0o17',
  '0x1F',
  '1.5',
  '.5',
  '1e3',
  '.inf',
  '-.Inf',
  '.nan',
  '1_000',
  '2024-01-05',
  'YYYY-MM-DD',
  'http://example.com/a#b?c=d',
  'C:\\path\\file',
  '\\',
  'a\\nb',
  'ünïcødé',
  '<!-- comment -->',
  '[your-github-username]',
];

describe('yamlInline', () => {
  it('writes plain values as `yaml` does', () => {
    for (const value of [
      'plain',
      'Jane Doe',
      '2024-01-05',
      'proposed',
      'a#b',
      'x-',
      'café',
      '1_000',
      'http://x',
    ]) {
      expect(yamlInline(value)).toBe(libraryInline(value));
    }
    expect(yamlInline(['a', 'b c'])).toBe(libraryInline(['a', 'b c']));
    expect(yamlInline([])).toBe(libraryInline([]));
  });

  it('reads back exactly, on one line, for hostile strings', () => {
    for (const value of HOSTILE) {
      const line = yamlInline(value);
      expect(line).not.toMatch(/[\n\r]/);
      expect(readBack(line), JSON.stringify(value)).toBe(value);
    }
    const list = yamlInline(HOSTILE);
    expect(list).not.toMatch(/[\n\r]/);
    expect(readBack(list)).toEqual(HOSTILE);
  });

  it('reads back exactly for any string or list of strings', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({
        unit: fc.constantFrom(
          ...' -?:,[]{}#&*!|>\'"%@`~.0123456789eExXoO+\\\n\r\t\u0085\u2028\ufeffab',
        ),
        maxLength: 12,
      }),
    );
    fc.assert(
      fc.property(text, (value) => {
        const line = yamlInline(value);
        return !/[\n\r]/.test(line) && readBack(line) === value;
      }),
      { numRuns: 800 },
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5 }), (values) => {
        const line = yamlInline(values);
        expect(line).not.toMatch(/[\n\r]/);
        expect(readBack(line)).toEqual(values);
      }),
      { numRuns: 200 },
    );
  }, 30_000);
});
