import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaskItem, TaskListField } from '../model.ts';
import { fieldBase, hostileLine, roundTrip } from '../testing/kinds.ts';
import { taskListKind } from './tasklist.ts';

const field: TaskListField = {
  ...fieldBase,
  kind: 'tasklist',
  marker: '-',
  placeholderItems: ['Task 1'],
};

/** One line, as the form gives it: without spaces at its ends. */
const text = hostileLine.map((t) => t.trim());

describe('task list field', () => {
  it('reads back each task and its box, hostile text included (empty tasks are dropped)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ done: fc.boolean(), text }), { maxLength: 5 }), (items) => {
        const { markdown, blocks, back } = roundTrip(taskListKind, field, items);
        const want: TaskItem[] = items.filter(
          (t) => t.text !== '' && !(t.text === 'Task 1' && !t.done),
        );
        if (items.length === 0) return;
        expect(
          blocks.map((b) => b.type),
          markdown,
        ).toEqual(['list']);
        expect(back).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('drops the template’s own unticked tasks, keeps them ticked, and reads an item without a box as a task', () => {
    const { back } = roundTrip(taskListKind, field, [
      { done: false, text: 'Task 1' },
      { done: true, text: 'Task 1' },
    ]);
    expect(back).toEqual([{ done: true, text: 'Task 1' }]);
    expect(
      taskListKind.readBlock!(field, { type: 'list', raw: '- plain\n- [X] big' }, undefined),
    ).toEqual([
      { done: false, text: 'plain' },
      { done: true, text: 'big' },
    ]);
  });
});
