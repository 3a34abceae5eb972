/**
 * Text of an imported document that matches no field of the template: kept in its section
 * (`extraKey`), written back where it stood, and shown here so it is never hidden. Editable as
 * Markdown; emptying it removes it from the output.
 */
import { extraKey } from '../../core/model.ts';
import type { Section } from '../../core/template/types.ts';
import { useField, useFieldSelector } from './formStore.ts';

/** Whether the form holds kept text under `name` (imported drafts only). */
export function useHasKept(name: string): boolean {
  return useFieldSelector(name, (value) => typeof value === 'string');
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function KeptFromDocument({ name }: { name: string }) {
  const present = useHasKept(name);
  if (!present) return null;
  return <KeptTextArea name={name} />;
}

function KeptTextArea({ name }: { name: string }) {
  const field = useField(name);
  const id = `kept-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <div className="field kept-text">
      <label htmlFor={id}>Kept from your document</label>
      <p className="field-note" id={`${id}-note`}>
        Text from the imported document that matches no field here. It stays in this section of the
        output as written.
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
  );
}

/**
 * Every kept text of a section: the text kept just before each of its blocks (where the author
 * wrote it), then the text kept at its end.
 */
export function KeptText({ section }: { section: Section }) {
  return (
    <>
      {section.blocks.map((_b, i) => (
        <KeptFromDocument key={i} name={extraKey(section.id, String(i))} />
      ))}
      <KeptFromDocument name={extraKey(section.id)} />
    </>
  );
}
