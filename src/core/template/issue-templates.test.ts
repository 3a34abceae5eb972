/**
 * Rules for GitHub issue and pull-request templates (`.github/ISSUE_TEMPLATE/*.md` with front
 * matter, `PULL_REQUEST_TEMPLATE.md`) and the bodies people write from them. Each fixture is our
 * own, written in the shape of a kind of real public template.
 */
import { describe, expect, it } from 'vitest';
import { checkMarkdown } from '../check.ts';
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

  it('a body that leaves the catch-all at its template text is still complete', () => {
    const body = BOLD_BUG.replace('One or two sentences on the problem.', 'Saving fails offline.');
    expect(missing(BOLD_BUG, body)).toEqual([]);
    expect(missing(BOLD_BUG, BOLD_BUG)).toEqual(['What goes wrong']);
  });
});
