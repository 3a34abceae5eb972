/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { renderDocument } from './document/render.ts';
import { allFields } from './document/walk.ts';
import type { Values } from './model.ts';
import { carryValues } from './template-update.ts';
import { parseTemplate } from './template/parse.ts';

const V1 = parseTemplate('## Goal\n\n<!-- Why -->\n\n## Plan\n\n<!-- How -->\n');

function valuesFor(text: Record<string, string>): Values {
  const values: Values = {};
  for (const field of allFields(V1)) {
    const answer = text[field.label];
    if (answer !== undefined) values[field.id] = answer;
  }
  return values;
}

const ANSWERS = valuesFor({ Goal: 'Ship it.', Plan: 'Step by step.' });

describe('carryValues', () => {
  it('keeps the values as they are when every field is unchanged', () => {
    const v2 = parseTemplate('## Goal\n\n<!-- Why, in one line -->\n\n## Plan\n\n<!-- How -->\n');
    const carried = carryValues(V1, v2, ANSWERS);
    expect(carried).toEqual({ values: ANSWERS, keptAnew: 0, moved: 0 });
  });

  it('keeps an answer whose field is gone as kept text in its place, never dropped', () => {
    expect(Object.keys(ANSWERS)).toHaveLength(2);
    const v2 = parseTemplate(
      '## Goal\n\n<!-- Why -->\n\n## Risks\n\n<!-- What could go wrong -->\n',
    );
    const carried = carryValues(V1, v2, ANSWERS);
    expect(carried.keptAnew).toBe(1);
    const goal = allFields(v2).find((f) => f.label === 'Goal');
    expect(carried.values[goal!.id]).toBe('Ship it.');
    const out = renderDocument(v2, carried.values);
    expect(out).toContain('Ship it.');
    expect(out).toContain('## Plan\n\nStep by step.');
    expect(out).toContain('## Risks');
  });

  it('moves an answer to the field of the same label under a new id', () => {
    const v1 = parseTemplate('## Goal\n\n**Owner**: [name]\n\n## Plan\n\n<!-- How -->\n');
    const v2 = parseTemplate('## Goal\n\n<!-- Why -->\n\n## Plan\n\n**Owner**: [name]\n');
    expect(allFields(v1).map((f) => f.id)).toEqual(['goal/owner', 'plan']);
    expect(allFields(v2).map((f) => f.id)).toEqual(['goal', 'plan/owner']);
    const carried = carryValues(v1, v2, { 'goal/owner': 'Sam', plan: 'Step by step.' });
    expect(carried.moved).toBe(1);
    expect(carried.values['plan/owner']).toBe('Sam');
    // Plan's own text has no field in the new version: kept in its section.
    expect(carried.keptAnew).toBe(1);
    expect(renderDocument(v2, carried.values)).toContain('Step by step.');
  });

  it('keeps the text of a section that is gone under its old heading', () => {
    const v2 = parseTemplate('## Goal\n\n<!-- Why -->\n');
    const carried = carryValues(V1, v2, ANSWERS);
    const out = renderDocument(v2, carried.values);
    expect(out).toContain('## Goal\n\nShip it.');
    expect(out).toContain('## Plan\n\nStep by step.');
  });
});
