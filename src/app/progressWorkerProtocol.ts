import type { Draft } from '../stores/drafts.ts';

/** A draft whose progress line the gallery wants. */
export interface ProgressWorkerRequest {
  draft: Draft;
}

/** The line for the draft with this id at this revision (undefined: its template is gone). */
export interface ProgressWorkerReply {
  id: string;
  rev: number;
  text: string | undefined;
}
