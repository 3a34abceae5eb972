import type { Editor, JSONContent } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/**
 * The rich-text editor's Markdown, written again only for the top-level blocks that changed.
 * Tiptap's `getMarkdown()` converts the whole document to JSON and writes every block on each
 * keystroke (O(size of the field)); ProseMirror keeps the blocks an edit did not touch as the
 * same objects, so each block's Markdown is kept with it. The result is what `getMarkdown()`
 * gives: the document's blocks, each written with the block before it as context (an empty
 * paragraph after an empty paragraph is written differently), joined by a blank line.
 */
export function createProseMarkdown(editor: Editor): () => string {
  const written = new WeakMap<
    ProseMirrorNode,
    { after: ProseMirrorNode | null; text: string; blank: boolean }
  >();
  return () => {
    const manager = editor.storage.markdown.manager;
    let markdown = '';
    let blank = true;
    let previous: ProseMirrorNode | null = null;
    editor.state.doc.forEach((block, _offset, index) => {
      let known = written.get(block);
      if (!known || known.after !== previous) {
        const own = block.toJSON() as JSONContent;
        const content = previous ? [previous.toJSON() as JSONContent, own] : [own];
        const text = manager.renderNodeToMarkdown(
          own,
          { type: 'doc', content },
          content.length - 1,
          0,
        );
        known = { after: previous, text, blank: isBlank(text) };
        written.set(block, known);
      }
      // Concatenated, not joined: the unchanged blocks' text is not copied on each keystroke.
      markdown = index === 0 ? known.text : `${markdown}\n\n${known.text}`;
      blank &&= known.blank;
      previous = block;
    });
    // As Tiptap: a document of nothing but blank lines (and non-breaking spaces) is empty. Each
    // block's blankness is kept with its text (the whole text is not scanned per keystroke).
    return blank ? '' : markdown;
  };
}

function isBlank(text: string): boolean {
  return text.replace(/&nbsp;|\u00a0/g, '').trim() === '';
}

const serializers = new WeakMap<Editor, () => string>();

/** `createProseMarkdown`'s writer for this editor (one per editor, kept with it). */
export function proseMarkdownOf(editor: Editor): string {
  let serialize = serializers.get(editor);
  if (!serialize) {
    serialize = createProseMarkdown(editor);
    serializers.set(editor, serialize);
  }
  return serialize();
}
