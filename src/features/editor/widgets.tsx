/**
 * One widget per field kind. Each is controlled (value + onChange), knows nothing of
 * react-hook-form, and coerces whatever value it is given to its own shape, so stored data of
 * the wrong shape shows up empty instead of breaking the form.
 */
import { useLayoutEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type {
  ChecklistField,
  ChecklistValue,
  ChoiceField,
  CodeField,
  DateField,
  FieldValue,
  KeyValueField,
  ListField,
  TableField,
  TaskItem,
  TaskListField,
  TextField,
} from '../../core/model.ts';
import { errorId, FieldShell } from './FieldShell.tsx';

export interface WidgetProps<F> {
  field: F;
  value: FieldValue | undefined;
  onChange: (value: FieldValue) => void;
  onBlur?: () => void;
  /** The id of the widget's main control (or fieldset). */
  id: string;
  error?: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Coercion

export function asString(v: FieldValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

export function asStringList(v: FieldValue | undefined): string[] {
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : '')) : [];
}

export function asTasks(v: FieldValue | undefined): TaskItem[] {
  if (!Array.isArray(v)) return [];
  return v.map((x) =>
    typeof x === 'object' && x !== null && !Array.isArray(x) && 'text' in x && 'done' in x
      ? { done: x.done === true, text: typeof x.text === 'string' ? x.text : '' }
      : { done: false, text: typeof x === 'string' ? x : '' },
  );
}

export function asChecklist(v: FieldValue | undefined): ChecklistValue {
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'checked' in v) {
    const checked = Array.isArray(v.checked) ? v.checked.filter((x) => typeof x === 'string') : [];
    return { checked, other: typeof v.other === 'string' ? v.other : '' };
  }
  return { checked: [], other: '' };
}

export function asRows(v: FieldValue | undefined, width: number): string[][] {
  if (!Array.isArray(v)) return [];
  return v.map((row) =>
    Array.from({ length: width }, (_x, i) => {
      const cell: unknown = Array.isArray(row) ? row[i] : undefined;
      return typeof cell === 'string' ? cell : '';
    }),
  );
}

export function asRecord(v: FieldValue | undefined): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || 'checked' in v) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function describedBy(id: string, error: string | undefined): string | undefined {
  return error ? errorId(id) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Text and date

export function TextWidget({ field, value, onChange, onBlur, id, error }: WidgetProps<TextField>) {
  return (
    <FieldShell id={id} field={field} error={error}>
      <input
        id={id}
        type="text"
        className="input"
        value={asString(value)}
        placeholder={field.placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
    </FieldShell>
  );
}

export function DateWidget({ field, value, onChange, onBlur, id, error }: WidgetProps<DateField>) {
  return (
    <FieldShell id={id} field={field} error={error}>
      <input
        id={id}
        type="date"
        className="input input-date"
        value={asString(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
    </FieldShell>
  );
}

// ---------------------------------------------------------------------------------------------
// Choice: one option, and for `detail` fields free text after it (`Yes - the list`)

const DETAIL_SEPARATOR = ' - ';

export function splitChoice(value: string, options: string[]): { option: string; detail: string } {
  const option = options.find((o) => value === o || value.startsWith(o + DETAIL_SEPARATOR));
  if (option === undefined) return { option: '', detail: value };
  return { option, detail: value.slice(option.length + DETAIL_SEPARATOR.length) };
}

export function joinChoice(option: string, detail: string): string {
  if (!option) return detail;
  return detail.trim() === '' ? option : `${option}${DETAIL_SEPARATOR}${detail}`;
}

export function ChoiceWidget({
  field,
  value,
  onChange,
  onBlur,
  id,
  error,
}: WidgetProps<ChoiceField>) {
  const { option, detail } = splitChoice(asString(value), field.options);
  return (
    <FieldShell id={id} field={field} error={error}>
      <div className="choice">
        <select
          id={id}
          className="input"
          value={option}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error)}
          onChange={(e) =>
            onChange(field.detail ? joinChoice(e.target.value, detail) : e.target.value)
          }
          onBlur={onBlur}
        >
          <option value="">— Choose —</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {field.detail ? (
          <input
            type="text"
            className="input"
            aria-label={`${field.label} details`}
            placeholder="Details"
            value={detail}
            onChange={(e) => onChange(joinChoice(option, e.target.value))}
            onBlur={onBlur}
          />
        ) : null}
      </div>
    </FieldShell>
  );
}

// ---------------------------------------------------------------------------------------------
// Code: Tab indents; Escape then Tab leaves the field (the usual code-editor convention)

export function CodeWidget({ field, value, onChange, onBlur, id, error }: WidgetProps<CodeField>) {
  const escaped = useRef(false);
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      escaped.current = true;
      return;
    }
    if (
      event.key === 'Tab' &&
      !event.shiftKey &&
      !escaped.current &&
      !event.altKey &&
      !event.ctrlKey &&
      !event.metaKey
    ) {
      event.preventDefault();
      const el = event.currentTarget;
      el.setRangeText('  ', el.selectionStart, el.selectionEnd, 'end');
      onChange(el.value);
      return;
    }
    escaped.current = false;
  }
  const language = field.language || 'text';
  const tipId = `${id}-tip`;
  return (
    <FieldShell
      id={id}
      field={{ ...field, label: field.label.replace(/ \([^)]*\)$/, '') }}
      note={language}
      error={error}
    >
      <textarea
        id={id}
        className="input code-input"
        value={asString(value)}
        rows={Math.min(20, Math.max(4, asString(value).split('\n').length + 1))}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-describedby={[tipId, describedBy(id, error)].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          escaped.current = false;
          onBlur?.();
        }}
      />
      <p className="field-tip" id={tipId}>
        Tab inserts two spaces; press Escape, then Tab, to leave the code.
      </p>
    </FieldShell>
  );
}

// ---------------------------------------------------------------------------------------------
// Lists: Enter adds an item after this one, Backspace in an empty item removes it

/**
 * Moves focus after the next render (a new or moved item exists only then): `focusLater(target)`,
 * and `find` picks the element to focus inside `containerRef`.
 */
export function usePendingFocus<T>(
  find: (root: HTMLElement, target: T) => HTMLElement | null | undefined,
) {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const pendingRef = useRef<T | null>(null);
  useLayoutEffect(() => {
    const target = pendingRef.current;
    if (target === null || !containerRef.current) return;
    pendingRef.current = null;
    find(containerRef.current, target)?.focus();
  });
  const focusLater = (target: T) => {
    pendingRef.current = target;
  };
  return { containerRef, focusLater };
}

type FocusTarget = { index: number; part: 'input' | 'up' | 'down' };

/**
 * The items of a list or task list and their edits. An empty list still offers one blank item to
 * type in; typing into it creates the item, and a list left with only that blank item is empty.
 */
function useItems<T>(
  stored: T[],
  blank: T,
  isBlank: (item: T | undefined) => boolean,
  onChange: (items: T[]) => void,
) {
  const items = stored.length > 0 ? stored : [blank];
  const { containerRef, focusLater } = usePendingFocus<FocusTarget>((root, target) =>
    root.querySelector<HTMLElement>(`[data-index="${target.index}"] [data-part="${target.part}"]`),
  );
  function set(next: T[], focus?: FocusTarget) {
    if (focus) focusLater(focus);
    onChange(next.length === 1 && isBlank(next[0]) && stored.length === 0 ? [] : next);
  }
  function splice(start: number, deleteCount: number, ...add: T[]): T[] {
    const next = items.slice();
    next.splice(start, deleteCount, ...add);
    return next;
  }
  function remove(i: number) {
    set(splice(i, 1), { index: Math.max(0, i - 1), part: 'input' });
  }
  /** Enter adds a blank item after item `i`; Backspace in an empty one removes it. */
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>, i: number, empty: boolean) {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      set(splice(i + 1, 0, blank), { index: i + 1, part: 'input' });
    } else if (event.key === 'Backspace' && empty && items.length > 1) {
      event.preventDefault();
      remove(i);
    }
  }
  return {
    items,
    containerRef,
    remove,
    onKeyDown,
    edit: (i: number, item: T) => set(splice(i, 1, item)),
    add: () => set([...items, blank], { index: items.length, part: 'input' }),
    move: (i: number, to: number, part: 'up' | 'down') => {
      const next = splice(i, 1);
      next.splice(to, 0, ...items.slice(i, i + 1));
      set(next, { index: to, part });
    },
  };
}

export function ListWidget({ field, value, onChange, onBlur, id, error }: WidgetProps<ListField>) {
  const { items, containerRef, edit, remove, add, move, onKeyDown } = useItems(
    asStringList(value),
    '',
    (x) => x === '',
    onChange,
  );
  const List = field.ordered ? 'ol' : 'ul';
  const itemName = (i: number) => `${field.label}, item ${i + 1}`;
  return (
    <FieldShell id={id} group field={field} error={error}>
      <div ref={containerRef}>
        <List className="list-items">
          {items.map((item, i) => (
            <li key={i} data-index={i} className="list-item">
              <input
                type="text"
                className="input"
                data-part="input"
                aria-label={itemName(i)}
                value={item}
                placeholder={field.placeholderItems[i] ?? ''}
                onChange={(e) => edit(i, e.target.value)}
                onKeyDown={(e) => onKeyDown(e, i, item === '')}
                onBlur={onBlur}
              />
              <ItemButtons
                name={itemName(i)}
                index={i}
                count={items.length}
                onMove={(to, part) => move(i, to, part)}
                onRemove={() => remove(i)}
              />
            </li>
          ))}
        </List>
        <button type="button" className="button-secondary" onClick={add}>
          Add item <span className="visually-hidden">to {field.label}</span>
        </button>
      </div>
    </FieldShell>
  );
}

/** Move up, move down and remove, for a list item or a group's instance named `name`. */
export function ItemButtons({
  name,
  index,
  count,
  onMove,
  onRemove,
}: {
  name: string;
  index: number;
  count: number;
  onMove: (to: number, part: 'up' | 'down') => void;
  onRemove: () => void;
}) {
  return (
    <span className="item-buttons">
      <button
        type="button"
        className="icon-button"
        data-part="up"
        aria-label={`Move ${name} up`}
        title="Move up"
        disabled={index === 0}
        onClick={() => onMove(index - 1, 'up')}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        data-part="down"
        aria-label={`Move ${name} down`}
        title="Move down"
        disabled={index === count - 1}
        onClick={() => onMove(index + 1, 'down')}
      >
        ↓
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Remove ${name}`}
        title="Remove"
        onClick={onRemove}
      >
        ×
      </button>
    </span>
  );
}

// ---------------------------------------------------------------------------------------------
// Task list: a checkbox and a text per item

export function TaskListWidget({
  field,
  value,
  onChange,
  onBlur,
  id,
  error,
}: WidgetProps<TaskListField>) {
  const blank: TaskItem = { done: false, text: '' };
  const { items, containerRef, edit, remove, add, onKeyDown } = useItems(
    asTasks(value),
    blank,
    (x) => x?.text === '' && !x.done,
    onChange,
  );
  const itemName = (i: number) => `${field.label}, task ${i + 1}`;
  return (
    <FieldShell id={id} group field={field} error={error}>
      <div ref={containerRef}>
        <ul className="list-items task-items">
          {items.map((item, i) => (
            <li key={i} data-index={i} className="list-item">
              <input
                type="checkbox"
                aria-label={`${itemName(i)} done`}
                checked={item.done}
                onChange={(e) => edit(i, { ...item, done: e.target.checked })}
              />
              <input
                type="text"
                className="input"
                data-part="input"
                aria-label={itemName(i)}
                value={item.text}
                placeholder={field.placeholderItems[i] ?? ''}
                onChange={(e) => edit(i, { ...item, text: e.target.value })}
                onKeyDown={(e) => onKeyDown(e, i, item.text === '')}
                onBlur={onBlur}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${itemName(i)}`}
                title="Remove"
                onClick={() => remove(i)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button-secondary" onClick={add}>
          Add task <span className="visually-hidden">to {field.label}</span>
        </button>
      </div>
    </FieldShell>
  );
}

// ---------------------------------------------------------------------------------------------
// Checklist: fixed options; radios when they exclude each other; "Other" takes text

export function ChecklistWidget({
  field,
  value,
  onChange,
  onBlur,
  id,
  error,
}: WidgetProps<ChecklistField>) {
  const v = asChecklist(value);
  const single = !field.multiple;
  function toggle(label: string, on: boolean) {
    const checked = single
      ? on
        ? [label]
        : []
      : on
        ? field.options.map((o) => o.label).filter((l) => l === label || v.checked.includes(l))
        : v.checked.filter((l) => l !== label);
    onChange({ ...v, checked });
  }
  return (
    <FieldShell id={id} group field={field} error={error}>
      <ul
        className="options"
        role={single ? 'radiogroup' : undefined}
        aria-label={single ? field.label : undefined}
      >
        {field.options.map((o, i) => {
          const optionId = `${id}-option-${i}`;
          const checked = v.checked.includes(o.label);
          return (
            <li key={o.label} className="option">
              <input
                id={optionId}
                type={single ? 'radio' : 'checkbox'}
                name={single ? id : undefined}
                checked={checked}
                onChange={(e) => toggle(o.label, e.target.checked)}
                onBlur={onBlur}
              />
              <label htmlFor={optionId}>{o.label}</label>
              {o.other ? (
                <input
                  type="text"
                  className="input option-other"
                  aria-label={`${o.label} (${field.label})`}
                  placeholder="Describe"
                  value={v.other}
                  onChange={(e) => {
                    const text = e.target.value;
                    // Typing an "Other" answer ticks the option; clearing it leaves the tick.
                    const ticked = text.trim() !== '' && !checked;
                    const next = ticked
                      ? single
                        ? [o.label]
                        : field.options
                            .map((x) => x.label)
                            .filter((l) => l === o.label || v.checked.includes(l))
                      : v.checked;
                    onChange({ checked: next, other: text });
                  }}
                  onBlur={onBlur}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      {single && v.checked.length > 0 ? (
        <button
          type="button"
          className="button-link"
          onClick={() => onChange({ ...v, checked: [] })}
        >
          Clear choice <span className="visually-hidden">for {field.label}</span>
        </button>
      ) : null}
    </FieldShell>
  );
}

// ---------------------------------------------------------------------------------------------
// Table: a grid of inputs, a select for columns with options

export function TableWidget({
  field,
  value,
  onChange,
  onBlur,
  id,
  error,
}: WidgetProps<TableField>) {
  const width = field.columns.length;
  const rows = asRows(value, width);
  const { containerRef, focusLater } = usePendingFocus<number>((root, row) =>
    root.querySelector<HTMLElement>(`[data-row="${row}"] [data-col="0"]`),
  );
  function setCell(r: number, c: number, text: string) {
    const next = rows.map((row) => row.slice());
    const row = next[r];
    if (row) row[c] = text;
    onChange(next);
  }
  const example = field.placeholderRows[0] ?? [];
  return (
    <FieldShell id={id} group field={field} error={error}>
      <div className="table-wrap" ref={containerRef}>
        <table className="table-input">
          <thead>
            <tr>
              {field.columns.map((c) => (
                <th key={c.name} scope="col">
                  {c.name}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={width + 1} className="muted">
                  No rows yet.
                </td>
              </tr>
            ) : null}
            {rows.map((row, r) => (
              <tr key={r} data-row={r}>
                {field.columns.map((c, ci) => {
                  const name = `${c.name}, row ${r + 1}`;
                  return (
                    <td key={c.name}>
                      {c.options.length > 0 ? (
                        <select
                          className="input"
                          data-col={ci}
                          aria-label={name}
                          value={row[ci] ?? ''}
                          onChange={(e) => setCell(r, ci, e.target.value)}
                          onBlur={onBlur}
                        >
                          <option value="">—</option>
                          {c.options.map((o) => (
                            <option key={o} value={o}>
                              {o}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input
                          type="text"
                          className="input"
                          data-col={ci}
                          aria-label={name}
                          placeholder={r === 0 ? (example[ci] ?? '') : ''}
                          value={row[ci] ?? ''}
                          onChange={(e) => setCell(r, ci, e.target.value)}
                          onBlur={onBlur}
                        />
                      )}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove row ${r + 1} of ${field.label}`}
                    title="Remove row"
                    onClick={() => onChange(rows.filter((_x, j) => j !== r))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          focusLater(rows.length);
          onChange([...rows, Array.from({ length: width }, () => '')]);
        }}
      >
        Add row <span className="visually-hidden">to {field.label}</span>
      </button>
    </FieldShell>
  );
}

// ---------------------------------------------------------------------------------------------
// Key-value: one labelled input per key

export function KeyValueWidget({
  field,
  value,
  onChange,
  onBlur,
  id,
  error,
}: WidgetProps<KeyValueField>) {
  const v = asRecord(value);
  return (
    <FieldShell id={id} group field={field} error={error}>
      <div className="keyvalue">
        {field.entries.map((entry, i) => {
          const entryId = `${id}-key-${i}`;
          const text = v[entry.key] ?? '';
          const set = (next: string) => onChange({ ...v, [entry.key]: next });
          if (entry.options.length > 0) {
            const { option, detail } = splitChoice(text, entry.options);
            return (
              <div key={entry.key} className="keyvalue-row">
                <label htmlFor={entryId}>{entry.key}</label>
                <div className="choice">
                  <select
                    id={entryId}
                    className="input"
                    value={option}
                    onChange={(e) => set(joinChoice(e.target.value, detail))}
                    onBlur={onBlur}
                  >
                    <option value="">— Choose —</option>
                    {entry.options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                  <input
                    type="text"
                    className="input"
                    aria-label={`${entry.key} details`}
                    placeholder={entry.placeholder || 'Details'}
                    value={detail}
                    onChange={(e) => set(joinChoice(option, e.target.value))}
                    onBlur={onBlur}
                  />
                </div>
              </div>
            );
          }
          return (
            <div key={entry.key} className="keyvalue-row">
              <label htmlFor={entryId}>{entry.key}</label>
              <input
                id={entryId}
                type="text"
                className="input"
                value={text}
                placeholder={entry.placeholder}
                title={entry.hint || undefined}
                onChange={(e) => set(e.target.value)}
                onBlur={onBlur}
              />
            </div>
          );
        })}
      </div>
    </FieldShell>
  );
}
