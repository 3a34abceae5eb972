/**
 * The rich-text editor's view plugins and helpers that do not depend on its schema: blocks off
 * screen skip layout without ever skipping the caret's, the caret kept in text, Ctrl+Home and
 * Ctrl+End, the greyed example, and telling the editor's own values from outside changes.
 */
import { Plugin, Selection, TextSelection } from 'prosemirror-state';
import type { Command, EditorState } from 'prosemirror-state';
import type { NodeType } from 'prosemirror-model';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { EditorView } from 'prosemirror-view';

/**
 * Ctrl+Home and Ctrl+End (Cmd+Up and Cmd+Down on a Mac), with Shift to select: done here, not by
 * the browser, which places the caret at the wrong end of a block skipped off screen.
 */
function toEdge(end: boolean, extend: boolean): Command {
  return (state, dispatch) => {
    const target = end ? Selection.atEnd(state.doc) : Selection.atStart(state.doc);
    if (dispatch) {
      const selection = extend
        ? TextSelection.between(state.selection.$anchor, end ? target.$to : target.$from)
        : target;
      dispatch(state.tr.setSelection(selection).scrollIntoView());
    }
    return true;
  };
}

export const edgeKeys: Record<string, Command> = {
  'Ctrl-Home': toEdge(false, false),
  'Ctrl-End': toEdge(true, false),
  'Shift-Ctrl-Home': toEdge(false, true),
  'Shift-Ctrl-End': toEdge(true, true),
  'Meta-ArrowUp': toEdge(false, false),
  'Meta-ArrowDown': toEdge(true, false),
  'Shift-Meta-ArrowUp': toEdge(false, true),
  'Shift-Meta-ArrowDown': toEdge(true, true),
};

/** The template's example, greyed, while the field is empty. */
export function placeholderPlugin(text: () => string, empty: NodeType): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        const { doc } = state;
        // The one block of an empty document (within its wrappers: a part, a chunk's doc).
        let only = doc.childCount === 1 ? doc.firstChild : null;
        let from = 0;
        while (only && !only.isTextblock && only.childCount === 1) {
          only = only.firstChild;
          from += 1;
        }
        if (!only || only.type !== empty || only.content.size > 0) return null;
        const placeholder = text();
        if (!placeholder) return null;
        return DecorationSet.create(doc, [
          Decoration.node(from, from + only.nodeSize, {
            class: 'is-editor-empty',
            'data-placeholder': placeholder,
          }),
        ]);
      },
    },
  });
}

/**
 * Blocks off screen skip style, layout and paint (editor.css gives an editor's top-level blocks
 * `content-visibility: auto`): Chromium's selection sync on every keystroke walks the editable's
 * text from its start and skips them, so a keystroke in a long field no longer costs as much as
 * the text before the caret. The blocks around the selection are marked so they never skip: a
 * block made by Enter or a list shortcut would otherwise start skipped until the next frame, and
 * Chromium put keys typed before that frame into the wrong block.
 */
const NEAR = 2;

/** The indices of the top-level blocks to mark: those within NEAR of the selection's ends. */
function nearIndices(state: EditorState): number[] {
  const { doc, selection } = state;
  const count = doc.childCount;
  const marked = new Set<number>();
  for (const pos of [selection.from, selection.to]) {
    const index = doc.resolve(pos).index(0);
    for (let i = Math.max(0, index - NEAR); i <= Math.min(count - 1, index + NEAR); i++) {
      marked.add(i);
    }
  }
  return [...marked].sort((a, b) => a - b);
}

function nearDecorations(state: EditorState, indices: readonly number[]): DecorationSet {
  const { doc } = state;
  const decorations: Decoration[] = [];
  let offset = 0;
  let index = 0;
  for (const i of indices) {
    for (; index < i; index++) offset += doc.child(index).nodeSize;
    const node = doc.child(i);
    decorations.push(Decoration.node(offset, offset + node.nodeSize, { class: 'near-selection' }));
  }
  return DecorationSet.create(doc, decorations);
}

interface Near {
  indices: readonly number[];
  /** How many top-level blocks the document had (a block added or removed moves the indices). */
  count: number;
  set: DecorationSet;
}

function sameIndices(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The set is kept in the plugin's state and made anew only when the marked blocks change (a
 * caret moved to another block, a block added or removed): making it visits every top-level
 * block, which at each keystroke of a long field cost a millisecond or more. Typing within a
 * block maps the set (the marked blocks grow or shrink with their text); a marked block replaced
 * whole loses its decoration in the mapping, and the set is made anew.
 */
export const nearSelection = new Plugin<Near>({
  state: {
    init(_, state) {
      const indices = nearIndices(state);
      return { indices, count: state.doc.childCount, set: nearDecorations(state, indices) };
    },
    apply(tr, near, _old, state) {
      if (!tr.docChanged && !tr.selectionSet) return near;
      const indices = nearIndices(state);
      const count = state.doc.childCount;
      if (count === near.count && sameIndices(indices, near.indices)) {
        if (!tr.docChanged) return near;
        // A marked block replaced whole (a heading made from a paragraph) loses its mark.
        const set = near.set.map(tr.mapping, tr.doc);
        if (set.find().length === indices.length) return { ...near, set };
      }
      return { indices, count, set: nearDecorations(state, indices) };
    },
  },
  props: {
    decorations(state) {
      return this.getState(state)?.set ?? null;
    },
  },
});

/**
 * Before a key acts, a caret placed between a block's children is put into its text. A caret
 * moved into a block that is still skipped (Ctrl+Home, Page Down: the block was off screen) is
 * placed by Chromium on the block element itself; a key typed there before the next frame put
 * its letter in, but left the caret before it, so the next letters went in front of it.
 */
export function caretIntoText(view: EditorView): void {
  const selection = view.dom.ownerDocument.getSelection();
  const { anchorNode, focusNode } = selection ?? {};
  if (!selection || !anchorNode || !focusNode) return;
  if (anchorNode.nodeType === Node.TEXT_NODE && focusNode.nodeType === Node.TEXT_NODE) return;
  if (!view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return;
  const anchor = textPosition(anchorNode, selection.anchorOffset);
  const focus = textPosition(focusNode, selection.focusOffset);
  if (!anchor || !focus) return;
  selection.setBaseAndExtent(anchor[0], anchor[1], focus[0], focus[1]);
}

/**
 * The same place as (`node`, `offset`) in an adjacent text node, when there is one: the first
 * text of the element after it, or the last of the one before (a caret on a part lands in its
 * block's text).
 */
function textPosition(node: Node, offset: number): [Node, number] | null {
  if (node.nodeType === Node.TEXT_NODE) return [node, offset];
  const after = node.childNodes[offset];
  const first = after && edgeText(after, false);
  if (first) return [first, 0];
  const before = node.childNodes[offset - 1];
  const last = before && edgeText(before, true);
  if (last) return [last, last.textContent?.length ?? 0];
  return null;
}

/** The first (or last) text node in `node`, through its first (or last) children. */
function edgeText(node: Node, last: boolean): Node | null {
  let at: Node | null = node;
  while (at && at.nodeType !== Node.TEXT_NODE) at = last ? at.lastChild : at.firstChild;
  return at;
}

/**
 * The values an editor emitted lately: one passed back a few keystrokes late (the form renders
 * after the keystrokes that follow) is its own, not an outside change to load over what was typed.
 */
export class OwnValues {
  private emitted: string[] = [];
  constructor(
    /** The value this editor last emitted or loaded. */
    public known: string,
  ) {}
  /** Records `value` as emitted; false when it is the one already known. */
  emit(value: string): boolean {
    if (value === this.known) return false;
    this.known = value;
    this.emitted.push(value);
    if (this.emitted.length > 64) this.emitted.shift();
    return true;
  }
  /** `value` came from outside this editor: it is to be loaded. Records it as known. */
  takeOutside(value: string): boolean {
    if (value === this.known || this.emitted.includes(value)) return false;
    this.known = value;
    this.emitted = [];
    return true;
  }
}

/**
 * Scrolls the caret into view at the next frame rather than at once: ProseMirror measures the
 * caret after each change, which makes the browser lay the editor out right then, in the middle
 * of the keystroke (in a long field, about a millisecond); measured in the frame's own time, the
 * layout is the one the frame does anyway. A letter typed natively is already in view (the
 * browser keeps it there); a change made by a command (Enter, a list) scrolls a frame later.
 */
export const scrollAtNextFrame = {
  handleScrollToSelection(view: EditorView): boolean {
    const pending = scrolling.get(view);
    if (pending === 'now') return false; // the deferred scroll itself: ProseMirror's own
    if (pending === 'soon') return true;
    scrolling.set(view, 'soon');
    requestAnimationFrame(() => {
      scrolling.set(view, 'now');
      try {
        if (!view.isDestroyed) view.dispatch(view.state.tr.scrollIntoView());
      } finally {
        scrolling.delete(view);
      }
    });
    return true;
  },
};

const scrolling = new WeakMap<EditorView, 'soon' | 'now'>();

/**
 * A click on the field's label focuses the editor, as it focuses a form control (a label's `for`
 * does not reach an editable element). Returns what stops it.
 */
export function focusFromLabel(view: EditorView, labelId: string): () => void {
  const label = view.dom.ownerDocument.getElementById(labelId);
  if (!label) return () => undefined;
  const focus = (event: Event) => {
    event.preventDefault();
    view.focus();
  };
  label.addEventListener('click', focus);
  return () => label.removeEventListener('click', focus);
}

/** What a prose field's editor is told about its field. */
export interface EditorFieldProps {
  id: string;
  labelledBy: string;
  describedBy?: string | undefined;
  /** The template's example, greyed in the empty editor. */
  placeholder?: string | undefined;
  /** Marks the field as invalid (a required field left empty). */
  invalid?: boolean | undefined;
}

/** The editable element's attributes: a multi-line text box named by the field's label. */
export function editorAttributes(
  field: EditorFieldProps,
  className: string,
): Record<string, string> {
  const { id, labelledBy, describedBy, placeholder, invalid } = field;
  return {
    id,
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-labelledby': labelledBy,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(placeholder ? { 'aria-placeholder': placeholder } : {}),
    ...(invalid ? { 'aria-invalid': 'true' } : {}),
    class: className,
    spellcheck: 'true',
    // A page translator rewriting the editor's text would be taken for the author's edits.
    translate: 'no',
  };
}
