/**
 * Share links: a draft (template, title, values) compressed into the URL fragment. The fragment is
 * never sent to a server, so the draft travels only inside the link. A share link is user content
 * from anyone: decodeShare validates it with the same zod schema that types the values, and never
 * throws.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { z } from 'zod';
import { valuesSchema } from './model.ts';

/** Links longer than this get a warning: some chat tools and browsers truncate them. */
export const SHARE_WARN_LENGTH = 8000;

/** The route a share link opens: `#/share/<data>`. */
export const SHARE_HASH_PREFIX = '#/share/';

/** Larger share data is refused before decompression (a link is never this long in practice). */
export const MAX_SHARE_DATA_LENGTH = 2_000_000;

export const sharePayloadSchema = z.object({
  v: z.literal(1),
  templateId: z.string().min(1).max(200),
  /** The template's own text, for an imported template the receiver does not have. */
  templateSource: z.string().max(5_000_000).optional(),
  title: z.string().max(10_000),
  values: valuesSchema,
});
export type SharePayload = z.infer<typeof sharePayloadSchema>;

export type DecodeShareResult = { ok: true; payload: SharePayload } | { ok: false; error: string };

/** Compresses the payload into URL-safe text (lz-string's encoded-URI-component alphabet). */
export function encodeShare(payload: SharePayload): string {
  return compressToEncodedURIComponent(JSON.stringify(payload));
}

/** Reads share data back; a corrupt, truncated or hostile link gives a clear error. */
export function decodeShare(data: string): DecodeShareResult {
  let text = data.trim();
  // Some chat tools percent-encode `$` and `+` in links they pass on.
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // Left as it is: the character check below explains the problem.
    }
  }
  if (text === '') return { ok: false, error: 'The share link holds no data.' };
  if (text.length > MAX_SHARE_DATA_LENGTH) {
    return { ok: false, error: 'The share link is too large to open.' };
  }
  if (!/^[A-Za-z0-9+\-$]+$/.test(text)) {
    return {
      ok: false,
      error: 'The share link has characters a share link never has: it was probably altered.',
    };
  }
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(text);
  } catch {
    json = null;
  }
  if (!json) {
    return {
      ok: false,
      error: 'The share link is damaged or cut short: ask for the whole link again.',
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {
      ok: false,
      error: 'The share link is damaged or cut short: ask for the whole link again.',
    };
  }
  if (typeof raw === 'object' && raw !== null && 'v' in raw && raw.v !== 1) {
    return {
      ok: false,
      error: 'The share link comes from a different version of Proposal Studio.',
    };
  }
  const parsed = sharePayloadSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    return {
      ok: false,
      error: `The share link does not hold a valid proposal${where}.`,
    };
  }
  return { ok: true, payload: parsed.data };
}

/** `${baseUrl without its fragment}#/share/<data>`. */
export function shareUrl(baseUrl: string, payload: SharePayload): string {
  const hash = baseUrl.indexOf('#');
  const base = hash >= 0 ? baseUrl.slice(0, hash) : baseUrl;
  return `${base}${SHARE_HASH_PREFIX}${encodeShare(payload)}`;
}

/** The share data in a location hash (`#/share/<data>`), or null when it is not a share link. */
export function shareDataFromHash(hash: string): string | null {
  return hash.startsWith(SHARE_HASH_PREFIX) ? hash.slice(SHARE_HASH_PREFIX.length) : null;
}
