/**
 * One widget per field kind. Each is controlled (value + onChange), knows nothing of
 * react-hook-form, and coerces whatever value it is given to its own shape, so stored data of
 * the wrong shape shows up empty instead of breaking the form.
 */
import { useLayoutEffect, useRef } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
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
    <FieldShell
      id={id}
      label={field.label}
      hint={field.hint}
      required={field.required}
      error={error}
    >
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
    <FieldShell
      id={id}
      label={field.label}
      hint={field.hint}
      required={field.required}
      error={error}
    >
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
    <FieldShell
      id={id}
      label={field.label}
      hint={field.hint}
      required={field.required}
      error={error}
    >
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
      label={field.label.replace(/ \([^)]*\)$/, '')}
      note={language}
      hint={field.hint}
      required={field.required}
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

type FocusTarget = { index: number; part: 'input' | 'up' | 'down' };

/** Moves focus after a re-render (the new or moved item exists only then). */
function usePendingFocus(container: RefObject<HTMLElement | null>) {
  const pendingFocusRef = useRef<FocusTarget | null>(null);
  useLayoutEffect(() => {
    const target = pendingFocusRef.current;
    if (!target || !container.current) return;
    pendingFocusRef.current = null;
    container.current
      .querySelector<HTMLElement>(`[data-index="${target.index}"] [data-part="${target.part}"]`)
      ?.focus();
  });
  return pendingFocusRef;
}

function move<T>(items: T[], from: number, to: number): T[] {
  const next = items.slice();
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function ListWidget({ field, value, onChange, onBlur, id, error }: WidgetProps<ListField>) {
  const stored = asStringList(value);
  // An empty list still offers one box to type in; typing into it creates the item.
  const items = stored.length > 0 ? stored : [''];
  const container = useRef<HTMLDivElement | null>(null);
  const pendingFocusRef = usePendingFocus(container);
  const List = field.ordered ? 'ol' : 'ul';

  function set(next: string[], focus?: FocusTarget) {
    if (focus) pendingFocusRef.current = focus;
    onChange(next.length === 1 && next[0] === '' && stored.length === 0 ? [] : next);
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>, index: number) {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      const next = items.slice();
      next.splice(index + 1, 0, '');
      set(next, { index: index + 1, part: 'input' });
    } else if (event.key === 'Backspace' && items[index] === '' && items.length > 1) {
      event.preventDefault();
      set(
        items.filter((_x, i) => i !== index),
        { index: Math.max(0, index - 1), part: 'input' },
      );
    }
  }
  const itemName = (i: number) => `${field.label}, item ${i + 1}`;
  return (
    <FieldShell
      id={id}
      group
      label={field.label}
      hint={field.hint}
      required={field.required}
      error={error}
    >
      <div ref={container}>
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
                onChange={(e) => {
                  const next = items.slice();
                  next[i] = e.target.value;
                  set(next);
                }}
                onKeyDown={(e) => onKeyDown(e, i)}
                onBlur={onBlur}
              />
              <ItemButtons
                name={itemName(i)}
                index={i}
                count={items.length}
                onMove={(to, part) => set(move(items, i, to), { index: to, part })}
                onRemove={() =>
                  set(
                    items.filter((_x, j) => j !== i),
                    items.length > 1
                      ? { index: Math.max(0, i - 1), part: 'input' }
                      : { index: 0, part: 'input' },
                  )
                }
              />
            </li>
          ))}
        </List>
        <button
          type="button"
          className="button-secondary"
          onClick={() => set([...items, ''], { index: items.length, part: 'input' })}
        >
          Add item <span className="visually-hidden">to {field.label}</span>
        </button>
      </div>
    </FieldShell>
  );
}

function ItemButtons({
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
  const stored = asTasks(value);
  const items = stored.length > 0 ? stored : [{ done: false, text: '' }];
  const container = useRef<HTMLDivElement | null>(null);
  const pendingFocusRef = usePendingFocus(container);
  function set(next: TaskItem[], focus?: FocusTarget) {
    if (focus) pendingFocusRef.current = focus;
    const blank = next.length === 1 && next[0]?.text === '' && !next[0].done && stored.length === 0;
    onChange(blank ? [] : next);
  }
  const itemName = (i: number) => `${field.label}, task ${i + 1}`;
  return (
    <FieldShell
      id={id}
      group
      label={field.label}
      hint={field.hint}
      required={field.required}
      error={error}
    >
      <div ref={container}>
        <ul className="list-items task-items">
          {items.map((item, i) => (
            <li key={i} data-index={i} className="list-item">
              <input
                type="checkbox"
                aria-label={`${itemName(i)} done`}
                checked={item.done}
                onChange={(e) => {
                  const next = items.slice();
                  next[i] = { ...item, done: e.target.checked };
                  set(next);
                }}
              />
              <input
                type="text"
                className="input"
                data-part="input"
                aria-label={itemName(i)}
                value={item.text}
                placeholder={field.placeholderItems[i] ?? ''}
                onChange={(e) => {
                  const next = items.slice();
                  next[i] = { ...item, text: e.target.value };
                  set(next);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
                    e.preventDefault();
                    const next = items.slice();
                    next.splice(i + 1, 0, { done: false, text: '' });
                    set(next, { index: i + 1, part: 'input' });
                  } else if (e.key === 'Backspace' && item.text === '' && items.length > 1) {
                    e.preventDefault();
                    set(
                      items.filter((_x, j) => j !== i),
                      { index: Math.max(0, i - 1), part: 'input' },
                    );
                  }
                }}
                onBlur={onBlur}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${itemName(i)}`}
                title="Remove"
                onClick={() =>
                  set(
                    items.filter((_x, j) => j !== i),
                    { index: Math.max(0, i - 1), part: 'input' },
                  )
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            set([...items, { done: false, text: '' }], { index: items.length, part: 'input' })
          }
        >
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
    <FieldShell
      id={id}
      group
      label={field.label}
      hint={field.hint}
      required={field.required}
      error={error}
    >
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
  const container = useRef<HTMLDivElement | null>(null);
  const focusCellRef = useRef<number | null>(null);
  useLayoutEffect(() => {
    const row = focusCellRef.current;
    if (row === null) return;
    focusCellRef.current = null;
    container.current?.querySelector<HTMLElement>(`[data-row="${row}"] [data-col="0"]`)?.focus();
  });
  function setCell(r: number, c: number, text: string) {
    const next = rows.map((row) => row.slice());
    const row = next[r];
    if (row) row[c] = text;
    onChange(next);
  }
  const example = field.placeholderRows[0] ?? [];
  return (
    <FieldShell
      id={id}
      group
      label={field.label}
      hint={field.hint}
      required={field.required}
      error={error}
    >
      <div className="table-wrap" ref={container}>
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
          focusCellRef.current = rows.length;
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
    <FieldShell
      id={id}
      group
      label={field.label}
      hint={field.hint}
      required={field.required}
      error={error}
    >
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
