/**
 * The rich-text editor for prose fields: ProseMirror with Markdown in and out (prose/markdown.ts:
 * unedited blocks are written back exactly as the author wrote them, blocks it cannot show as
 * rich text are kept as their source). Loaded lazily (its own chunk), so the editor is not part
 * of the first screen's JavaScript.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import {
  baseKeymap,
  chainCommands,
  exitCode,
  setBlockType,
  toggleMark,
  wrapIn,
} from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import {
  InputRule,
  inputRules,
  textblockTypeInputRule,
  undoInputRule,
  wrappingInputRule,
} from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { EditorState, Plugin, TextSelection } from 'prosemirror-state';
import type { Command, Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { readProse } from './prose/markdown.ts';
import { inOnePart, joinPartBackward, joinPartForward, keepPartsShort } from './prose/parts.ts';
import type { ProseDocument } from './prose/markdown.ts';
import { proseSchema as schema } from './prose/schema.ts';
import { edgeKeys, nearSelection, OwnValues, placeholderPlugin } from './prose/view.ts';
import { sharedViewProps, useProseView } from './useProseView.tsx';
import type { EditorFieldProps } from './prose/view.ts';

export { isAllowedHref } from './prose/schema.ts';

export interface RichTextEditorProps extends EditorFieldProps {
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

const { nodes, marks } = schema;

/** Backspace at the start of a list item's first line lifts the item out of its list. */
const liftAtItemStart: Command = (state, dispatch) => {
  const $cursor = state.selection instanceof TextSelection ? state.selection.$cursor : null;
  if (!$cursor || $cursor.parentOffset > 0 || $cursor.depth < 2) return false;
  if ($cursor.node(-1).type !== nodes.list_item || $cursor.index(-1) !== 0) return false;
  return liftListItem(nodes.list_item)(state, dispatch);
};

const insertBreak: Command = (state, dispatch) => {
  if (dispatch) {
    dispatch(state.tr.replaceSelectionWith(nodes.hard_break.create()).scrollIntoView());
  }
  return true;
};

/** The editor's keys: Markdown's marks and blocks, lists, undo. Tab leaves the field outside lists. */
function keys(): Plugin[] {
  const headings: Record<string, Command> = {};
  for (let level = 1; level <= 6; level++) {
    headings[`Mod-Alt-${level}`] = setBlockType(nodes.heading, { level });
  }
  return [
    keymap({
      ...edgeKeys,
      'Mod-z': undo,
      'Mod-y': redo,
      'Shift-Mod-z': redo,
      Backspace: chainCommands(undoInputRule, liftAtItemStart, joinPartBackward),
      'Mod-Backspace': joinPartBackward,
      'Shift-Backspace': joinPartBackward,
      Delete: joinPartForward,
      'Mod-Delete': joinPartForward,
      'Mod-b': toggleMark(marks.strong),
      'Mod-i': toggleMark(marks.em),
      'Mod-e': toggleMark(marks.code),
      'Shift-Mod-s': toggleMark(marks.strike),
      'Shift-Mod-x': toggleMark(marks.strike),
      'Mod-Alt-0': setBlockType(nodes.paragraph),
      ...headings,
      'Shift-Mod-7': inOnePart(wrapInList(nodes.ordered_list)),
      'Shift-Mod-8': inOnePart(wrapInList(nodes.bullet_list)),
      'Shift-Mod-b': inOnePart(wrapIn(nodes.blockquote)),
      'Mod-Alt-c': setBlockType(nodes.code_block),
      'Shift-Enter': chainCommands(exitCode, insertBreak),
      'Mod-Enter': exitCode,
      Enter: splitListItem(nodes.list_item),
      Tab: sinkListItem(nodes.list_item),
      'Shift-Tab': liftListItem(nodes.list_item),
    }),
    keymap(baseKeymap),
  ];
}

/** Markdown typed at the start of a line becomes its block: `# `, `> `, `- `, `1. `, ``` ``` ```. */
function markdownShortcuts(): Plugin {
  return inputRules({
    rules: [
      textblockTypeInputRule(/^(#{1,6})\s$/, nodes.heading, (m) => ({ level: m[1]!.length })),
      wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
      wrappingInputRule(/^\s*([-+*])\s$/, nodes.bullet_list, (m) => ({ marker: m[1] })),
      wrappingInputRule(
        /^(\d+)([.)])\s$/,
        nodes.ordered_list,
        (m) => ({ start: Number(m[1]), delimiter: m[2] }),
        (m, node) => node.childCount + Number(node.attrs.start) === Number(m[1]),
      ),
      textblockTypeInputRule(/^```([\w-]*)\s$/, nodes.code_block, (m) => ({ language: m[1] })),
      new InputRule(/^(?:---|\*\*\*|___)$/, (state, _match, start, end) => {
        const $start = state.doc.resolve(start);
        if (!$start.parent.type.spec.content?.startsWith('inline')) return null;
        return state.tr.replaceRangeWith(
          $start.before(),
          end,
          nodes.horizontal_rule.create({ markup: '---' }),
        );
      }),
    ],
  });
}

/** A paragraph stays last, so the author can always type after a list, quote or code block. */
const trailingParagraph = new Plugin({
  appendTransaction(_transactions, _old, state) {
    const last = state.doc.lastChild?.lastChild;
    if (!last || last.type === nodes.paragraph) return null;
    // At the end of the last part.
    return state.tr.insert(state.doc.content.size - 1, nodes.paragraph.create());
  },
});

/**
 * A task's box ticks and unticks it (an edit like any other: undone with Mod-z). Space on the
 * focused box is a click too, so the keyboard ticks it the same way.
 */
function toggleTask(view: EditorView, target: HTMLElement): boolean {
  if (!(target instanceof HTMLInputElement) || !target.closest('li.task-item')) return false;
  const $pos = view.state.doc.resolve(view.posAtDOM(target, 0));
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type !== nodes.list_item) continue;
    view.dispatch(
      view.state.tr.setNodeMarkup($pos.before(depth), undefined, {
        ...node.attrs,
        checked: !node.attrs.checked,
      }),
    );
    return true;
  }
  return false;
}

function withTrailingParagraph(prose: ProseDocument): ProseDocument {
  const part = prose.doc.lastChild;
  const last = part?.lastChild;
  if (!part || !last || last.type === nodes.paragraph) return prose;
  const parts = prose.doc.content.replaceChild(
    prose.doc.childCount - 1,
    part.copy(part.content.addToEnd(nodes.paragraph.create())),
  );
  return { doc: prose.doc.copy(parts), write: prose.write };
}

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
  const own = useRef(new OwnValues(value));
  const proseRef = useRef<ProseDocument | null>(null);

  /** Reads `markdown` into a fresh editor state; says so when it would not come back as it is. */
  const load = (markdown: string): EditorState => {
    const prose = withTrailingParagraph(readProse(markdown));
    proseRef.current = prose;
    if (normaliseMarkdown(prose.write(prose.doc)) !== normaliseMarkdown(markdown)) {
      latest.current.onRoundTripMismatch();
    }
    return EditorState.create({
      doc: prose.doc,
      plugins: [
        ...keys(),
        markdownShortcuts(),
        history(),
        placeholderPlugin(() => latest.current.placeholder, nodes.paragraph),
        trailingParagraph,
        keepPartsShort,
        nearSelection,
      ],
    });
  };

  // The editor is made in the element below once it is in the page, before the first paint,
  // and destroyed with the component.
  const field = { id, labelledBy, describedBy, placeholder, invalid };
  const { host, viewRef } = useProseView(field, 'rich-text input', (element, attributes) => {
    const view: EditorView = new EditorView(element, {
      state: load(own.current.known),
      attributes,
      dispatchTransaction(tr: Transaction) {
        const state = view.state.apply(tr);
        view.updateState(state);
        if (!tr.docChanged || !proseRef.current) return;
        // Only the blocks this change touched are written again (prose/markdown.ts).
        const md = proseRef.current.write(state.doc);
        if (own.current.emit(md)) latest.current.onChange(md);
      },
      ...sharedViewProps,
      handleDOMEvents: {
        blur: () => {
          latest.current.onBlur?.();
          return false;
        },
        click: (v, event) => {
          if (!toggleTask(v, event.target as HTMLElement)) return false;
          event.preventDefault();
          return true;
        },
      },
    });
    return view;
  });

  // A value changed from outside (another tab, a reset): load it, and check the round trip.
  // A layout effect, so it runs before the next keystroke: run later (Preact runs effects after
  // the next paint), it would take the editor's own value of a few keystrokes ago for an outside
  // change and load it over what was typed since.
  useLayoutEffect(() => {
    const view = viewRef.current;
    if (!view || !own.current.takeOutside(value)) return;
    view.updateState(load(value));
  }, [value, viewRef]);

  return <div ref={host} />;
}

export default RichTextEditor;
