/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_HOST,
  MAX_URL_LENGTH,
  branchNameError,
  buildExportUrl,
  buildIssueUrl,
  buildNewFileUrl,
  buildPullRequestUrl,
  defaultNewFilePath,
  fileNameFromTitle,
  filePathError,
  parseBranchName,
  parseFilePath,
  parseHeadRef,
  parseHost,
  parseRepository,
} from './github.ts';
import type { ExportRequest, GithubHost, GithubRepository, Result } from './github.ts';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

const repo = value(parseRepository('octo-org/octo-repo'));

/** Decodes with the platform's URL parser, independent of the builder's encoder. */
function decode(url: string) {
  const parsed = new URL(url);
  return { parsed, params: parsed.searchParams };
}

const request = (over: Partial<ExportRequest> = {}): ExportRequest => ({
  target: 'issue',
  host: '',
  repository: 'octo-org/octo-repo',
  title: 'A title',
  body: 'Body',
  labels: [],
  assignees: [],
  base: '',
  head: 'feature',
  branch: 'main',
  path: 'docs/proposals/a.md',
  ...over,
});

describe('parseRepository', () => {
  it.each([
    ['octo-org/octo-repo', 'octo-org', 'octo-repo'],
    ['  a/b  ', 'a', 'b'],
    ['A1-b2/.github', 'A1-b2', '.github'],
    ['o/re_po.js-x', 'o', 're_po.js-x'],
    ['https://github.com/octo-org/octo-repo', 'octo-org', 'octo-repo'],
    ['https://github.com/octo-org/octo-repo.git', 'octo-org', 'octo-repo'],
    ['https://github.com/octo-org/octo-repo/issues/12?x=1#y', 'octo-org', 'octo-repo'],
    ['HTTPS://GitHub.com/o/r/', 'o', 'r'],
    ['github.com/o/r', 'o', 'r'],
    [`${'a'.repeat(39)}/${'b'.repeat(100)}`, 'a'.repeat(39), 'b'.repeat(100)],
  ])('accepts %s', (input, owner, name) => {
    const result = value(parseRepository(input));
    expect(result.owner).toBe(owner);
    expect(result.repo).toBe(name);
  });

  it.each([
    '',
    'octo',
    'a/b/c',
    '-a/b',
    'a-/b',
    'a--b/c',
    `${'a'.repeat(40)}/b`,
    `a/${'b'.repeat(101)}`,
    'a/.',
    'a/..',
    '../etc/passwd',
    'a/b c',
    'a b/c',
    'a_b/c',
    'a/b?x',
    'a/b#x',
    'javascript:alert(1)',
    'javascript://github.com/a/b',
    '//evil.com/a/b',
    'http://github.com/a/b',
    'https://evil.com/a/b',
    'https://github.com.evil.com/a/b',
    'https://evil.com/github.com/a/b',
    'https://user:pw@github.com/a/b',
    'https://github.com@evil.com/a/b',
    'github.com.evil.com/a/b',
    'https://github.com/a',
    'data:text/html,<script>',
  ])('refuses %j with a message', (input) => {
    const result = parseRepository(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(5);
  });

  it('accepts pasted URLs of the configured Enterprise host only', () => {
    const ghe = value(parseHost('ghe.example.com'));
    expect(value(parseRepository('https://ghe.example.com/a/b', ghe)).repo).toBe('b');
    expect(parseRepository('https://github.com/a/b', ghe).ok).toBe(false);
    expect(parseRepository('https://ghe.example.com/a/b').ok).toBe(false);
  });
});

describe('parseHost', () => {
  it.each([
    ['', 'https://github.com'],
    ['github.com', 'https://github.com'],
    ['https://github.com/', 'https://github.com'],
    ['ghe.example.com', 'https://ghe.example.com'],
    ['https://GHE.Example.com', 'https://ghe.example.com'],
    ['https://ghe.example.com/', 'https://ghe.example.com'],
    ['ghe.example.com:8443', 'https://ghe.example.com:8443'],
    ['ghe.example.com:443', 'https://ghe.example.com'],
    ['octocorp.ghe.com', 'https://octocorp.ghe.com'],
  ])('accepts %j', (input, origin) => {
    expect(value(parseHost(input)).origin).toBe(origin);
  });

  it.each([
    'http://ghe.example.com',
    'javascript:alert(1)',
    'javascript://ghe.example.com',
    'ftp://ghe.example.com',
    '//evil.com',
    'https://user:pw@ghe.example.com',
    'user@ghe.example.com',
    'https://ghe.example.com/path',
    'https://ghe.example.com?x',
    'https://ghe.example.com#x',
    'ghe.example.com:0',
    'ghe.example.com:99999',
    'ghe.example.com:08',
    'ghe.example.com:abc',
    'https://github.com:8443',
    'localhost',
    '10.0.0.1',
    'ghe example.com',
    '-ghe.example.com',
    'ghe..example.com',
    'github.com.evil.com',
    'https://github.com.evil.com',
    'api.github.com',
    'ghe.example.com\\evil.com',
    'exämple.com',
  ])('refuses %j', (input) => {
    expect(parseHost(input).ok).toBe(false);
  });
});

describe('branch names', () => {
  it.each(['main', 'feature/x', 'release-1.2', 'user/topic_name', 'a@b', 'ünïcode', 'v1.0'])(
    'accepts %j',
    (name) => {
      expect(branchNameError(name)).toBeNull();
    },
  );

  it.each([
    '',
    '@',
    '-x',
    'a..b',
    'a b',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[b',
    'a\\b',
    'a\u0001b',
    'a\u007fb',
    'a\nb',
    'x.lock',
    'a/x.lock/b',
    'a/',
    '/a',
    'a//b',
    'a.',
    'a@{1}',
    '.hidden',
    'a/.b',
    '../x',
  ])('refuses %j', (name) => {
    expect(branchNameError(name)).not.toBeNull();
    expect(parseBranchName(name).ok).toBe(false);
  });

  it('accepts a fork head as owner:branch', () => {
    expect(value(parseHeadRef('someone:feature/x'))).toBe('someone:feature/x');
    expect(parseHeadRef('-bad:feature').ok).toBe(false);
    expect(parseHeadRef('someone:a..b').ok).toBe(false);
  });
});

describe('file paths', () => {
  it.each(['a.md', 'docs/proposals/x.md', 'docs/My Proposal.md', 'docs/提案.md', '.github/x.md'])(
    'accepts %j',
    (path) => {
      expect(filePathError(path)).toBeNull();
    },
  );

  it.each([
    '',
    '/etc/passwd',
    '../x.md',
    'docs/../../x.md',
    'docs/./x.md',
    'docs\\x.md',
    'docs/x\u0000.md',
    'docs/',
    'docs//x.md',
    'docs/ x.md',
  ])('refuses %j', (path) => {
    expect(filePathError(path)).not.toBeNull();
    expect(parseFilePath(path).ok).toBe(false);
  });
});

describe('issue URL', () => {
  it('decodes back to the exact title, body, labels and assignees', () => {
    const title = 'Enhancement: [Title] & more + 100% #1 ?=/';
    const body = '# Heading\r\n\n- [ ] task & stuff\n\n`code` + 50% ü 日本語 😀 <b>x</b>';
    const result = value(
      buildIssueUrl({
        repository: repo,
        title,
        body,
        labels: ['enhancement', 'help wanted', 'needs triage', 'enhancement', '  '],
        assignees: ['@octocat', 'hubot'],
      }),
    );
    expect(result.url.startsWith('https://github.com/octo-org/octo-repo/issues/new?')).toBe(true);
    const { parsed, params } = decode(result.url);
    expect(parsed.origin).toBe('https://github.com');
    expect(parsed.pathname).toBe('/octo-org/octo-repo/issues/new');
    expect(params.get('title')).toBe(title);
    expect(params.get('body')).toBe(body);
    expect(params.get('labels')).toBe('enhancement,help wanted,needs triage');
    expect(params.get('assignees')).toBe('octocat,hubot');
    expect(result).toMatchObject({
      length: result.url.length,
      bodyIncluded: true,
      bodyOmittedBecauseTooLong: false,
    });
  });

  it('leaves labels and assignees out unless given', () => {
    const result = value(buildIssueUrl({ repository: repo, title: 't', body: 'b' }));
    const { params } = decode(result.url);
    expect(params.has('labels')).toBe(false);
    expect(params.has('assignees')).toBe(false);
  });

  it('refuses a label with a comma and a bad assignee', () => {
    expect(buildIssueUrl({ repository: repo, title: '', body: '', labels: ['a,b'] }).ok).toBe(
      false,
    );
    expect(buildIssueUrl({ repository: repo, title: '', body: '', assignees: ['a b'] }).ok).toBe(
      false,
    );
  });

  it('omits a body that does not fit, measuring the encoded length', () => {
    // 3000 CJK characters: 3000 characters of text, 27000 once percent-encoded.
    const body = '日'.repeat(3000);
    const result = value(buildIssueUrl({ repository: repo, title: 'Long', body }));
    expect(result.bodyIncluded).toBe(false);
    expect(result.bodyOmittedBecauseTooLong).toBe(true);
    expect(result.length).toBe(result.url.length);
    expect(result.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    const { params } = decode(result.url);
    expect(params.has('body')).toBe(false);
    expect(params.get('title')).toBe('Long');
  });

  it('keeps a body that fits exactly at the limit', () => {
    const prefix = value(buildIssueUrl({ repository: repo, title: 't', body: '' })).url;
    const room = MAX_URL_LENGTH - prefix.length - '&body='.length;
    const fits = value(buildIssueUrl({ repository: repo, title: 't', body: 'x'.repeat(room) }));
    expect(fits.bodyIncluded).toBe(true);
    expect(fits.length).toBe(MAX_URL_LENGTH);
    const over = value(buildIssueUrl({ repository: repo, title: 't', body: 'x'.repeat(room + 1) }));
    expect(over.bodyOmittedBecauseTooLong).toBe(true);
  });

  it('refuses when even the title does not fit', () => {
    const result = buildIssueUrl({ repository: repo, title: '😀'.repeat(1000), body: 'b' });
    expect(result.ok).toBe(false);
  });

  it('uses a configured Enterprise host', () => {
    const host = value(parseHost('https://ghe.example.com'));
    const result = value(buildIssueUrl({ host, repository: repo, title: 't', body: 'b' }));
    expect(new URL(result.url).origin).toBe('https://ghe.example.com');
  });

  it('property: any well-formed unicode body under the limit decodes back exactly', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.string({ unit: 'binary', maxLength: 600 }),
        (title, body) => {
          const result = value(buildIssueUrl({ repository: repo, title, body }));
          expect(result.length).toBe(result.url.length);
          expect(result.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
          const { parsed, params } = decode(result.url);
          expect(parsed.origin).toBe('https://github.com');
          expect(params.get('title') ?? '').toBe(title);
          if (result.bodyIncluded) expect(params.get('body')).toBe(body);
          else expect(result.bodyOmittedBecauseTooLong).toBe(body !== '');
          // The body is only left out when it would not fit.
          const fullLength =
            result.url.length + (body === '' ? 0 : `&body=${encodeURIComponent(body)}`.length);
          if (!result.bodyIncluded && body !== '')
            expect(fullLength).toBeGreaterThan(MAX_URL_LENGTH);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('replaces lone surrogates instead of throwing', () => {
    const result = value(buildIssueUrl({ repository: repo, title: 'a\uD800b', body: '\uDC00' }));
    expect(decode(result.url).params.get('title')).toBe('a\uFFFDb');
  });
});

describe('pull request URL', () => {
  it('uses compare/BASE...HEAD with quick_pull', () => {
    const body = 'Fixes #1 & adds 😀';
    const result = value(
      buildPullRequestUrl({
        repository: repo,
        base: value(parseBranchName('main')),
        head: value(parseHeadRef('feature/x#1')),
        title: 'Add X',
        body,
        labels: ['feature'],
      }),
    );
    const { parsed, params } = decode(result.url);
    expect(parsed.pathname).toBe('/octo-org/octo-repo/compare/main...feature/x%231');
    expect(decodeURIComponent(parsed.pathname)).toBe(
      '/octo-org/octo-repo/compare/main...feature/x#1',
    );
    expect(params.get('quick_pull')).toBe('1');
    expect(params.get('title')).toBe('Add X');
    expect(params.get('body')).toBe(body);
    expect(params.get('labels')).toBe('feature');
  });

  it('compares with the default branch when no base is given', () => {
    const result = value(
      buildPullRequestUrl({
        repository: repo,
        head: value(parseHeadRef('someone:topic')),
        title: 't',
        body: 'b',
      }),
    );
    expect(result.url).toBe(
      'https://github.com/octo-org/octo-repo/compare/someone%3Atopic?quick_pull=1&title=t&body=b',
    );
  });
});

describe('new file URL', () => {
  it('uses new/BRANCH with filename and value', () => {
    const body = '---\ntitle: RFC\n---\n\n# RFC: ü & 100%\n';
    const result = value(
      buildNewFileUrl({
        repository: repo,
        branch: value(parseBranchName('docs/rfcs')),
        path: value(parseFilePath('docs/proposals/my rfc.md')),
        body,
      }),
    );
    const { parsed, params } = decode(result.url);
    expect(parsed.pathname).toBe('/octo-org/octo-repo/new/docs/rfcs');
    expect(params.get('filename')).toBe('docs/proposals/my rfc.md');
    expect(params.get('value')).toBe(body);
    expect(result.bodyIncluded).toBe(true);
  });

  it('omits a content that does not fit', () => {
    const result = value(
      buildNewFileUrl({
        repository: repo,
        branch: value(parseBranchName('main')),
        path: value(parseFilePath('a.md')),
        body: 'ü'.repeat(5000),
      }),
    );
    expect(result.bodyOmittedBecauseTooLong).toBe(true);
    expect(decode(result.url).params.has('value')).toBe(false);
  });
});

describe('buildExportUrl', () => {
  it('reports errors per field', () => {
    const result = buildExportUrl(
      request({ target: 'pull-request', repository: 'evil.com/x/y', head: 'a..b', base: 'x y' }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual(['base', 'head', 'repository']);
    }
    const file = buildExportUrl(request({ target: 'new-file', path: '../x', branch: '' }));
    expect(file.ok ? [] : Object.keys(file.errors).sort()).toEqual(['branch', 'path']);
    const host = buildExportUrl(request({ host: 'javascript:alert(1)' }));
    expect(host.ok ? [] : Object.keys(host.errors)).toEqual(['host']);
  });

  it('builds each target on the right host only', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('issue', 'pull-request', 'new-file' as const),
        fc.constantFrom('', 'ghe.example.com'),
        fc.string(),
        (target, host, body) => {
          const result = buildExportUrl(request({ target, host, body }));
          expect(result.ok).toBe(true);
          if (result.ok) {
            expect(new URL(result.value.url).origin).toBe(
              host === '' ? DEFAULT_HOST.origin : 'https://ghe.example.com',
            );
          }
        },
      ),
    );
  });

  it('never produces a URL whose origin differs from the host, whatever the input', () => {
    const hosts: GithubHost[] = [DEFAULT_HOST, value(parseHost('ghe.example.com:8443'))];
    fc.assert(
      fc.property(
        fc.constantFrom(...hosts),
        fc.string(),
        fc.string(),
        fc.string(),
        (host, repository, head, path) => {
          const parsed = parseRepository(repository, host);
          const headRef = parseHeadRef(head);
          const file = parseFilePath(path);
          if (!parsed.ok) return;
          const r: GithubRepository = parsed.value;
          const urls = [buildIssueUrl({ host, repository: r, title: path, body: head })];
          if (headRef.ok) {
            urls.push(
              buildPullRequestUrl({
                host,
                repository: r,
                head: headRef.value,
                title: '',
                body: '',
              }),
            );
          }
          if (file.ok && headRef.ok && !head.includes(':')) {
            const branch = value(parseBranchName(head));
            urls.push(buildNewFileUrl({ host, repository: r, branch, path: file.value, body: '' }));
          }
          for (const u of urls) {
            const url = new URL(value(u).url);
            expect(url.origin).toBe(host.origin);
            expect(url.username + url.password).toBe('');
          }
        },
      ),
    );
  });
});

describe('file names', () => {
  it.each([
    ['My Great Proposal!', 'my-great-proposal.md'],
    ['  EP-XXX: [Enhancement Title]  ', 'ep-xxx-enhancement-title.md'],
    ['Ünïcödé façade', 'unicode-facade.md'],
    ['日本語の提案', '日本語の提案.md'],
    ['../../etc/passwd', 'etc-passwd.md'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j.md'],
    ['', 'proposal.md'],
    ['!!! ???', 'proposal.md'],
    ['😀😀', 'proposal.md'],
    ['CON', 'con-proposal.md'],
  ])('%j → %j', (title, name) => {
    expect(fileNameFromTitle(title)).toBe(name);
  });

  it('caps the length without splitting characters', () => {
    const name = fileNameFromTitle('𝒜'.repeat(200));
    expect(name.endsWith('.md')).toBe(true);
    expect(Array.from(name).length).toBeLessThanOrEqual(83);
    expect(() => encodeURIComponent(name)).not.toThrow();
  });

  it('property: file names are always safe', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (title) => {
        const name = fileNameFromTitle(title);
        expect(name).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}-]*\.md$/u);
        expect(filePathError(name)).toBeNull();
        expect(filePathError(defaultNewFilePath(title, 'enhancement-rfc'))).toBeNull();
      }),
    );
  });

  it('defaultNewFilePath', () => {
    expect(defaultNewFilePath('RFC: Better exports', 'enhancement-rfc')).toBe(
      'docs/proposals/rfc-better-exports.md',
    );
    expect(defaultNewFilePath('', 'enhancement-rfc')).toBe('docs/proposals/enhancement-rfc.md');
    expect(defaultNewFilePath('', '')).toBe('docs/proposals/proposal.md');
  });
});
