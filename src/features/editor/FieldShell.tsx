import type { ReactNode } from 'react';

export interface FieldShellProps {
  /** The control's id (for `<label htmlFor>`); for a group of controls, the fieldset's id. */
  id: string;
  /** What the frame shows of the field: its label, its help and whether it is optional. */
  field: { label: string; hint: string; required: boolean };
  error?: string | undefined;
  /** Several controls (checkboxes, list items, cells): a fieldset with a legend. */
  group?: boolean;
  /** Text after the label, e.g. a code block's language. */
  note?: string | undefined;
  /** Controls beside the label (e.g. the Markdown source toggle). */
  tools?: ReactNode;
  children: ReactNode;
}

export function labelId(id: string): string {
  return `${id}-label`;
}

export function errorId(id: string): string {
  return `${id}-error`;
}

/**
 * A field's frame: its visible label, the template's guidance as collapsible help, and the
 * validation error. Help is never dropped: every hint the template gives is shown here.
 */
export function FieldShell({ id, field, error, group, note, tools, children }: FieldShellProps) {
  const { label, hint, required } = field;
  const caption = (
    <>
      {label}
      {note ? (
        <>
          {' '}
          <span className="field-note">({note})</span>
        </>
      ) : null}
      {required ? null : (
        <>
          {' '}
          <span className="field-note">(optional)</span>
        </>
      )}
    </>
  );
  const help = hint ? (
    <details className="field-help">
      <summary>
        Help <span className="visually-hidden">for {label}</span>
      </summary>
      <p>{hint}</p>
    </details>
  ) : null;
  const message = error ? (
    <p className="field-error" id={errorId(id)}>
      {error}
    </p>
  ) : null;
  if (group) {
    return (
      <fieldset
        className="field field-group"
        id={id}
        aria-describedby={error ? errorId(id) : undefined}
      >
        <legend className="field-label">{caption}</legend>
        {help}
        {children}
        {message}
      </fieldset>
    );
  }
  return (
    <div className="field">
      <div className="field-head">
        <label className="field-label" htmlFor={id} id={labelId(id)}>
          {caption}
        </label>
        {tools}
        {help}
      </div>
      {children}
      {message}
    </div>
  );
}
