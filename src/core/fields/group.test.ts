import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupField, GroupInstance } from '../model.ts';
import { readDocument } from '../document/read.ts';
import { renderDocument } from '../document/render.ts';
import { sectionNodes } from '../document/walk.ts';
import { hostileLine, hostileText, testTemplate } from '../testing/kinds.ts';
import { bodyFields, groupKind } from './group.ts';
import { isFieldFilled } from './index.ts';

const template = testTemplate();
const node = sectionNodes(template).find((n) => n.type === 'group')!;
const group = node.field;

describe('repeat (group) field', () => {
  it('is the template’s numbered headings: a name in the heading and an answer below', () => {
    expect(node.id).toBe('alternatives/alternative');
    expect(group.fields.map((f) => f.kind)).toEqual(['text', 'prose']);
    expect(bodyFields(group).map((f) => f.kind)).toEqual(['prose']);
  });

  it('reads back each instance, its name and its answer, hostile text included (the heading’s placeholder is no name)', () => {
    const [name, body] = group.fields;
    // A name is one line; a colon in it would end the heading's fixed part (documented limit).
    const instance = fc
      .tuple(
        hostileLine.map((t) => t.replace(/:/g, '').trim()),
        hostileText.map((t) => t.trim()),
      )
      .map(([n, b]): GroupInstance => ({ [name!.id]: n, [body!.id]: b }));
    fc.assert(
      fc.property(fc.array(instance, { minLength: 1, maxLength: 3 }), (instances) => {
        const markdown = renderDocument(template, { [group.id]: instances });
        const back = readDocument(template, markdown).values[group.id] as GroupInstance[];
        // The heading's placeholder (`[Name]`) left in place is no name.
        const want = instances.map((i) => ({
          ...i,
          [name!.id]: i[name!.id] === '[Name]' ? '' : i[name!.id]!,
        }));
        expect(
          back.map((i) => ({ [name!.id]: i[name!.id], [body!.id]: i[body!.id] })),
          markdown,
        ).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('is filled when any field of any instance is', () => {
    const g: GroupField = group;
    const [, body] = g.fields;
    const ctx = { isFilled: (f: never, v: never) => isFieldFilled(f, v) };
    expect(groupKind.filled(g, [{}, { [body!.id]: 'We pick this.' }], ctx)).toBe(true);
    expect(groupKind.filled(g, [{ [body!.id]: '' }], ctx)).toBe(false);
  });
});
