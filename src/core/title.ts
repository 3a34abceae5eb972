/**
 * The proposal's title is one value. A template may hold it in several places: the title
 * heading's placeholder (`# Enhancement: [Title]`, `# EP-XXX: [Enhancement Title]`), the front
 * matter's `title` (an RFC's metadata, an issue template's or issue form's issue title). They
 * are one field for the author, edited in one place, and the issue or pull-request title is
 * that value too. The template's own title text is a placeholder and is never exported; only a
 * prefix such as `[Bug]: ` (it ends with a colon) is put before the author's title, as GitHub's
 * issue page does.
 */
import { isFieldFilled } from './document/filled.ts';
import { sectionNodes } from './document/walk.ts';
import type { TextField, Values } from './model.ts';
import type { Template } from './template/types.ts';

/**
 * Each template's title fields: a template does not change once parsed, and the title is read
 * on every keystroke (the editor's heading, the export bar) and every save, where walking a
 * template of thousands of sections each time cost milliseconds.
 */
const titleFieldsOf = new WeakMap<Template, readonly TextField[]>();

/**
 * The fields holding the title, the title heading's first: the document's visible title leads.
 * Empty when the template has no title (a pull-request description).
 */
export function titleFields(template: Template): TextField[] {
  let fields = titleFieldsOf.get(template);
  if (!fields) {
    fields = findTitleFields(template);
    titleFieldsOf.set(template, fields);
  }
  return [...fields];
}

function findTitleFields(template: Template): TextField[] {
  const out: TextField[] = [];
  for (const node of sectionNodes(template)) {
    if (node.type !== 'section' || node.titleFieldId === undefined) continue;
    const field = node.headingFields.find((f) => f.id === node.titleFieldId);
    if (field) out.push(field);
  }
  for (const entry of template.frontMatter?.entries ?? []) {
    if (entry.key === 'title' && entry.field?.kind === 'text') out.push(entry.field);
  }
  return out;
}

function valueOf(values: Values, id: string): string {
  const value = values[id];
  return typeof value === 'string' ? value.trim() : '';
}

/** The title the author gave: the first title field holding an answer, or ''. */
export function proposalTitle(template: Template, values: Values): string {
  for (const field of titleFields(template)) {
    if (isFieldFilled(field, values[field.id])) return valueOf(values, field.id);
  }
  return '';
}

/**
 * The title fields that follow the one title: those left empty (or at the template's text) and
 * those equal to it. A title field the author wrote differently (an imported document whose
 * front matter `title` is not its heading) is not theirs to overwrite: it stays a field of its
 * own.
 */
export function linkedTitleFields(template: Template, values: Values): TextField[] {
  const title = proposalTitle(template, values);
  return titleFields(template).filter(
    (f) => !isFieldFilled(f, values[f.id]) || valueOf(values, f.id) === title,
  );
}

/** The values with `title` written into every linked title field. */
export function withProposalTitle(template: Template, values: Values, title: string): Values {
  const next: Values = { ...values };
  for (const field of linkedTitleFields(template, values)) next[field.id] = title;
  return next;
}

/** What the title input shows while empty: the template's own title text. */
export function titlePlaceholder(template: Template): string {
  const meta = template.frontMatter?.meta.title.trim() ?? '';
  if (meta !== '' && !isTitlePrefix(meta)) return meta;
  // The most telling of the fields' placeholders (`Enhancement Title` rather than `Title`).
  let best = '';
  for (const field of titleFields(template)) {
    const text = field.placeholder.trim();
    if (text.length > best.length && !isTitlePrefix(text)) best = text;
  }
  return best;
}

/** `[Bug]: `, `feat: `: a title the template starts every issue with, not a placeholder. */
export function isTitlePrefix(text: string): boolean {
  return /:$/.test(text.trim());
}

/**
 * The title sent to GitHub: the author's title (the draft's name when the template has no
 * title field; pass '' for a name the app gave), after the template's prefix when it has one.
 * Never the template's placeholder title.
 */
export function exportTitle(template: Template, values: Values, draftName: string): string {
  const own = titleFields(template).length > 0 ? proposalTitle(template, values) : draftName.trim();
  const meta = template.frontMatter?.meta.title.trim() ?? '';
  if (!isTitlePrefix(meta)) return own;
  if (own === '') return meta;
  return own.startsWith(meta) ? own : `${meta} ${own}`;
}
