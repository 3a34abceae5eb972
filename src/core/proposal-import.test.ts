/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { renderDocument } from './document/render.ts';
import { classifyDocument, importProposal, readProposal, summaryText } from './proposal-import.ts';
import type { Candidate } from './recognize.ts';
import { parseTemplate } from './template/parse.ts';

const DECISION = `# Decision: [Title]

## Context

<!-- What is the situation? -->

## Options

<!-- What could we do? -->

## Outcome

<!-- What we chose -->
`;

const CHECKLIST = `## Release notes

<!-- What changed -->

## Rollback

<!-- How to undo it -->
`;

const candidates: Candidate<string>[] = [
  { id: 'decision', format: 'markdown', template: parseTemplate(DECISION) },
  { id: 'release', format: 'markdown', template: parseTemplate(CHECKLIST) },
];

const FILLED = `# Decision: Faster uploads

## Context

Uploads block the page.

## Options

A queue, or bigger servers.

## Outcome

We use a queue.
`;

describe('classifyDocument', () => {
  it('takes a filled document that follows a known template for a proposal', () => {
    expect(classifyDocument(FILLED, candidates)).toEqual({ kind: 'proposal', id: 'decision' });
  });

  it('does not take a known template itself for a proposal: nothing in it is filled', () => {
    expect(classifyDocument(DECISION, candidates)).toEqual({ kind: 'unsure' });
  });

  it('asks about a document that follows no known template', () => {
    expect(classifyDocument('## Goal\n\nShip it.\n\n## Plan\n\nSoon.\n', candidates)).toEqual({
      kind: 'unsure',
    });
  });

  it('takes an issue form for a template', () => {
    const form =
      'name: Idea\ndescription: d\nbody:\n  - type: textarea\n    attributes:\n      label: Problem\n';
    expect(classifyDocument(form, candidates)).toEqual({ kind: 'template' });
  });
});

describe('readProposal', () => {
  it('reads against the closest template unless another is chosen', () => {
    const closest = readProposal(FILLED, candidates);
    expect(closest.chosen).toBe('decision');
    expect(closest.scores[0]?.id).toBe('decision');
    expect(Object.values(closest.result?.values ?? {})).toContain('We use a queue.');
    const other = readProposal(FILLED, candidates, 'release');
    expect(other.chosen).toBe('release');
    expect(other.result?.summary.kept).toBeGreaterThan(0);
  });

  it('chooses nothing when no template shares a heading', () => {
    const none = readProposal('## Elsewhere\n\nText.\n', candidates);
    expect(none.chosen).toBeNull();
    expect(none.result).toBeNull();
  });
});

describe('importProposal', () => {
  it('keeps front matter that is not valid YAML as written, and its summary says it was not read', () => {
    const template = parseTemplate(`---\ntitle: "[Title]"\nstatus: draft\n---\n${DECISION}`);
    const document = `---\ntitle: [oops\n  status: accepted\n---\n${FILLED}`;
    const imported = importProposal(template, document);
    expect(imported.summary.frontMatterUnread).toMatch(/YAML/);
    expect(summaryText(imported.summary)).toMatch(
      /; the front matter is kept as written but not read \(.*\)$/,
    );
    expect(renderDocument(template, imported.values)).toContain('title: [oops\n  status: accepted');
    expect(importProposal(template, FILLED).summary.frontMatterUnread).toBeUndefined();
  });
});
