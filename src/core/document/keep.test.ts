/**
 * Nothing the author wrote is lost: a document written outside the app, read against its
 * template and written again, keeps every line of the author's text, in its section and order,
 * with its structure. Small templates of common shapes; each case is one thing authors do.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import { checkDocument, checkMarkdown } from '../check.ts';
import { FRONT_MATTER_KEY } from '../model.ts';
import { parseTemplate } from '../template/parse.ts';
import { readDocument } from './read.ts';
import { renderDocument } from './render.ts';

function roundTrip(templateText: string, doc: string): string {
  const template = parseTemplate(templateText, 'markdown');
  return renderDocument(template, readDocument(template, doc).values);
}

/** The lines of `expected` appear in `actual` in the same order (blank lines aside). */
function expectLinesInOrder(actual: string, expected: string): void {
  const lines = actual.split('\n');
  let at = 0;
  for (const want of expected.split('\n').filter((l) => l.trim() !== '')) {
    const found = lines.findIndex((l, i) => i >= at && l === want);
    expect(found, `"${want}" is kept after line ${at} in:\n${actual}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

const DESIGN = `# Design doc

## Motivation

<!-- Why are we doing this? -->

## Goals

- Goal 1
- Goal 2

## Risks

| Risk | Mitigation |
| --- | --- |
| [risk] | [mitigation] |

## API

\`\`\`ts
// the new API
\`\`\`

## Metadata

- **Owner**: [name]
- **Team**: [team]
`;

describe('text that matches no field stays where the author wrote it', () => {
  it('a paragraph written before a list stays before it, after it stays after it', () => {
    const doc = `# Design doc

## Goals

Some context first.

- Faster builds
- Fewer flakes

And a closing remark.
`;
    const out = roundTrip(DESIGN, doc);
    expectLinesInOrder(
      out,
      '## Goals\nSome context first.\n- Faster builds\n- Fewer flakes\nAnd a closing remark.\n## Risks',
    );
  });

  it('a nested list keeps its nesting and its ordered sub-items', () => {
    const doc = `# Design doc

## Goals

- Faster builds
  1. cache outputs
  2. split jobs
- Fewer flakes
`;
    const out = roundTrip(DESIGN, doc);
    expectLinesInOrder(
      out,
      '## Goals\n- Faster builds\n  1. cache outputs\n  2. split jobs\n- Fewer flakes\n## Risks',
    );
  });

  it('a table with a column the template lacks keeps every cell', () => {
    const doc = `# Design doc

## Risks

| Risk | Mitigation | Owner |
| --- | --- | --- |
| Cache poisoning | Sign artifacts | Ana |
`;
    const out = roundTrip(DESIGN, doc);
    expect(out).toContain('Ana');
    expect(out).toContain('Cache poisoning');
  });

  it('a code block in another language keeps its language', () => {
    const doc = `# Design doc

## API

\`\`\`go
func Build() error
\`\`\`
`;
    const out = roundTrip(DESIGN, doc);
    expectLinesInOrder(out, '## API\n```go\nfunc Build() error\n```');
  });

  it('a key the template lacks, in a key-value list, is kept', () => {
    const doc = `# Design doc

## Metadata

- **Owner**: Ana
- **Team**: Build
- **Reviewer**: Bo
`;
    const out = roundTrip(DESIGN, doc);
    expectLinesInOrder(out, '## Metadata\n- **Owner**: Ana\n- **Team**: Build\n- **Reviewer**: Bo');
  });

  it('extra headings of any level keep their text and order', () => {
    const doc = `# Design doc

## Motivation

Builds are slow.

### Background

It started in 2020.

#### Numbers

Forty minutes.

## Appendix

Extra material.
`;
    const out = roundTrip(DESIGN, doc);
    expectLinesInOrder(
      out,
      '## Motivation\nBuilds are slow.\n### Background\nIt started in 2020.\n#### Numbers\nForty minutes.\n## Appendix\nExtra material.',
    );
  });

  it('kept text counts as an answer: the section is not missing', () => {
    const template = parseTemplate(DESIGN, 'markdown');
    const doc = `# Design doc\n\n## Goals\n\n- Faster\n  - much faster\n`;
    const missing = checkMarkdown(template, doc).missing.map((m) => m.title);
    expect(missing).not.toContain('Goals');
    expect(missing).toContain('Motivation');
  });

  it('a document exported by the app reads back to the same text, kept parts included', () => {
    const doc = `# Design doc\n\n## Goals\n\nIntro.\n\n- a\n  - b\n\nOutro.\n`;
    const once = roundTrip(DESIGN, doc);
    expect(roundTrip(DESIGN, once)).toBe(once);
  });
});

describe('front matter', () => {
  const RFC = `---
title: [Feature title]
status: draft # draft | accepted
created: YYYY-MM-DD
authors:
  - [your-github-username]
---

# [Feature title]

## Summary

[One paragraph]
`;

  it('keeps keys the template does not have, byte for byte', () => {
    const doc = `---
title: Faster builds
parent: Proposals
nav_order: 3
status: accepted # decided 2026-11-02
created: 2026-11-01
authors:
  - ana
  - bo
---

# Faster builds

## Summary

We cache build outputs.
`;
    expect(roundTrip(RFC, doc)).toBe(doc);
  });

  it('writes a changed field over its own line, keeping the comment and the other keys', () => {
    const template = parseTemplate(RFC, 'markdown');
    const doc = `---\ntitle: Faster builds\nparent: Proposals\nstatus: draft # draft | accepted\n---\n\n# Faster builds\n\n## Summary\n\nText.\n`;
    const { values } = readDocument(template, doc);
    const out = renderDocument(template, { ...values, 'front-matter/status': 'accepted' });
    expect(out).toContain('status: accepted # draft | accepted\n');
    expect(out).toContain('parent: Proposals\n');
    const yaml = /^---\n([\s\S]*?)\n---/.exec(out)![1]!;
    expect(parseYamlText(yaml)).toEqual({
      title: 'Faster builds',
      parent: 'Proposals',
      status: 'accepted',
    });
  });

  it('a document with front matter keeps it even when its template has none', () => {
    const doc = `---\nlayout: post\n---\n\n# Design doc\n\n## Motivation\n\nBecause.\n`;
    const out = roundTrip(DESIGN, doc);
    expect(out.startsWith('---\nlayout: post\n---\n')).toBe(true);
  });

  it('a filled issue-template document keeps its own title and labels', () => {
    const issueTemplate = `---\nname: Bug report\nabout: Report a bug\ntitle: "[BUG] "\nlabels: bug\n---\n\n**Describe the bug**\n\nA clear description.\n`;
    const doc = `---\nname: Bug report\nabout: Report a bug\ntitle: "[BUG] Crash on save"\nlabels: bug, p1\nassignees: ana\n---\n\n**Describe the bug**\n\nIt crashes.\n`;
    const template = parseTemplate(issueTemplate, 'markdown');
    const { values } = readDocument(template, doc);
    expect(values[FRONT_MATTER_KEY]).toContain('Crash on save');
    const out = renderDocument(template, values);
    expect(out).toContain('title: "[BUG] Crash on save"');
    expect(out).toContain('labels: bug, p1');
    expect(out).toContain('It crashes.');
  });

  const MADR = `---
status: {proposed | rejected | accepted | superseded by [ADR-0005](0005-example.md)}
date: {YYYY-MM-DD when the decision was last updated}
deciders: {list everyone involved in the decision}
title:
prs:
  accepted: []
---

# {short title of solved problem and solution}

## Context and Problem Statement

{Describe the context and problem statement}
`;

  it('placeholders written as {braces} are text fields, not unreadable YAML', () => {
    const template = parseTemplate(MADR, 'markdown');
    const fields = template.frontMatter!.entries.map((e) => [e.key, e.field?.kind ?? null]);
    expect(fields).toEqual([
      ['status', 'text'],
      ['date', 'text'],
      ['deciders', 'text'],
      ['title', 'text'],
      ['prs', null],
    ]);
  });

  it('values written into {placeholders}, empty values and nested maps give valid YAML', () => {
    const template = parseTemplate(MADR, 'markdown');
    const out = renderDocument(template, {
      'front-matter/status': 'accepted',
      'front-matter/deciders': 'Ana: lead, Bo #2',
      'front-matter/title': '{not a map}',
    });
    const yaml = /^---\n([\s\S]*?)\n---/.exec(out)![1]!;
    const data = parseYamlText(yaml) as Record<string, unknown>;
    expect(data.status).toBe('accepted');
    expect(data.deciders).toBe('Ana: lead, Bo #2');
    expect(data.title).toBe('{not a map}');
    expect(data.prs).toEqual({ accepted: [] });
  });

  it('a record left at its {placeholders} reads them as unanswered', () => {
    const template = parseTemplate(MADR, 'markdown');
    const { values } = readDocument(template, MADR);
    expect(values['front-matter/status']).toBe('');
    expect(values['front-matter/deciders']).toBe('');
  });
});

describe('headings and section order stay as the author wrote them', () => {
  const KEP = `# KEP-NNNN: Your short, descriptive title

<!--
For enhancements that change code, the sign-off checklist below must be
completed before the release.
-->

## Summary

## Proposal

### User Stories (Optional)

### Risks and Mitigations

## Design Details

## Questionnaire

###### How is the feature switched on?

- [ ] Feature gate
- [ ] Other

###### Does it change any default behaviour?

###### Can it be rolled back?
`;

  it('a heading in other words or at another level comes back as written', () => {
    const doc = `# KEP-12: Faster lists

## Summary

Lists get faster.

## Proposal

#### User Stories

A user lists pods.
`;
    const out = roundTrip(KEP, doc);
    expectLinesInOrder(out, doc);
    expect(out).not.toContain('User Stories (Optional)');
  });

  it('an H1 in another shape than the template title is kept; an edited title is written anew', () => {
    const template = parseTemplate(KEP, 'markdown');
    const doc = '# Context support for clients\n\n## Summary\n\nClients take a context.\n';
    const { values } = readDocument(template, doc);
    expect(renderDocument(template, values)).toMatch(/^# Context support for clients\n/);
    const titleField = Object.keys(values).find(
      (k) => values[k] === 'Context support for clients',
    )!;
    const edited = renderDocument(template, { ...values, [titleField]: 'Contexts everywhere' });
    expect(edited).toContain('Contexts everywhere');
    expect(edited).not.toContain('# Context support for clients');
  });

  it('sections written in another order keep that order; missing ones stand at their template place', () => {
    const doc = `# KEP-7: Quotas

## Design Details

The controller counts objects.

### Risks and Mitigations

Counting may lag.

## Summary

Quotas for everything.
`;
    const out = roundTrip(KEP, doc);
    expectLinesInOrder(out, doc);
    // The Proposal section the document lacks still stands in the output, once.
    expect(out.match(/^## Proposal$/gm)).toHaveLength(1);
    expect(roundTrip(KEP, out)).toBe(out);
  });

  it('questions written as bold list items keep their lines, nesting and same-line answers', () => {
    const doc = `# KEP-9: Gates

## Questionnaire

* **How is the feature switched on?**
  - [x] Feature gate
    - Gate name: FastLists

* **Does it change any default behaviour?** No

* **Can it be rolled
  back?** Yes, by turning the gate off.
`;
    const template = parseTemplate(KEP, 'markdown');
    const { values } = readDocument(template, doc);
    const out = renderDocument(template, values);
    expectLinesInOrder(out, doc);
    expect(roundTrip(KEP, out)).toBe(out);
    // The questions are answered: none of them is reported missing.
    const missing = checkMarkdown(template, doc).missing.map((m) => m.title);
    expect(missing.filter((t) => /switched|default|rolled/.test(t))).toEqual([]);
  });

  it('the template’s guidance comment shown as plain text in another wrapping is the author’s', () => {
    const doc = `# KEP-3: Notes

For enhancements that change code, the sign-off checklist below must be completed
before the release.

## Summary

Short.
`;
    expectLinesInOrder(roundTrip(KEP, doc), doc);
  });
});

describe('what the Markdown reader would drop', () => {
  it('a link reference defined twice keeps both definition lines, and the text after them', () => {
    const doc = `# Design doc

## Motivation

See [the queue][q].

[q]: https://example.com/one

## Goals

- Faster builds

[q]: https://example.com/two
[r]: https://example.com/three
`;
    const out = roundTrip(DESIGN, doc);
    expectLinesInOrder(out, doc);
  });

  it('a document without the title heading keeps its sections at their level (no shift)', () => {
    const template = parseTemplate('# {short title}\n\n## Context\n\n## Decision\n', 'markdown');
    const { values } = readDocument(
      template,
      '## Context\n\nSlow builds.\n\n## Decision\n\nCache.\n',
    );
    expect(Object.values(values)).toContain('Slow builds.');
    expect(Object.values(values)).toContain('Cache.');
    expect(Object.values(values)).not.toContain('Context');
  });
});

describe('a title heading of placeholders only', () => {
  it('does not take a section heading the template names word for word', () => {
    const template = parseTemplate('# {RFC title}\n\n## Summary\n\n## Motivation\n', 'markdown');
    const doc = '# Summary\n\nShort.\n\n# Motivation\n\nWhy.\n';
    const { values } = readDocument(template, doc);
    expect(values.summary).toBe('Short.');
    expect(values.motivation).toBe('Why.');
    expect(checkMarkdown(template, doc).missing.map((m) => m.title)).not.toContain('Summary');
  });
});

describe('plain `Label: [placeholder]` lines', () => {
  const GO = `# Proposal: [Title]

Author(s): [Author Name, Co-Author Name]

Last updated: [Date]

## Abstract

[A short summary of the proposal.]
`;

  it('are fields of their own, read from a label written a little otherwise, which stays', () => {
    const template = parseTemplate(GO, 'markdown');
    const labels = template.root.children.flatMap((c) =>
      c.type === 'section'
        ? c.blocks.flatMap((b) => (b.type === 'inline' ? [b.field.label] : []))
        : [],
    );
    expect(labels).toEqual(['Author(s)', 'Last updated']);
    const doc =
      '# Proposal: Faster maps\n\nAuthor: Ada Lovelace\n\nLast updated: 2026-11-30\n\n## Abstract\n\nMaps get faster.\n';
    const { values } = readDocument(template, doc);
    expect(Object.values(values)).toContain('Ada Lovelace');
    const out = renderDocument(template, values);
    expectLinesInOrder(out, doc);
    expect(checkMarkdown(template, doc).complete).toBe(true);
  });
});

describe('a block kept as written, edited as Markdown', () => {
  it('is read again for completeness, and emptied it is neither an answer nor written back', () => {
    const template = parseTemplate(DESIGN, 'markdown');
    const doc = '# Design doc\n\n## Goals\n\n- Faster builds\n  - nested detail\n';
    const { values } = readDocument(template, doc);
    const key = Object.keys(values).find((k) => k.endsWith('::source'))!;
    expect(key).toBeDefined();
    const field = key.replace(/::source$/, '');
    const missing = (v: typeof values) =>
      checkDocument(template, v)
        .missing.map((m) => m.title)
        .includes('Goals');
    expect(missing(values)).toBe(false);
    const emptied = { ...values, [key]: '' };
    expect(missing(emptied)).toBe(true);
    expect(renderDocument(template, emptied)).not.toContain('Faster builds');
    const edited = { ...values, [key]: '- Smaller bundles\n  - nested' };
    expect(renderDocument(template, edited)).toContain('- Smaller bundles');
    expect(field).not.toBe('');
  });
});

describe('an author heading inside a section', () => {
  it('keeps the block written below it under it (a field above does not take it)', () => {
    const template = parseTemplate(
      '# Plan\n\n## Design\n\n**Impact:**\n\n- [impact]\n\n**Approach:**\n\n[approach]\n',
      'markdown',
    );
    const doc =
      '# Plan\n\n## Design\n\n## Note on queues\n\nRead this first.\n\n- queues\n  - retries\n';
    const out = renderDocument(template, readDocument(template, doc).values);
    expectLinesInOrder(out, doc);
  });
});

describe('code in a prose answer is written back as the author wrote it', () => {
  it('`# comment` lines inside a fenced sample are not escaped, even where the title takes any H1', () => {
    const template = `# Replace this with the short title of your proposal

One sentence a release note could quote.

## Design

How it works.
`;
    const doc = `# Layered settings

Settings come from one file.

## Design

The file looks like this:

\`\`\`yaml
# the format version, read first
version: 2
server:
  # how long a request may take
  #
  timeout: 30
\`\`\`

After the file, the environment wins.
`;
    const out = roundTrip(template, doc);
    expect(out).toContain('```yaml\n# the format version, read first\nversion: 2');
    expect(out).toContain('  # how long a request may take\n  #\n  timeout: 30\n```');
    expect(out).not.toContain('\\#');
    expect(roundTrip(template, out)).toBe(out);
  });

  it('a fence indented in a list item and closed less indented stays one code block', () => {
    const template = `# Proposal title

## Alternatives

What else was considered.
`;
    const doc = `# Sync types

## Alternatives

* Each caller converts the type first:

    \`\`\`swift
    let a = convert(b)
  \`\`\`

* Nothing changes for callers.
`;
    const out = roundTrip(template, doc);
    expect(out).toContain('    ```swift\n    let a = convert(b)\n  ```\n');
    expect(out).not.toContain('\\  ```');
    expect(roundTrip(template, out)).toBe(out);
  });

  it('a fence in a list item closed outside the item closes there: the headings below stay headings', () => {
    const template = `# Proposal title

## Usage

How is it used?

## Risks

What can go wrong?
`;
    const doc = `# Node secrets

## Usage

- [x] Other
  - Details: the storage class has
to carry two entries.

  \`\`\`
  node-expand-secret-name
 \`\`\`

  The volume keeps the reference.

## Risks

None known.
`;
    const out = roundTrip(template, doc);
    expect(out).not.toContain('\\');
    expect(out).toContain('## Risks\n\nNone known.');
    expect(out.match(/^## Risks$/gm)).toHaveLength(1);
    expect(checkMarkdown(parseTemplate(template, 'markdown'), doc).missing).toEqual([]);
    expect(roundTrip(template, out)).toBe(out);
  });

  it('a bold list item’s answer indented four spaces stays text, not code', () => {
    const template = `# Proposal title

## Test Plan

### Unit tests

- [test name]

### Integration tests

- [test name]
`;
    const doc = `# Profiles

## Test Plan

- **Unit tests**:
    - Config conversion and defaults
    - Scheduler start with two profiles
- **Integration tests**: two profiles favour different nodes.
`;
    const out = roundTrip(template, doc);
    expect(out).toContain('Config conversion and defaults');
    expect(out).not.toMatch(/^ {4}- Config/m);
    expect(checkMarkdown(parseTemplate(template, 'markdown'), doc).missing).toEqual([]);
    expect(roundTrip(template, out)).toBe(out);
  });

  it('a heading written otherwise with a trailing space stays a heading alone', () => {
    const template = `# Proposal title

## Detailed design

Describe the design.
`;
    const doc = '# Wide integers\n\n## Detailed Design \n\nTwo new types are added.\n';
    const out = roundTrip(template, doc);
    expect(out).toContain('## Detailed Design\n\nTwo new types are added.');
    expect(roundTrip(template, out)).toBe(out);
  });
});
