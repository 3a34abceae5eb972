/**
 * Choice fields (`Small / Medium / Large`, an issue form's dropdown): one option, or free text
 * after it when the template allows (`Yes - if yes, list them`). Written and read as text.
 */
import type { ChoiceField } from '../model.ts';
import { isText, readBlockText, renderBlockText, textJson, textFilled } from './text.ts';
import type { KindModule } from './types.ts';

export const choiceKind: KindModule<ChoiceField> = {
  empty: () => '',
  // An issue-form dropdown's `default:` option is preselected, as GitHub does.
  initial: (field) => (field.options.includes(field.placeholder) ? field.placeholder : ''),
  templateValue: () => '',
  render: (_field, value, ctx) => renderBlockText(value, ctx.anchors),
  readText: (_field, raw, ctx) => readBlockText(raw, ctx.anchors),
  filled: (_field, value) => isText(value) && textFilled(value, []),
  placeholders: (field) => [field.placeholder],
  texts: (_field, value) => (isText(value) ? [value] : []),
  json: textJson,
};
