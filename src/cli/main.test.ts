import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { BUILT_IN_TEMPLATES, findTemplateEntry } from '../templates/registry.ts';
import { readTemplateText, templatePath } from '../templates/load-node.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

let dir = '';
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'proposal-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RFC_TEXT = () => readTemplateText(findTemplateEntry('enhancement-rfc')!);

/** A complete feature pull request, as an author writes it. */
const PR_DONE = readTemplateText(findTemplateEntry('feature-pull-request')!)
  .replace(/<!--[\s\S]*?-->/g, '')
  .replace(
    /\* \[ \] (New Kubernetes|ArgoCD auto-sync|No$|Security implementation|README files)/gm,
    '* [x] $1',
  )
  .replace(/^\*\s*$/gm, '* done')
  .replace(/^(\d\.)\s*$/gm, '$1 step')
  .replace(/\\\[Component Name]/g, 'Cache')
  .replace(
    /\*\*(Related Issue|Purpose|Technical Details|Current State|Problem Statement|Why Now|Architectural Approach|Attack Surface Analysis|Secrets Management|Network Isolation|Test Results|Performance Characteristics|Migration Required|Backward Compatibility|Deprecations|Technical Debt|Scalability Roadmap|Screenshots\/Diagrams):\*\*\s*/g,
    '**$1:** Written.\n\n',
  )
  .replace('command here', 'kubectl get pods')
  .replace('# Verification commands', 'kubectl get managed');

describe('proposal --help / --version', () => {
  it('prints help for the command and each subcommand', async () => {
    for (const args of [
      ['--help'],
      ['-h'],
      ['check', '--help'],
      ['schema', '-h'],
      ['render', '--help'],
      ['read', '--help'],
      ['fmt', '-h'],
      ['help', 'check'],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: proposal/);
      expect(r.stderr).toBe('');
    }
    expect((await run('check', '--help')).stdout).toContain('--template ID|PATH');
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect((await run('--version')).stdout.trim()).toBe(`proposal ${pkg.version}`);
  });

  it('no command or an unknown one is exit 2 with usage', async () => {
    expect((await run()).code).toBe(2);
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });
});

describe('proposal check', () => {
  it('exit 0 and "✔ complete" for a complete proposal, recognising its template', async () => {
    const r = await run('check', file('done.md', PR_DONE));
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^✔ complete/);
    expect(r.code).toBe(0);
  });

  it('exit 1 with the missing sections listed for an incomplete one', async () => {
    const r = await run('check', file('rfc.md', RFC_TEXT()));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^✘ \d+ required sections missing:\n {2}- Enhancement: \[Title]\n {2}- Executive Summary\n/,
    );
    expect(r.stdout).toContain('⚠ Front matter › created still has the placeholder “YYYY-MM-DD”');
  });

  it('--json prints exactly complete, missing titles in document order, and warning messages', async () => {
    const r = await run('check', file('rfc2.md', RFC_TEXT()), '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['complete', 'missing', 'partial', 'warnings']);
    expect(json.complete).toBe(false);
    expect((json.missing as string[]).slice(0, 3)).toEqual([
      'Enhancement: [Title]',
      'Executive Summary',
      'Problem Statement',
    ]);
    expect((json.warnings as unknown[]).every((w) => typeof w === 'string')).toBe(true);
    const ok = JSON.parse(
      (await run('check', '--json', file('done2.md', PR_DONE))).stdout,
    ) as Record<string, unknown>;
    expect(ok).toEqual({
      complete: true,
      missing: [],
      // Filled in part (the Summary line is left empty): partial, yet complete.
      partial: expect.arrayContaining(['Feature Overview']) as unknown,
      warnings: expect.any(Array) as unknown,
    });
  });

  it('recognises every built-in template from its own headings', async () => {
    for (const entry of BUILT_IN_TEMPLATES.filter((e) => e.format === 'markdown')) {
      const r = await run('check', templatePath(entry), '--json');
      expect(r.stderr, entry.id).toBe('');
      expect(r.code, entry.id).toBe(1);
    }
  });

  it('--template ID and --template PATH (md, txt, yml) are used as given', async () => {
    expect(
      (await run('check', file('d1.md', PR_DONE), '--template', 'feature-pull-request')).code,
    ).toBe(0);
    const tpl = file('mine.md', '## Why\n\n[Explain why]\n\n## How\n\n<!-- say how -->\n');
    const r = await run(
      'check',
      file('d2.md', '## Why\n\nBecause.\n\n## How\n\n'),
      `--template=${tpl}`,
      '--json',
    );
    expect(JSON.parse(r.stdout)).toEqual({
      complete: false,
      missing: ['How'],
      partial: [],
      warnings: [],
    });
    const txt = file('plain.txt', 'Summary\n[Write a summary]\nDetails\n[Write the details]\n');
    expect(
      (
        await run(
          'check',
          file('d3.md', '## Summary\n\nShort.\n\n## Details\n\nLong.\n'),
          '--template',
          txt,
        )
      ).code,
    ).toBe(0);
    const form = file(
      'form.yml',
      'name: Bug\ndescription: Report a bug\nbody:\n  - type: textarea\n    id: what\n    attributes:\n      label: What happened\n    validations:\n      required: true\n',
    );
    const out = await run(
      'check',
      file('issue.md', '### What happened\n\n_No response_\n'),
      '--template',
      form,
      '--json',
    );
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toMatchObject({ complete: false, missing: ['What happened'] });
  });

  it('cannot tell the template: exit 2 asking for --template', async () => {
    const path = file('random.md', '# Shopping list\n\n## Fruit\n\n- apples\n');
    const r = await run('check', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `proposal: Could not tell which template ${path} follows: pass --template\n`,
    );
  });

  it('bad input is one line on stderr with exit 2, never a stack trace', async () => {
    const missingFile = join(dir, 'nope.md');
    const cases: [string[], RegExp][] = [
      [
        [
          'check',
          file('fm.md', '---\ntitle: [oops\n---\n\n# Enhancement: X\n'),
          '--template',
          'enhancement-rfc',
        ],
        /^proposal: .*fm\.md: .*YAML.*\(line 2\)\n$/,
      ],
      [['check', missingFile], /^proposal: cannot read .*nope\.md: no such file\n$/],
      [['check', dir], /^proposal: cannot read .*: it is a directory\n$/],
      [
        ['check', file('bin.md', Buffer.from([0x23, 0x20, 0x41, 0x00, 0x01, 0x02]))],
        /^proposal: .*binary.*NUL.*\n$/,
      ],
      [
        ['check', file('x.md', '## A\n'), '--template', 'no-such-template'],
        /^proposal: unknown template "no-such-template"; the built-in templates are: ai-enhancement-request, .*\n$/,
      ],
      [
        [
          'check',
          file('y.md', '## A\n'),
          '--template',
          file('bad.md', '---\ntitle: [oops\n---\n\n## A\n'),
        ],
        /^proposal: .*\(line \d+\)\n$/,
      ],
      [
        [
          'check',
          file('z.md', '## A\n'),
          '--template',
          file('bad.yml', 'name: x\nbody:\n  - type: input\n    attributes: [\n'),
        ],
        /^proposal: .*line \d+.*\n$/,
      ],
      [['check'], /^proposal: check needs FILE/],
      [['check', 'a.md', '--bogus'], /^proposal: unknown option --bogus\n$/],
      [['check', 'a.md', '--template'], /^proposal: --template needs a value\n$/],
      [['schema', 'nothing-here'], /^proposal: unknown template "nothing-here"/],
      [
        ['render', 'enhancement-rfc', file('bad.json', '{"a": ')],
        /^proposal: .*bad\.json is not valid JSON: .*\n$/,
      ],
      [
        ['render', 'enhancement-rfc', file('arr.json', '[1,2]')],
        /^proposal: .*must hold a JSON object.*\n$/,
      ],
      [
        ['render', 'enhancement-rfc', file('shape.json', '{"a": 5}')],
        /^proposal: .*wrong shape at "a".*\n$/,
      ],
      [
        ['render', 'enhancement-rfc', join(dir, 'absent.json')],
        /^proposal: cannot read .*absent\.json: no such file\n$/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(pattern);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a directory passed as --template is a one-line error', async () => {
    const sub = join(dir, 'tpl-dir');
    mkdirSync(sub, { recursive: true });
    const r = await run('check', file('w.md', '## A\n'), '--template', sub);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/it is a directory/);
  });

  it(
    'a document nested 1,000 deep: a clear error or a result, never a crash',
    { timeout: 120_000 },
    async () => {
      const nested = Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join(
        '\n',
      );
      const r = await run(
        'check',
        file('deep.md', `${PR_DONE}\n${nested}\n`),
        '--template',
        'feature-pull-request',
      );
      expect([0, 1, 2]).toContain(r.code);
      if (r.code === 2) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    },
  );
});

describe('proposal check: partly filled sections', () => {
  const TEMPLATE =
    '## Plan\n\n**Owner**: [Name]\n\n**Deadline**: [When]\n\n## Why\n\n[Explain why]\n\n## How\n\n[Say how]\n';

  it('--json lists sections with some but not all required fields filled; complete keeps its meaning', async () => {
    const tpl = file('plan.md', TEMPLATE);
    const half = file(
      'plan-half.md',
      '## Plan\n\n**Owner**: Ada\n\n## Why\n\nBecause.\n\n## How\n\n',
    );
    const r = await run('check', half, '--template', tpl, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      complete: false,
      missing: ['How'],
      partial: ['Plan'],
      warnings: ['Plan › Deadline is empty'],
    });
    const noneMissing = file(
      'plan-most.md',
      '## Plan\n\n**Owner**: Ada\n\n## Why\n\nBecause.\n\n## How\n\nSlowly.\n',
    );
    const done = await run('check', noneMissing, '--template', tpl, '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      complete: true,
      missing: [],
      partial: ['Plan'],
    });
    const human = await run('check', noneMissing, '--template', tpl);
    expect(human.stdout).toContain('1 section partly filled:\n  ◐ Plan\n');
  });
});

const FORM = `name: Bug
description: Report a bug
body:
  - type: markdown
    attributes:
      value: Thanks for taking the time.
  - type: input
    id: version
    attributes:
      label: Version
      placeholder: 1.2.3
    validations:
      required: true
  - type: textarea
    id: what
    attributes:
      label: What happened
    validations:
      required: true
  - type: dropdown
    id: effort
    attributes:
      label: Estimated Effort
      options:
        - Small
        - Large
  - type: checkboxes
    id: terms
    attributes:
      label: Checks
      options:
        - label: I searched existing issues
          required: true
        - label: I can send a fix
`;

const DESIGN = `# [Title]

**Author**: [Your Name]
**Status**: Draft

## Goals

- [Goal 1]
- [Goal 2]

## Risks

| Risk | Impact | Mitigation |
| --- | --- | --- |
| [Risk] | High/Medium/Low | [Plan] |

## Decision

**Description**: [What was decided]

## Notes

### Description

[Anything else]
`;

describe('proposal read', () => {
  it("prints an issue body's answers keyed by label; unanswered fields have their empty value", async () => {
    const form = file('bug.yml', FORM);
    const body = file(
      'bug-body.md',
      '### Version\n\n2.0.1\n\n### What happened\n\nIt crashed.\n\n- once\n- twice\n\n### Estimated Effort\n\n_No response_\n\n### Checks\n\n- [X] I searched existing issues\n- [ ] I can send a fix\n',
    );
    const r = await run('read', body, '--template', form);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      frontMatter: {},
      fields: {
        Version: '2.0.1',
        'What happened': 'It crashed.\n\n- once\n- twice',
        'Estimated Effort': '',
        Checks: { checked: ['I searched existing issues'], other: '' },
      },
    });
  });

  it('lists are arrays, tables arrays of rows by column, a real default is a value, placeholders are empty, a repeated label is qualified by its section', async () => {
    const tpl = file('design.md', DESIGN);
    const doc = file(
      'design-doc.md',
      '# Faster builds\n\n**Author**: [Your Name]\n**Status**: Draft\n\n## Goals\n\n- Cut build time in half\n- Keep caches warm\n\n## Risks\n\n| Risk | Impact | Mitigation |\n| --- | --- | --- |\n| Stale cache | High | Hash inputs |\n\n## Decision\n\n**Description**: Cache by content hash.\n\n## Notes\n\n### Description\n\nNothing more.\n',
    );
    const r = await run('read', doc, '--template', tpl);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      frontMatter: {},
      fields: {
        Title: 'Faster builds',
        Author: '',
        Status: 'Draft',
        Goals: ['Cut build time in half', 'Keep caches warm'],
        Risks: [{ Risk: 'Stale cache', Impact: 'High', Mitigation: 'Hash inputs' }],
        'Decision › Description': 'Cache by content hash.',
        'Description › Description': 'Nothing more.',
      },
    });
  });

  it('recognises a built-in template and reads front matter by key and repeated blocks as arrays', async () => {
    const values = file(
      'rfc-values.json',
      JSON.stringify({
        'executive-summary': 'Stream exports.',
        'front-matter/rfc': '0042',
        'front-matter/authors': ['ada'],
      }),
    );
    const rendered = await run('render', 'enhancement-rfc', values);
    const r = await run('read', file('rfc-read.md', rendered.stdout));
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as {
      frontMatter: Record<string, unknown>;
      fields: Record<string, unknown>;
    };
    expect(json.frontMatter).toMatchObject({ rfc: '0042', authors: ['ada'] });
    expect(json.fields['Executive Summary']).toBe('Stream exports.');
    expect(json.fields['Problem Statement']).toBe('');
    expect(json.fields.Alternative).toEqual([]);
  });

  it('cannot tell the template: exit 2 asking for --template', async () => {
    const r = await run('read', file('shop.md', '# Shopping\n\n## Fruit\n\n- apples\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pass --template\n$/);
  });
});

describe('proposal fmt', () => {
  const DOC =
    '# Faster builds\n\n**Author**: Ada\n**Status**: Draft\n\n## Goals\n\n- Cut build time\n\n## Risks\n\n| Risk | Impact | Mitigation |\n|---|---|---|\n| Stale cache | High | Hash inputs |\n\n## Decision\n\n**Description**: Hash.\n\n## Notes\n\nAn extra paragraph the author wrote.\n\n### Description\n\nNothing more.\n';

  it("prints the document as the app exports it, keeping the author's text", async () => {
    const tpl = file('fmt-design.md', DESIGN);
    const r = await run('fmt', file('fmt-doc.md', DOC), '--template', tpl);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toBe(DOC);
    for (const line of ['Cut build time', 'Stale cache', 'An extra paragraph the author wrote.'])
      expect(r.stdout).toContain(line);
    // Formatting is stable: the output formats to itself.
    const again = await run('fmt', file('fmt-out.md', r.stdout), '--template', tpl);
    expect(again.stdout).toBe(r.stdout);
  });

  it('--check exits 1 on a document that differs and 0 on a formatted one, printing nothing on stdout', async () => {
    const tpl = file('chk-design.md', DESIGN);
    const raw = file('chk-doc.md', DOC);
    const bad = await run('fmt', raw, '--template', tpl, '--check');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(`${raw} is not formatted (proposal fmt --write ${raw})\n`);
    expect(readFileSync(raw, 'utf8')).toBe(DOC);
    const formatted = (await run('fmt', raw, '--template', tpl)).stdout;
    const good = await run('fmt', file('chk-ok.md', formatted), '--template', tpl, '--check');
    expect(good).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--write rewrites the file with the formatted document', async () => {
    const tpl = file('w-design.md', DESIGN);
    const path = file('w-doc.md', DOC);
    const expected = (await run('fmt', path, '--template', tpl)).stdout;
    const r = await run('fmt', path, '--template', tpl, '--write');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect((await run('fmt', path, '--template', tpl, '--check')).code).toBe(0);
  });

  it('bad input is one line on stderr with exit 2', async () => {
    for (const args of [['fmt'], ['fmt', join(dir, 'none.md')], ['fmt', 'a.md', '--bogus']]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});

describe('proposal schema', () => {
  it('prints a readable projection of each built-in template', async () => {
    for (const entry of BUILT_IN_TEMPLATES) {
      const r = await run('schema', entry.id);
      expect(r.code, entry.id).toBe(0);
      const schema = JSON.parse(r.stdout) as {
        sections: { id: string; title: string; fields: { kind: string; label: string }[] }[];
      };
      expect(schema.sections.length).toBeGreaterThan(5);
    }
    const ai = JSON.parse((await run('schema', 'ai-enhancement-request')).stdout) as {
      sections: {
        title: string;
        fields: {
          label: string;
          options?: string[];
          multiple?: boolean;
          columns?: { name: string; options?: string[] }[];
        }[];
      }[];
    };
    const tech = ai.sections.find((s) => s.title === 'Technical Considerations')!;
    expect(tech.fields.find((f) => f.label === 'Compatibility')?.multiple).toBe(false);
    expect(tech.fields.find((f) => f.label === 'Risk Assessment')?.columns).toEqual([
      { name: 'Risk' },
      { name: 'Probability', options: ['High', 'Medium', 'Low'] },
      { name: 'Impact', options: ['High', 'Medium', 'Low'] },
      { name: 'Mitigation' },
    ]);
  });

  it('reads a template file by path', async () => {
    const r = await run('schema', file('t.md', '## Goals\n\n- [Goal 1]\n- [Goal 2]\n'));
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as {
      sections: { title: string; fields: { kind: string }[] }[];
    };
    expect(schema.sections).toEqual([
      expect.objectContaining({
        title: 'Goals',
        fields: [expect.objectContaining({ kind: 'list' })],
      }),
    ]);
  });
});

describe('proposal render', () => {
  it('renders values over the defaults, and the result checks as filled where given', async () => {
    const values = file(
      'v.json',
      JSON.stringify({ 'executive-summary': 'Stream exports.', 'front-matter/rfc': '0042' }),
    );
    const r = await run('render', 'enhancement-rfc', values);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Stream exports.');
    expect(r.stdout).toMatch(/^rfc: "?0042"?$/m);
    expect(r.stdout).toMatch(/created: \d{4}-\d{2}-\d{2}/);
    const checked = await run('check', file('rendered.md', r.stdout), '--json');
    const json = JSON.parse(checked.stdout) as { missing: string[] };
    expect(json.missing).not.toContain('Executive Summary');
  });
});
