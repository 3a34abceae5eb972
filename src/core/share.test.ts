/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import {
  SHARE_HASH_PREFIX,
  decodeShare,
  encodeShare,
  shareDataFromHash,
  shareUrl,
} from './share.ts';
import type { SharePayload } from './share.ts';
import type { FieldValue } from './model.ts';

const text = fc.string({ unit: 'binary', maxLength: 80 });
// `__proto__` is not a usable key in a plain object (zod leaves it out), so no field has that id.
const key = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((k) => k !== '__proto__');

const fieldValue: fc.Arbitrary<FieldValue> = fc.letrec<{ value: FieldValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.array(text, { maxLength: 4 }),
    fc.array(fc.record({ done: fc.boolean(), text }), { maxLength: 3 }),
    fc.record({ checked: fc.array(text, { maxLength: 3 }), other: text }),
    fc.array(fc.array(text, { maxLength: 3 }), { maxLength: 3 }),
    fc.dictionary(key, text, { maxKeys: 3, noNullPrototype: true }),
    fc.array(fc.dictionary(key, tie('value'), { maxKeys: 2, noNullPrototype: true }), {
      maxLength: 2,
    }),
  ),
})).value;

const payloadArb: fc.Arbitrary<SharePayload> = fc.record(
  {
    v: fc.constant(1 as const),
    templateId: fc.string({ minLength: 1, maxLength: 40 }),
    templateSource: fc.string({ unit: 'binary', maxLength: 400 }),
    title: text,
    values: fc.dictionary(key, fieldValue, { maxKeys: 6, noNullPrototype: true }),
  },
  { requiredKeys: ['v', 'templateId', 'title', 'values'] },
);

const sample: SharePayload = {
  v: 1,
  templateId: 'enhancement-rfc',
  title: 'RFC: <script>alert(1)</script> & "quotes" #/share/ 😀',
  values: {
    summary: 'Line 1\r\nLine 2\n\n| a | b |\n-->',
    tasks: [{ done: true, text: '- [ ] nested' }],
    compat: { checked: ['Yes'], other: '' },
    risks: [['High', 'Data loss']],
    impact: { CPU: 'low' },
    phases: [{ name: 'Phase 1', items: ['a', 'b'] }],
  },
};

describe('share links', () => {
  it('round-trips a payload exactly', () => {
    const data = encodeShare(sample);
    expect(data).toMatch(/^[A-Za-z0-9+\-$]+$/);
    expect(decodeShare(data)).toEqual({ ok: true, payload: sample });
  });

  it('property: any payload round-trips exactly', () => {
    fc.assert(
      fc.property(payloadArb, (payload) => {
        const decoded = decodeShare(encodeShare(payload));
        expect(decoded).toEqual({ ok: true, payload });
      }),
      { numRuns: 300 },
    );
  });

  it('puts the data in the fragment only, replacing an existing fragment', () => {
    const url = shareUrl('https://example.com/app/?x=1#/edit/abc', sample);
    expect(url.startsWith('https://example.com/app/?x=1#/share/')).toBe(true);
    const parsed = new URL(url);
    expect(parsed.search).toBe('?x=1');
    const data = shareDataFromHash(parsed.hash);
    expect(data).not.toBeNull();
    expect(decodeShare(data ?? '')).toEqual({ ok: true, payload: sample });
    expect(shareDataFromHash('#/edit/x')).toBeNull();
    expect(SHARE_HASH_PREFIX).toBe('#/share/');
  });

  it('survives a chat tool percent-encoding the link', () => {
    const data = encodeShare(sample);
    expect(decodeShare(encodeURIComponent(data).replace(/\+/g, '%2B'))).toEqual({
      ok: true,
      payload: sample,
    });
  });

  const corrupt: [string, string][] = [
    ['empty', ''],
    ['spaces', '   '],
    ['foreign characters', 'abc<script>'],
    ['not lz data', 'hello'],
    ['truncated', encodeShare(sample).slice(0, 40)],
    ['json that is not an object', compressToEncodedURIComponent('"just a string"')],
    ['not json', compressToEncodedURIComponent('{not json')],
    ['wrong version', compressToEncodedURIComponent(JSON.stringify({ ...sample, v: 2 }))],
    ['missing fields', compressToEncodedURIComponent(JSON.stringify({ v: 1 }))],
    ['bad values', compressToEncodedURIComponent(JSON.stringify({ ...sample, values: { a: 1 } }))],
    [
      'values not an object',
      compressToEncodedURIComponent(JSON.stringify({ ...sample, values: null })),
    ],
    ['huge', 'A'.repeat(2_000_001)],
    ['bad percent', '%E0%A4%A'],
  ];
  it.each(corrupt)('refuses %s data with a clear error, without throwing', (_name, data) => {
    const result = decodeShare(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^The share link/);
  });

  it('does not let a hostile payload pollute prototypes', () => {
    const hostile =
      '{"v":1,"templateId":"x","title":"t","values":{"__proto__":{"polluted":"yes"},"a":"b"}}';
    const result = decodeShare(compressToEncodedURIComponent(hostile));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(Object.getPrototypeOf(result.payload.values)).toBe(Object.prototype);
      expect(result.payload.values).toEqual({ a: 'b' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('property: arbitrary data never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (data) => {
        const result = decodeShare(data);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
