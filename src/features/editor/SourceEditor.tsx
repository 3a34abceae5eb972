/**
 * A prose field's Markdown source: plain text in a ProseMirror view whose blocks are chunks of
 * lines (prose/source.ts), so only the chunks on screen are laid out. Behaves as a textarea does:
 * Enter is a line break, a paste or a drop is plain text, copy gives the text with its line
 * breaks, Tab leaves the field. Loaded lazily with the rich-text editor's ProseMirror; the
 * textarea stands in until it is there.
 */
import { useEffect, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import type { Ref } from 'react';
import { baseKeymap, newlineInCode } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { EditorState, Selection, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import {
  insertPlain,
  keepChunksShort,
  sliceText,
  sourceDoc,
  sourceSchema,
  sourceText,
  textPosition,
} from './prose/source.ts';
import { edgeKeys, nearSelection, OwnValues, placeholderPlugin } from './prose/view.ts';
import { sharedViewProps, useProseView } from './useProseView.tsx';
import type { EditorFieldProps } from './prose/view.ts';

/** What the field can ask of its source editor. */
export interface SourceHandle {
  /** Focuses the editor with the caret at `offset` of the text (its end when omitted). */
  focus(offset?: number): void;
}

export interface SourceEditorProps extends EditorFieldProps {
  value: string;
  onChange: (markdown: string) => void;
  onBlur?: (() => void) | undefined;
  /** Asked when the editor is made: the caret to take, with the focus (the stand-in had them). */
  initialCaret?: (() => number | null) | undefined;
  handle?: Ref<SourceHandle> | undefined;
}

/** Line breaks typed or inserted by the browser (not through the keymap) are text as well. */
const BREAK_INPUTS = new Set(['insertParagraph', 'insertLineBreak']);

export function SourceEditor({
  id,
  labelledBy,
  describedBy,
  placeholder = '',
  invalid,
  value,
  onChange,
  onBlur,
  initialCaret,
  handle,
}: SourceEditorProps) {
  const latest = useRef({ onChange, onBlur, placeholder });
  useEffect(() => {
    latest.current = { onChange, onBlur, placeholder };
  });
  const own = useRef(new OwnValues(value));

  const load = (text: string): EditorState =>
    EditorState.create({
      doc: sourceDoc(text),
      plugins: [
        keymap({
          ...edgeKeys,
          'Mod-z': undo,
          'Mod-y': redo,
          'Shift-Mod-z': redo,
          Enter: newlineInCode,
          'Shift-Enter': newlineInCode,
        }),
        keymap(baseKeymap),
        history(),
        keepChunksShort,
        placeholderPlugin(() => latest.current.placeholder, sourceSchema.nodes.chunk),
        nearSelection,
      ],
    });

  const focusAt = (view: EditorView, offset?: number) => {
    const { doc } = view.state;
    const selection =
      offset === undefined
        ? Selection.atEnd(doc)
        : TextSelection.create(doc, textPosition(doc, offset));
    view.dispatch(view.state.tr.setSelection(selection).scrollIntoView());
    view.focus();
  };

  const field = { id, labelledBy, describedBy, placeholder, invalid };
  const { host, viewRef } = useProseView(
    field,
    'input prose-source source-editor',
    (element, attributes) => {
      const view: EditorView = new EditorView(element, {
        state: load(own.current.known),
        attributes,
        dispatchTransaction(tr: Transaction) {
          view.updateState(view.state.apply(tr));
          if (!tr.docChanged) return;
          const text = sourceText(view.state.doc);
          if (own.current.emit(text)) latest.current.onChange(text);
        },
        clipboardTextSerializer: sliceText,
        ...sharedViewProps,
        handlePaste(v, event) {
          const text = event.clipboardData?.getData('text/plain') ?? '';
          // No text to paste (an image, a file): the field keeps its text, selection included.
          // HTML without text is left to ProseMirror, which reads it as text.
          if (!text) return !event.clipboardData?.getData('text/html');
          v.dispatch(insertPlain(v.state.tr, text).setMeta('uiEvent', 'paste'));
          return true;
        },
        handleDrop(v, event, _slice, moved) {
          if (moved) return false; // text dragged within the field: ProseMirror moves it
          const text = event.dataTransfer?.getData('text/plain') ?? '';
          const at = v.posAtCoords({ left: event.clientX, top: event.clientY });
          if (!text) return !event.dataTransfer?.getData('text/html');
          if (!at) return false;
          const tr = v.state.tr.setSelection(Selection.near(v.state.doc.resolve(at.pos)));
          v.dispatch(insertPlain(tr, text).setMeta('uiEvent', 'drop'));
          v.focus();
          return true;
        },
        handleDOMEvents: {
          beforeinput: (v, event) => {
            // Text with line breaks inserted in one go (an input method, a test tool, a
            // replacement) goes in as text; left to the browser, it would make blocks of its own.
            const data = event.data ?? '';
            if (BREAK_INPUTS.has(event.inputType)) {
              event.preventDefault();
              v.dispatch(insertPlain(v.state.tr, '\n'));
              return true;
            }
            if (event.inputType === 'insertText' && /[\r\n]/.test(data)) {
              event.preventDefault();
              v.dispatch(insertPlain(v.state.tr, data));
              return true;
            }
            return false;
          },
          blur: () => {
            latest.current.onBlur?.();
            return false;
          },
        },
      });
      const caret = initialCaret?.() ?? null;
      if (caret !== null) focusAt(view, caret);
      return view;
    },
  );

  useImperativeHandle(handle, () => ({
    focus(offset?: number) {
      if (viewRef.current) focusAt(viewRef.current, offset);
    },
  }));

  // A value changed from outside (another tab, a reset): load it, keeping the focus.
  useLayoutEffect(() => {
    const view = viewRef.current;
    if (!view || !own.current.takeOutside(value)) return;
    const focused = view.hasFocus();
    view.updateState(load(value));
    if (focused) view.focus();
  }, [value, viewRef]);

  return <div ref={host} className="source-editor-host" />;
}

export default SourceEditor;
