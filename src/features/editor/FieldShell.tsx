import { memo, useState } from 'react';
import type { ReactNode } from 'react';
import { unescapeMarkdown } from '../../core/text.ts';

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

export function hintId(id: string): string {
  return `${id}-hint`;
}

/** The ids that describe a field's control: its guidance, then its error. */
export function describedByIds(
  id: string,
  field: { hint: string },
  error: string | undefined,
  ...more: (string | undefined)[]
): string | undefined {
  const ids = [field.hint ? hintId(id) : undefined, ...more, error ? errorId(id) : undefined];
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

/** Text for people: a template's Markdown escapes (`\_`, `\[`) left out. */
export function plainText(text: string): string {
  return unescapeMarkdown(text);
}

/** Guidance longer than this shows its start, and the rest behind "More". */
const SHORT = 160;

/**
 * Splits guidance into what is always shown (the first sentence or two, on the first line)
 * and the rest.
 */
export function splitGuidance(text: string): { head: string; rest: string } {
  const clean = plainText(text).trim();
  if (clean.length <= SHORT && !clean.includes('\n')) return { head: clean, rest: '' };
  const firstLine = clean.split('\n', 1)[0] ?? '';
  const sentences = firstLine.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)\s*/g) ?? [firstLine];
  let head = '';
  for (const sentence of sentences) {
    if (head !== '' && (head.length + sentence.length > SHORT || head.length > 60)) break;
    head += sentence;
  }
  if (head.length > SHORT + 60) {
    const cut = head.lastIndexOf(' ', SHORT);
    head = head.slice(0, cut > 40 ? cut : SHORT);
  }
  head = head.trimEnd();
  return { head, rest: clean.slice(head.length).trim() };
}

/**
 * The template's guidance for a field or section, under its label, as GitHub's issue forms show
 * descriptions: the start always visible, the rest behind "More" (and shown while the field
 * has focus). Screen readers get all of it as the control's description. Drawn again only when
 * its text changes, not with every keystroke in its field.
 */
export const Guidance = memo(function Guidance({ id, text }: { id: string; text: string }) {
  const [open, setOpen] = useState(false);
  const { head, rest } = splitGuidance(text);
  if (!head && !rest) return null;
  return (
    <div className={`field-guidance${open ? ' is-open' : ''}`}>
      <p id={id} className="field-guidance-text">
        {head}
        {rest ? (
          <>
            {' '}
            <span className="guidance-rest">{rest}</span>
          </>
        ) : null}
      </p>
      {rest ? (
        // Not a Tab stop: the whole text shows while the field has focus, and is its description.
        <button
          type="button"
          className="guidance-more"
          tabIndex={-1}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Less' : 'More'}
        </button>
      ) : null}
    </div>
  );
});

/**
 * A field's frame: its visible label, the template's guidance under it, and the validation
 * error. Help is never dropped: every hint the template gives is shown here.
 */
export function FieldShell({ id, field, error, group, note, tools, children }: FieldShellProps) {
  const { hint, required } = field;
  const label = plainText(field.label);
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
  const help = hint ? <Guidance id={hintId(id)} text={hint} /> : null;
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
        aria-describedby={describedByIds(id, field, error)}
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
      </div>
      {help}
      {children}
      {message}
    </div>
  );
}
