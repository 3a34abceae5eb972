/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { closestTemplate, recognizeTemplate, scoreTemplates, type Candidate } from './recognize.ts';
import { importProposal, summaryText } from './proposal-import.ts';
import { renderDocument } from './document/render.ts';
import { extraKey } from './model.ts';
import { parseTemplate } from './template/parse.ts';
import { templateName } from './template/name.ts';
// Recognition is checked against the shipped templates too.
import { BUILT_IN_TEMPLATES } from '../templates/registry.ts';
import { readTemplateText } from '../templates/load-node.ts';
import { TEMPLATE_HINTS } from '../templates/hints.ts';

const DESIGN_DOC = `# Design: [Title]

## Context

<!-- What is the situation today? -->

## Decision

### Option 1: [Name]

<!-- Describe the option -->

### Option 2: [Name]

<!-- Describe the option -->

## Consequences

<!-- What follows -->
`;

const ISSUE_FORM = `name: Idea
description: An idea
body:
  - type: textarea
    id: problem
    attributes:
      label: Problem
    validations:
      required: true
  - type: textarea
    id: proposal
    attributes:
      label: Proposal
`;

const builtIns: Candidate<string>[] = BUILT_IN_TEMPLATES.map((entry) => {
  const hints = TEMPLATE_HINTS[entry.id];
  return {
    id: entry.id,
    format: entry.format,
    template: parseTemplate(readTemplateText(entry), entry.format, hints ? { hints } : {}),
  };
});
const imported: Candidate<string>[] = [
  { id: 'design-doc', format: 'markdown', template: parseTemplate(DESIGN_DOC) },
  { id: 'idea-form', format: 'issue-form', template: parseTemplate(ISSUE_FORM, 'issue-form') },
];
const all = [...builtIns, ...imported];

describe('recognizeTemplate', () => {
  it('finds an imported template among the built-in ones by its headings', () => {
    const doc = `# Design: Queue the uploads

## Context

Uploads block the UI.

## Decision

We queue them.

### Option 1: Use a queue

A queue in the worker.

## Consequences

Uploads resume after a reload.
`;
    expect(recognizeTemplate(doc, all)).toBe('design-doc');
    expect(scoreTemplates(doc, all)[0]).toMatchObject({ id: 'design-doc', matched: 5 });
  });

  it('recognises the body GitHub writes for an issue form', () => {
    const body = '### Problem\n\nSlow builds.\n\n### Proposal\n\n_No response_\n';
    expect(recognizeTemplate(body, all)).toBe('idea-form');
  });

  it('recognises a built-in template from renamed headings (placeholders filled in)', () => {
    const rfc = readTemplateText(BUILT_IN_TEMPLATES.find((t) => t.id === 'enhancement-rfc')!)
      .replace('# Enhancement: [Title]', '# Enhancement: Faster sync')
      .replace('### Alternative 1: [Name]', '### Alternative 1: Use a queue');
    expect(recognizeTemplate(rfc, all)).toBe('enhancement-rfc');
  });

  it('gives no clear match for a document with other headings, but may name the closest', () => {
    const doc = '## Context\n\nSomething.\n\n## Shopping list\n\nMilk.\n';
    expect(recognizeTemplate(doc, all)).toBeNull();
    expect(closestTemplate(doc, all)?.id).toBe('design-doc');
    expect(closestTemplate('No headings at all here, none', imported)).toBeNull();
  });
});

describe('importProposal', () => {
  const template = parseTemplate(DESIGN_DOC);

  it('fills every field, keeps unmatched text in its section and says so', () => {
    const doc = `# Design: Queue the uploads

## Context

Uploads block the UI.

A second paragraph the template did not ask for.

## Decision

We queue them.

### Option 1: Use a queue

A queue in the worker.

## Appendix

Notes from the meeting.
`;
    const result = importProposal(template, doc);
    expect(result.title).toBe('Design: Queue the uploads');
    const { values } = result;
    // "Decision" has no field of its own (no guidance, only its options): its paragraph is kept
    // in that section.
    expect(values[extraKey('decision')]).toBe('We queue them.');
    expect(JSON.stringify(values)).toContain('A second paragraph the template did not ask for.');
    expect(JSON.stringify(values)).toContain('Notes from the meeting.');
    expect(result.summary.missing).toEqual(['Consequences']);
    expect(summaryText(result.summary)).toBe(
      '4 fields filled, 1 section missing, 1 paragraph kept as is',
    );
    // Nothing is lost on the way out.
    const out = renderDocument(template, values);
    for (const text of [
      'Uploads block the UI.',
      'A second paragraph the template did not ask for.',
      '### Option 1: Use a queue',
      'A queue in the worker.',
      '## Appendix',
      'Notes from the meeting.',
    ]) {
      expect(out).toContain(text);
    }
  });

  it('keeps the document’s own front matter, keys the template does not have included', () => {
    const rfc = parseTemplate(
      '---\ntitle: "[Title]"\nstatus: draft\n---\n\n## Context\n\n<!-- Why -->\n',
    );
    const doc =
      '---\ntitle: Faster uploads\nstatus: accepted\nowner: sam\nreviewers:\n  - kim\n---\n\n## Context\n\nSlow.\n';
    const result = importProposal(rfc, doc);
    expect(result.values['front-matter/status']).toBe('accepted');
    const out = renderDocument(rfc, result.values);
    expect(out.startsWith(doc.slice(0, doc.indexOf('\n\n')))).toBe(true);
    // Exported and imported again, the document stays the same.
    expect(renderDocument(rfc, importProposal(rfc, out).values)).toBe(out);
  });

  it('counts in the words of the summary', () => {
    expect(summaryText({ filled: 1, missing: [], kept: 1 })).toBe(
      '1 field filled, 0 sections missing, 1 paragraph kept as is',
    );
  });
});

describe('templateName', () => {
  it('takes the front matter or issue-form name, the first heading, then the file name', () => {
    expect(templateName(parseTemplate('---\nname: Bug report\nabout: x\n---\n## A\n'))).toBe(
      'Bug report',
    );
    expect(templateName(parseTemplate(ISSUE_FORM, 'issue-form'), 'idea.yml')).toBe('Idea');
    expect(templateName(parseTemplate(DESIGN_DOC), 'x.md')).toBe('Design: [Title]');
    expect(
      templateName(parseTemplate('- [ ] Task 1\n- [ ] Task 2\n'), 'dir/release_check.md'),
    ).toBe('release check');
  });
});
