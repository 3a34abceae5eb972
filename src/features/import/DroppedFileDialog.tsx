import { useEffect, useId, useRef, useState } from 'react';
import { isAbort, WorkProgress } from '../../components/WorkProgress.tsx';
import { useTemplates } from '../../stores/templates.ts';
import { classifyText, loadChoices, readsInBackground } from './choices.ts';
import type { PickedText } from './ImportTemplateDialog.tsx';
import { ModalDialog } from '../../components/ModalDialog.tsx';
import './import.css';

interface Props {
  file: PickedText;
  /** The file is a template to import. */
  onTemplate: (file: PickedText) => void;
  /** The file is a filled proposal to open as a draft. */
  onProposal: (file: PickedText) => void;
  onClose: () => void;
}

/**
 * A file dropped on the gallery: a filled document that follows a known template (built in or
 * imported) opens as "Import a proposal", an issue form as "Import a template"; anything else
 * asks the author which of the two it is.
 */
export function DroppedFileDialog({ file, onTemplate, onProposal, onClose }: Props) {
  const id = useId();
  const status = useTemplates((s) => s.status);
  const records = useTemplates((s) => s.templates);
  const [unsure, setUnsure] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<AbortController | null>(null);
  const latest = useRef({ onTemplate, onProposal, records });
  useEffect(() => {
    latest.current = { onTemplate, onProposal, records };
  });
  const ready = status === 'ready' || status === 'error';

  useEffect(() => {
    void useTemplates.getState().load();
  }, []);

  useEffect(() => {
    if (!ready) return;
    const controller = new AbortController();
    cancel.current = controller;
    loadChoices(latest.current.records)
      .then((choices) => classifyText(file.text, choices, controller.signal))
      .then(
        (kind) => {
          if (controller.signal.aborted) return;
          if (kind.kind === 'proposal') latest.current.onProposal(file);
          else if (kind.kind === 'template') latest.current.onTemplate(file);
          else setUnsure(true);
        },
        (reason: unknown) => {
          if (controller.signal.aborted && !isAbort(reason)) return;
          // Cancelled or unreadable: the author still says what the file is.
          setError(
            isAbort(reason)
              ? 'Stopped reading the file.'
              : `The file could not be read: ${reason instanceof Error ? reason.message : String(reason)}`,
          );
          setUnsure(true);
        },
      );
    return () => controller.abort();
  }, [file, ready]);

  const name = file.origin || 'the file';
  return (
    <ModalDialog className="import-dialog" labelledBy={`${id}-title`} onClose={onClose}>
      <div className="import-dialog-head">
        <h2 id={`${id}-title`}>Import “{name}”</h2>
        <button type="button" className="import-close" onClick={onClose}>
          Close
        </button>
      </div>
      {error ? (
        <p role="alert" className="import-error">
          {error}
        </p>
      ) : null}
      {unsure ? (
        <>
          <p className="lede">
            {error
              ? 'Say what the file is:'
              : 'This file does not clearly follow one of your templates. What is it?'}
          </p>
          <div className="import-choice">
            <button type="button" className="primary" onClick={() => onProposal(file)}>
              A filled proposal
            </button>
            <span className="field-note">Open it as a new draft, with its text in place.</span>
            <button type="button" onClick={() => onTemplate(file)}>
              A template
            </button>
            <span className="field-note">Add it to your templates, to fill in as a form.</span>
          </div>
        </>
      ) : readsInBackground(file.text) ? (
        <WorkProgress
          label="Reading the file"
          size={file.text.length}
          onCancel={() => cancel.current?.abort()}
        />
      ) : (
        <p role="status">Reading the file…</p>
      )}
    </ModalDialog>
  );
}
