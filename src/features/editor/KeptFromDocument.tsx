/**
 * Text of an imported document that matches no field of the template: kept in its section
 * (`extraKey`), written back where it stood, and shown here so it is never hidden. Editable as
 * Markdown; emptying it removes it from the output.
 */
import { Controller, useWatch } from 'react-hook-form';
import type { Control } from 'react-hook-form';
import { extraKey } from '../../core/model.ts';
import type { FieldValue } from '../../core/model.ts';
import type { Section } from '../../core/template/types.ts';

type FormControl = Control<Record<string, FieldValue>>;

/** Whether the form holds kept text under `name` (imported drafts only). */
export function useHasKept(control: FormControl, name: string): boolean {
  return typeof useWatch({ control, name }) === 'string';
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function KeptFromDocument({ control, name }: { control: FormControl; name: string }) {
  const present = useHasKept(control, name);
  if (!present) return null;
  const id = `kept-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <div className="field kept-text">
          <label htmlFor={id}>Kept from your document</label>
          <p className="field-note" id={`${id}-note`}>
            Text from the imported document that matches no field here. It stays in this section of
            the output as written.
          </p>
          <textarea
            id={id}
            aria-describedby={`${id}-note`}
            rows={Math.min(12, Math.max(3, asText(field.value).split('\n').length + 1))}
            value={asText(field.value)}
            spellCheck={false}
            onChange={(e) => field.onChange(e.target.value)}
            onBlur={field.onBlur}
          />
        </div>
      )}
    />
  );
}

/**
 * Every kept text of a section: the text kept just before each of its blocks (where the author
 * wrote it), then the text kept at its end.
 */
export function KeptText({ section, control }: { section: Section; control: FormControl }) {
  return (
    <>
      {section.blocks.map((_b, i) => (
        <KeptFromDocument key={i} control={control} name={extraKey(section.id, String(i))} />
      ))}
      <KeptFromDocument control={control} name={extraKey(section.id)} />
    </>
  );
}
