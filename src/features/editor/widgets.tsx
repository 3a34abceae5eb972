/**
 * One widget per field kind. Each is controlled (value + onChange), knows nothing of the
 * form's store, and coerces whatever value it is given to its own shape, so stored data of
 * the wrong shape shows up empty instead of breaking the form.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useOfferUndo } from './undo.ts';
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
import { describedByIds, errorId, FieldShell, plainText } from './FieldShell.tsx';

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

/** The first control of a group (a list's first item) carries the group's error. */
function firstItemState(id: string, error: string | undefined, index: number) {
  return index === 0 && error
    ? { 'aria-invalid': true as const, 'aria-describedby': errorId(id) }
    : {};
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
        aria-describedby={describedByIds(id, field, error)}
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
        aria-describedby={describedByIds(id, field, error)}
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
          aria-describedby={describedByIds(id, field, error)}
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
  const text = asString(value);
  const example = field.placeholder;
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
        value={text}
        placeholder={example}
        rows={Math.min(20, Math.max(4, (text || example).split('\n').length + 1))}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-describedby={describedByIds(id, field, error, tipId)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          escaped.current = false;
          onBlur?.();
        }}
      />
      <div className="field-actions">
        {text === '' && example.trim() !== '' ? (
          <button
            type="button"
            className="button-secondary"
            onClick={(e) => {
              onChange(example);
              const area = e.currentTarget.closest('.field')?.querySelector('textarea');
              area?.focus();
            }}
          >
            Start from the example <span className="visually-hidden">for {field.label}</span>
          </button>
        ) : null}
        <p className="field-tip" id={tipId}>
          Tab inserts two spaces; press Escape, then Tab, to leave the code.
        </p>
      </div>
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

type FocusTarget = { index: number; part: 'input' | 'up' | 'down' | 'remove' };

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
  const offerUndo = useOfferUndo();
  function set(next: T[], focus?: FocusTarget) {
    if (focus) focusLater(focus);
    onChange(next.length === 1 && isBlank(next[0]) && stored.length === 0 ? [] : next);
  }
  // An undo comes later, after other edits: it works on the value as it is then.
  const latest = useRef({ stored, set });
  useLayoutEffect(() => {
    latest.current = { stored, set };
  });
  function splice(start: number, deleteCount: number, ...add: T[]): T[] {
    const next = items.slice();
    next.splice(start, deleteCount, ...add);
    return next;
  }
  function remove(i: number, name: string) {
    const removed = items[i];
    set(splice(i, 1), { index: Math.max(0, i - 1), part: 'input' });
    if (removed === undefined || isBlank(removed)) return;
    offerUndo({
      message: `Removed ${name}`,
      undo: () => {
        const { stored: now, set: setNow } = latest.current;
        const next = now.slice();
        next.splice(Math.min(i, next.length), 0, removed);
        setNow(next, { index: Math.min(i, next.length - 1), part: 'input' });
      },
    });
  }
  function move(i: number, to: number, part: FocusTarget['part']) {
    if (to < 0 || to >= items.length) return;
    const next = splice(i, 1);
    next.splice(to, 0, ...items.slice(i, i + 1));
    set(next, { index: to, part });
  }
  /**
   * Enter adds a blank item after item `i`; Backspace in an empty one removes it; Alt+↑/↓
   * moves the item, the caret staying in it.
   */
  function onKeyDown(
    event: KeyboardEvent<HTMLInputElement>,
    i: number,
    empty: boolean,
    name: string,
  ) {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      set(splice(i + 1, 0, blank), { index: i + 1, part: 'input' });
    } else if (event.key === 'Backspace' && empty && items.length > 1) {
      event.preventDefault();
      remove(i, name);
    } else if (
      event.altKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      (event.key === 'ArrowUp' || event.key === 'ArrowDown')
    ) {
      event.preventDefault();
      move(i, event.key === 'ArrowUp' ? i - 1 : i + 1, 'input');
    }
  }
  return {
    items,
    containerRef,
    remove,
    onKeyDown,
    edit: (i: number, item: T) => set(splice(i, 1, item)),
    add: () => set([...items, blank], { index: items.length, part: 'input' }),
    move,
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
                {...firstItemState(id, error, i)}
                value={item}
                placeholder={field.placeholderItems[i] ?? ''}
                onChange={(e) => edit(i, e.target.value)}
                onKeyDown={(e) => onKeyDown(e, i, item === '', itemName(i))}
                onBlur={onBlur}
              />
              <ItemButtons
                name={itemName(i)}
                index={i}
                count={items.length}
                onMove={(to, part) => move(i, to, part)}
                onRemove={() => remove(i, itemName(i))}
                roving={false}
              />
            </li>
          ))}
        </List>
        <ListTip />
        {/* Not a Tab stop: Enter in an item adds the next one. */}
        <button type="button" className="button-secondary" tabIndex={-1} onClick={add}>
          Add item <span className="visually-hidden">to {field.label}</span>
        </button>
      </div>
    </FieldShell>
  );
}

/** The keys of a list, shown while it has focus. */
function ListTip() {
  return (
    <p className="field-tip list-tip" aria-hidden="true">
      Enter adds an item · Alt+↑/↓ moves it · Backspace in an empty item removes it
    </p>
  );
}

type ItemPart = 'up' | 'down' | 'remove';

/**
 * Move up, move down and remove, for a list item or a group's instance named `name`. Never a
 * Tab stop each: a `roving` toolbar is one Tab stop (arrow keys move inside it); otherwise the
 * buttons are for the pointer, and the item's own keys do the same (Alt+↑/↓, Backspace).
 */
export function ItemButtons({
  name,
  index,
  count,
  onMove,
  onRemove,
  roving = true,
}: {
  name: string;
  index: number;
  count: number;
  onMove: (to: number, part: 'up' | 'down') => void;
  onRemove: () => void;
  roving?: boolean;
}) {
  const enabled: ItemPart[] = [
    ...(index > 0 ? (['up'] as const) : []),
    ...(index < count - 1 ? (['down'] as const) : []),
    'remove',
  ];
  const [active, setActive] = useState<ItemPart>('up');
  const current = enabled.includes(active) ? active : (enabled[0] ?? 'remove');
  const tabIndex = (part: ItemPart) => (roving && part === current ? 0 : -1);
  function onKeyDown(event: KeyboardEvent<HTMLSpanElement>) {
    if (!roving || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const next = enabled[(enabled.indexOf(current) + step + enabled.length) % enabled.length];
    if (!next) return;
    setActive(next);
    event.currentTarget.querySelector<HTMLElement>(`[data-part="${next}"]`)?.focus();
  }
  return (
    <span
      className="item-buttons"
      role={roving ? 'toolbar' : undefined}
      aria-label={roving ? `${name} actions` : undefined}
      onKeyDown={onKeyDown}
    >
      <button
        type="button"
        className="icon-button"
        data-part="up"
        aria-label={`Move ${name} up`}
        title={roving ? 'Move up' : 'Move up (Alt+↑)'}
        tabIndex={tabIndex('up')}
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
        title={roving ? 'Move down' : 'Move down (Alt+↓)'}
        tabIndex={tabIndex('down')}
        disabled={index === count - 1}
        onClick={() => onMove(index + 1, 'down')}
      >
        ↓
      </button>
      <button
        type="button"
        className="icon-button"
        data-part="remove"
        aria-label={`Remove ${name}`}
        title="Remove"
        tabIndex={tabIndex('remove')}
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
                {...firstItemState(id, error, i)}
                value={item.text}
                placeholder={field.placeholderItems[i] ?? ''}
                onChange={(e) => edit(i, { ...item, text: e.target.value })}
                onKeyDown={(e) => onKeyDown(e, i, item.text === '', itemName(i))}
                onBlur={onBlur}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${itemName(i)}`}
                title="Remove"
                tabIndex={-1}
                onClick={() => remove(i, itemName(i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <ListTip />
        <button type="button" className="button-secondary" tabIndex={-1} onClick={add}>
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
      {/* The fieldset and its legend group the options (radios included). */}
      <ul className="options">
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
                {...firstItemState(id, error, i)}
                onChange={(e) => toggle(o.label, e.target.checked)}
                onBlur={onBlur}
              />
              <label htmlFor={optionId}>{plainText(o.label)}</label>
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
  const stored = asRows(value, width);
  const blankRow = () => Array.from({ length: width }, () => '');
  // Like a list, an empty table offers one blank row to type in; a table left with only that
  // blank row is empty.
  const rows = stored.length > 0 ? stored : [blankRow()];
  const { containerRef, focusLater } = usePendingFocus<{ row: number; col: number }>(
    (root, target) =>
      root.querySelector<HTMLElement>(`[data-row="${target.row}"] [data-col="${target.col}"]`),
  );
  const offerUndo = useOfferUndo();
  const latest = useRef({ stored, onChange, focusLater });
  useLayoutEffect(() => {
    latest.current = { stored, onChange, focusLater };
  });
  function commit(next: string[][]) {
    const onlyBlank = next.length === 1 && next[0]?.every((c) => c === '') && stored.length === 0;
    onChange(onlyBlank ? [] : next);
  }
  function setCell(r: number, c: number, text: string) {
    const next = rows.map((row) => row.slice());
    const row = next[r];
    if (row) row[c] = text;
    commit(next);
  }
  function addRow() {
    focusLater({ row: rows.length, col: 0 });
    commit([...rows, blankRow()]);
  }
  function onCellKeyDown(event: KeyboardEvent<HTMLElement>, r: number, c: number) {
    // Enter in the last cell of the last row adds a row, as in a spreadsheet.
    if (
      event.key === 'Enter' &&
      !event.nativeEvent.isComposing &&
      r === rows.length - 1 &&
      c === width - 1
    ) {
      event.preventDefault();
      addRow();
    }
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
            {rows.map((row, r) => (
              <tr key={r} data-row={r}>
                {field.columns.map((c, ci) => {
                  const name = `${c.name}, row ${r + 1}`;
                  const first = r === 0 && ci === 0;
                  const invalid = first && error ? true : undefined;
                  const described = first ? describedBy(id, error) : undefined;
                  return (
                    <td key={c.name} data-label={c.name}>
                      {c.options.length > 0 ? (
                        <select
                          className="input"
                          data-col={ci}
                          aria-label={name}
                          aria-invalid={invalid}
                          aria-describedby={described}
                          value={row[ci] ?? ''}
                          onChange={(e) => setCell(r, ci, e.target.value)}
                          onKeyDown={(e) => onCellKeyDown(e, r, ci)}
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
                          aria-invalid={invalid}
                          aria-describedby={described}
                          placeholder={r === 0 ? (example[ci] ?? '') : ''}
                          value={row[ci] ?? ''}
                          onChange={(e) => setCell(r, ci, e.target.value)}
                          onKeyDown={(e) => onCellKeyDown(e, r, ci)}
                          onBlur={onBlur}
                        />
                      )}
                    </td>
                  );
                })}
                <td className="table-row-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove row ${r + 1} of ${field.label}`}
                    title="Remove row"
                    disabled={stored.length === 0}
                    onClick={() => {
                      focusLater({ row: Math.max(0, r - 1), col: 0 });
                      onChange(rows.filter((_x, j) => j !== r));
                      if (row.every((c) => c === '')) return;
                      offerUndo({
                        message: `Removed row ${r + 1} of ${plainText(field.label)}`,
                        undo: () => {
                          const now = latest.current;
                          const next = now.stored.slice();
                          next.splice(Math.min(r, next.length), 0, row);
                          now.focusLater({ row: Math.min(r, next.length - 1), col: 0 });
                          now.onChange(next);
                        },
                      });
                    }}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="field-tip list-tip" aria-hidden="true">
        Enter in the last cell adds a row
      </p>
      {/* Not a Tab stop: Enter in the last cell adds a row. */}
      <button type="button" className="button-secondary" tabIndex={-1} onClick={addRow}>
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
