/**
 * Templates of the kind found in many repositories (not built in): a bug report of bold labels
 * with no headings, a pull-request checklist template, a MADR decision record. The general rules
 * must give each a sensible form and an exact completeness verdict.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMarkdown } from '../check.ts';
import { defaultValues } from '../document/defaults.ts';
import { readDocument } from '../document/read.ts';
import { renderDocument } from '../document/render.ts';
import { allFields } from '../document/walk.ts';
import { parseTemplate } from './parse.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');

function kinds(text: string): string[] {
  return allFields(parseTemplate(text)).map(
    (f) => `${f.kind} ${f.label}${f.required ? '' : ' (optional)'}`,
  );
}

describe('a bug report made of bold labels, without headings', () => {
  const text = fixture('bug-report.md');
  const template = parseTemplate(text);

  it('asks one question per label; instructions are help, not output', () => {
    expect(kinds(text)).toEqual([
      // From the issue template's front matter: the title, not part of the body.
      'text Issue title (optional)',
      'prose Describe the bug',
      'list To Reproduce',
      'prose Expected behavior',
      'prose Screenshots (optional)',
      // `- OS: [e.g. iOS]` and `- Browser [e.g. chrome, safari]`: one value per key.
      'keyvalue Desktop (please complete the following information)',
      // "Add any other context …": the catch-all question is optional.
      'prose Additional context (optional)',
    ]);
    const rendered = renderDocument(template, defaultValues(template, '2026-11-23'));
    expect(rendered).not.toContain('A clear and concise description');
    expect(rendered).toContain('**Describe the bug**');
  });

  it('reports each unanswered label by name; the template itself is all missing', () => {
    expect(checkMarkdown(template, text).missing.map((m) => m.title)).toEqual(
      [
        'Describe the bug',
        'To Reproduce',
        'Expected behavior',
        'Desktop (please complete the following information):',
      ].map((t) => t.replace(/:$/, '')),
    );
    const filled = text
      .replace(
        'A clear and concise description of what the bug is.',
        'Export does nothing on Safari.',
      )
      .replace(' - OS: [e.g. iOS]', ' - OS: macOS 15');
    expect(checkMarkdown(template, filled).missing.map((m) => m.title)).toEqual([
      'To Reproduce',
      'Expected behavior',
    ]);
  });
});

describe('a pull-request template with checkboxes', () => {
  const text = fixture('pull-request.md');
  const template = parseTemplate(text);

  it('fixed options are a checklist; "Test A / Test B" are tasks the author writes', () => {
    expect(kinds(text)).toEqual([
      'prose Description',
      'checklist Type of change',
      'tasklist How Has This Been Tested?',
      'checklist Checklist',
    ]);
  });

  it('an unchanged example line ("Fixes # (issue)") does not answer the section', () => {
    expect(checkMarkdown(template, text).missing.map((m) => m.title)).toEqual([
      'Description',
      'Type of change',
      'How Has This Been Tested?',
      'Checklist:',
    ]);
    const filled = text
      .replace('Fixes # (issue)', 'Fixes #42: builds reuse cached layers.')
      .replace('- [ ] Bug fix', '- [x] Bug fix')
      .replace('- [ ] Test A', '- [x] Ran the cache tests on Linux and macOS')
      .replace('- [ ] I have performed', '- [x] I have performed');
    expect(checkMarkdown(template, filled).complete).toBe(true);
  });
});

describe('a MADR decision record', () => {
  const text = fixture('madr.md');
  const template = parseTemplate(text);

  it('the title is a field, commented "optional" sections are optional, "[option 1]" repeats', () => {
    const fields = allFields(template);
    expect(fields[0]).toMatchObject({
      kind: 'text',
      label: 'short title of solved problem and solution',
    });
    expect(kinds(text)).toContain('list Decision Drivers (optional)');
    const group = fields.find((f) => f.kind === 'group');
    expect(group).toMatchObject({ kind: 'group', required: false });
  });

  it('named options read back as instances; the template’s own "[option N]" headings are not answers', () => {
    const doc = text
      .replace('### [option 1]', '### Use a queue')
      .replace('### [option 2]', '### Poll the database');
    const { values } = readDocument(template, doc);
    const group = allFields(template).find((f) => f.kind === 'group')!;
    const instances = values[group.id] as Record<string, unknown>[];
    expect(instances.map((i) => i.name)).toEqual(['Use a queue', 'Poll the database']);
    const untouched = readDocument(template, text).values[group.id] as Record<string, unknown>[];
    expect(untouched.map((i) => i.name)).toEqual(['', '']);
  });

  it('a heading written with its guidance comment still matches', () => {
    const filled = text.replace(
      '## Considered Options\n\n* [option 1]\n* [option 2]',
      '## Considered Options\n\n* Queue\n* Polling',
    );
    const report = checkMarkdown(template, filled);
    expect(report.missing.map((m) => m.title)).not.toContain('Considered Options');
    expect(report.missing.map((m) => m.title)).not.toContain('Decision Drivers');
  });
});
