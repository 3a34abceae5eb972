/**
 * What the prose field's two editors (rich text and Markdown source) share: a ProseMirror view
 * made in the component's element before the first paint and destroyed with it, whose
 * attributes follow the field and which a click on the field's label focuses.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import {
  caretIntoText,
  editorAttributes,
  focusFromLabel,
  scrollAtNextFrame,
} from './prose/view.ts';
import type { EditorFieldProps } from './prose/view.ts';

export function useProseView(
  field: EditorFieldProps,
  className: string,
  /** Makes the view in `element` with `attributes`; called once (read props through refs). */
  make: (element: HTMLElement, attributes: Record<string, string>) => EditorView,
): { host: RefObject<HTMLDivElement | null>; viewRef: RefObject<EditorView | null> } {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const attributes = () => editorAttributes(field, className);

  useLayoutEffect(() => {
    const element = host.current;
    if (!element) return;
    const view = make(element, attributes());
    viewRef.current = view;
    const stopLabel = focusFromLabel(view, field.labelledBy);
    return () => {
      stopLabel();
      viewRef.current = null;
      view.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- made once; props are read through refs
  }, []);

  // The description, the error state and the example follow the field.
  const attributeKey = `${field.describedBy ?? ''}|${field.invalid ? 1 : 0}|${field.placeholder ?? ''}`;
  useEffect(() => {
    viewRef.current?.setProps({ attributes: attributes() });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the attributes
  }, [attributeKey]);

  return { host, viewRef };
}

/** View props both editors take: the caret kept in text before a key, scrolling at the frame. */
export const sharedViewProps = {
  ...scrollAtNextFrame,
  handleKeyDown(view: EditorView): boolean {
    caretIntoText(view);
    return false;
  },
};
