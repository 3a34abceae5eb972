/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { explainFetchFailure, planUrl, templateFiles } from './github-source.ts';

describe('planUrl', () => {
  it('turns a GitHub blob page into its raw file', () => {
    expect(planUrl('https://github.com/acme/app/blob/main/.github/ISSUE_TEMPLATE/bug.yml')).toEqual(
      {
        kind: 'file',
        url: 'https://raw.githubusercontent.com/acme/app/main/.github/ISSUE_TEMPLATE/bug.yml',
      },
    );
  });
  it('recognises a repository address', () => {
    expect(planUrl('https://github.com/acme/app')).toEqual({
      kind: 'repo',
      owner: 'acme',
      repo: 'app',
    });
    expect(planUrl('https://github.com/acme/app.git/')).toEqual({
      kind: 'repo',
      owner: 'acme',
      repo: 'app',
    });
  });
  it('keeps other https addresses and refuses the rest', () => {
    expect(planUrl('https://example.org/t.md')).toEqual({
      kind: 'file',
      url: 'https://example.org/t.md',
    });
    expect(planUrl('http://example.org/t.md')).toMatchObject({ kind: 'error' });
    expect(planUrl('not a url')).toMatchObject({ kind: 'error' });
    expect(planUrl('https://github.com/acme')).toMatchObject({ kind: 'error' });
  });
});

describe('templateFiles', () => {
  const file = (path: string) => ({
    name: path.split('/').pop()!,
    path,
    type: 'file',
    download_url: `https://raw.githubusercontent.com/a/b/main/${path}`,
  });
  it('lists issue templates but not the chooser config, and pull-request templates', () => {
    expect(
      templateFiles('.github/ISSUE_TEMPLATE', [
        file('.github/ISSUE_TEMPLATE/bug.yml'),
        file('.github/ISSUE_TEMPLATE/idea.md'),
        file('.github/ISSUE_TEMPLATE/config.yml'),
        file('.github/ISSUE_TEMPLATE/logo.png'),
      ]).map((f) => f.name),
    ).toEqual(['bug.yml', 'idea.md']);
    expect(
      templateFiles('', [file('README.md'), file('PULL_REQUEST_TEMPLATE.md')]).map((f) => [
        f.name,
        f.kind,
      ]),
    ).toEqual([['PULL_REQUEST_TEMPLATE.md', 'pull-request']]);
  });
});

describe('explainFetchFailure', () => {
  it('says each failure in one sentence', () => {
    const rate = explainFetchFailure({ type: 'status', status: 403, rateLimited: true }, 'x');
    expect(rate).toContain('limit');
    expect(
      explainFetchFailure({ type: 'network', offline: false }, 'https://e.org/t.md'),
    ).toContain('CORS');
    for (const text of [rate, explainFetchFailure({ type: 'network', offline: true }, 'x')]) {
      expect(text.match(/[.!?](\s|$)/g)).toHaveLength(1);
    }
  });
});
