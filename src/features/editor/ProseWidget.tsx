import {
  Component,
  lazy,
  Suspense,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode, RefObject } from 'react';
import type { ProseField } from '../../core/model.ts';
import { describedByIds, FieldShell, labelId } from './FieldShell.tsx';
import { asString } from './widgets.tsx';
import type { WidgetProps } from './widgets.tsx';
import type { SourceHandle } from './SourceEditor.tsx';

const RichTextEditor = lazy(() => import('./RichTextEditor.tsx'));
const loadSourceEditor = () => import('./SourceEditor.tsx');
const SourceEditor = lazy(loadSourceEditor);

type Mode = { kind: 'rich' } | { kind: 'source'; reason: string | null };

const ROUND_TRIP_REASON =
  'Shown as Markdown source: the rich-text editor would rewrite parts of this text (such as list markers, spacing or escapes).';
const LOAD_FAILED_REASON = 'Shown as Markdown source: the rich-text editor could not be loaded.';

/**
 * A prose field: rich text (ProseMirror) whose value is Markdown, or its Markdown source. Falls back
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
  // Per field, not per keystroke: it compares the template's example with its guidance.
  const example = useMemo(() => exampleOf(field), [field]);
  const sourceRef = useRef<HTMLTextAreaElement>(null);
  const sourceHandle = useRef<SourceHandle>(null);
  /** The caret of the stand-in textarea when it left the page focused, for the source editor. */
  const standInRef = useRef<StandIn>({ caret: null });
  // Taken by a source editor made in the same commit as the textarea left, or dropped.
  useEffect(() => {
    standInRef.current.caret = null;
  });
  const [sourceFailed, setSourceFailed] = useState(false);
  const refocus = useRef(false);
  // The source editor shares the rich-text editor's ProseMirror: fetched with it, it is there
  // by the time an author asks for the source.
  useEffect(() => {
    void loadSourceEditor().catch(() => undefined);
  }, []);
  // After the switch below, the author's caret is back where it was.
  useEffect(() => {
    if (mode.kind !== 'source' || !refocus.current) return;
    refocus.current = false;
    if (sourceHandle.current) {
      sourceHandle.current.focus();
      return;
    }
    const el = sourceRef.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, [mode]);
  const describedBy = describedByIds(id, field, error);
  const textarea = (
    <SourceTextarea
      textareaRef={sourceRef}
      standInRef={standInRef}
      id={id}
      text={text}
      placeholder={example}
      invalid={error !== undefined}
      describedBy={describedBy}
      onChange={onChange}
      onBlur={onBlur}
    />
  );
  /** What both editors are told: the field, its value and its callbacks. */
  const editor = {
    id,
    labelledBy: labelId(id),
    describedBy,
    placeholder: example,
    invalid: error !== undefined,
    value: text,
    onChange,
    onBlur,
  };
  const source = sourceFailed ? (
    textarea
  ) : (
    <LoadBoundary onError={() => setSourceFailed(true)}>
      <Suspense fallback={textarea}>
        <SourceEditor
          {...editor}
          handle={sourceHandle}
          initialCaret={() => {
            const { caret } = standInRef.current;
            standInRef.current.caret = null;
            return caret;
          }}
        />
      </Suspense>
    </LoadBoundary>
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
                {textarea}
              </div>
            }
          >
            <RichTextEditor
              {...editor}
              onRoundTripMismatch={() => setMode({ kind: 'source', reason: ROUND_TRIP_REASON })}
            />
          </Suspense>
        </LoadBoundary>
      )}
    </FieldShell>
  );
}

interface StandIn {
  caret: number | null;
}

/**
 * The Markdown source of a prose field as a textarea: while the source editor loads, or when it
 * cannot be loaded. Its text is written into the textarea only when it
 * changed from outside (a reset, another tab): a controlled textarea would have React compare
 * and rewrite the whole text (its value and its default value) on every keystroke, which costs
 * as much as the text is long.
 */
function SourceTextarea({
  textareaRef,
  standInRef,
  id,
  text,
  placeholder,
  invalid,
  describedBy,
  onChange,
  onBlur,
}: {
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  standInRef: RefObject<StandIn>;
  id: string;
  text: string;
  placeholder: string;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (value: string) => void;
  onBlur: (() => void) | undefined;
}) {
  /** The text the textarea holds (as last written here or typed); null before it is written. */
  const shown = useRef<string | null>(null);
  useLayoutEffect(() => {
    const element = textareaRef.current;
    if (!element || shown.current === text) return;
    element.value = text;
    shown.current = text;
  }, [text, textareaRef]);
  // Leaving the page with the focus (the source editor takes its place), it hands over its caret.
  useLayoutEffect(() => {
    const element = textareaRef.current;
    const standIn = standInRef.current;
    return () => {
      if (element && element.ownerDocument.activeElement === element) {
        standIn.caret = element.selectionStart;
      }
    };
  }, [textareaRef, standInRef]);
  return (
    <textarea
      ref={textareaRef}
      id={id}
      className="input prose-source"
      rows={Math.max(4, lineCount(text, 15) + 1)}
      placeholder={placeholder}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      onChange={(e) => {
        shown.current = e.target.value;
        onChange(shown.current);
      }}
      onBlur={onBlur}
    />
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
