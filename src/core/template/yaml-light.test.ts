/**
 * The light YAML reader against the full `yaml` library: on every YAML of the corpus and the
 * built-in templates, on YAML the library writes from generated values, and on generated
 * YAML-like text, it reads the same nodes, values and positions, or it refuses with an error
 * (and it refuses whatever the library refuses).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Full from 'yaml';
import { splitFrontMatter } from './frontmatter.ts';
import * as Light from './yaml-light.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every YAML text in the corpus and the built-in templates: files, front matter, yaml fences. */
function corpusYaml(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const files = [
    ...filesUnder(join(root, 'core/__corpus__')),
    ...filesUnder(join(root, 'core/__fixtures__')),
    ...filesUnder(join(root, 'templates')),
  ];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = file.slice(root.length);
    if (/\.ya?ml$/.test(file)) out.push({ name, text });
    if (!/\.(md|txt)$/.test(file)) continue;
    try {
      const { frontMatter } = splitFrontMatter(text);
      if (frontMatter !== null) out.push({ name: `${name} (front matter)`, text: frontMatter });
    } catch {
      // A front matter never closed is not YAML to compare.
    }
    let n = 0;
    for (const m of text.matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm)) {
      out.push({ name: `${name} (yaml fence ${++n})`, text: m[1]! });
    }
  }
  return out;
}

type Shape =
  | { scalar: unknown; type: string | undefined; range: unknown }
  | { map: [Shape, Shape | null][]; flow: boolean; range: unknown }
  | { seq: Shape[]; flow: boolean; range: unknown }
  | null;

/** A node tree in a form both readers share: kind, value, scalar style, flow, range. */
function shape(node: unknown): Shape {
  if (node === null || node === undefined) return null;
  if (Full.isScalar(node) || Light.isScalar(node)) {
    const n = node as { value: unknown; type?: string; range?: unknown };
    return { scalar: n.value, type: n.type ?? 'PLAIN', range: n.range };
  }
  if (Full.isMap(node) || Light.isMap(node)) {
    const n = node as {
      items: { key: unknown; value: unknown }[];
      flow?: boolean;
      range?: unknown;
    };
    return {
      map: n.items.map((p) => [shape(p.key), p.value === null ? null : shape(p.value)]),
      flow: n.flow === true,
      range: n.range,
    };
  }
  if (Full.isSeq(node) || Light.isSeq(node)) {
    const n = node as { items: unknown[]; flow?: boolean; range?: unknown };
    return { seq: n.items.map(shape), flow: n.flow === true, range: n.range };
  }
  return { scalar: `unexpected node ${typeof node}`, type: 'none', range: null };
}

interface Compared {
  fullErrors: string[];
  lightErrors: string[];
  lightCodes: string[];
}

/**
 * Reads `text` with both; expects the same tree and values when both read it, that the light
 * reader refuses what the library refuses, and that what it refuses alone it refuses as
 * unsupported. Returns the errors for the caller's own checks.
 */
function compare(text: string, options: { uniqueKeys?: boolean } = {}): Compared {
  const fullLines = new Full.LineCounter();
  const lightLines = new Light.LineCounter();
  const full = Full.parseDocument(text, { ...options, lineCounter: fullLines });
  const light = Light.parseDocument(text, { ...options, lineCounter: lightLines });
  const fullErrors = full.errors.map((e) => `${e.linePos?.[0]?.line}: ${e.code}`);
  const lightErrors = light.errors.map((e) => `${e.linePos?.[0]?.line}: ${e.code}`);
  const lightCodes = light.errors.map((e) => e.code);
  if (fullErrors.length > 0) {
    expect(
      lightErrors.length,
      `light reader accepts what yaml refuses: ${fullErrors[0]}`,
    ).toBeGreaterThan(0);
    // The first problem is found at the same line, unless the reader refused something first.
    if (lightCodes[0] !== 'UNSUPPORTED') {
      expect(light.errors[0]!.linePos?.[0]?.line).toBe(full.errors[0]!.linePos?.[0]?.line);
    }
  } else if (lightErrors.length > 0) {
    // Refused visibly: only for what the reader does not support.
    expect(lightCodes.filter((c) => c !== 'UNSUPPORTED')).toEqual([]);
  } else {
    expect(shape(light.contents)).toEqual(shape(full.contents));
    expect(light.toJS({ maxAliasCount: 100 })).toEqual(full.toJS({ maxAliasCount: 100 }));
    expect(lightLines.lineStarts).toEqual(fullLines.lineStarts);
  }
  return { fullErrors, lightErrors, lightCodes };
}

describe('the light YAML reader', () => {
  it('reads every YAML of the corpus and the built-in templates as the yaml library does', () => {
    const texts = corpusYaml();
    expect(texts.length).toBeGreaterThan(20);
    let read = 0;
    for (const { name, text } of texts) {
      try {
        const { lightErrors } = compare(text);
        compare(text, { uniqueKeys: false });
        if (lightErrors.length === 0) read++;
      } catch (error) {
        throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // Nearly all of them are read, not refused.
    expect(read).toBeGreaterThan(texts.length * 0.8);
  });

  it('reads what the yaml library writes from any value, in any style', () => {
    const key = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('name', 'on', 'yes', 'null', '1', '0x1F', '-', 'a b', 'a: b', '# x'),
    );
    const leaf = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom('', ' ', 'a\nb', 'a\n\nb\n', '  lead', 'trail  ', '\t', '"', "'", '\\'),
      fc.constantFrom('~', 'null', 'True', 'FALSE', '.inf', '-.Inf', '.nan', '0o17', '1e3', '+1.'),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    }));
    const options = fc.record({
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      defaultStringType: fc.constantFrom(
        'PLAIN',
        'QUOTE_DOUBLE',
        'QUOTE_SINGLE',
        'BLOCK_LITERAL',
        'BLOCK_FOLDED',
      ),
      defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
      indent: fc.integer({ min: 1, max: 4 }),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 20, 80),
    });
    fc.assert(
      fc.property(value, options, (v, opts) => {
        const text = Full.stringify(v, opts as Full.ToStringOptions);
        const { fullErrors, lightErrors } = compare(text);
        // (The library writes a few invalid texts, such as an empty flow list under a key.)
        if (fullErrors.length === 0) expect(lightErrors).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('reads YAML-like text as the yaml library does, or refuses it', () => {
    const piece = fc.constantFrom(
      'a',
      'key',
      'b c',
      '1',
      'true',
      '~',
      ':',
      ': ',
      ' ',
      '  ',
      '\t',
      '\n',
      '\n  ',
      '- ',
      '-',
      '[',
      ']',
      '{',
      '}',
      ', ',
      ',',
      ' #c',
      '#',
      "'q'",
      '"d\\n"',
      '"',
      "'",
      '|\n  x\n',
      '>-\n  y\n  z\n',
      '&a ',
      '*a',
      '!t ',
      '? ',
      '---\n',
      '...\n',
      '%YAML 1.2\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        compare(text);
        compare(text, { uniqueKeys: false });
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses anchors, aliases, tags and several documents with a message that says so', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '? a\n: b\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n---\nb: 2\n',
    ]) {
      const doc = Light.parseDocument(text);
      expect(doc.errors.length, text).toBeGreaterThan(0);
      expect(doc.errors[0]!.message).toMatch(/not supported|more than one YAML document/);
      expect(doc.errors[0]!.linePos?.[0]?.line).toBeGreaterThan(0);
    }
  });

  it('gives the line of each node and of each error', () => {
    const lines = new Light.LineCounter();
    const doc = Light.parseDocument('name: x\nbody:\n  - type: input\n    id: "a"\n', {
      lineCounter: lines,
    });
    const body = (doc.contents as Light.YAMLMap).get('body', true) as Light.YAMLSeq;
    const id = (body.items[0] as Light.YAMLMap).get('id', true) as Light.Scalar;
    expect(lines.linePos(id.range[0]).line).toBe(4);
    expect(id.type).toBe('QUOTE_DOUBLE');
    const bad = Light.parseDocument('a: 1\nb: [x\nc: 2\n');
    expect(bad.errors[0]!.linePos?.[0]?.line).toBeGreaterThan(1);
  });
});
