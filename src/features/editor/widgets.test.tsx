/** @vitest-environment jsdom */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type {
  ChecklistField,
  FieldValue,
  GroupField,
  ListField,
  TableField,
  TextField,
} from '../../core/model.ts';
import { GroupControl } from './FormFields.tsx';
import type { FormValues } from './FormFields.tsx';
import { FormContext, FormStore } from './formStore.ts';
import {
  ChecklistWidget,
  CodeWidget,
  ListWidget,
  splitChoice,
  joinChoice,
  TableWidget,
} from './widgets.tsx';
import type { WidgetProps } from './widgets.tsx';

afterEach(cleanup);

const base = { hint: '', placeholder: '', required: true };

/** Renders a widget with its value in state, and exposes the latest value. */
function harness<F>(
  Widget: (props: WidgetProps<F>) => React.ReactNode,
  field: F,
  initial: FieldValue,
) {
  const seen: { value: FieldValue } = { value: initial };
  function Host() {
    const [value, setValue] = useState<FieldValue>(initial);
    return (
      <Widget
        field={field}
        value={value}
        id="w"
        onChange={(v) => {
          seen.value = v;
          setValue(v);
        }}
      />
    );
  }
  render(<Host />);
  return seen;
}

describe('ListWidget', () => {
  const field: ListField = {
    ...base,
    id: 'pains',
    label: 'Pain Points',
    kind: 'list',
    ordered: false,
    marker: '-',
    placeholderItems: [],
  };

  it('adds an item after the current one on Enter and focuses it', async () => {
    const user = userEvent.setup();
    const seen = harness(ListWidget, field, ['one', 'three']);
    await user.click(screen.getByRole('textbox', { name: 'Pain Points, item 1' }));
    await user.keyboard('{Enter}');
    const second = screen.getByRole('textbox', { name: 'Pain Points, item 2' });
    expect(second).toHaveProperty('value', '');
    expect(document.activeElement).toBe(second);
    await user.keyboard('two');
    expect(seen.value).toEqual(['one', 'two', 'three']);
  });

  it('removes an empty item on Backspace and moves focus to the one before', async () => {
    const user = userEvent.setup();
    const seen = harness(ListWidget, field, ['one', '']);
    await user.click(screen.getByRole('textbox', { name: 'Pain Points, item 2' }));
    await user.keyboard('{Backspace}');
    expect(seen.value).toEqual(['one']);
    expect(document.activeElement).toBe(
      screen.getByRole('textbox', { name: 'Pain Points, item 1' }),
    );
  });

  it('typing into an empty list creates the first item; moving reorders', async () => {
    const user = userEvent.setup();
    const seen = harness(ListWidget, field, []);
    await user.type(screen.getByRole('textbox', { name: 'Pain Points, item 1' }), 'a');
    expect(seen.value).toEqual(['a']);
    await user.click(screen.getByRole('button', { name: 'Add item to Pain Points' }));
    await user.keyboard('b');
    await user.click(screen.getByRole('button', { name: 'Move Pain Points, item 2 up' }));
    expect(seen.value).toEqual(['b', 'a']);
  });
});

describe('ChecklistWidget', () => {
  const options = ['Fully compatible', 'Requires migration', 'Breaking changes'].map((label) => ({
    label,
    raw: label,
    other: false,
  }));
  const multi: ChecklistField = {
    ...base,
    id: 'c',
    label: 'Compatibility',
    kind: 'checklist',
    marker: '-',
    options: [...options, { label: 'Other', raw: 'Other: ___', other: true }],
    multiple: true,
  };

  it('ticks several boxes when multiple, in the template’s order', async () => {
    const user = userEvent.setup();
    const seen = harness(ChecklistWidget, multi, { checked: [], other: '' });
    await user.click(screen.getByRole('checkbox', { name: 'Breaking changes' }));
    await user.click(screen.getByRole('checkbox', { name: 'Fully compatible' }));
    expect(seen.value).toEqual({ checked: ['Fully compatible', 'Breaking changes'], other: '' });
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });

  it('offers radios when the options exclude each other', async () => {
    const user = userEvent.setup();
    const seen = harness(
      ChecklistWidget,
      { ...multi, multiple: false },
      { checked: [], other: '' },
    );
    await user.click(screen.getByRole('radio', { name: 'Requires migration' }));
    await user.click(screen.getByRole('radio', { name: 'Breaking changes' }));
    expect(seen.value).toEqual({ checked: ['Breaking changes'], other: '' });
    await user.click(screen.getByRole('button', { name: 'Clear choice for Compatibility' }));
    expect(seen.value).toEqual({ checked: [], other: '' });
  });

  it('ticks "Other" when its text is typed', async () => {
    const user = userEvent.setup();
    const seen = harness(ChecklistWidget, multi, { checked: [], other: '' });
    await user.type(screen.getByRole('textbox', { name: 'Other (Compatibility)' }), 'Runbooks');
    expect(seen.value).toEqual({ checked: ['Other'], other: 'Runbooks' });
  });
});

describe('TableWidget', () => {
  const field: TableField = {
    ...base,
    id: 't',
    label: 'Risk Assessment',
    kind: 'table',
    columns: [
      { name: 'Risk', options: [] },
      { name: 'Impact', options: ['High', 'Medium', 'Low'] },
    ],
    placeholderRows: [['Example risk', 'High']],
  };

  it('starts with one empty row; Enter in the last cell adds a row and focuses it', async () => {
    const user = userEvent.setup();
    const seen = harness(TableWidget, field, []);
    // One blank row to type in; left blank, the table stays empty.
    await user.click(screen.getByRole('textbox', { name: 'Risk, row 1' }));
    await user.keyboard('Data loss');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Impact, row 1' }), 'High');
    expect(seen.value).toEqual([['Data loss', 'High']]);
    screen.getByRole('combobox', { name: 'Impact, row 1' }).focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Risk, row 2' }));
    expect(seen.value).toEqual([
      ['Data loss', 'High'],
      ['', ''],
    ]);
    await user.click(screen.getByRole('button', { name: 'Add row to Risk Assessment' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Risk, row 3' }));
    await user.click(screen.getByRole('button', { name: 'Remove row 1 of Risk Assessment' }));
    expect(seen.value).toEqual([
      ['', ''],
      ['', ''],
    ]);
  });
});

describe('CodeWidget', () => {
  it('inserts two spaces on Tab; Escape then Tab leaves', async () => {
    const user = userEvent.setup();
    const field = {
      ...base,
      id: 'c',
      label: 'Validation',
      kind: 'code' as const,
      language: 'bash',
    };
    const seen = harness(CodeWidget, field, 'x');
    // With a value there is nothing to start from.
    expect(screen.queryByRole('button', { name: /Start from the example/ })).toBeNull();
    const box = screen.getByRole('textbox', { name: 'Validation (bash)' });
    await user.click(box);
    await user.keyboard('{Tab}');
    expect(seen.value).toBe('x  ');
    expect(document.activeElement).toBe(box);
    await user.keyboard('{Escape}{Tab}');
    expect(document.activeElement).not.toBe(box);
  });

  it('starts empty with the sample as placeholder, and can start from it', async () => {
    const user = userEvent.setup();
    const field = {
      ...base,
      id: 'c',
      label: 'Validation',
      kind: 'code' as const,
      language: 'bash',
      placeholder: 'make test',
    };
    const seen = harness(CodeWidget, field, '');
    const box = screen.getByRole('textbox', { name: 'Validation (bash)' });
    expect(box.getAttribute('placeholder')).toBe('make test');
    await user.click(screen.getByRole('button', { name: /Start from the example/ }));
    expect(seen.value).toBe('make test');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Validation (bash)' }));
  });
});

describe('choice values', () => {
  it('splits and joins "Option - details"', () => {
    expect(splitChoice('Yes - lodash, zod', ['Yes', 'No'])).toEqual({
      option: 'Yes',
      detail: 'lodash, zod',
    });
    expect(joinChoice('No', '')).toBe('No');
    expect(joinChoice('Yes', 'a')).toBe('Yes - a');
  });
});

describe('GroupControl', () => {
  const nameField: TextField = {
    ...base,
    id: 'name',
    label: 'Name',
    kind: 'text',
    defaultValue: '',
  };
  const group: GroupField = {
    id: 'alts',
    kind: 'group',
    label: 'Alternative',
    hint: '',
    placeholder: '',
    required: true,
    itemLabel: 'Alternative',
    fields: [nameField],
  };

  function Host({ onValues }: { onValues: (v: FormValues) => void }) {
    const [form] = useState(() => {
      const store = new FormStore({ alts: [{ name: 'Queue' }, { name: 'Cron' }] });
      store.subscribeValues(() => onValues(store.getValues()));
      return store;
    });
    return (
      <FormContext.Provider value={form}>
        <GroupControl field={group} name="alts" />
      </FormContext.Provider>
    );
  }

  it('numbers instances in order as they are added, moved and removed', async () => {
    const user = userEvent.setup();
    let values: FormValues = {};
    render(<Host onValues={(v) => (values = v)} />);
    const headings = () => screen.getAllByRole('heading').map((h) => h.textContent);
    expect(headings()).toEqual(['Alternative 1: Queue', 'Alternative 2: Cron']);

    await user.click(screen.getByRole('button', { name: 'Add Alternative' }));
    const third = screen.getByRole('region', { name: 'Alternative 3' });
    expect(document.activeElement).toBe(within(third).getByRole('textbox', { name: 'Name' }));
    await user.keyboard('Batch');
    expect(headings()).toEqual([
      'Alternative 1: Queue',
      'Alternative 2: Cron',
      'Alternative 3: Batch',
    ]);

    await user.click(screen.getByRole('button', { name: 'Move Alternative 3 up' }));
    expect(headings()).toEqual([
      'Alternative 1: Queue',
      'Alternative 2: Batch',
      'Alternative 3: Cron',
    ]);
    // Focus follows the moved instance.
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Move Alternative 2 up' }),
    );
    expect(values.alts).toEqual([{ name: 'Queue' }, { name: 'Batch' }, { name: 'Cron' }]);

    await user.click(screen.getByRole('button', { name: 'Remove Alternative 1' }));
    expect(headings()).toEqual(['Alternative 1: Batch', 'Alternative 2: Cron']);
    expect(values.alts).toEqual([{ name: 'Batch' }, { name: 'Cron' }]);
  });
});
