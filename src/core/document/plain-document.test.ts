import { describe, expect, it } from 'vitest';
import { checkMarkdown } from '../check.ts';
import { parseTemplate } from '../template/parse.ts';
import { readTemplateText } from '../../templates/load-node.ts';
import { findTemplateEntry } from '../../templates/registry.ts';
import { recognizeTemplate } from '../../cli/templates.ts';
import { readDocument } from './read.ts';
import { renderDocument } from './render.ts';

const entry = findTemplateEntry('enhancement-proposal-plain')!;
const source = readTemplateText(entry);
const template = parseTemplate(source, 'text');

/** A filled copy of the plain-text template, still plain text (as pasted from a web page). */
const filled = source
  .replace('EP-XXX: [Enhancement Title]', 'EP-042: Faster builds')
  .replace('Author: [Your Name]', 'Author: Ada Lovelace')
  .replace(/^\[Provide a concise.*\]$/m, 'We cache build outputs between CI runs.')
  .replace(
    /^\[Describe the problem this.*\]$/m,
    'Builds take forty minutes.\n# not a heading: a shell comment',
  );

describe('a filled document that is plain text, like its template', () => {
  it('is read against the template’s headings: answers land in their sections', () => {
    const { values } = readDocument(template, filled);
    expect(values['ep-xxx/ep-number']).toBe('042');
    expect(values['ep-xxx/enhancement-title']).toBe('Faster builds');
    expect(values['ep-xxx/author']).toBe('Ada Lovelace');
    expect(values.summary).toBe('We cache build outputs between CI runs.');
    expect(values['problem-statement']).toBe(
      'Builds take forty minutes.\n# not a heading: a shell comment',
    );
  });

  it('is checked: filled sections are not missing, untouched ones are', () => {
    const missing = checkMarkdown(template, filled).missing.map((m) => m.title);
    expect(missing).not.toContain('Summary');
    expect(missing).not.toContain('Problem Statement');
    expect(missing).not.toContain('EP-042: Faster builds');
    expect(missing.slice(0, 2)).toEqual(['Current Limitations', 'Goals']);
  });

  it('is recognised as the plain-text template without --template', () => {
    expect(recognizeTemplate(filled)?.id).toBe('enhancement-proposal-plain');
  });
});

/** A Markdown template in the shape of an RFC template: key-value items, then sections. */
const rfcTemplate = parseTemplate(`- Proposal Name: (a short identifier)
- Opened: (YYYY-MM-DD)

# Summary

One paragraph.

# Motivation

Why are we doing this?

# Alternatives considered

What else was weighed?

# Open questions

What is still undecided?
`);

/** The same proposal as a browser copies it from the rendered page: no \`#\`, no bullets. */
const copied = `Proposal Name: tidy_logs

Opened: 2026-03-02

Contents

Summary
Motivation
Alternatives considered
Open questions

Summary

Logs are rotated daily and compressed.

Motivation and background

Disks fill up on busy nodes.

Alternatives

Shipping every log line elsewhere was too costly.

Open questions

None yet.
`;

describe('a document copied from a rendered page, read against a Markdown template', () => {
  it('finds its sections by their bare heading lines, reworded ones included, after a contents list', () => {
    const { values } = readDocument(rfcTemplate, copied);
    expect(values.summary).toBe('Logs are rotated daily and compressed.');
    expect(values.motivation).toBe('Disks fill up on busy nodes.');
    expect(values['alternatives-considered']).toBe(
      'Shipping every log line elsewhere was too costly.',
    );
    expect(checkMarkdown(rfcTemplate, copied).missing).toEqual([]);
  });

  it('takes the key-value items back, and keeps every line the author wrote', () => {
    const { values } = readDocument(rfcTemplate, copied);
    const out = renderDocument(rfcTemplate, values);
    expect(out).toContain('- Proposal Name: tidy_logs\n- Opened: 2026-03-02');
    for (const line of copied.split('\n').filter((l) => l.trim() !== '')) {
      expect(out).toContain(line);
    }
    // A reworded heading keeps its words; the template's own wording is not put over it.
    expect(out).toContain('# Motivation and background');
    expect(out).not.toContain('# Alternatives considered\n');
  });

  it('leaves a Markdown document with headings as it is', () => {
    const markdown = '# Summary\n\nSummary\n\nMotivation\n\nA line.\n';
    expect(readDocument(rfcTemplate, markdown).values.summary).toBe(
      'Summary\n\nMotivation\n\nA line.',
    );
  });
});
