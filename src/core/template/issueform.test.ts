/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChecklistField, ChoiceField, Field, FieldValue, Values } from '../model.ts';
import { checkMarkdown } from '../check.ts';
import { readDocument } from '../document/read.ts';
import { renderDocument } from '../document/render.ts';
import { allFields } from '../document/walk.ts';
import { TemplateError } from './errors.ts';
import { parseIssueForm } from './issueform.ts';
import { detectFormat, parseTemplate } from './parse.ts';
import type { Section, Template } from './types.ts';

const BUG_REPORT = `name: 🐞 Bug report
description: Report an issue with the library
title: "[Bug]: "
labels: [bug, "pending triage"]
assignees:
  - octocat
projects: ["octo-org/1"]
type: Bug
body:
  - type: markdown
    attributes:
      value: |
        Thanks for taking the time to fill out this bug report!
        Before you start, search the [existing issues](https://github.com/o/r/issues).
  - type: textarea
    id: bug-description
    attributes:
      label: Describe the bug
      description: A clear and concise description of what the bug is.
      placeholder: I am doing … What I expect is … What is actually happening is …
    validations:
      required: true
  - type: input
    id: reproduction
    attributes:
      label: Reproduction
      description: A link to a repository or StackBlitz that reproduces the issue.
      placeholder: https://github.com/you/repro
    validations:
      required: true
  - type: textarea
    id: reproduction-steps
    attributes:
      label: Steps to reproduce
      value: |
        1. Run \`npm install\`
        2. Run \`npm run dev\`
        3. See the error
    validations:
      required: true
  - type: textarea
    id: system-info
    attributes:
      label: System Info
      description: Output of \`npx envinfo --system --npmPackages\`
      render: shell
    validations:
      required: true
  - type: dropdown
    id: package-manager
    attributes:
      label: Used Package Manager
      options:
        - npm
        - yarn
        - pnpm
        - bun
      default: 0
    validations:
      required: true
  - type: dropdown
    id: browsers
    attributes:
      label: What browsers are you seeing the problem on?
      multiple: true
      options:
        - Firefox
        - Chrome
        - Safari
        - Microsoft Edge
  - type: input
    attributes:
      label: Date of first occurrence
      placeholder: YYYY-MM-DD
  - type: textarea
    id: logs
    attributes:
      label: Relevant log output
      description: Please copy and paste any relevant log output. No need for backticks.
      render: text
  - type: checkboxes
    id: checkboxes
    attributes:
      label: Validations
      description: Before submitting the issue, please make sure you do the following
      options:
        - label: Follow our [Code of Conduct](https://example.com/coc)
          required: true
        - label: Read the [docs](https://example.com/docs).
          required: true
        - label: Check that there isn't already an issue that reports the same bug.
        - label: The provided reproduction is a minimal reproducible example of the bug.
  - type: markdown
    attributes:
      value: Thank you for helping us improve!
`;

const FEATURE_REQUEST = `name: Feature request
description: Suggest an idea for this project
labels: "enhancement, needs discussion"
body:
  - type: textarea
    attributes:
      label: Is your feature request related to a problem? Please describe.
      placeholder: I'm always frustrated when [...]
  - type: markdown
    attributes:
      value: "**Tip:** describe the solution, not only the problem."
  - type: textarea
    id: solution
    attributes:
      label: Describe the solution you'd like
    validations:
      required: true
  - type: textarea
    attributes:
      label: Describe alternatives you've considered
  - type: dropdown
    id: importance
    attributes:
      label: Importance
      options: [nice to have, important, "1.10"]
  - type: checkboxes
    attributes:
      label: Contribution
      options:
        - label: I would like to implement this feature
  - type: input
    id: version
    attributes:
      label: Version
      value: latest
  - type: textarea
    attributes:
      label: Additional context
      description: Add any other context or screenshots about the feature request here.
`;

const bug = parseIssueForm(BUG_REPORT);
const feature = parseIssueForm(FEATURE_REQUEST);

function sections(t: Template): Section[] {
  return t.root.children.filter((c): c is Section => c.type === 'section');
}

function fieldOf(t: Template, id: string): Field {
  const f = allFields(t).find((x) => x.id === id);
  if (!f) throw new Error(`no field ${id}`);
  return f;
}

function bodyFields(t: Template): Field[] {
  return allFields(t).filter((f) => !f.id.startsWith('front-matter/'));
}

describe('parseIssueForm: the form becomes one `### Label` section per element', () => {
  it('reads the top-level keys as meta front matter, with the title as a field', () => {
    expect(bug.format).toBe('issue-form');
    expect(bug.issueForm).toBe(true);
    expect(bug.emptyAnswer).toBe('_No response_');
    expect(bug.frontMatter?.role).toBe('meta');
    expect(bug.frontMatter?.meta).toEqual({
      name: '🐞 Bug report',
      about: 'Report an issue with the library',
      title: '[Bug]: ',
      labels: ['bug', 'pending triage'],
      assignees: ['octocat'],
    });
    expect(bug.frontMatter?.entries.map((e) => [e.key, e.field?.label, e.field?.id])).toEqual([
      ['title', 'Issue title', 'front-matter/title'],
    ]);
    expect(feature.frontMatter?.meta.labels).toEqual(['enhancement', 'needs discussion']);
    expect(feature.frontMatter?.entries).toEqual([]);
  });

  it('is what parseTemplate and detectFormat pick for issue-form YAML', () => {
    expect(detectFormat(BUG_REPORT)).toBe('issue-form');
    expect(parseTemplate(BUG_REPORT)).toEqual(bug);
    expect(parseTemplate(FEATURE_REQUEST, 'issue-form')).toEqual(feature);
  });

  it('derives kinds, ids, labels, required flags and options', () => {
    const summary = bodyFields(bug).map((f) => [f.id, f.kind, f.label, f.required]);
    expect(summary).toEqual([
      ['bug-description', 'prose', 'Describe the bug', true],
      ['reproduction', 'text', 'Reproduction', true],
      ['reproduction-steps', 'prose', 'Steps to reproduce', true],
      ['system-info', 'code', 'System Info', true],
      ['package-manager', 'choice', 'Used Package Manager', true],
      ['browsers', 'checklist', 'What browsers are you seeing the problem on?', false],
      ['date-of-first-occurrence', 'date', 'Date of first occurrence', false],
      ['logs', 'code', 'Relevant log output', false],
      ['checkboxes', 'checklist', 'Validations', true],
    ]);
    expect(bodyFields(feature).map((f) => [f.id, f.kind, f.required])).toEqual([
      ['is-your-feature-request-related-to-a-problem-ple', 'prose', false],
      ['solution', 'prose', true],
      ['describe-alternatives-you-ve-considered', 'prose', false],
      ['importance', 'choice', false],
      ['contribution', 'checklist', false],
      ['version', 'text', false],
      ['additional-context', 'prose', false],
    ]);

    const pm = fieldOf(bug, 'package-manager') as ChoiceField;
    expect(pm.options).toEqual(['npm', 'yarn', 'pnpm', 'bun']);
    expect(pm.placeholder).toBe('npm'); // `default: 0`
    expect((fieldOf(feature, 'importance') as ChoiceField).options).toEqual([
      'nice to have',
      'important',
      '1.10', // as written, not the number 1.1
    ]);
    const browsers = fieldOf(bug, 'browsers') as ChecklistField;
    expect(browsers.multiple).toBe(true);
    expect(browsers.options.map((o) => o.label)).toEqual([
      'Firefox',
      'Chrome',
      'Safari',
      'Microsoft Edge',
    ]);
    const validations = fieldOf(bug, 'checkboxes') as ChecklistField;
    expect(validations.options.map((o) => o.raw)).toEqual([
      'Follow our [Code of Conduct](https://example.com/coc)',
      'Read the [docs](https://example.com/docs).',
      "Check that there isn't already an issue that reports the same bug.",
      'The provided reproduction is a minimal reproducible example of the bug.',
    ]);
    const code = fieldOf(bug, 'system-info');
    expect(code.kind === 'code' && code.language).toBe('shell');
    const steps = fieldOf(bug, 'reproduction-steps');
    expect(steps.kind === 'prose' && steps.defaultValue).toBe(
      '1. Run `npm install`\n2. Run `npm run dev`\n3. See the error',
    );
    expect(fieldOf(feature, 'version')).toMatchObject({ kind: 'text', defaultValue: 'latest' });
    expect(fieldOf(bug, 'reproduction').placeholder).toBe('https://github.com/you/repro');
  });

  it('keeps markdown elements as notes where the form puts them, never as blocks of the body', () => {
    const first = sections(bug)[0]!;
    expect(first.lead).toBe(
      'Thanks for taking the time to fill out this bug report!\n' +
        'Before you start, search the [existing issues](https://github.com/o/r/issues).',
    );
    expect(first.hint).toBe('');
    expect(first.blocks.map((b) => b.type)).toEqual(['field']);
    // The element's own description is its field's guidance, apart from the note.
    expect(fieldOf(bug, 'bug-description').hint).toBe(
      'A clear and concise description of what the bug is.',
    );
    const solution = sections(feature).find((s) => s.id === 'solution')!;
    expect(solution.lead).toBe('**Tip:** describe the solution, not only the problem.');
    expect(fieldOf(feature, 'solution').hint).toBe('');
    expect(bug.root.hint).toBe('Thank you for helping us improve!');
    expect(renderDocument(bug, {})).not.toContain('Thanks for taking the time');
  });

  it('writes headings as `### Label` and makes unrequired elements optional sections', () => {
    for (const s of sections(bug)) {
      expect(s.level).toBe(3);
      expect(s.heading).toEqual({
        open: '### ',
        close: '',
        parts: [{ type: 'fixed', text: s.title }],
      });
      expect(s.optional).toBe(!(s.blocks[0]!.type === 'field' && s.blocks[0]!.field.required));
    }
    expect(sections(bug).map((s) => s.title)).toEqual(bodyFields(bug).map((f) => f.label));
  });
});

/** Values of a whole form: everything empty, then overrides. */
function emptyValues(t: Template, overrides: Values = {}): Values {
  const v: Values = {};
  for (const f of allFields(t)) {
    v[f.id] =
      f.kind === 'checklist'
        ? { checked: [], other: '' }
        : f.kind === 'list' || f.kind === 'tasklist'
          ? []
          : '';
  }
  return { ...v, ...overrides };
}

const FILLED_BUG: Values = emptyValues(bug, {
  'bug-description':
    'Clicking **Save** throws.\n\n```js\nsave()\n```\n\n### Not a section\n\n### Reproduction\n\n- a list',
  reproduction: 'https://github.com/me/repro',
  'reproduction-steps': '1. Open the app\n2. Click save',
  'system-info': 'System:\n  OS: Linux 6.1\n```\nnested fence\n```',
  'package-manager': 'pnpm',
  browsers: { checked: ['Firefox', 'Safari'], other: '' },
  'date-of-first-occurrence': '2024-03-01',
  logs: '',
  checkboxes: {
    checked: [
      'Follow our [Code of Conduct](https://example.com/coc)',
      'Read the [docs](https://example.com/docs).',
    ],
    other: '',
  },
});

describe('renderDocument writes the body GitHub writes, readDocument reads it back', () => {
  it('renders `### Label\\n\\nvalue` blocks with `_No response_` for empty answers', () => {
    const md = renderDocument(
      feature,
      emptyValues(feature, { solution: 'A `--fast` flag.', version: '2.0.1' }),
    );
    expect(md).toBe(
      [
        '### Is your feature request related to a problem? Please describe.',
        '_No response_',
        "### Describe the solution you'd like",
        'A `--fast` flag.',
        "### Describe alternatives you've considered",
        '_No response_',
        '### Importance',
        '_No response_',
        '### Contribution',
        '- [ ] I would like to implement this feature',
        '### Version',
        '2.0.1',
        '### Additional context',
        '_No response_',
      ].join('\n\n') + '\n',
    );
  });

  it('wraps a `render:` textarea in a fence with its language, and writes checkboxes as a task list', () => {
    const md = renderDocument(bug, FILLED_BUG);
    expect(md).toContain(
      '### System Info\n\n````shell\nSystem:\n  OS: Linux 6.1\n```\nnested fence\n```\n````\n\n',
    );
    expect(md).toContain(
      '### Validations\n\n' +
        '- [x] Follow our [Code of Conduct](https://example.com/coc)\n' +
        '- [x] Read the [docs](https://example.com/docs).\n' +
        "- [ ] Check that there isn't already an issue that reports the same bug.\n" +
        '- [ ] The provided reproduction is a minimal reproducible example of the bug.\n',
    );
    // Author text that looks like one of the form's headings is escaped; other headings are not.
    expect(md).toContain(
      '### Not a section\n\n\\### Reproduction\n\n- a list\n\n### Reproduction\n',
    );
  });

  // Needs the one-line change to render.ts described in the issue-form report: today an empty
  // code field renders an empty fence. Remove `.fails` once renderBlock writes `emptyAnswer`.
  it('writes `_No response_` for an empty `render:` textarea', () => {
    expect(renderDocument(bug, FILLED_BUG)).toContain('### Relevant log output\n\n_No response_\n');
  });

  it('reads an empty fence or `_No response_` for a `render:` textarea as empty', () => {
    const md = renderDocument(bug, FILLED_BUG);
    expect(readDocument(bug, md).values.logs).toBe('');
    const github = md.replace(
      /### Relevant log output\n\n[^#]*?\n\n###/,
      '### Relevant log output\n\n_No response_\n\n###',
    );
    expect(github).toContain('### Relevant log output\n\n_No response_\n\n### Validations');
    expect(readDocument(bug, github).values).toEqual(FILLED_BUG);
  });

  it('round-trips hand-made values', () => {
    for (const [t, v] of [
      [bug, FILLED_BUG],
      [bug, emptyValues(bug)],
      [feature, emptyValues(feature)],
      [
        feature,
        emptyValues(feature, {
          'is-your-feature-request-related-to-a-problem-ple': '_No response_',
          solution: "### Importance\n\n### Describe the solution you'd like\n\n- [x] done",
          importance: '1.10',
          contribution: { checked: ['I would like to implement this feature'], other: '' },
          version: '### Version',
          'additional-context': '<!-- not a hint -->\n\n| a | b |\n| - | - |\n| 1 | 2 |',
        }),
      ],
    ] as const) {
      expect(readDocument(t, renderDocument(t, v)).values).toEqual(v);
    }
  });

  it('reads the body GitHub writes (`[X]`, `_No response_`, fences)', () => {
    const body = [
      '### Describe the bug',
      'It crashes.',
      '### Reproduction',
      'https://stackblitz.com/x',
      '### Steps to reproduce',
      '1. a\n2. b',
      '### System Info',
      '```shell\nOS: macOS\n```',
      '### Used Package Manager',
      'yarn',
      '### What browsers are you seeing the problem on?',
      '_No response_',
      '### Date of first occurrence',
      '_No response_',
      '### Relevant log output',
      '_No response_',
      '### Validations',
      '- [X] Follow our [Code of Conduct](https://example.com/coc)\n- [X] Read the [docs](https://example.com/docs).\n' +
        "- [ ] Check that there isn't already an issue that reports the same bug.\n" +
        '- [ ] The provided reproduction is a minimal reproducible example of the bug.',
    ].join('\n\n');
    const { values } = readDocument(bug, body);
    expect(values).toMatchObject({
      'bug-description': 'It crashes.',
      reproduction: 'https://stackblitz.com/x',
      'reproduction-steps': '1. a\n2. b',
      'system-info': 'OS: macOS',
      'package-manager': 'yarn',
      browsers: { checked: [], other: '' },
      'date-of-first-occurrence': '',
      logs: '',
      checkboxes: {
        checked: [
          'Follow our [Code of Conduct](https://example.com/coc)',
          'Read the [docs](https://example.com/docs).',
        ],
        other: '',
      },
    });
    expect(checkMarkdown(bug, body).complete).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any values in the fields' domains survive render → read.

const CHARS = [
  'a',
  'Z',
  '7',
  ' ',
  '#',
  '*',
  '_',
  '-',
  '+',
  '>',
  '|',
  '`',
  '~',
  '[',
  ']',
  '(',
  ')',
  '\\',
  '!',
  ':',
  '<',
  '/',
  '=',
  '"',
  "'",
  '.',
  ',',
  'é',
  'ß',
  '中',
  '🐞',
  '\u00a0',
  'x',
  'X',
];
const charArb = fc.constantFrom(...CHARS);
const lineArb = fc.array(charArb, { maxLength: 24 }).map((cs) => cs.join(''));
/** Special lines that look like the form's structure or like Markdown blocks. */
const trickyLineArb = (t: Template) =>
  fc.constantFrom(
    ...sections(t).map((s) => `### ${s.title}`),
    '_No response_',
    '- [x] Firefox',
    '- [ ] Chrome',
    '```',
    '~~~',
    '---',
    '<!--',
    '-->',
    '> [!NOTE]',
    '| a | b |',
    '    indented',
    '1. one',
  );

/**
 * A `[` with no `]` after it in the same answer: marked reads `[` … `]:` as one link reference
 * definition even across blank lines and other sections' headings (see the report).
 */
function hasUnclosedBracket(text: string): boolean {
  return /\[[^\]]*$/.test(text);
}

/** Single-line, trimmed, non-empty. */
const inputArb = lineArb.map((s) => s.trim()).filter((s) => s !== '' && !hasUnclosedBracket(s));

/**
 * A line under a text line that would make it a setext heading (`text\n---`): the reader would
 * take a setext heading whose text matches a label for that section (see the report).
 */
function noSetext(lines: string[]): string[] {
  return lines.map((l, i) =>
    i > 0 && lines[i - 1]!.trim() !== '' && /^ {0,3}(=+|-+)[ \t]*$/.test(l) ? `x${l}` : l,
  );
}

/** Canonical prose: trimmed, lines without trailing spaces. */
const proseArb = (t: Template) =>
  fc
    .array(
      fc.oneof({ weight: 4, arbitrary: lineArb }, { weight: 1, arbitrary: trickyLineArb(t) }),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((lines) =>
      noSetext(lines.map((l) => l.trimEnd()))
        .join('\n')
        .trim(),
    )
    .filter((s) => !hasUnclosedBracket(s));

/** Code: lines without trailing spaces; blank lines at the ends are not kept by a fence. */
const codeArb = (t: Template) =>
  fc
    .array(
      fc.oneof({ weight: 4, arbitrary: lineArb }, { weight: 1, arbitrary: trickyLineArb(t) }),
      {
        maxLength: 6,
      },
    )
    .map((lines) =>
      lines
        .map((l) => l.trimEnd())
        .join('\n')
        .replace(/^\n+|\n+$/g, ''),
    )
    .filter((s) => !hasUnclosedBracket(s));

function subsetArb(options: string[]) {
  return fc.subarray(options).map((checked) => ({ checked, other: '' }));
}

function valueArb(t: Template, f: Field): fc.Arbitrary<FieldValue> {
  switch (f.kind) {
    case 'text':
      return fc.oneof(fc.constant(''), inputArb);
    case 'date':
      return fc.oneof(
        fc.constant(''),
        fc
          .date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      );
    case 'prose':
      return proseArb(t);
    case 'code':
      return codeArb(t);
    case 'choice':
      return fc.constantFrom('', ...f.options);
    case 'checklist':
      return subsetArb(f.options.map((o) => o.label));
    default:
      throw new Error(`unexpected kind ${f.kind}`);
  }
}

function valuesArb(t: Template): fc.Arbitrary<Values> {
  const record: Record<string, fc.Arbitrary<FieldValue>> = {};
  for (const f of bodyFields(t)) record[f.id] = valueArb(t, f);
  return fc.record(record).map((v) => {
    const out: Values = { ...v };
    // The issue title is not part of the body: it comes back empty.
    for (const e of t.frontMatter?.entries ?? []) if (e.field) out[e.field.id] = '';
    return out;
  });
}

describe('round trip property', () => {
  for (const [name, t] of [
    ['bug report', bug],
    ['feature request', feature],
  ] as const) {
    it(`readDocument(renderDocument(v)) equals v for the ${name} form`, () => {
      fc.assert(
        fc.property(valuesArb(t), (v) => {
          expect(readDocument(t, renderDocument(t, v)).values).toEqual(v);
        }),
        { numRuns: 400 },
      );
    }, 30_000);
  }
});

// ---------------------------------------------------------------------------------------------
// Completeness on bodies as GitHub writes them

function githubBody(answers: [string, string][]): string {
  return answers.map(([label, answer]) => `### ${label}\n\n${answer}`).join('\n\n');
}

const UNTICKED_VALIDATIONS = [
  '- [ ] Follow our [Code of Conduct](https://example.com/coc)',
  '- [ ] Read the [docs](https://example.com/docs).',
  "- [ ] Check that there isn't already an issue that reports the same bug.",
  '- [ ] The provided reproduction is a minimal reproducible example of the bug.',
].join('\n');

describe('checkMarkdown on issue-form bodies', () => {
  it('reports every required element of an all-`_No response_` body, labels verbatim, in order', () => {
    const body = githubBody([
      ['Describe the bug', '_No response_'],
      ['Reproduction', '_No response_'],
      ['Steps to reproduce', '1. Run `npm install`\n2. Run `npm run dev`\n3. See the error'],
      ['System Info', '_No response_'],
      ['Used Package Manager', '_No response_'],
      ['What browsers are you seeing the problem on?', '_No response_'],
      ['Date of first occurrence', '_No response_'],
      ['Relevant log output', '_No response_'],
      ['Validations', UNTICKED_VALIDATIONS],
    ]);
    const report = checkMarkdown(bug, body);
    expect(report.complete).toBe(false);
    expect(report.missing.map((m) => m.title)).toEqual([
      'Describe the bug',
      'Reproduction',
      'Steps to reproduce', // prefilled value left unchanged
      'System Info',
      'Used Package Manager',
      'Validations', // a required option unticked
    ]);
    expect(report.required).toBe(6);
  });

  it('counts changed prefilled text, ticked required boxes and a multi-select as answers', () => {
    const body = githubBody([
      ['Describe the bug', 'N/A'],
      ['Reproduction', 'https://github.com/me/repro'],
      ['Steps to reproduce', '1. Run `npm install`\n2. Open /admin'],
      ['System Info', '```shell\nOS: Linux\n```'],
      ['Used Package Manager', 'npm'],
      ['What browsers are you seeing the problem on?', 'Firefox, Chrome'],
      ['Date of first occurrence', '_No response_'],
      ['Relevant log output', '_No response_'],
      ['Validations', UNTICKED_VALIDATIONS.replace(/\[ \]/g, '[X]')],
    ]);
    const report = checkMarkdown(bug, body);
    expect(report.missing).toEqual([]);
    expect(report.complete).toBe(true);
  });

  it('never reports unrequired elements, empty or not', () => {
    const body = githubBody([
      ['Is your feature request related to a problem? Please describe.', '_No response_'],
      ["Describe the solution you'd like", 'A flag.'],
      ["Describe alternatives you've considered", '_No response_'],
      ['Importance', '_No response_'],
      ['Contribution', '- [ ] I would like to implement this feature'],
      ['Version', 'latest'],
      ['Additional context', '_No response_'],
    ]);
    expect(checkMarkdown(feature, body)).toMatchObject({
      complete: true,
      missing: [],
      required: 1,
    });
    const empty = body.replace('A flag.', '_No response_');
    expect(checkMarkdown(feature, empty).missing.map((m) => m.title)).toEqual([
      "Describe the solution you'd like",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input

function errorOf(text: string): TemplateError {
  try {
    parseIssueForm(text);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('bad issue forms are refused with a clear TemplateError', () => {
  it('gives the line of malformed YAML', () => {
    const e = errorOf(
      'name: Bug\ndescription: x\nbody:\n  - type: input\n    attributes:\n      label: "unclosed\n',
    );
    expect(e.message).toMatch(/^Unreadable issue form YAML: .*\(line \d+\)$/);
    expect(e.line).toBeGreaterThanOrEqual(6);
    const tabs = errorOf('name: Bug\nbody:\n  - type: input\n\tattributes: {}\n');
    expect(tabs.line).toBe(4);
  });

  it('refuses a body that is not a list, or no body', () => {
    const e = errorOf('name: Bug\ndescription: x\nbody:\n  type: input\n');
    expect(e.message).toMatch(/`body` must be a list of form elements/);
    expect(e.line).toBe(4);
    expect(errorOf('name: Bug\ndescription: x\n').message).toMatch(/no `body`/);
    expect(errorOf('- just\n- a list\n').message).toMatch(/YAML map/);
  });

  it('refuses unknown types, missing types and labels, and duplicate ids or labels', () => {
    const unknown = errorOf(
      'name: Bug\nbody:\n  - type: markdown\n    attributes: {value: hi}\n  - type: radio\n    attributes: {label: Pick}\n',
    );
    expect(unknown.message).toBe(
      'Body element 2 has the unknown type `radio`; an issue form knows `markdown`, `input`, `textarea`, `dropdown`, `checkboxes` (line 5)',
    );
    expect(errorOf('name: Bug\nbody:\n  - attributes: {label: A}\n').message).toBe(
      'Body element 1 has no `type` (line 3)',
    );
    expect(errorOf('name: Bug\nbody:\n  - type: input\n    attributes: {}\n').message).toMatch(
      /Body element 1 \(input\) needs `attributes.label`/,
    );
    const dupId = errorOf(
      'name: Bug\nbody:\n  - type: input\n    id: v\n    attributes: {label: A}\n  - type: input\n    id: v\n    attributes: {label: B}\n',
    );
    expect(dupId.message).toBe(
      'Body element 2 (input) repeats the id `v`: ids must be unique (line 7)',
    );
    expect(
      errorOf(
        'name: Bug\nbody:\n  - type: input\n    attributes: {label: A}\n  - type: textarea\n    attributes: {label: A}\n',
      ).message,
    ).toMatch(/repeats the label “A”/);
    expect(
      errorOf('name: Bug\nbody:\n  - type: dropdown\n    attributes: {label: A}\n').message,
    ).toMatch(/needs `attributes.options`/);
    expect(
      errorOf(
        'name: Bug\nbody:\n  - type: dropdown\n    attributes: {label: A, options: [x], default: 3}\n',
      ).message,
    ).toMatch(/`default` must be the index of an option/);
  });

  it('keeps explicit ids free when a label slug would take them', () => {
    const t = parseIssueForm(
      'name: X\nbody:\n  - type: input\n    attributes: {label: Version}\n  - type: input\n    id: version\n    attributes: {label: Exact version}\n',
    );
    expect(bodyFields(t).map((f) => f.id)).toEqual(['version-2', 'version']);
  });
});

describe('GitHub answer shapes: comma-separated dropdowns, required checkboxes, defaults', () => {
  const FORM = `name: Browsers
description: Which browsers
body:
  - type: dropdown
    id: browsers
    attributes:
      label: Browsers
      multiple: true
      options: [Firefox, "Chrome, stable", Safari]
    validations:
      required: true
  - type: dropdown
    id: channel
    attributes:
      label: Channel
      options: [Stable, Beta]
      default: 1
  - type: checkboxes
    id: terms
    attributes:
      label: Code of Conduct
      options:
        - label: I agree to follow this project's Code of Conduct
          required: true
        - label: I searched existing issues
`;
  const form = parseIssueForm(FORM);

  it('writes a multi-select dropdown as one comma-separated line and reads it back', () => {
    const values = {
      ...emptyValues(form),
      browsers: { checked: ['Firefox', 'Chrome, stable'], other: '' },
    };
    const body = renderDocument(form, values);
    expect(body).toContain('### Browsers\n\nFirefox, Chrome, stable\n');
    expect(readDocument(form, body).values.browsers).toEqual(values.browsers);
  });

  it('reads the comma list GitHub writes, options with commas included', () => {
    const body =
      "### Browsers\n\nChrome, stable, Safari\n\n### Channel\n\nBeta\n\n### Code of Conduct\n\n- [X] I agree to follow this project's Code of Conduct\n- [ ] I searched existing issues\n";
    const { values } = readDocument(form, body);
    expect(values.browsers).toEqual({ checked: ['Chrome, stable', 'Safari'], other: '' });
    expect(checkMarkdown(form, body).missing).toEqual([]);
  });

  it('a checkbox group is filled only when its required options are ticked', () => {
    const body =
      "### Browsers\n\nSafari\n\n### Channel\n\nBeta\n\n### Code of Conduct\n\n- [ ] I agree to follow this project's Code of Conduct\n- [X] I searched existing issues\n";
    expect(checkMarkdown(form, body).missing.map((m) => m.title)).toEqual(['Code of Conduct']);
  });

  it('a dropdown starts at its `default:` option', async () => {
    const { defaultValues } = await import('../document/defaults.ts');
    expect(defaultValues(form, '2026-11-23').channel).toBe('Beta');
  });
});
