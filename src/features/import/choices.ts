/**
 * The templates a filled document may follow (built in and imported), and reading a document
 * against them: on the page for ordinary documents, in a worker (cancellable) for large ones.
 */
import type { DocumentKind, ProposalReading } from '../../core/proposal-import.ts';
import type { Candidate } from '../../core/recognize.ts';
import type { Template } from '../../core/template/types.ts';
import type { TemplateRecord } from '../../stores/templates.ts';
import {
  loadBuiltInTemplate,
  parseImportedTemplate,
  WORKER_THRESHOLD,
} from '../../templates/builtin.ts';
import { BUILT_IN_TEMPLATES } from '../../templates/registry.ts';
import { loadYaml } from '../../templates/yaml-lazy.ts';
import type { ProposalWorkerReply, ProposalWorkerRequest } from './proposalWorkerProtocol.ts';

/** A template a document may follow: built in, or imported (with its text and name for the draft). */
export interface Choice {
  id: string;
  name: string;
  template: Template;
  /** The imported template's text; undefined for a built-in one. */
  source: string | undefined;
}

export async function loadChoices(records: Record<string, TemplateRecord>): Promise<Choice[]> {
  await loadYaml();
  const builtIns = await Promise.all(
    BUILT_IN_TEMPLATES.map(async (entry) => ({
      id: entry.id,
      name: entry.name,
      template: await loadBuiltInTemplate(entry),
      source: undefined,
    })),
  );
  const imported: Choice[] = [];
  for (const record of Object.values(records)) {
    try {
      imported.push({
        id: record.id,
        name: record.name,
        template: await parseImportedTemplate(record.source),
        source: record.source,
      });
    } catch {
      // A template that no longer parses cannot be offered; it stays in the gallery.
    }
  }
  return [...builtIns, ...imported];
}

function candidates(choices: readonly Choice[]): Candidate<string>[] {
  return choices.map((c) => ({ id: c.id, template: c.template, format: c.template.format }));
}

/** Whether reading `text` goes to the worker (with a progress indication and Cancel). */
export function readsInBackground(text: string): boolean {
  return text.length >= WORKER_THRESHOLD && typeof Worker !== 'undefined';
}

/** Reads a filled document against `chosen` (null: the closest template). */
export async function readProposalText(
  markdown: string,
  choices: readonly Choice[],
  chosen: string | null,
  signal?: AbortSignal,
): Promise<ProposalReading<string>> {
  signal?.throwIfAborted();
  if (readsInBackground(markdown)) {
    const reply = await inWorker(
      { type: 'read', markdown, candidates: candidates(choices), chosen },
      signal,
    );
    if (reply.type !== 'read') throw new Error('The document could not be read.');
    return reply.reading;
  }
  const { readProposal } = await import('../../core/proposal-import.ts');
  signal?.throwIfAborted();
  return readProposal(markdown, candidates(choices), chosen);
}

/** What a dropped file seems to be: a proposal following a known template, a template, or either. */
export async function classifyText(
  markdown: string,
  choices: readonly Choice[],
  signal?: AbortSignal,
): Promise<DocumentKind<string>> {
  signal?.throwIfAborted();
  if (readsInBackground(markdown)) {
    const reply = await inWorker(
      { type: 'classify', markdown, candidates: candidates(choices) },
      signal,
    );
    if (reply.type !== 'classify') throw new Error('The file could not be read.');
    return reply.kind;
  }
  const { classifyDocument } = await import('../../core/proposal-import.ts');
  signal?.throwIfAborted();
  return classifyDocument(markdown, candidates(choices));
}

function inWorker(
  request: ProposalWorkerRequest,
  signal: AbortSignal | undefined,
): Promise<Extract<ProposalWorkerReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./proposalWorker.ts', import.meta.url), {
      type: 'module',
      name: 'proposal-reader',
    });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new DOMException('Reading the document was cancelled.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<ProposalWorkerReply>) => {
      finish();
      const reply = event.data;
      if (reply.ok) resolve(reply);
      else reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'The document could not be read.'));
    };
    worker.postMessage(request);
  });
}
