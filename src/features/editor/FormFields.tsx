/**
 * The guided form: sections as cards, each with its fields, bound to the form's store
 * (`formStore.ts`). Each field follows its own value only (`useField`), so typing re-renders
 * that field alone; a group follows its items' keys (added, removed, moved), not their values.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Field, FieldValue, GroupField, GroupInstance } from '../../core/model.ts';
import type { Section, SectionGroup, SectionNode } from '../../core/template/types.ts';
import { extraKey, sourceKey } from '../../core/model.ts';
import { KeptFromDocument, KeptText, useHasKept } from './KeptFromDocument.tsx';
import { isFieldFilled } from '../../core/document/filled.ts';
import {
  requiredMessage,
  TitleFieldIdsContext,
  useFieldStatus,
  useIsTitleField,
} from './fieldStatus.ts';
import { useOfferUndo } from './undo.ts';
import { Guidance, plainText } from './FieldShell.tsx';
import { ProseWidget } from './ProseWidget.tsx';
import { ownFields, hasFields, newInstance, sectionTitle, todayIso } from './templateModel.ts';
import { useReportSelector } from './liveValues.ts';
import {
  useField,
  useFieldSelector,
  useFieldValue,
  useFormStore,
  useItemKeys,
} from './formStore.ts';
import { LazySectionList } from './lazySections.tsx';
import {
  asString,
  ChecklistWidget,
  ChoiceWidget,
  CodeWidget,
  DateWidget,
  ItemButtons,
  KeyValueWidget,
  ListWidget,
  TableWidget,
  TaskListWidget,
  TextWidget,
  usePendingFocus,
} from './widgets.tsx';

export type FormValues = Record<string, FieldValue>;

/** A DOM id from a form path (field ids hold `/`, group paths hold `.`). */
export function domId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function sectionDomId(sectionId: string): string {
  return `section-${sectionId.replace(/[^A-Za-z0-9_-]/g, '_') || 'root'}`;
}

export function sectionHeadingId(sectionId: string): string {
  return `${sectionDomId(sectionId)}-heading`;
}

// ---------------------------------------------------------------------------------------------
// One field

export function FieldControl({ field, name }: { field: Field; name: string }) {
  // A block the form cannot show whole (nested items, another column, another code language)
  // is exported as written: the author edits that text, not a widget whose edits would not show.
  const keptSource = useHasKept(sourceKey(name));
  // The proposal's title is edited once, in the title input at the top of the form.
  if (useIsTitleField(name)) return null;
  if (field.kind === 'group') return <GroupControl field={field} name={name} />;
  if (keptSource) {
    return (
      <div className="field">
        <p className="field-label">{plainText(field.label)}</p>
        <KeptFromDocument name={sourceKey(name)} />
      </div>
    );
  }
  return <BoundWidget field={field} name={name} />;
}

/** An answer this long is checked for being empty once typing pauses (see `useLeftEmpty`). */
const LONG_ANSWER = 16 * 1024;
const LONG_ANSWER_PAUSE_MS = 300;

/**
 * Whether a field is left empty, when `asked`. A long answer is looked at once typing pauses:
 * reading it whole at each keystroke copies it (an answer the rich-text editor wrote is kept in
 * pieces), and a long answer does not become empty by typing.
 */
function useLeftEmpty(field: Field, value: FieldValue | undefined, asked: boolean): boolean {
  const long = typeof value === 'string' && value.length >= LONG_ANSWER;
  const [longEmpty, setLongEmpty] = useState(false);
  useEffect(() => {
    if (!asked || !long) return undefined;
    const timer = setTimeout(
      () => setLongEmpty(!isFieldFilled(field, value)),
      LONG_ANSWER_PAUSE_MS,
    );
    return () => clearTimeout(timer);
  }, [asked, long, field, value]);
  if (!asked) return false;
  return long ? longEmpty : !isFieldFilled(field, value);
}

/** One field's widget over its value in the store: re-rendered when that value changes. */
function BoundWidget({ field, name }: { field: Exclude<Field, GroupField>; name: string }) {
  const status = useFieldStatus();
  const bound = useField(name);
  const required = status.required.has(name);
  // A required field left empty says so once the author has left it (or on export).
  const empty = useLeftEmpty(field, bound.value, required && (bound.touched || status.showAll));
  const props = {
    value: bound.value,
    onChange: bound.onChange,
    onBlur: bound.onBlur,
    id: domId(name),
    error: bound.error ?? (empty ? requiredMessage(field.label) : undefined),
  };
  switch (field.kind) {
    case 'text':
      return <TextWidget field={field} {...props} />;
    case 'date':
      return <DateWidget field={field} {...props} />;
    case 'choice':
      return <ChoiceWidget field={field} {...props} />;
    case 'prose':
      return <ProseWidget field={field} {...props} />;
    case 'code':
      return <CodeWidget field={field} {...props} />;
    case 'list':
      return <ListWidget field={field} {...props} />;
    case 'tasklist':
      return <TaskListWidget field={field} {...props} />;
    case 'checklist':
      return <ChecklistWidget field={field} {...props} />;
    case 'table':
      return <TableWidget field={field} {...props} />;
    case 'keyvalue':
      return <KeyValueWidget field={field} {...props} />;
  }
}

// ---------------------------------------------------------------------------------------------
// Groups: instances numbered in order, added, removed and moved

type GroupFocus = { index: number; part: 'up' | 'down' | 'first' | 'heading' | 'add' };

export function GroupControl({ field, name }: { field: GroupField; name: string }) {
  const form = useFormStore();
  const offerUndo = useOfferUndo();
  // The items' keys only: typing in an item re-renders that item's field, not the group.
  const keys = useItemKeys(name);
  const item = field.itemLabel || field.label;
  const status = useFieldStatus();
  const showEmpty =
    useFieldSelector(name, (value) => !isFieldFilled(field, value)) &&
    status.showAll &&
    status.required.has(name);
  const { containerRef, focusLater } = usePendingFocus<GroupFocus>((root, target) => {
    const instance = root.querySelector(`[data-instance="${target.index}"]`);
    if (target.part === 'add') return root.querySelector<HTMLElement>('[data-part="add-instance"]');
    if (target.part === 'heading') return instance?.querySelector<HTMLElement>('h3, h4, h5, h6');
    if (target.part === 'first')
      return instance?.querySelector<HTMLElement>(
        'input, textarea, select, [contenteditable="true"]',
      );
    return instance?.querySelector<HTMLElement>(`[data-part="${target.part}"]`);
  });
  /** The items as they are now: `order[i]` is the index of the item now at `i`. */
  const indices = () => form.getItemKeys(name).map((_k, i) => i);
  const insert = (index: number, instance: GroupInstance) => {
    const order: (number | { insert: GroupInstance })[] = indices();
    order.splice(Math.min(index, order.length), 0, { insert: instance });
    form.rearrange(name, order);
  };

  return (
    <div className="group-field" id={domId(name)} ref={containerRef}>
      {showEmpty ? (
        <p className="field-error" id={`${domId(name)}-error`}>
          {requiredMessage(`${item} 1`)}
        </p>
      ) : null}
      {keys.map((key, index) => (
        <GroupInstanceCard
          key={key}
          field={field}
          name={`${name}.${index}`}
          index={index}
          count={keys.length}
          onMove={(to, part) => {
            focusLater({ index: to, part });
            const order = indices();
            order.splice(to, 0, ...order.splice(index, 1));
            form.rearrange(name, order);
          }}
          onRemove={() => {
            const value = form.get(name);
            const removed = Array.isArray(value) ? (value[index] as GroupInstance) : undefined;
            focusLater(
              keys.length > 1
                ? { index: Math.max(0, index - 1), part: 'heading' }
                : { index: 0, part: 'add' },
            );
            form.rearrange(
              name,
              indices().filter((i) => i !== index),
            );
            if (!removed) return;
            offerUndo({
              message: `Removed ${plainText(item)} ${index + 1}`,
              undo: () => {
                focusLater({ index, part: 'first' });
                insert(index, removed);
              },
            });
          }}
        />
      ))}
      <button
        type="button"
        className="button-secondary"
        data-part="add-instance"
        onClick={() => {
          focusLater({ index: keys.length, part: 'first' });
          insert(keys.length, newInstance(field, todayIso()));
        }}
      >
        Add {item}
      </button>
    </div>
  );
}

function GroupInstanceCard({
  field,
  name,
  index,
  count,
  onMove,
  onRemove,
}: {
  field: GroupField;
  name: string;
  index: number;
  count: number;
  onMove: (to: number, part: 'up' | 'down') => void;
  onRemove: () => void;
}) {
  const item = field.itemLabel || field.label;
  const nameField = field.fields.find((f) => f.kind === 'text' && f.id === 'name');
  const titleValue = useFieldValue(nameField ? `${name}.${nameField.id}` : `${name}.__none__`);
  const title = asString(titleValue).trim();
  const label = `${plainText(item)} ${index + 1}`;
  const headingId = `${domId(name)}-heading`;
  const level = Math.min(6, useContext(SectionLevelContext) + 1);
  return (
    <section className="group-instance" data-instance={index} aria-labelledby={headingId}>
      <div className="group-instance-head">
        <Heading n={level} id={headingId}>
          {label}
          {title ? `: ${title}` : ''}
        </Heading>
        <ItemButtons name={label} index={index} count={count} onMove={onMove} onRemove={onRemove} />
      </div>
      {field.fields.map((f) => (
        <FieldControl key={f.id} field={f} name={`${name}.${f.id}`} />
      ))}
      <KeptFromDocument name={`${name}.${extraKey('')}`} />
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Sections

export type SectionStatus = 'complete' | 'missing' | 'optional' | 'partial' | 'empty';

export const STATUS_TEXT: Record<SectionStatus, string> = {
  complete: 'Complete',
  missing: 'Missing',
  optional: 'Optional',
  partial: 'Partly filled',
  empty: 'No fields',
};

export const STATUS_ICON: Record<SectionStatus, string> = {
  complete: '✓',
  missing: '!',
  optional: '○',
  partial: '◐',
  empty: '·',
};

export function StatusBadge({ sectionId }: { sectionId: string }) {
  const status = useReportSelector((live) => live.getSectionStatus(sectionId));
  if (!status || status === 'empty') return null;
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true">{STATUS_ICON[status]}</span> {STATUS_TEXT[status]}
    </span>
  );
}

/**
 * Renders the form's notes (an issue form's `markdown` elements) as sanitized Markdown: the
 * preview's renderer, given by the app. Without it, the notes show as plain text.
 */
export const NoteRendererContext = createContext<((markdown: string) => ReactNode) | null>(null);

/** A note of the template, standing between fields where the template puts it. */
function FormNote({ text }: { text: string }) {
  const render = useContext(NoteRendererContext);
  return <div className="form-note">{render ? render(text) : <p>{plainText(text)}</p>}</div>;
}

/** The template's top heading level: its sections' headings start at h2 under the page's h1. */
export const HeadingBaseContext = createContext(1);

/** The heading level the enclosing section card renders at (a repeat's items go one below). */
const SectionLevelContext = createContext(2);

/** The page heading level (h2…h6) for a template heading level. */
function useHeadingLevel(level: number): number {
  const base = useContext(HeadingBaseContext);
  return Math.min(6, Math.max(2, level - base + 2));
}

function Heading({ n, id, children }: { n: number; id: string; children: ReactNode }) {
  const props = { id, tabIndex: -1, className: 'section-title' };
  switch (n) {
    case 2:
      return <h2 {...props}>{children}</h2>;
    case 3:
      return <h3 {...props}>{children}</h3>;
    case 4:
      return <h4 {...props}>{children}</h4>;
    case 5:
      return <h5 {...props}>{children}</h5>;
    default:
      return <h6 {...props}>{children}</h6>;
  }
}

export function SectionNodeCard({
  node,
  parentTitle,
}: {
  node: SectionNode;
  parentTitle?: string;
}) {
  // A section with nothing to fill in still shows text kept from an imported document.
  const kept = useHasKept(extraKey(node.id));
  if (!hasFields(node) && !(kept && node.type === 'section')) return null;
  if (node.type === 'group') {
    return <SectionGroupCard node={node} parentTitle={parentTitle} />;
  }
  return (
    <>
      {node.lead ? <FormNote text={node.lead} /> : null}
      <SectionCard section={node} />
    </>
  );
}

/**
 * A template whose one top heading holds all the others (`# RFC title` over its `##`
 * sections): that heading is the document's title, not a section to nest every card in.
 */
export function wrappingTitle(root: Section): Section | null {
  const [only, ...rest] = root.children;
  if (!only || rest.length > 0 || only.type !== 'section' || only.children.length === 0) {
    return null;
  }
  return only;
}

/**
 * The top of the template: the part before the first heading gets its own card, and the
 * sections under it stand as cards of their own rather than nested inside it. So do the
 * sections under a title heading that wraps them all: cards stand at the document's main
 * heading level.
 */
export function RootSections({ root }: { root: Section }) {
  const title = wrappingTitle(root);
  const top = title ? title.children : root.children;
  return (
    <>
      <SectionCard section={root} withChildren={false} />
      {title ? <SectionCard section={title} withChildren={false} /> : null}
      {/* In a large template, mounted when they come near the viewport or a jump needs them. */}
      <LazySectionList
        nodes={top}
        titleOf={nodeTitle}
        render={(child) => <SectionNodeCard key={child.id} node={child} />}
      />
    </>
  );
}

/** A section's title as the form shows it (a lazy page's placeholder holds it for find in page). */
function nodeTitle(node: SectionNode): string {
  return plainText(sectionTitle(node));
}

function SectionCard({
  section,
  withChildren = true,
}: {
  section: Section;
  withChildren?: boolean;
}) {
  const kept = useHasKept(extraKey(section.id));
  const n = useHeadingLevel(section.level);
  // The title is edited in the title input: a card holding only the title is not shown.
  const titleIds = useContext(TitleFieldIdsContext);
  const fields = ownFields(section);
  const shown = fields.filter((f) => !titleIds.has(f.id));
  if (!withChildren && shown.length === 0 && !kept) return null;
  const title = plainText(sectionTitle(section));
  const headingId = sectionHeadingId(section.id);
  return (
    <SectionLevelContext.Provider value={n}>
      <section
        className="section-card"
        id={sectionDomId(section.id)}
        aria-labelledby={headingId}
        data-section-id={section.id}
      >
        {fields.length > 0 || section.level > 0 ? (
          <div className="section-head">
            <Heading n={n} id={headingId}>
              {title}
            </Heading>
            <StatusBadge sectionId={section.id} />
          </div>
        ) : null}
        {section.hint ? (
          <Guidance id={`${sectionDomId(section.id)}-hint`} text={section.hint} />
        ) : null}
        {fields.map((f) =>
          section.level === 0 ? (
            // Before the first heading each field counts as a section of its own.
            <div key={f.id} data-section-id={f.id} className="field-slot">
              <FieldControl field={f} name={f.id} />
            </div>
          ) : (
            <FieldControl key={f.id} field={f} name={f.id} />
          ),
        )}
        <KeptText section={section} />
        {withChildren ? (
          <LazySectionList
            nodes={section.children}
            titleOf={nodeTitle}
            render={(child) => <SectionNodeCard key={child.id} node={child} parentTitle={title} />}
          />
        ) : null}
      </section>
    </SectionLevelContext.Provider>
  );
}

function SectionGroupCard({
  node,
  parentTitle,
}: {
  node: SectionGroup;
  parentTitle?: string | undefined;
}) {
  const title = plainText(sectionTitle(node));
  const headingId = sectionHeadingId(node.id);
  const n = useHeadingLevel(node.instance.level);
  // Under a section of the same name ("Use Cases" › "Use Case 1"), a group, not a second
  // region of that name.
  const Tag = parentTitle === title ? 'div' : 'section';
  return (
    <Tag
      className="section-card"
      id={sectionDomId(node.id)}
      aria-labelledby={headingId}
      role={Tag === 'div' ? 'group' : undefined}
      data-section-id={node.id}
    >
      <div className="section-head">
        <Heading n={n} id={headingId}>
          {title}
        </Heading>
        <StatusBadge sectionId={node.id} />
      </div>
      {node.field.hint || node.instance.hint ? (
        <Guidance
          id={`${sectionDomId(node.id)}-hint`}
          text={node.field.hint || node.instance.hint}
        />
      ) : null}
      <SectionLevelContext.Provider value={n}>
        <GroupControl field={node.field} name={node.id} />
      </SectionLevelContext.Provider>
    </Tag>
  );
}

/** Front matter values the author edits (RFC metadata, an issue's title). */
export function FrontMatterCard({ fields, title }: { fields: Field[]; title: string }) {
  if (fields.length === 0) return null;
  const headingId = sectionHeadingId('front-matter');
  return (
    <section
      className="section-card"
      id={sectionDomId('front-matter')}
      aria-labelledby={headingId}
      data-section-id="front-matter"
    >
      <div className="section-head">
        <h2 id={headingId} tabIndex={-1} className="section-title">
          {title}
        </h2>
      </div>
      {fields.map((f) => (
        <FieldControl key={f.id} field={f} name={f.id} />
      ))}
    </section>
  );
}
