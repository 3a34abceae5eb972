/**
 * Task lists: items with a box each (`- [ ] Write the migration`), added and ticked by the
 * author. The template's own unticked items (`Task 1`) are placeholders.
 */
import type { FieldValue, TaskItem, TaskListField } from '../model.ts';
import { blockLines, ITEM_RE, TASK_RE } from './items.ts';
import { textFilled } from './text.ts';
import type { KindModule } from './types.ts';

export function renderTaskList(field: TaskListField, value: FieldValue | undefined): string {
  const items = Array.isArray(value) ? (value as TaskItem[]) : [];
  return items
    .filter((t) => typeof t === 'object' && t !== null)
    .map((t) => `${field.marker} [${t.done ? 'x' : ' '}] ${t.text}`)
    .join('\n');
}

/**
 * The items of a list block: every item line, at any depth; an item without a box is an
 * unticked task. Empty items and the template's own unticked items are dropped.
 */
export function readTaskList(field: TaskListField, raw: string): TaskItem[] {
  const items: TaskItem[] = [];
  for (const line of blockLines(raw)) {
    const m = ITEM_RE.exec(line);
    if (!m) continue;
    const t = TASK_RE.exec(m[3]!);
    if (!t) {
      if (m[3]!.trim()) items.push({ done: false, text: m[3]! });
      continue;
    }
    const text = t[2]!;
    const placeholder = field.placeholderItems.includes(text.trim());
    if (text.trim() === '' || (placeholder && t[1] === ' ')) continue;
    items.push({ done: t[1] !== ' ', text });
  }
  return items;
}

export const taskListKind: KindModule<TaskListField> = {
  empty: () => [],
  templateValue: (field) => field.placeholderItems.map((text) => ({ done: false, text })),
  render: (field, value) => renderTaskList(field, value),
  readBlock: (field, unit) => (unit.type === 'list' ? readTaskList(field, unit.raw) : null),
  filled: (field, value) =>
    Array.isArray(value) &&
    (value as TaskItem[]).some(
      (t) => t && typeof t.text === 'string' && textFilled(t.text, field.placeholderItems),
    ),
  placeholders: (field) => [field.placeholder, ...field.placeholderItems],
  texts: (_field, value) =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? (value as TaskItem[]).map((t) => t.text)
        : [],
  json: (field, value) =>
    (Array.isArray(value) ? (value as TaskItem[]) : []).filter(
      (t) => t && typeof t.text === 'string' && textFilled(t.text, field.placeholderItems),
    ),
};
