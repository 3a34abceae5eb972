import type { DocumentKind, ProposalReading } from '../../core/proposal-import.ts';
import type { Candidate } from '../../core/recognize.ts';

/** What the page asks the proposal worker: read a document, or say what it seems to be. */
export type ProposalWorkerRequest =
  | {
      type: 'read';
      markdown: string;
      candidates: Candidate<string>[];
      chosen: string | null;
    }
  | { type: 'classify'; markdown: string; candidates: Candidate<string>[] };

/** The worker's answer, or why the document could not be read. */
export type ProposalWorkerReply =
  | { ok: true; type: 'read'; reading: ProposalReading<string> }
  | { ok: true; type: 'classify'; kind: DocumentKind<string> }
  | { ok: false; message: string };
