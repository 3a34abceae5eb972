import { Component, lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ProseField } from '../../core/model.ts';
import { describedByIds, FieldShell, labelId } from './FieldShell.tsx';
import { asString } from './widgets.tsx';
import type { WidgetProps } from './widgets.tsx';

const RichTextEditor = lazy(() => import('./RichTextEditor.tsx'));

type Mode = { kind: 'rich' } | { kind: 'source'; reason: string | null };

const ROUND_TRIP_REASON =
  'Shown as Markdown source: the rich-text editor would rewrite parts of this text (such as list markers, spacing or escapes).';
const LOAD_FAILED_REASON = 'Shown as Markdown source: the rich-text editor could not be loaded.';

/**
 * A prose field: rich text (Tiptap) whose value is Markdown, or its Markdown source. Falls back
 * to the source whenever the rich-text editor would not give the author's text back unchanged.
 */
export function ProseWidget({
  field,
  value,
  onChange,
  onBlur,
  id,
  error,
}: WidgetProps<ProseField>) {
  const [mode, setMode] = useState<Mode>({ kind: 'rich' });
  const text = asString(value);
  const sourceRef = useRef<HTMLTextAreaElement>(null);
  const refocus = useRef(false);
  // After the switch below, the author's caret is back where it was.
  useEffect(() => {
    if (mode.kind !== 'source' || !refocus.current) return;
    refocus.current = false;
    const el = sourceRef.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, [mode]);
  const source = (
    <textarea
      ref={sourceRef}
      id={id}
      className="input prose-source"
      value={text}
      rows={Math.max(4, lineCount(text, 15) + 1)}
      placeholder={exampleOf(field)}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedByIds(id, field, error)}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
    />
  );
  const toggle = (
    <button
      type="button"
      className="button-link prose-toggle"
      aria-pressed={mode.kind === 'source'}
      onClick={() =>
        setMode(mode.kind === 'source' ? { kind: 'rich' } : { kind: 'source', reason: null })
      }
    >
      Markdown source <span className="visually-hidden">for {field.label}</span>
    </button>
  );
  return (
    <FieldShell id={id} field={field} error={error} tools={toggle}>
      {mode.kind === 'source' ? (
        <>
          {mode.reason ? <p className="field-tip">{mode.reason}</p> : null}
          {source}
        </>
      ) : (
        <LoadBoundary onError={() => setMode({ kind: 'source', reason: LOAD_FAILED_REASON })}>
          {/* Until the editor's chunk arrives the source is editable, so nothing waits on it;
              an author who starts there stays there (no editor swapped in under the caret). */}
          <Suspense
            fallback={
              <div
                data-prose-loading=""
                onFocusCapture={() => {
                  refocus.current = true;
                  setMode({ kind: 'source', reason: null });
                }}
              >
                {source}
              </div>
            }
          >
            <RichTextEditor
              id={id}
              labelledBy={labelId(id)}
              describedBy={describedByIds(id, field, error)}
              placeholder={exampleOf(field)}
              invalid={error !== undefined}
              value={text}
              onChange={onChange}
              onBlur={onBlur}
              onRoundTripMismatch={() => setMode({ kind: 'source', reason: ROUND_TRIP_REASON })}
            />
          </Suspense>
        </LoadBoundary>
      )}
    </FieldShell>
  );
}

/** The lines of `text`, counted up to `most` (a keystroke in a long answer does not split it). */
function lineCount(text: string, most: number): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1 && lines < most; at = text.indexOf('\n', at + 1)) {
    lines += 1;
  }
  return lines;
}

/**
 * The template's example for the greyed placeholder; not when it only repeats the guidance
 * shown under the label (`[Describe the problem…]`).
 */
function exampleOf(field: ProseField): string {
  const key = (text: string) => text.replace(/[[\]\s]+/g, ' ').trim();
  return key(field.placeholder) === key(field.hint) ? '' : field.placeholder;
}

/** A failed chunk load (offline, a new deploy) switches the field to source mode. */
class LoadBoundary extends Component<
  { onError: () => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(): void {
    this.props.onError();
  }
  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
