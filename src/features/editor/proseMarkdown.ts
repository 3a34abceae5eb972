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
  const written = new WeakMap<ProseMirrorNode, { after: ProseMirrorNode | null; text: string }>();
  return () => {
    const manager = editor.storage.markdown.manager;
    const parts: string[] = [];
    let previous: ProseMirrorNode | null = null;
    editor.state.doc.forEach((block) => {
      let known = written.get(block);
      if (!known || known.after !== previous) {
        const own = block.toJSON() as JSONContent;
        const content = previous ? [previous.toJSON() as JSONContent, own] : [own];
        known = {
          after: previous,
          text: manager.renderNodeToMarkdown(own, { type: 'doc', content }, content.length - 1, 0),
        };
        written.set(block, known);
      }
      parts.push(known.text);
      previous = block;
    });
    const markdown = parts.join('\n\n');
    // As Tiptap: a document of nothing but blank lines (and non-breaking spaces) is empty.
    return markdown.replace(/&nbsp;|\u00a0/g, '').trim() === '' ? '' : markdown;
  };
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
