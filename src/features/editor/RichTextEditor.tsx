/**
 * The rich-text editor for prose fields: Tiptap with Markdown in and out. Loaded lazily (its
 * own chunk), so Tiptap is not part of the first screen's JavaScript. Mounted with
 * `@tiptap/core` alone (an element the component owns), without `@tiptap/react`, whose hooks
 * and re-render machinery a Markdown-only editor does not use (about 5 kB gzip).
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { Editor, Mark, mergeAttributes } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Bold } from '@tiptap/extension-bold';
import { Code } from '@tiptap/extension-code';
import { CodeBlock } from '@tiptap/extension-code-block';
import { Document } from '@tiptap/extension-document';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Heading } from '@tiptap/extension-heading';
import { HorizontalRule } from '@tiptap/extension-horizontal-rule';
import { Italic } from '@tiptap/extension-italic';
// Subpath imports: the packages' index files are not marked side-effect free, so importing
// from them would bundle every extension they hold (Dropcursor, Gapcursor, ListKit…).
import { BulletList } from '@tiptap/extension-list/bullet-list';
import { ListItem } from '@tiptap/extension-list/item';
import { ListKeymap } from '@tiptap/extension-list/keymap';
import { OrderedList } from '@tiptap/extension-list/ordered-list';
import { TaskItem } from '@tiptap/extension-list/task-item';
import { TaskList } from '@tiptap/extension-list/task-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Strike } from '@tiptap/extension-strike';
import { Text } from '@tiptap/extension-text';
import { Placeholder } from '@tiptap/extensions/placeholder';
import { TrailingNode } from '@tiptap/extensions/trailing-node';
import { UndoRedo } from '@tiptap/extensions/undo-redo';
import { Markdown } from '@tiptap/markdown';
import { proseMarkdownOf } from './proseMarkdown.ts';

export interface RichTextEditorProps {
  id: string;
  labelledBy: string;
  describedBy?: string | undefined;
  /** The template's example, greyed in the empty editor. */
  placeholder?: string | undefined;
  /** Marks the field as invalid (a required field left empty). */
  invalid?: boolean | undefined;
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

/** Link targets the editor's DOM may carry: http(s), mailto, or relative (no scheme). */
export function isAllowedHref(href: unknown): boolean {
  if (typeof href !== 'string') return false;
  // Browsers ignore whitespace and control characters inside a scheme (`java\tscript:`).
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const compact = href.replace(/[\u0000-\u0020\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000]/g, '');
  return /^(?:https?|mailto):/i.test(compact) || !/^[^/?#]*:/.test(compact);
}

/**
 * Markdown links in rich text. Tiptap's Link extension brings linkifyjs (about 8 KB gzip) for
 * autolinking and link-on-paste, which Markdown does not need (GitHub links bare URLs itself):
 * this mark only carries `[text](href "title")` through, with the same XSS guard on `href`.
 */
const MarkdownLink = Mark.create({
  name: 'link',
  priority: 1000,
  keepOnSplit: false,
  exitable: true,
  inclusive: false,
  addAttributes() {
    return {
      href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute('href') },
      title: { default: null },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'a[href]',
        getAttrs: (dom: HTMLElement) => (isAllowedHref(dom.getAttribute('href')) ? null : false),
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    const attrs = isAllowedHref(HTMLAttributes.href)
      ? HTMLAttributes
      : { ...HTMLAttributes, href: '' };
    return ['a', mergeAttributes({ rel: 'noopener noreferrer nofollow' }, attrs), 0];
  },
  markdownTokenName: 'link',
  parseMarkdown: (token, helpers) =>
    helpers.applyMark('link', helpers.parseInline(token.tokens ?? []), {
      href: typeof token.href === 'string' ? token.href : '',
      title: typeof token.title === 'string' && token.title !== '' ? token.title : null,
    }),
  renderMarkdown: (node, h) => {
    const href = String(node.attrs?.href ?? '');
    const title = String(node.attrs?.title ?? '');
    const text = h.renderChildren(node);
    return title ? `[${text}](${href} "${title}")` : `[${text}](${href})`;
  },
});

/**
 * What a prose field's Markdown can hold, and no more: StarterKit minus Underline (Markdown has
 * no underline), Dropcursor and Gapcursor, with a plain Markdown link, plus task lists. Listed
 * one by one so only these are bundled.
 */
export const PROSE_EXTENSIONS = [
  Document,
  Paragraph,
  Text,
  Bold,
  Italic,
  Strike,
  Code,
  MarkdownLink,
  Heading,
  Blockquote,
  CodeBlock,
  HardBreak,
  HorizontalRule,
  BulletList,
  OrderedList,
  ListItem,
  ListKeymap,
  TaskList,
  TaskItem.configure({ nested: true }),
  UndoRedo,
  TrailingNode,
  Markdown,
];

export function RichTextEditor({
  id,
  labelledBy,
  describedBy,
  placeholder = '',
  invalid,
  value,
  onChange,
  onBlur,
  onRoundTripMismatch,
}: RichTextEditorProps) {
  // The editor is created once; its callbacks read the latest props through this ref.
  const latest = useRef({ onChange, onBlur, onRoundTripMismatch, placeholder });
  useEffect(() => {
    latest.current = { onChange, onBlur, onRoundTripMismatch, placeholder };
  });
  /** The Markdown this editor last emitted or loaded, to tell outside changes apart. */
  const known = useRef(value);

  const attributes = (): Record<string, string> => ({
    id,
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-labelledby': labelledBy,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(placeholder ? { 'aria-placeholder': placeholder } : {}),
    ...(invalid ? { 'aria-invalid': 'true' } : {}),
    class: 'rich-text input',
    spellcheck: 'true',
  });
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);

  // The editor is created in the element below once it is in the page, before the first paint,
  // and destroyed with the component.
  useLayoutEffect(() => {
    const element = host.current;
    if (!element) return;
    const created = new Editor({
      element,
      extensions: [
        ...PROSE_EXTENSIONS,
        // The example shows in the empty editor, greyed, as a textarea's placeholder would.
        Placeholder.configure({
          placeholder: () => latest.current.placeholder,
          showOnlyWhenEditable: true,
        }),
      ],
      content: known.current,
      contentType: 'markdown',
      injectCSS: false,
      editorProps: { attributes: attributes() },
      onCreate({ editor: ready }) {
        if (normaliseMarkdown(ready.getMarkdown()) !== normaliseMarkdown(known.current)) {
          latest.current.onRoundTripMismatch();
        }
      },
      onUpdate({ editor: updated }) {
        // Only the blocks this change touched are written again (see proseMarkdown.ts).
        const md = proseMarkdownOf(updated);
        known.current = md;
        latest.current.onChange(md);
      },
      onBlur() {
        latest.current.onBlur?.();
      },
    });
    editorRef.current = created;
    return () => {
      editorRef.current = null;
      created.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once; props are read through refs
  }, []);

  // The description and the error state follow the field (ProseMirror re-applies attributes).
  const attributeKey = `${describedBy ?? ''}|${invalid ? 1 : 0}`;
  useEffect(() => {
    editorRef.current?.setOptions({ editorProps: { attributes: attributes() } });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the attributes
  }, [attributeKey]);

  // A value changed from outside (another tab, a reset): load it, and check the round trip.
  // A layout effect, so it runs before the next keystroke: run later (Preact runs effects after
  // the next paint), it would take the editor's own value of a few keystrokes ago for an outside
  // change and load it over what was typed since.
  useLayoutEffect(() => {
    const editor = editorRef.current;
    if (!editor || value === known.current) return;
    known.current = value;
    editor.commands.setContent(value, { contentType: 'markdown', emitUpdate: false });
    if (normaliseMarkdown(editor.getMarkdown()) !== normaliseMarkdown(value)) {
      latest.current.onRoundTripMismatch();
    }
  }, [value]);

  return <div ref={host} />;
}

export default RichTextEditor;
