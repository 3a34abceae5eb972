/**
 * The guided form: sections as cards, each with its fields, bound to react-hook-form.
 * Every widget is a Controller over one field's whole value; groups use useFieldArray.
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { Controller, useFieldArray, useWatch } from 'react-hook-form';
import type { Control } from 'react-hook-form';
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
type FormControl = Control<FormValues>;
type GroupValues = Record<string, GroupInstance[]>;

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

export function FieldControl({
  field,
  name,
  control,
}: {
  field: Field;
  name: string;
  control: FormControl;
}) {
  const status = useFieldStatus();
  // A block the form cannot show whole (nested items, another column, another code language)
  // is exported as written: the author edits that text, not a widget whose edits would not show.
  const keptSource = useHasKept(control, sourceKey(name));
  // The proposal's title is edited once, in the title input at the top of the form.
  if (useIsTitleField(name)) return null;
  if (field.kind === 'group') return <GroupControl field={field} name={name} control={control} />;
  if (keptSource) {
    return (
      <div className="field">
        <p className="field-label">{plainText(field.label)}</p>
        <KeptFromDocument control={control} name={sourceKey(name)} />
      </div>
    );
  }
  const required = status.required.has(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field: bound, fieldState }) => {
        // A required field left empty says so once the author has left it (or on export).
        const empty =
          required &&
          (fieldState.isTouched || status.showAll) &&
          !isFieldFilled(field, bound.value);
        const props = {
          value: bound.value,
          onChange: bound.onChange,
          onBlur: bound.onBlur,
          id: domId(name),
          error: errorText(fieldState.error) ?? (empty ? requiredMessage(field.label) : undefined),
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
      }}
    />
  );
}

/** The first message of a field error, which may be nested (a cell, an instance's field). */
function errorText(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('message' in error && typeof error.message === 'string' && error.message)
    return error.message;
  for (const child of Object.values(error)) {
    if (child !== error && typeof child === 'object' && child !== null && !('nodeType' in child)) {
      const text = errorText(child);
      if (text) return text;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Groups: instances numbered in order, added, removed and moved

type GroupFocus = { index: number; part: 'up' | 'down' | 'first' | 'heading' | 'add' };

export function GroupControl({
  field,
  name,
  control,
}: {
  field: GroupField;
  name: string;
  control: FormControl;
}) {
  // The form's type is a record of every value shape, which gives react-hook-form no array
  // paths to type; seen from a group, the value at `name` is an array of instances.
  const offerUndo = useOfferUndo();
  const { fields, append, remove, move, insert } = useFieldArray<GroupValues, string, '_key'>({
    control: control as unknown as Control<GroupValues>,
    name,
    keyName: '_key',
  });
  const item = field.itemLabel || field.label;
  const status = useFieldStatus();
  const groupValue = useWatch({ control, name }) as GroupInstance[] | undefined;
  const showEmpty =
    status.showAll && status.required.has(name) && !isFieldFilled(field, groupValue);
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

  return (
    <div className="group-field" id={domId(name)} ref={containerRef}>
      {showEmpty ? (
        <p className="field-error" id={`${domId(name)}-error`}>
          {requiredMessage(`${item} 1`)}
        </p>
      ) : null}
      {fields.map((entry, index) => (
        <GroupInstanceCard
          key={entry._key}
          field={field}
          name={`${name}.${index}`}
          index={index}
          count={fields.length}
          control={control}
          onMove={(to, part) => {
            focusLater({ index: to, part });
            move(index, to);
          }}
          onRemove={() => {
            const removed = groupValue?.[index];
            focusLater(
              fields.length > 1
                ? { index: Math.max(0, index - 1), part: 'heading' }
                : { index: 0, part: 'add' },
            );
            remove(index);
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
          focusLater({ index: fields.length, part: 'first' });
          append(newInstance(field, todayIso()));
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
  control,
  onMove,
  onRemove,
}: {
  field: GroupField;
  name: string;
  index: number;
  count: number;
  control: FormControl;
  onMove: (to: number, part: 'up' | 'down') => void;
  onRemove: () => void;
}) {
  const item = field.itemLabel || field.label;
  const nameField = field.fields.find((f) => f.kind === 'text' && f.id === 'name');
  const titleValue = useWatch({
    control,
    name: nameField ? `${name}.${nameField.id}` : `${name}.__none__`,
  });
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
        <FieldControl key={f.id} field={f} name={`${name}.${f.id}`} control={control} />
      ))}
      <KeptFromDocument control={control} name={`${name}.${extraKey('')}`} />
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
  control,
  parentTitle,
}: {
  node: SectionNode;
  control: FormControl;
  parentTitle?: string;
}) {
  // A section with nothing to fill in still shows text kept from an imported document.
  const kept = useHasKept(control, extraKey(node.id));
  if (!hasFields(node) && !(kept && node.type === 'section')) return null;
  if (node.type === 'group') {
    return <SectionGroupCard node={node} control={control} parentTitle={parentTitle} />;
  }
  return (
    <>
      {node.lead ? <FormNote text={node.lead} /> : null}
      <SectionCard section={node} control={control} />
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
export function RootSections({ root, control }: { root: Section; control: FormControl }) {
  const title = wrappingTitle(root);
  const top = title ? title.children : root.children;
  return (
    <>
      <SectionCard section={root} control={control} withChildren={false} />
      {title ? <SectionCard section={title} control={control} withChildren={false} /> : null}
      {/* In a large template, mounted when they come near the viewport or a jump needs them. */}
      <LazySectionList
        nodes={top}
        titleOf={nodeTitle}
        render={(child) => <SectionNodeCard key={child.id} node={child} control={control} />}
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
  control,
  withChildren = true,
}: {
  section: Section;
  control: FormControl;
  withChildren?: boolean;
}) {
  const kept = useHasKept(control, extraKey(section.id));
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
              <FieldControl field={f} name={f.id} control={control} />
            </div>
          ) : (
            <FieldControl key={f.id} field={f} name={f.id} control={control} />
          ),
        )}
        <KeptText section={section} control={control} />
        {withChildren ? (
          <LazySectionList
            nodes={section.children}
            titleOf={nodeTitle}
            render={(child) => (
              <SectionNodeCard key={child.id} node={child} control={control} parentTitle={title} />
            )}
          />
        ) : null}
      </section>
    </SectionLevelContext.Provider>
  );
}

function SectionGroupCard({
  node,
  control,
  parentTitle,
}: {
  node: SectionGroup;
  control: FormControl;
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
        <GroupControl field={node.field} name={node.id} control={control} />
      </SectionLevelContext.Provider>
    </Tag>
  );
}

/** Front matter values the author edits (RFC metadata, an issue's title). */
export function FrontMatterCard({
  fields,
  control,
  title,
}: {
  fields: Field[];
  control: FormControl;
  title: string;
}) {
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
        <FieldControl key={f.id} field={f} name={f.id} control={control} />
      ))}
    </section>
  );
}
