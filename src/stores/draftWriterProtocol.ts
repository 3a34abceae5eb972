/**
 * Messages between the drafts store and its writer worker (draftWriter.ts), which does each
 * draft's compare-and-set write off the main thread: reading the stored record back and copying
 * the new one (an imported template's text rides in every record, a megabyte for a large one)
 * cost the page tens of milliseconds per save.
 */

export interface DraftWriteRequest {
  /** Answered with the same number. */
  seq: number;
  /** The record's key (the draft's id). */
  id: string;
  /**
   * The record to store. When `sameSource`, it comes without `templateSource`: the worker adds
   * the one it was last sent for this draft (the page sends the text again only when it changed).
   */
  record: Record<string, unknown>;
  sameSource: boolean;
  /** Versions (`rev@updatedAt`) this tab wrote or read: a stored version not among them is another tab's. */
  known: string[];
}

export type DraftWriteReply =
  | { seq: number; result: 'stored' }
  /** The stored record is a version this tab does not know (another tab saved it): not written. */
  | { seq: number; result: 'conflict'; stored: unknown }
  /** The worker has no template text for a `sameSource` request (it never got one): send it. */
  | { seq: number; result: 'need-source' }
  | { seq: number; result: 'error'; name: string; message: string };

/** A version token, as the drafts store keeps them. */
export function versionToken(d: { rev?: unknown; updatedAt?: unknown }): string {
  return `${String(d.rev)}@${String(d.updatedAt)}`;
}
