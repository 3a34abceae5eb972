/**
 * The rich-text editor for prose fields: Tiptap with Markdown in and out. Loaded lazily (its
 * own chunk), so Tiptap is not part of the first screen's JavaScript.
 */
import { useEffect, useRef } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Markdown } from '@tiptap/markdown';
import { TaskItem, TaskList } from '@tiptap/extension-list';

export interface RichTextEditorProps {
  id: string;
  labelledBy: string;
  describedBy?: string | undefined;
  value: string;
  onChange: (markdown: string) => void;
  onBlur?: (() => void) | undefined;
  /** Loading `value` and writing it back would change the author's text. */
  onRoundTripMismatch: () => void;
}

/** Markdown compared for round trips: trailing newlines do not count. */
export function normaliseMarkdown(md: string): string {
  return md.replace(/\s+$/, '');
}

export function RichTextEditor({
  id,
  labelledBy,
  describedBy,
  value,
  onChange,
  onBlur,
  onRoundTripMismatch,
}: RichTextEditorProps) {
  // The editor is created once; its callbacks read the latest props through this ref.
  const latest = useRef({ onChange, onBlur, onRoundTripMismatch });
  useEffect(() => {
    latest.current = { onChange, onBlur, onRoundTripMismatch };
  });
  /** The Markdown this editor last emitted or loaded, to tell outside changes apart. */
  const known = useRef(value);

  const editor = useEditor({
    extensions: [StarterKit, Markdown, TaskList, TaskItem.configure({ nested: true })],
    content: value,
    contentType: 'markdown',
    injectCSS: false,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelledBy,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        class: 'rich-text input',
        spellcheck: 'true',
      },
    },
    onCreate({ editor: created }) {
      if (normaliseMarkdown(created.getMarkdown()) !== normaliseMarkdown(known.current)) {
        latest.current.onRoundTripMismatch();
      }
    },
    onUpdate({ editor: updated }) {
      const md = updated.getMarkdown();
      known.current = md;
      latest.current.onChange(md);
    },
    onBlur() {
      latest.current.onBlur?.();
    },
  });

  // A value changed from outside (another tab, a reset): load it, and check the round trip.
  useEffect(() => {
    if (!editor || value === known.current) return;
    known.current = value;
    editor.commands.setContent(value, { contentType: 'markdown', emitUpdate: false });
    if (normaliseMarkdown(editor.getMarkdown()) !== normaliseMarkdown(value)) {
      latest.current.onRoundTripMismatch();
    }
  }, [editor, value]);

  return <EditorContent editor={editor} />;
}

export default RichTextEditor;
