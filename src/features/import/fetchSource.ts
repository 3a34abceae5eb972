/** Fetching a template from the web, every failure turned into one sentence. */
import {
  contentsListingSchema,
  contentsUrl,
  explainFetchFailure,
  planUrl,
  TEMPLATE_FOLDERS,
  templateFiles,
} from '../../core/github-source.ts';
import type { RepoTemplateFile } from '../../core/github-source.ts';
import { MAX_TEMPLATE_BYTES } from './analyse.ts';

export type FetchResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * GitHub answers 403 (or 429) with `x-ratelimit-remaining: 0` when the hourly limit for
 * requests without signing in is used up. Its API exposes that header to other sites; when a
 * proxy hides it, a 403 from the API is taken for the limit too (the public contents API has
 * no other reason to refuse).
 */
function isRateLimited(response: Response, url: string): boolean {
  if (response.status !== 403 && response.status !== 429) return false;
  const remaining = response.headers.get('x-ratelimit-remaining');
  return remaining === '0' || (remaining === null && url.startsWith('https://api.github.com/'));
}

async function get(url: string): Promise<FetchResult<Response>> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', redirect: 'follow' });
  } catch {
    return {
      ok: false,
      error: explainFetchFailure({ type: 'network', offline: !navigator.onLine }, url),
    };
  }
  if (!response.ok) {
    return {
      ok: false,
      error: explainFetchFailure(
        { type: 'status', status: response.status, rateLimited: isRateLimited(response, url) },
        url,
      ),
    };
  }
  return { ok: true, value: response };
}

export async function fetchText(url: string): Promise<FetchResult<string>> {
  const response = await get(url);
  if (!response.ok) return response;
  const length = Number(response.value.headers.get('content-length') ?? 0);
  if (length > MAX_TEMPLATE_BYTES) {
    return { ok: false, error: explainFetchFailure({ type: 'too-large' }, url) };
  }
  const text = await response.value.text();
  if (text.length > MAX_TEMPLATE_BYTES) {
    return { ok: false, error: explainFetchFailure({ type: 'too-large' }, url) };
  }
  return { ok: true, value: text };
}

/** The issue and pull-request templates of a public GitHub repository. */
export async function listRepoTemplates(
  owner: string,
  repo: string,
): Promise<FetchResult<RepoTemplateFile[]>> {
  const found: RepoTemplateFile[] = [];
  const seen = new Set<string>();
  for (const folder of TEMPLATE_FOLDERS) {
    const url = contentsUrl(owner, repo, folder);
    let response: Response;
    try {
      response = await fetch(url, {
        credentials: 'omit',
        headers: { Accept: 'application/vnd.github+json' },
      });
    } catch {
      return {
        ok: false,
        error: explainFetchFailure({ type: 'network', offline: !navigator.onLine }, url),
      };
    }
    // A folder the repository does not have.
    if (response.status === 404) {
      if (folder === '') {
        return {
          ok: false,
          error: explainFetchFailure(
            { type: 'status', status: 404, rateLimited: false },
            `https://github.com/${owner}/${repo}`,
          ),
        };
      }
      continue;
    }
    if (!response.ok) {
      return {
        ok: false,
        error: explainFetchFailure(
          { type: 'status', status: response.status, rateLimited: isRateLimited(response, url) },
          url,
        ),
      };
    }
    const listing = contentsListingSchema.safeParse(await response.json().catch(() => null));
    if (!listing.success) continue;
    for (const file of templateFiles(folder, listing.data)) {
      if (!seen.has(file.path)) {
        seen.add(file.path);
        found.push(file);
      }
    }
  }
  return { ok: true, value: found };
}

export { planUrl };
