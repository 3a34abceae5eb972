/**
 * GitHub export links: a prefilled new issue, pull request (compare view) or new file.
 *
 * Pure TypeScript (no DOM, no Node): the URL is assembled with `encodeURIComponent` only, so it
 * builds the same everywhere. Every piece that goes into the path (host, owner, repository,
 * branches, file path) is validated first and carried as a branded type, so a builder can only be
 * called with values that passed validation, and the result always starts with the validated
 * `https://` origin: no builder can produce a link to another host or scheme.
 *
 * Lengths are measured on the final, percent-encoded URL (non-Latin text grows up to 9× when
 * encoded). GitHub answers 414 above about 8 KB, so a link that would exceed `MAX_URL_LENGTH`
 * is returned without its body and says so; the caller puts the body on the clipboard.
 */
import { slugify } from './filename.ts';

/** GitHub answers 414 URI Too Long above roughly 8 KB. */
export const MAX_URL_LENGTH = 8000;

export type GithubTarget = 'issue' | 'pull-request' | 'new-file';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A validated `https://` origin of github.com or a GitHub Enterprise host. */
export interface GithubHost {
  /** `https://github.com`, `https://github.example.com`, `https://ghe.example.com:8443`. */
  readonly origin: Brand<string, 'GithubOrigin'>;
  /** Host name, lower case, without port. */
  readonly hostname: string;
}

/** A validated OWNER/REPO pair. */
export interface GithubRepository {
  readonly owner: Brand<string, 'GithubOwner'>;
  readonly repo: Brand<string, 'GithubRepo'>;
}

/** A branch name that passed `git check-ref-format --branch`'s rules. */
export type BranchName = Brand<string, 'BranchName'>;
/** A pull-request head: `branch` or `owner:branch` (a branch in a fork). */
export type HeadRef = Brand<string, 'HeadRef'>;
/** A relative file path inside the repository. */
export type RepoFilePath = Brand<string, 'RepoFilePath'>;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

// ---------------------------------------------------------------------------------------------
// Host

const DEFAULT_HOSTNAME = 'github.com';

export const DEFAULT_HOST: GithubHost = {
  origin: 'https://github.com' as GithubHost['origin'],
  hostname: DEFAULT_HOSTNAME,
};

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Reads the GitHub host setting. Empty means github.com. A GitHub Enterprise host may be given
 * as `ghe.example.com` or `https://ghe.example.com` (a trailing `/` is fine); anything but
 * `https://`, credentials, a path, a query, an IP literal or an odd port is refused.
 */
export function parseHost(input: string): Result<GithubHost> {
  let text = input.trim();
  if (text === '') return ok(DEFAULT_HOST);
  // `host:8443` is a host and a port, not a scheme.
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d+\/?$)/i.exec(text);
  if (scheme) {
    if (scheme[1]?.toLowerCase() !== 'https' || !/^https:\/\//i.test(text)) {
      return fail('Only https:// hosts can be used.');
    }
    text = text.slice('https://'.length);
  } else if (text.startsWith('/') || text.startsWith('\\')) {
    return fail('Give a host name such as github.example.com.');
  }
  if (text.endsWith('/')) text = text.slice(0, -1);
  if (text.includes('@')) return fail('The host must not contain a user name or password.');
  if (/[/?#\\]/.test(text)) return fail('The host must be a bare host name, without a path.');
  const match = /^([^:]*)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return fail('The port must be a number.');
  const hostname = (match[1] ?? '').toLowerCase();
  const portText = match[2];
  if (hostname.length === 0 || hostname.length > 253) return fail('The host name is not valid.');
  const labels = hostname.split('.');
  if (labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) {
    return fail('The host name is not valid: use letters, digits, hyphens and dots.');
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return fail('Use the host name, not an IP address.');
  }
  if (hostname === DEFAULT_HOSTNAME) {
    if (portText !== undefined && portText !== '443') return fail('github.com takes no port.');
    return ok(DEFAULT_HOST);
  }
  // Look-alikes of github.com are phishing, and subdomains of github.com are not Enterprise hosts.
  if (hostname.startsWith('github.com.') || hostname.endsWith('.github.com')) {
    return fail(`${hostname} is not github.com nor a GitHub Enterprise host.`);
  }
  let port = '';
  if (portText !== undefined) {
    const n = Number(portText);
    if (portText.startsWith('0') || n < 1 || n > 65535) return fail('The port is not valid.');
    if (n !== 443) port = `:${n}`;
  }
  return ok({ origin: `https://${hostname}${port}` as GithubHost['origin'], hostname });
}

// ---------------------------------------------------------------------------------------------
// Owner, repository, users

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** Error message for a GitHub user or organisation name, or null when it is valid. */
export function ownerError(owner: string): string | null {
  if (owner === '') return 'The owner is empty.';
  if (owner.length > 39) return 'An owner name has at most 39 characters.';
  if (!/^[A-Za-z0-9-]+$/.test(owner)) {
    return 'An owner name has only letters, digits and hyphens.';
  }
  if (owner.startsWith('-') || owner.endsWith('-')) {
    return 'An owner name does not start or end with a hyphen.';
  }
  if (!OWNER.test(owner)) return 'An owner name has no two hyphens in a row.';
  return null;
}

function repoError(repo: string): string | null {
  if (repo === '') return 'The repository name is empty.';
  if (repo.length > 100) return 'A repository name has at most 100 characters.';
  if (!REPO.test(repo)) {
    return 'A repository name has only letters, digits, ".", "-" and "_".';
  }
  if (repo === '.' || repo === '..') return 'The repository name cannot be "." or "..".';
  return null;
}

/**
 * Reads `owner/repo`, or a pasted `https://HOST/owner/repo(.git)` URL of the given host (extra
 * path such as `/issues` is ignored). A URL of any other host or scheme is refused.
 */
export function parseRepository(
  input: string,
  host: GithubHost = DEFAULT_HOST,
): Result<GithubRepository> {
  let text = input.trim();
  if (text === '') return fail('Enter the repository as OWNER/REPO.');
  if (/\s/.test(text)) return fail('The repository must not contain spaces.');
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) {
    const url = /^https:\/\/([^/?#]+)(\/[^?#]*)?(?:[?#].*)?$/i.exec(text);
    if (!url) return fail(`Only links to ${host.origin} can be pasted here.`);
    const parsedHost = parseHost(url[1] ?? '');
    if (!parsedHost.ok || parsedHost.value.origin !== host.origin) {
      return fail(`Only links to ${host.origin} can be pasted here.`);
    }
    const parts = (url[2] ?? '').split('/').filter((part) => part !== '');
    if (parts.length < 2) return fail('The link does not name a repository (OWNER/REPO).');
    text = `${parts[0]}/${parts[1]}`;
    if (text.toLowerCase().endsWith('.git')) text = text.slice(0, -4);
  }
  let parts = text.split('/');
  // `github.com/owner/repo` pasted without its scheme.
  if (parts.length >= 3 && parts[0]?.toLowerCase() === host.origin.slice('https://'.length)) {
    parts = parts.slice(1, 3);
    if (parts[1]?.toLowerCase().endsWith('.git')) parts[1] = parts[1].slice(0, -4);
  }
  if (parts.length !== 2)
    return fail('Enter the repository as OWNER/REPO, e.g. octo-org/octo-repo.');
  const owner = parts[0] ?? '';
  const repo = parts[1] ?? '';
  const error = ownerError(owner) ?? repoError(repo);
  if (error) return fail(error);
  return ok({
    owner: owner as GithubRepository['owner'],
    repo: repo as GithubRepository['repo'],
  });
}

// ---------------------------------------------------------------------------------------------
// Branches and paths

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Error message for a branch name (git check-ref-format rules), or null when it is valid. */
export function branchNameError(name: string): string | null {
  if (name === '') return 'The branch name is empty.';
  if (name.length > 255) return 'The branch name is too long.';
  if (name === '@') return 'A branch cannot be named "@".';
  if (name.startsWith('-')) return 'A branch name does not start with "-".';
  if (CONTROL.test(name)) return 'A branch name has no control characters.';
  if (name.includes(' ')) return 'A branch name has no spaces.';
  const bad = /[~^:?*[\\]/.exec(name);
  if (bad) return `A branch name cannot contain "${bad[0]}".`;
  if (name.includes('..')) return 'A branch name cannot contain "..".';
  if (name.includes('@{')) return 'A branch name cannot contain "@{".';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) {
    return 'A branch name has no leading, trailing or double "/".';
  }
  if (name.endsWith('.')) return 'A branch name does not end with ".".';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return 'No part of a branch name starts with ".".';
    if (part.endsWith('.lock')) return 'No part of a branch name ends with ".lock".';
  }
  return null;
}

export function parseBranchName(input: string): Result<BranchName> {
  const name = input.trim();
  const error = branchNameError(name);
  return error ? fail(error) : ok(name as BranchName);
}

/** A pull-request head: a branch, or `owner:branch` for a branch in a fork. */
export function parseHeadRef(input: string): Result<HeadRef> {
  const text = input.trim();
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const forkOwner = text.slice(0, colon);
    const error = ownerError(forkOwner);
    if (error) return fail(`Before ":" comes the fork's owner. ${error}`);
    const branch = parseBranchName(text.slice(colon + 1));
    return branch.ok ? ok(`${forkOwner}:${branch.value}` as HeadRef) : branch;
  }
  const branch = parseBranchName(text);
  return branch.ok ? ok(branch.value as string as HeadRef) : branch;
}

/** Error message for a file path in the repository, or null when it is valid. */
export function filePathError(path: string): string | null {
  if (path === '') return 'The file path is empty.';
  if (path.length > 1024) return 'The file path is too long.';
  if (path.startsWith('/')) return 'The file path is relative: no leading "/".';
  if (path.includes('\\')) return 'Use "/" between folders, not "\\".';
  if (CONTROL.test(path)) return 'The file path has no control characters.';
  if (path.endsWith('/')) return 'The file path ends with a file name, not "/".';
  for (const part of path.split('/')) {
    if (part === '') return 'The file path has an empty folder name ("//").';
    if (part === '..' || part === '.') return 'The file path has no "." or ".." parts.';
    if (part.trim() !== part) return 'No part of the file path starts or ends with a space.';
  }
  return null;
}

export function parseFilePath(input: string): Result<RepoFilePath> {
  const path = input.trim();
  const error = filePathError(path);
  return error ? fail(error) : ok(path as RepoFilePath);
}

// ---------------------------------------------------------------------------------------------
// Labels and assignees

/** Trims, drops empty entries and duplicates. */
function cleanNames(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name !== '' && !out.includes(name)) out.push(name);
  }
  return out;
}

function labelsError(labels: readonly string[]): string | null {
  for (const label of labels) {
    // The parameter is comma-separated, and GitHub splits after decoding: a comma cannot be sent.
    if (label.includes(',')) return `The label "${label}" has a comma: it cannot go in a link.`;
    if (CONTROL.test(label)) return `The label "${label}" has control characters.`;
    if (label.length > 100) return 'A label has at most 100 characters.';
  }
  return null;
}

function assigneesError(assignees: readonly string[]): string | null {
  for (const user of assignees) {
    const name = user.startsWith('@') ? user.slice(1) : user;
    const error = ownerError(name);
    if (error) return `"${user}" is not a GitHub user name.`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// URL builders

export interface GithubUrl {
  /** The link, never longer than MAX_URL_LENGTH. */
  url: string;
  /** `url.length`: the encoded URL is ASCII, so this is also its size in bytes. */
  length: number;
  /** Whether the body (issue/PR body, new file content) is in the link. */
  bodyIncluded: boolean;
  /** True when a non-empty body was left out because the link would exceed MAX_URL_LENGTH. */
  bodyOmittedBecauseTooLong: boolean;
}

interface CommonParams {
  host?: GithubHost;
  repository: GithubRepository;
  title: string;
  body: string;
  /** Opt-in: GitHub answers 404 when the person may not set labels. */
  labels?: readonly string[];
  /** Opt-in: GitHub answers 404 when the person may not assign. */
  assignees?: readonly string[];
}

export type IssueParams = CommonParams;

export interface PullRequestParams extends CommonParams {
  /** Omitted: GitHub compares with the repository's default branch. */
  base?: BranchName;
  head: HeadRef;
}

export interface NewFileParams {
  host?: GithubHost;
  repository: GithubRepository;
  branch: BranchName;
  path: RepoFilePath;
  /** The file's content. */
  body: string;
}

// Lone surrogates cannot be percent-encoded (encodeURIComponent throws): they become U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Percent-encodes a query value or path segment (UTF-8, everything but A-Z a-z 0-9 -_.!~*'()). */
export function encodeComponent(text: string): string {
  // Browsers percent-encode `'` in a query when they open the link: encode it here, so the
  // length measured is the length GitHub receives.
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD')).replace(/'/g, '%27');
}

/** A branch or path keeps its `/` separators; each segment is encoded. */
function encodePath(path: string): string {
  return path.split('/').map(encodeComponent).join('/');
}

type Query = [name: string, value: string][];

function queryString(query: Query): string {
  return query.map(([name, value]) => `${name}=${value}`).join('&');
}

function repoBase(host: GithubHost, repository: GithubRepository): string {
  return `${host.origin}/${repository.owner}/${repository.repo}`;
}

/**
 * Builds `prefix?query` with the body parameter if it fits, without it if not. The body goes
 * last so the other parameters never depend on it.
 */
function assemble(
  origin: string,
  prefix: string,
  query: Query,
  bodyName: string,
  body: string,
): Result<GithubUrl> {
  // Defence in depth: the origin comes from parseHost, so this cannot fail, but a link to another
  // host must never leave this module.
  if (!/^https:\/\/[a-z0-9.-]+(?::\d+)?$/.test(origin) || !prefix.startsWith(`${origin}/`)) {
    return fail('Only https GitHub hosts can be opened.');
  }
  const without = query.length > 0 ? `${prefix}?${queryString(query)}` : prefix;
  if (without.length > MAX_URL_LENGTH) {
    return fail(
      `Even without the body, the link has ${without.length} characters, over ${MAX_URL_LENGTH}: shorten the title, labels or assignees.`,
    );
  }
  if (body === '') {
    return ok({
      url: without,
      length: without.length,
      bodyIncluded: false,
      bodyOmittedBecauseTooLong: false,
    });
  }
  const full = `${prefix}?${queryString([...query, [bodyName, encodeComponent(body)]])}`;
  if (full.length <= MAX_URL_LENGTH) {
    return ok({
      url: full,
      length: full.length,
      bodyIncluded: true,
      bodyOmittedBecauseTooLong: false,
    });
  }
  return ok({
    url: without,
    length: without.length,
    bodyIncluded: false,
    bodyOmittedBecauseTooLong: true,
  });
}

function commonQuery(params: CommonParams): Result<Query> {
  const query: Query = [];
  const labels = cleanNames(params.labels ?? []);
  const assignees = cleanNames(params.assignees ?? []).map((a) =>
    a.startsWith('@') ? a.slice(1) : a,
  );
  const error = labelsError(labels) ?? assigneesError(assignees);
  if (error) return fail(error);
  if (params.title !== '') query.push(['title', encodeComponent(params.title)]);
  if (labels.length > 0) query.push(['labels', labels.map(encodeComponent).join(',')]);
  if (assignees.length > 0) query.push(['assignees', assignees.map(encodeComponent).join(',')]);
  return ok(query);
}

/** `https://HOST/OWNER/REPO/issues/new?title=…&labels=a,b&assignees=…&body=…` */
export function buildIssueUrl(params: IssueParams): Result<GithubUrl> {
  const host = params.host ?? DEFAULT_HOST;
  const query = commonQuery(params);
  if (!query.ok) return query;
  const prefix = `${repoBase(host, params.repository)}/issues/new`;
  return assemble(host.origin, prefix, query.value, 'body', params.body);
}

/**
 * `https://HOST/OWNER/REPO/compare/BASE...HEAD?quick_pull=1&title=…&body=…`, or
 * `compare/HEAD?quick_pull=1…` (against the default branch) when no base is given.
 */
export function buildPullRequestUrl(params: PullRequestParams): Result<GithubUrl> {
  const host = params.host ?? DEFAULT_HOST;
  const query = commonQuery(params);
  if (!query.ok) return query;
  const head = encodePath(params.head);
  const range = params.base ? `${encodePath(params.base)}...${head}` : head;
  const prefix = `${repoBase(host, params.repository)}/compare/${range}`;
  return assemble(host.origin, prefix, [['quick_pull', '1'], ...query.value], 'body', params.body);
}

/** `https://HOST/OWNER/REPO/new/BRANCH?filename=PATH&value=…` */
export function buildNewFileUrl(params: NewFileParams): Result<GithubUrl> {
  const host = params.host ?? DEFAULT_HOST;
  const prefix = `${repoBase(host, params.repository)}/new/${encodePath(params.branch)}`;
  const query: Query = [['filename', encodeComponent(params.path)]];
  return assemble(host.origin, prefix, query, 'value', params.body);
}

// ---------------------------------------------------------------------------------------------
// One call for a form: validates every raw field and builds the link for the chosen target.

export interface ExportRequest {
  target: GithubTarget;
  /** Empty for github.com. */
  host: string;
  repository: string;
  title: string;
  body: string;
  labels: readonly string[];
  assignees: readonly string[];
  /** Pull request: empty for the default branch. */
  base: string;
  /** Pull request head branch (`branch` or `owner:branch`). */
  head: string;
  /** New file: the branch to commit to. */
  branch: string;
  /** New file: the path of the file. */
  path: string;
}

export type ExportField =
  'host' | 'repository' | 'base' | 'head' | 'branch' | 'path' | 'labels' | 'assignees' | 'url';

export type ExportErrors = Partial<Record<ExportField, string>>;

export type ExportUrlResult = { ok: true; value: GithubUrl } | { ok: false; errors: ExportErrors };

/** Validates the fields the target needs and builds its link; errors are keyed by field. */
export function buildExportUrl(request: ExportRequest): ExportUrlResult {
  const errors: ExportErrors = {};
  const host = parseHost(request.host);
  if (!host.ok) errors.host = host.error;
  const repository = parseRepository(request.repository, host.ok ? host.value : DEFAULT_HOST);
  if (!repository.ok) errors.repository = repository.error;
  const labels = labelsError(cleanNames(request.labels));
  if (labels && request.target !== 'new-file') errors.labels = labels;
  const assignees = assigneesError(cleanNames(request.assignees));
  if (assignees && request.target !== 'new-file') errors.assignees = assignees;

  let result: Result<GithubUrl> | undefined;
  if (request.target === 'issue') {
    if (host.ok && repository.ok && !labels && !assignees) {
      result = buildIssueUrl({ ...request, host: host.value, repository: repository.value });
    }
  } else if (request.target === 'pull-request') {
    const base = request.base.trim() === '' ? undefined : parseBranchName(request.base);
    if (base && !base.ok) errors.base = base.error;
    const head = parseHeadRef(request.head);
    if (!head.ok) errors.head = head.error;
    if (host.ok && repository.ok && head.ok && (!base || base.ok) && !labels && !assignees) {
      result = buildPullRequestUrl({
        ...request,
        host: host.value,
        repository: repository.value,
        base: base?.value,
        head: head.value,
      });
    }
  } else {
    const branch = parseBranchName(request.branch);
    if (!branch.ok) errors.branch = branch.error;
    const path = parseFilePath(request.path);
    if (!path.ok) errors.path = path.error;
    if (host.ok && repository.ok && branch.ok && path.ok) {
      result = buildNewFileUrl({
        host: host.value,
        repository: repository.value,
        branch: branch.value,
        path: path.value,
        body: request.body,
      });
    }
  }
  if (result && !result.ok) errors.url = result.error;
  if (!result || !result.ok) return { ok: false, errors };
  return { ok: true, value: result.value };
}

// ---------------------------------------------------------------------------------------------
// File names

// In a module of its own so downloading a draft does not load the GitHub export code.
export { fileNameFromTitle, slugify } from './filename.ts';

/** Where a proposal goes as a new file: `docs/proposals/<slug>.md` (template id as fallback). */
export function defaultNewFilePath(title: string, templateId: string): string {
  const slug = slugify(title) || slugify(templateId) || 'proposal';
  return `docs/proposals/${slug}.md`;
}
