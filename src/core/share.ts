/**
 * Share links: a draft (template, title, values) compressed into the URL fragment. The fragment is
 * never sent to a server, so the draft travels only inside the link. A share link is user content
 * from anyone: decodeShare validates it with the same zod schema that types the values, and never
 * throws.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { z } from './zod.ts';
import { LIMITS, checkSize, limitMessage } from './limits.ts';
import { valuesSchema } from './model.ts';

/** Links longer than this get a warning: some chat tools and browsers truncate them. */
export const SHARE_WARN_LENGTH = 8000;

/** The route a share link opens: `#/share/<data>`. */
export const SHARE_HASH_PREFIX = '#/share/';

/** Larger share data is refused before decompression (browsers cut URLs at about 2 MB). */
export const MAX_SHARE_DATA_LENGTH = LIMITS.shareLinkChars;

export const sharePayloadSchema = z.object({
  v: z.literal(1),
  templateId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The template's own text, for an imported template the receiver does not have. */
  templateSource: z.optional(z.string()),
  title: z.string().check(z.maxLength(10_000)),
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
    return {
      ok: false,
      error: `The share link cannot be opened. ${limitMessage('shareLink', text.length)}`,
    };
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
  const overLimit = payloadOverLimit(raw);
  if (overLimit) return { ok: false, error: `The share link cannot be opened. ${overLimit}` };
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

/**
 * The limits a share link's content must keep, as for an imported template and a typed draft:
 * the template it carries, each value, and all values together.
 */
function payloadOverLimit(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  if ('templateSource' in raw && typeof raw.templateSource === 'string') {
    const problem = checkSize('template', raw.templateSource);
    if (problem) return problem;
  }
  if (!('values' in raw)) return null;
  let total = 0;
  let longest = 0;
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === 'string') {
      total += value.length;
      longest = Math.max(longest, value.length);
    } else if (typeof value === 'object' && value !== null && depth < 16) {
      for (const item of Object.values(value)) visit(item, depth + 1);
    }
  };
  visit(raw.values, 0);
  if (longest > LIMITS.fieldChars) return limitMessage('field', longest);
  return total > LIMITS.documentChars ? limitMessage('document', total) : null;
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
