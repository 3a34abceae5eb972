/**
 * Rules for GitHub issue and pull-request templates (`.github/ISSUE_TEMPLATE/*.md` with front
 * matter, `PULL_REQUEST_TEMPLATE.md`) and the bodies people write from them. Each fixture is our
 * own, written in the shape of a kind of real public template.
 */
import { describe, expect, it } from 'vitest';
import { checkMarkdown } from '../check.ts';
import { readDocument } from '../document/read.ts';
import { renderDocument } from '../document/render.ts';
import { allFields } from '../document/walk.ts';
import { parseTemplate } from './parse.ts';

function form(text: string): string[] {
  return allFields(parseTemplate(text)).map(
    (f) => `${f.kind} ${f.label}${f.required ? '' : ' (optional)'}`,
  );
}

function missing(template: string, doc: string): string[] {
  return checkMarkdown(parseTemplate(template), doc).missing.map((m) => m.title);
}

const BOLD_BUG = `---
name: Problem report
about: Tell us what broke
title: ''
labels: ''
assignees: ''
---

**What goes wrong**
One or two sentences on the problem.

**Extra details**
Add any other details about the problem here.
`;

describe('catch-all questions', () => {
  it('"add any other …" and "anything else" guidance makes the field optional', () => {
    expect(form(BOLD_BUG)).toEqual([
      'text Issue title (optional)',
      'prose What goes wrong',
      'prose Extra details (optional)',
    ]);
    const other = `## Summary\n\n<!-- What changed. -->\n\n## Notes\n\n<!-- Anything else reviewers should know? -->\n`;
    expect(form(other)).toEqual(['prose Summary', 'prose Notes (optional)']);
  });

  it('under a main question the same words leave it required', () => {
    const main = `**Describe the problem**\n\nAdd any other details about the problem here.\n`;
    expect(form(main)).toEqual(['prose Describe the problem']);
  });

  it('a body that leaves the catch-all at its template text is still complete', () => {
    const body = BOLD_BUG.replace('One or two sentences on the problem.', 'Saving fails offline.');
    expect(missing(BOLD_BUG, body)).toEqual([]);
    expect(missing(BOLD_BUG, BOLD_BUG)).toEqual(['What goes wrong']);
  });
});

const DEVICE_BUG = `**What goes wrong**
One or two sentences on the problem.

**Your computer (fill in what you can):**
 - System: [e.g. Linux]
 - Viewer [e.g. firefox, edge]
 - Release [e.g. 7]
`;

describe('key-value items without a colon', () => {
  it('`- Viewer [e.g. firefox]` among `- System: [e.g. Linux]` is a key with its placeholder', () => {
    const field = allFields(parseTemplate(DEVICE_BUG))[1]!;
    expect(field.kind).toBe('keyvalue');
    expect(field.kind === 'keyvalue' && field.entries.map((e) => [e.key, e.placeholder])).toEqual([
      ['System', 'e.g. Linux'],
      ['Viewer', 'e.g. firefox, edge'],
      ['Release', 'e.g. 7'],
    ]);
  });

  it('placeholders left are unfilled; values with or without the colon are answers', () => {
    const title = 'Your computer (fill in what you can)';
    expect(missing(DEVICE_BUG, DEVICE_BUG)).toEqual(['What goes wrong', title]);
    const bare = DEVICE_BUG.replace('One or two', 'Two').replace(
      / - (System|Viewer|Release).*/g,
      ' - $1',
    );
    expect(missing(DEVICE_BUG, bare)).toEqual([title]);
    const filled = bare.replace(' - Viewer', ' - Viewer Firefox 128');
    expect(missing(DEVICE_BUG, filled)).toEqual([]);
    const template = parseTemplate(DEVICE_BUG);
    const values = readDocument(
      template,
      filled.replace(' - Viewer Firefox 128', ' - Viewer: Edge'),
    ).values;
    expect(Object.values(values)).toContainEqual({ Viewer: 'Edge' });
  });
});

const NESTED_DETAILS = `### Checks

* [ ] I searched the open issues first.

### Details

* **App version:**
  * <!-- the output of \`app --version\`, e.g. 2.1.0 -->
* **System:**
  * <!-- e.g. Windows 11 -->

### What happened
<!-- One paragraph. -->
`;

describe('a key whose value goes in a nested item', () => {
  it('`* **Key:**` then `  * <!-- hint -->` is a key-value field; the comment is its help', () => {
    const field = allFields(parseTemplate(NESTED_DETAILS))[1]!;
    expect(field.kind === 'keyvalue' && field.entries.map((e) => [e.key, e.hint])).toEqual([
      ['App version', 'the output of `app --version`, e.g. 2.1.0'],
      ['System', 'e.g. Windows 11'],
    ]);
  });

  it('empty nested items are unanswered; written values read back and render in place', () => {
    const empty = NESTED_DETAILS.replace(/ {2}\* <!--.*-->/g, '  *');
    expect(missing(NESTED_DETAILS, empty)).toEqual(['Checks', 'Details', 'What happened']);
    const filled = empty
      .replace('* [ ]', '* [x]')
      .replace('**App version:**\n  *', '**App version:**\n  * 2.3.1')
      .replace('<!-- One paragraph. -->', 'It froze.');
    expect(missing(NESTED_DETAILS, filled)).toEqual([]);
    const template = parseTemplate(NESTED_DETAILS);
    const out = renderDocument(template, readDocument(template, filled).values);
    expect(out).toContain('* **App version:**\n  * 2.3.1\n* **System:**\n  *');
  });
});

const SHORT_PR = `<!-- Describe what this change does and why. -->

## Changes

-

## Checklist

- [ ] I ran the tests
- [ ] I updated the docs

Closes #
`;

describe('a pull-request template with a description comment and an issue reference', () => {
  it('the comment asking for a description before the first heading is a field; `Closes #` is optional', () => {
    expect(form(SHORT_PR)).toEqual([
      'prose Description',
      'list Changes',
      'checklist Checklist',
      'text Closes (optional)',
    ]);
  });

  it('reads the description and the issue number; the template as it stands is missing', () => {
    expect(missing(SHORT_PR, SHORT_PR)).toEqual(['Description', 'Changes', 'Checklist']);
    const body = SHORT_PR.replace(
      '<!-- Describe what this change does and why. -->',
      'Adds a dark theme.',
    )
      .replace('-\n', '- theme switch\n')
      .replace('- [ ] I ran', '- [x] I ran')
      .replace('Closes #', 'Closes #88');
    expect(missing(SHORT_PR, body)).toEqual([]);
    const template = parseTemplate(SHORT_PR);
    const values = readDocument(template, body).values;
    expect(Object.values(values)).toContain('#88');
    expect(renderDocument(template, values)).toContain('Closes #88');
    expect(renderDocument(template, values)).not.toContain('Closes #\n');
  });

  it('a notice comment before the first heading stays help', () => {
    const notice = `<!-- Thanks for helping! Read the contributing guide first. -->\n\n## Changes\n\n-\n`;
    expect(form(notice)).toEqual(['list Changes']);
  });
});

describe('a template with nothing to fill', () => {
  it('front matter alone gives one Description field, and the body answers it', () => {
    const text = `---\nname: Idea\nabout: Suggest an improvement\ntitle: ''\nlabels: ''\n---\n`;
    expect(form(text)).toEqual(['text Issue title (optional)', 'prose Description']);
    expect(missing(text, '')).toEqual(['Description']);
    expect(missing(text, 'Let me pin tabs.\n')).toEqual([]);
  });
});

describe('two options where one negates the other', () => {
  const text = `## Release note\n\n- [ ] This change is visible to users and I wrote a release note.\n- [ ] This change is not visible to users.\n\n## Checks\n\n- [ ] Tests pass\n- [ ] Docs are not needed\n`;
  it('is one choice; unrelated options stay many', () => {
    const fields = allFields(parseTemplate(text));
    expect(fields.map((f) => (f.kind === 'checklist' ? f.multiple : null))).toEqual([false, true]);
  });
});

describe('issue-form bodies', () => {
  const FORM = `name: Problem
description: Report a problem
body:
  - type: textarea
    id: expected
    attributes:
      label: Expected result
      description: What should have happened?
      placeholder: What should have happened?
    validations:
      required: true
  - type: textarea
    id: extra
    attributes:
      label: More context
`;
  it('text repeating the description word for word is the author’s answer (GitHub never writes descriptions)', () => {
    const template = parseTemplate(FORM, 'issue-form');
    const body = `### Expected result\n\nWhat should have happened?\n\n### More context\n\n_No response_\n`;
    expect(checkMarkdown(template, body).missing).toEqual([]);
    const empty = `### Expected result\n\n_No response_\n\n### More context\n\n_No response_\n`;
    expect(checkMarkdown(template, empty).missing.map((m) => m.title)).toEqual(['Expected result']);
  });
});
