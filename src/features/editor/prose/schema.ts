/**
 * What a prose field's rich-text editor can hold: the Markdown a proposal's prose uses
 * (paragraphs, headings, quotes, code blocks, rules, lists and task lists; bold, italic,
 * strikethrough, code and links), plus `markdown_block`: a block of Markdown the editor does not
 * show as rich text (a table, HTML, an alert, a comment…), kept exactly as written and shown as
 * its source. ProseMirror's own model: pure data, no DOM needed to build or read documents.
 */
import { Schema } from 'prosemirror-model';
import type { DOMOutputSpec, Mark, Node } from 'prosemirror-model';

/** Link targets the editor's DOM may carry: http(s), mailto, or relative (no scheme). */
export function isAllowedHref(href: unknown): boolean {
  if (typeof href !== 'string') return false;
  // Browsers ignore whitespace and control characters inside a scheme (`java\tscript:`).
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const compact = href.replace(/[\u0000-\u0020\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000]/g, '');
  return /^(?:https?|mailto):/i.test(compact) || !/^[^/?#]*:/.test(compact);
}

export const proseSchema = new Schema({
  nodes: {
    doc: { content: 'part+' },
    /**
     * A run of top-level blocks (8 when read, cut again past 16; see `prose/parts.ts`). Parts
     * say nothing about the Markdown (the answer is their blocks, one after another): they keep
     * the editor's own work per keystroke, and the browser's, from growing with the number of
     * blocks, since only the parts near the screen are laid out.
     */
    part: {
      content: 'block+',
      parseDOM: [{ tag: 'div.prose-part' }],
      toDOM: (): DOMOutputSpec => ['div', { class: 'prose-part' }, 0],
    },
    paragraph: {
      group: 'block',
      content: 'inline*',
      parseDOM: [{ tag: 'p' }],
      toDOM: (): DOMOutputSpec => ['p', 0],
    },
    heading: {
      group: 'block',
      content: 'inline*',
      attrs: { level: { default: 1 } },
      defining: true,
      parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({ tag: `h${level}`, attrs: { level } })),
      toDOM: (node: Node): DOMOutputSpec => [`h${String(node.attrs.level)}`, 0],
    },
    blockquote: {
      group: 'block',
      content: 'block+',
      defining: true,
      parseDOM: [{ tag: 'blockquote' }],
      toDOM: (): DOMOutputSpec => ['blockquote', 0],
    },
    code_block: {
      group: 'block',
      content: 'text*',
      marks: '',
      code: true,
      defining: true,
      attrs: { language: { default: '' }, fence: { default: '```' } },
      parseDOM: [{ tag: 'pre', preserveWhitespace: 'full' }],
      toDOM: (node: Node): DOMOutputSpec => [
        'pre',
        ['code', node.attrs.language ? { 'data-language': String(node.attrs.language) } : {}, 0],
      ],
    },
    horizontal_rule: {
      group: 'block',
      attrs: { markup: { default: '---' } },
      parseDOM: [{ tag: 'hr' }],
      toDOM: (): DOMOutputSpec => ['hr'],
    },
    bullet_list: {
      group: 'block',
      content: 'list_item+',
      attrs: { marker: { default: '-' }, tight: { default: true } },
      parseDOM: [{ tag: 'ul' }],
      toDOM: (): DOMOutputSpec => ['ul', 0],
    },
    ordered_list: {
      group: 'block',
      content: 'list_item+',
      attrs: { start: { default: 1 }, delimiter: { default: '.' }, tight: { default: true } },
      parseDOM: [
        {
          tag: 'ol',
          getAttrs: (dom: HTMLElement) => ({ start: Number(dom.getAttribute('start') ?? 1) || 1 }),
        },
      ],
      toDOM: (node: Node): DOMOutputSpec =>
        node.attrs.start === 1 ? ['ol', 0] : ['ol', { start: String(node.attrs.start) }, 0],
    },
    list_item: {
      content: 'paragraph block*',
      defining: true,
      // null: a plain item; true / false: a task, ticked or not.
      attrs: { checked: { default: null } },
      parseDOM: [
        {
          tag: 'li',
          getAttrs: (dom: HTMLElement) => {
            const box = dom.querySelector(':scope > input[type=checkbox]');
            return { checked: box ? (box as HTMLInputElement).checked : null };
          },
        },
      ],
      toDOM: (node: Node): DOMOutputSpec =>
        node.attrs.checked === null
          ? ['li', 0]
          : [
              'li',
              { class: 'task-item', 'data-checked': String(node.attrs.checked) },
              [
                'input',
                {
                  type: 'checkbox',
                  contenteditable: 'false',
                  'aria-label': 'Done',
                  ...(node.attrs.checked ? { checked: 'checked' } : {}),
                },
              ],
              ['div', 0],
            ],
    },
    markdown_block: {
      group: 'block',
      atom: true,
      selectable: true,
      attrs: { markdown: { default: '' } },
      toDOM: (node: Node): DOMOutputSpec => [
        'pre',
        {
          class: 'markdown-block',
          title: 'Kept as written: switch to Markdown source to edit it',
        },
        String(node.attrs.markdown),
      ],
    },
    text: { group: 'inline' },
    hard_break: {
      inline: true,
      group: 'inline',
      selectable: false,
      attrs: { markup: { default: '  \n' } },
      parseDOM: [{ tag: 'br' }],
      toDOM: (): DOMOutputSpec => ['br'],
    },
  },
  marks: {
    link: {
      attrs: { href: { default: '' }, title: { default: null } },
      inclusive: false,
      parseDOM: [
        {
          tag: 'a[href]',
          getAttrs: (dom: HTMLElement) => {
            const href = dom.getAttribute('href');
            return isAllowedHref(href) ? { href, title: dom.getAttribute('title') } : false;
          },
        },
      ],
      toDOM: (mark: Mark): DOMOutputSpec => [
        'a',
        {
          href: isAllowedHref(mark.attrs.href) ? String(mark.attrs.href) : '',
          ...(mark.attrs.title ? { title: String(mark.attrs.title) } : {}),
          rel: 'noopener noreferrer nofollow',
        },
        0,
      ],
    },
    em: {
      attrs: { markup: { default: '*' } },
      parseDOM: [{ tag: 'i' }, { tag: 'em' }, { style: 'font-style=italic' }],
      toDOM: (): DOMOutputSpec => ['em', 0],
    },
    strong: {
      attrs: { markup: { default: '**' } },
      parseDOM: [
        { tag: 'strong' },
        {
          tag: 'b',
          getAttrs: (dom: HTMLElement) => dom.style.fontWeight !== 'normal' && null,
        },
        {
          style: 'font-weight',
          getAttrs: (value: string) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null,
        },
      ],
      toDOM: (): DOMOutputSpec => ['strong', 0],
    },
    strike: {
      parseDOM: [{ tag: 's' }, { tag: 'del' }, { tag: 'strike' }],
      toDOM: (): DOMOutputSpec => ['s', 0],
    },
    code: {
      parseDOM: [{ tag: 'code' }],
      toDOM: (): DOMOutputSpec => ['code', 0],
    },
  },
});
