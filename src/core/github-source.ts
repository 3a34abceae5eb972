/**
 * Importing templates from the web: which address to fetch for what the author typed, and
 * which files of a GitHub repository are templates. Pure: the app does the fetching.
 */
import { z } from './zod.ts';

export type UrlPlan =
  | { kind: 'file'; url: string }
  | { kind: 'repo'; owner: string; repo: string }
  | { kind: 'error'; message: string };

const NAME_RE = /^[A-Za-z0-9_.-]{1,100}$/;

/** A typed address → a file to fetch (a GitHub `blob` page becomes its raw file) or a repository. */
export function planUrl(input: string): UrlPlan {
  const text = input.trim();
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s@]+)([^?#\s]*)(\?[^#\s]*)?(#\S*)?$/i.exec(text);
  if (!match) {
    return { kind: 'error', message: 'That is not a web address: it should start with https://.' };
  }
  const [, scheme = '', host = '', pathname = ''] = match;
  if (scheme.toLowerCase() !== 'https') {
    return { kind: 'error', message: 'Only https:// addresses can be imported.' };
  }
  const hostname = host.toLowerCase().replace(/:443$/, '');
  if (hostname === 'github.com' || hostname === 'www.github.com') {
    const parts = pathname.split('/').filter(Boolean);
    const [owner, rawRepo, kind, ref, ...path] = parts;
    const repo = rawRepo?.replace(/\.git$/, '');
    if (!owner || !repo || !NAME_RE.test(owner) || !NAME_RE.test(repo)) {
      return {
        kind: 'error',
        message: 'A GitHub address needs an owner and a repository: https://github.com/OWNER/REPO.',
      };
    }
    if (kind === undefined || (kind === 'tree' && path.length === 0)) {
      return { kind: 'repo', owner, repo };
    }
    if ((kind === 'blob' || kind === 'raw') && ref && path.length) {
      return {
        kind: 'file',
        url: `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${path.join('/')}`,
      };
    }
    return {
      kind: 'error',
      message:
        'Use the address of a file (…/blob/BRANCH/PATH) or of the repository itself (https://github.com/OWNER/REPO).',
    };
  }
  return { kind: 'file', url: text };
}

/** Folders GitHub looks in for issue and pull-request templates ("" is the repository's root). */
export const TEMPLATE_FOLDERS = [
  '.github/ISSUE_TEMPLATE',
  '.github/PULL_REQUEST_TEMPLATE',
  '.github',
  '',
  'docs',
] as const;

export function contentsUrl(owner: string, repo: string, folder: string): string {
  const path = folder
    .split('/')
    .filter(Boolean)
    .map((p) => encodeURIComponent(p))
    .join('/');
  return `https://api.github.com/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/contents/${path}`;
}

export const contentsEntrySchema = z.object({
  name: z.string(),
  path: z.string(),
  type: z.string(),
  download_url: z.optional(z.nullable(z.string())),
});
export const contentsListingSchema = z.array(contentsEntrySchema);
export type ContentsEntry = z.infer<typeof contentsEntrySchema>;

export interface RepoTemplateFile {
  path: string;
  name: string;
  /** The raw file's address. */
  url: string;
  kind: 'issue' | 'pull-request';
}

const TEMPLATE_EXT_RE = /\.(md|markdown|txt|ya?ml)$/i;
const PR_TEMPLATE_RE = /^pull_request_template(\.(md|markdown|txt))?$/i;

/** The template files of one folder's listing. */
export function templateFiles(folder: string, entries: ContentsEntry[]): RepoTemplateFile[] {
  const out: RepoTemplateFile[] = [];
  for (const entry of entries) {
    if (entry.type !== 'file' || !entry.download_url?.startsWith('https://')) continue;
    let kind: RepoTemplateFile['kind'] | null = null;
    if (folder === '.github/ISSUE_TEMPLATE') {
      // config.yml configures the chooser; it is not a template.
      if (TEMPLATE_EXT_RE.test(entry.name) && !/^config\.ya?ml$/i.test(entry.name)) kind = 'issue';
    } else if (folder === '.github/PULL_REQUEST_TEMPLATE') {
      if (TEMPLATE_EXT_RE.test(entry.name)) kind = 'pull-request';
    } else if (PR_TEMPLATE_RE.test(entry.name)) {
      kind = 'pull-request';
    }
    if (kind) out.push({ path: entry.path, name: entry.name, url: entry.download_url, kind });
  }
  return out;
}

export type FetchFailure =
  | { type: 'status'; status: number; rateLimited: boolean }
  | { type: 'network'; offline: boolean }
  | { type: 'too-large' };

/** One sentence saying why an address could not be read, and what to do instead. */
export function explainFetchFailure(failure: FetchFailure, address: string): string {
  switch (failure.type) {
    case 'network':
      return failure.offline
        ? 'You are offline: importing from an address needs the network, but a file or pasted text works now.'
        : `${address} could not be reached: the site may be down, or it does not allow other sites to read it (CORS); download the file and import it from a file instead.`;
    case 'too-large':
      return `${address} is larger than 2 MB: that is not a template.`;
    case 'status':
      if (failure.rateLimited) {
        return 'GitHub’s limit of requests without signing in is used up for now (about an hour): open the template file on GitHub and paste it, or try again later.';
      }
      if (failure.status === 404) {
        return `${address} was not found (404): check the address, and that the repository is public.`;
      }
      return `${address} answered with an error (HTTP ${failure.status}); try again later, or paste the template.`;
  }
}
