/** Date fields (`created: YYYY-MM-DD`): ISO dates, written and read as text. */
import type { DateField } from '../model.ts';
import { isText, readBlockText, renderBlockText, textJson } from './text.ts';
import type { KindModule } from './types.ts';

export const dateKind: KindModule<DateField> = {
  empty: () => '',
  initial: (_field, today) => today,
  templateValue: () => '',
  render: (_field, value, ctx) => renderBlockText(value, ctx.anchors),
  readText: (_field, raw, ctx) => readBlockText(raw, ctx.anchors),
  filled: (_field, value) => isText(value) && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()),
  placeholders: (field) => [field.placeholder],
  texts: (_field, value) => (isText(value) ? [value] : []),
  json: textJson,
};
