/**
 * The proposal's one title, at the top of the form: the draft's name, the document's title
 * heading and front matter `title`, and the issue or pull-request title are this one value.
 * When the template holds the title in fields, the input edits all of them (they are not shown
 * again further down); when it has none (a pull-request description), it edits the draft's name.
 */
import { useState } from 'react';
import { isFieldFilled } from '../../core/document/filled.ts';
import type { TextField } from '../../core/model.ts';
import { DEFAULT_DRAFT_TITLE, useDrafts } from '../../stores/drafts.ts';
import { domId } from './FormFields.tsx';
import { useField, useFormStore } from './formStore.ts';
import { requiredMessage, useFieldStatus } from './fieldStatus.ts';
import { TextWidget } from './widgets.tsx';

export const TITLE_INPUT_ID = 'proposal-title';

export function ProposalTitleField({
  draftId,
  fields,
  placeholder,
  hint,
}: {
  draftId: string;
  /** The title fields that follow the one title, the leading one first; [] for none. */
  fields: TextField[];
  placeholder: string;
  hint: string;
}) {
  const [lead, ...others] = fields;
  if (!lead) return <DraftNameField draftId={draftId} placeholder={placeholder} hint={hint} />;
  return <LinkedTitleField lead={lead} others={others} placeholder={placeholder} hint={hint} />;
}

/** The title input over the template's title fields: `lead`'s value, written to all of them. */
function LinkedTitleField({
  lead,
  others,
  placeholder,
  hint,
}: {
  lead: TextField;
  others: TextField[];
  placeholder: string;
  hint: string;
}) {
  const status = useFieldStatus();
  const form = useFormStore();
  const bound = useField(lead.id);
  const required = status.required.has(lead.id);
  const shown: TextField = { ...lead, label: 'Title', placeholder, hint, required };
  const empty = required && (bound.touched || status.showAll) && !isFieldFilled(lead, bound.value);
  return (
    <div className="title-field" data-section-id={lead.id}>
      <TextWidget
        field={shown}
        id={domId(lead.id)}
        value={bound.value}
        onBlur={bound.onBlur}
        // Every place of the title at once: one change.
        onChange={(text) => form.setMany([...others, lead].map((f) => [f.id, text] as const))}
        error={empty ? requiredMessage('Title') : undefined}
      />
    </div>
  );
}

/** A template with no title field: the title is the draft's name. */
function DraftNameField({
  draftId,
  placeholder,
  hint,
}: {
  draftId: string;
  placeholder: string;
  hint: string;
}) {
  const stored = useDrafts((s) => s.drafts[draftId]?.title ?? '');
  const renameDraft = useDrafts((s) => s.renameDraft);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(false);
  // Follow renames made elsewhere (the draft list in another tab) while not typing here.
  const shown = editing ? text : stored === DEFAULT_DRAFT_TITLE ? '' : stored;
  const field = { label: 'Title', hint, required: false };
  return (
    <div className="title-field" data-section-id="::title">
      <TextWidget
        field={{ ...field, id: 'title', kind: 'text', placeholder, defaultValue: '' }}
        id={TITLE_INPUT_ID}
        value={shown}
        onChange={(value) => {
          const typed = typeof value === 'string' ? value : '';
          if (!editing) setEditing(true);
          setText(typed);
          renameDraft(draftId, typed.trim() === '' ? DEFAULT_DRAFT_TITLE : typed);
        }}
        onBlur={() => setEditing(false)}
      />
    </div>
  );
}
