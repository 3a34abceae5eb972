/**
 * General template rules, each on a small fixture of our own written in the shape of a kind of
 * real public template (a KEP-like plan, an RFC with quoted guidance, a bare decision record).
 * Each asserts the form (field kinds, labels, required or optional) and the verdict.
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

const PLAN = `<!--
Read me first: delete the comments once the plan is written.
-->
# PLAN-NNNN: Your short, descriptive title

<!--
Keep the title short; say what the plan does.
-->

<!-- toc -->
- [Sign-off Checklist](#sign-off-checklist)
- [Summary](#summary)
<!-- /toc -->

## Sign-off Checklist

Items marked with (R) must be done before release.

- [ ] (R) Tracking issue opened
- [ ] (R) Test plan written
  - [ ] (R) Load test passes
  - [ ] Soak test passes
- [ ] Docs written

## Summary

<!--
A paragraph a reader can skim.
-->

## Motivation

<!--
Why this matters.
-->

### Goals

### Non-Goals

## Proposal

### User Stories (Optional)

#### Story 1 (Optional)

#### Story 2 (Optional)

## Drawbacks

## Extra Infra (Optional)
`;

describe('a plan template in the shape of a KEP', () => {
  const template = parseTemplate(PLAN);

  it('gives the form a person would design', () => {
    expect(form(PLAN)).toEqual([
      // The title heading: its number and its phrase are the author's to replace.
      'text PLAN number',
      'text Title',
      // Nested sign-off boxes stay one checklist.
      'checklist Sign-off Checklist',
      'prose Summary',
      // Empty leaf headings are questions; a parent with guidance of its own takes optional
      // text over its subsections (it is filled through them too).
      'prose Motivation (optional)',
      'prose Goals',
      'prose Non-Goals',
      'group Story (optional)',
      'prose Drawbacks',
      'prose Extra Infra (Optional) (optional)',
    ]);
  });

  it('keeps the nesting of the sign-off checklist and writes it back', () => {
    const field = allFields(template).find((f) => f.kind === 'checklist');
    expect(field?.kind === 'checklist' && field.options.map((o) => o.indent ?? '')).toEqual([
      '',
      '',
      '  ',
      '  ',
      '',
    ]);
    const out = renderDocument(template, {
      [field!.id]: { checked: ['(R) Load test passes'], other: '' },
    });
    expect(out).toContain('- [ ] (R) Test plan written\n  - [x] (R) Load test passes');
  });

  it('the table of contents and marker comments are fixed text, not questions', () => {
    expect(allFields(template).map((f) => f.label)).not.toContain('Sign-off Checklist (toc)');
    expect(form(PLAN).filter((f) => /toc/i.test(f))).toEqual([]);
  });

  it('the template as it stands is all missing; a filled plan is complete', () => {
    expect(checkMarkdown(template, PLAN).missing.map((m) => m.title)).toEqual([
      'PLAN-NNNN: Your short, descriptive title',
      'Sign-off Checklist',
      'Summary',
      'Goals',
      'Non-Goals',
      'Drawbacks',
    ]);
  });
});

describe('a decision record in the shape of MADR (bare)', () => {
  const ADR = `# {short title of the problem and the decision}

## Context

<!-- This is an optional element. Feel free to remove. -->
## Drivers

* <!-- driver -->

## Options considered

### {title of option}

* <!-- * Good, because -->
* <!-- * Bad, because -->
`;
  const template = parseTemplate(ADR);

  it('braces mark placeholders; a comment just above a heading belongs to it', () => {
    expect(form(ADR)).toEqual([
      'text short title of the problem and the decision',
      'prose Context',
      'list Drivers (optional)',
      'group title of option',
    ]);
  });

  it('the document’s title fills the title field and is written once', () => {
    const doc = ADR.replace('{short title of the problem and the decision}', 'Use a queue').replace(
      '### {title of option}',
      '### Kafka',
    );
    const { values } = readDocument(template, doc);
    expect(Object.values(values)).toContain('Use a queue');
    const out = renderDocument(template, values);
    expect(out.match(/^# /gm)).toHaveLength(1);
    expect(out).toContain('### Kafka');
  });
});

describe('an RFC in the shape of the Ember template (quoted guidance)', () => {
  const RFC = `# RFC title

## Summary

> One paragraph that explains the change.

## Motivation

> Why do we want this? Which use cases does it serve?

> What outcome do we expect?

## Unresolved questions

> Optional, but good for a first draft. What is still open?
`;
  const template = parseTemplate(RFC);

  it('quotes are help for an answer written below them', () => {
    expect(form(RFC)).toEqual([
      'text Title',
      'prose Summary',
      'prose Motivation',
      'prose Unresolved questions (optional)',
    ]);
    const motivation = allFields(template).find((f) => f.label === 'Motivation')!;
    expect(motivation.hint).toContain('Which use cases');
    expect(motivation.hint).toContain('What outcome');
  });

  it('an answer below the kept quote counts; the quote alone does not', () => {
    expect(checkMarkdown(template, RFC).missing.map((m) => m.title)).toEqual([
      'RFC title',
      'Summary',
      'Motivation',
    ]);
    const doc = RFC.replace('# RFC title', '# Faster builds')
      .replace('that explains the change.\n', 'that explains the change.\n\nCache the layers.\n')
      .replace(
        'What outcome do we expect?\n',
        'What outcome do we expect?\n\nBuilds take half the time.\n',
      );
    const report = checkMarkdown(template, doc);
    expect(report.missing).toEqual([]);
    const { values } = readDocument(template, doc);
    expect(Object.values(values)).toContain('Cache the layers.');
  });
});

describe('placeholder headings and notices', () => {
  it('`### <Component name>` repeats, named by the author; a notice alert is fixed text', () => {
    const text = `## Components

> [!IMPORTANT]
> Describe every component you touch.

### <Component name>

What it does and why it changes.
`;
    expect(form(text)).toEqual(['group Component name']);
    const template = parseTemplate(text);
    const out = renderDocument(template, {});
    expect(out).toContain('> [!IMPORTANT]');
  });

  it('a template with headings never yields zero fields', () => {
    expect(form('# Notes\n\n## First\n\n## Second\n')).toEqual(['prose First', 'prose Second']);
    expect(form('## Only\n')).toEqual(['prose Only']);
  });
});

describe('documents written against an older version of a template', () => {
  const TEMPLATE = `# PLAN-NNNN: Your short, descriptive title

## Summary

## Readiness

### Turning it on

###### How is the feature switched on?

###### Does switching it on change defaults?

## Risks (Optional)

## Alternatives
`;
  const template = parseTemplate(TEMPLATE);

  it('the H1 fills the title in any shape and is never written twice', () => {
    const doc = '# Faster restarts\n\n## Summary\n\nRestart pods in place.\n';
    const { values } = readDocument(template, doc);
    expect(Object.values(values)).toContain('Faster restarts');
    const out = renderDocument(template, values);
    expect(out.match(/^# /gm)).toHaveLength(1);
    expect(out).toContain('Faster restarts');
    expect(checkMarkdown(template, doc).missing.map((m) => m.title)).not.toContain(
      'Faster restarts',
    );
  });

  it('questions answered as bold list items, reordered sections and other levels still match', () => {
    const doc = `# PLAN-12: Faster restarts

## Alternatives

Keep restarting whole pods.

### Summary

Restart pods in place.

## Readiness

### Turning it on

* **How is the feature switched on?**
  With the \`InPlace\` flag.

* **Does switching it on change
  defaults?**
  No.

## Risks

None worth a section.
`;
    const report = checkMarkdown(template, doc);
    expect(report.missing).toEqual([]);
    const { values } = readDocument(template, doc);
    expect(Object.values(values)).toContain('With the `InPlace` flag.');
    expect(Object.values(values)).toContain('No.');
  });

  it('an unanswered question in any of those shapes is still missing', () => {
    const doc = `# PLAN-12: Faster restarts

## Summary

Restart pods in place.

* **How is the feature switched on?**
  With the flag.

* **Does switching it on change defaults?**

## Alternatives

Keep restarting whole pods.
`;
    expect(checkMarkdown(template, doc).missing.map((m) => m.title)).toEqual([
      'Does switching it on change defaults?',
    ]);
  });
});

describe('checkbox groups', () => {
  it('a status or a level is one choice; other options are many', () => {
    const text = `## Status

- [ ] Draft
- [ ] Accepted
- [ ] Deprecated

## Impact

- [ ] Low
- [ ] High

## Platforms

- [ ] Linux
- [ ] macOS
`;
    const multiple = allFields(parseTemplate(text)).map(
      (f) => f.kind === 'checklist' && f.multiple,
    );
    expect(multiple).toEqual([false, false, true]);
  });
});

describe('issue forms', () => {
  const FORM = `name: Bug
description: Report a bug
body:
  - type: markdown
    attributes:
      value: Search the open issues first.
  - type: input
    id: version
    attributes:
      label: Version
      placeholder: "1.0.0"
    validations:
      required: true
  - type: textarea
    id: steps
    attributes:
      label: Steps
      value: |
        1.
        2.
    validations:
      required: true
  - type: textarea
    id: log
    attributes:
      label: Log
      render: shell
  - type: checkboxes
    id: terms
    attributes:
      label: Terms
      options:
        - label: I searched the issues
    validations:
      required: true
`;
  const template = parseTemplate(FORM);

  it('asks each element; render gives a code field; a required checkbox group is required', () => {
    expect(form(FORM)).toEqual([
      'text Version',
      'prose Steps',
      'code Log (optional)',
      'checklist Terms',
    ]);
    // A markdown element is a note before the element it precedes, not that field's guidance.
    const first = template.root.children[0];
    expect(first?.type === 'section' ? first.lead : '').toContain('Search the open issues first.');
  });

  it('text equal to the placeholder is an answer; the prefill is not; no box ticked is missing', () => {
    const doc = `### Version

1.0.0

### Steps

1.
2.

### Log

_No response_

### Terms

- [ ] I searched the issues
`;
    expect(checkMarkdown(template, doc).missing.map((m) => m.title)).toEqual(['Steps', 'Terms']);
    const done = doc.replace('1.\n2.', '1. Open the app\n2. Click save').replace('- [ ]', '- [x]');
    expect(checkMarkdown(template, done).complete).toBe(true);
  });
});

describe('key-value items in every common spelling', () => {
  const TEMPLATE = `## Overview

**Owner:** [your name]
**Team**: [team]

- **Priority:** [P0/P1]
- **Area:** [area]
  - Sub-area: [sub]

**Description:** <!-- What the change does, in two sentences. -->
`;
  const template = parseTemplate(TEMPLATE);
  const DOC = `## Overview

**Owner:** Ada
**Team**: Core

- **Priority:** P1
- **Area:** Storage
  - Sub-area: Cache

**Description:** <!-- What the change does, in two sentences. -->
It adds a cache in front of the store.
`;

  it('reads `**Key:** value`, `- **Key:** value`, nested items and a value below a comment', () => {
    const { values } = readDocument(template, DOC);
    const kv = Object.values(values).find((v) => typeof v === 'object' && v && 'Priority' in v);
    expect(kv).toEqual({ Priority: 'P1', Area: 'Storage', 'Sub-area': 'Cache' });
    expect(Object.values(values)).toContain('Ada');
    expect(Object.values(values)).toContain('It adds a cache in front of the store.');
    expect(checkMarkdown(template, DOC).complete).toBe(true);
  });

  it('the value below the comment reads back the same after writing', () => {
    const once = readDocument(template, DOC).values;
    const again = readDocument(template, renderDocument(template, once)).values;
    expect(again).toEqual(once);
  });
});

describe('repeated blocks', () => {
  const TEMPLATE = `## Options

### Option 1: {name}

{What it is and what it costs.}

### Option 2: {name}

{What it is and what it costs.}

## Stories

### Story 1 (Optional)

### Story 2 (Optional)
`;
  const template = parseTemplate(TEMPLATE);

  it('numbered siblings are one group; an optional marker makes the group optional', () => {
    expect(form(TEMPLATE)).toEqual(['group Option', 'group Story (optional)']);
  });

  it('an instance present but empty is missing; an empty optional story is not', () => {
    const doc = `## Options

### Option 1: Queue

Put jobs on a queue; one more service to run.

### Option 2: Polling

## Stories

### Story 1

An operator restarts a node.

### Story 2 (Optional)
`;
    expect(checkMarkdown(template, doc).missing.map((m) => m.title)).toEqual(['Option 1: Queue']);
    const full = doc.replace(
      '### Option 2: Polling\n',
      '### Option 2: Polling\n\nAsk the database every second.\n',
    );
    expect(checkMarkdown(template, full).complete).toBe(true);
  });
});

describe('plain instructions and prefaces', () => {
  it('a list of instruction sentences after "… means:" is help (Rust RFC shape)', () => {
    const text = `- Feature Name: (a short identifier)

# Summary

One paragraph that explains the feature.

# Guide-level explanation

Explain the idea as if it already shipped. That usually means:

- Naming the new concepts.
- Showing the feature through examples.
`;
    expect(form(text)).toEqual([
      'keyvalue Introduction',
      'prose Summary',
      'prose Guide-level explanation',
    ]);
    const guide = allFields(parseTemplate(text)).find((f) => f.label === 'Guide-level explanation');
    expect(guide!.hint).toContain('Showing the feature through examples.');
    expect(checkMarkdown(parseTemplate(text), text).missing.map((m) => m.title)).toContain(
      'Guide-level explanation',
    );
  });

  it('a bracketed note before the first heading is a preface, not a question (Go shape)', () => {
    const text = `[This template is for design documents; see the process notes.]

# Design: [Title]

## Abstract

[A short summary.]
`;
    expect(form(text)).toEqual(['text Title', 'prose Abstract']);
    const template = parseTemplate(text);
    expect(template.root.hint).toContain('This template is for design documents');
  });
});

describe('notes about the template itself', () => {
  it('paragraphs under the title’s metadata that say how to fill the template are help (Swift shape)', () => {
    const text = `# Feature name

* Proposal: [NNNN](NNNN-file.md)
* Authors: [Author name](https://example.org/you)
* Status: **Awaiting review**

Fill this template in by replacing its text; delete this paragraph and the next ones
before you send the proposal.

As the author, fill in every field above except the reviewer.

## Introduction

A short description of the feature.
`;
    const fields = form(text);
    expect(fields).toEqual(['text Title', 'keyvalue Details', 'prose Introduction']);
    const template = parseTemplate(text);
    const title = template.root.children[0]!;
    expect(title.type === 'section' ? title.hint : '').toContain(
      'As the author, fill in every field',
    );
    // A document that kept the note still only misses what it misses.
    const doc = text
      .replace('# Feature name', '# Range forms')
      .replace('[NNNN](NNNN-file.md)', '[0042](0042-range-forms.md)')
      .replace('[Author name](https://example.org/you)', 'Ada')
      .replace('A short description of the feature.', 'Ranges get a new form.');
    expect(checkMarkdown(template, doc).missing).toEqual([]);
  });

  it('front matter values in parentheses say what to write: placeholders, not answers (NixOS shape)', () => {
    const text = `---
feature: (a unique identifier, e.g. my_feature)
author: (name of the main author)
related-issues: (links to pull requests, added later)
---

# Summary

One paragraph.
`;
    const template = parseTemplate(text);
    const author = allFields(template).find((f) => f.id === 'front-matter/author');
    expect(author).toMatchObject({ kind: 'text', placeholder: '(name of the main author)' });
    expect(author?.kind === 'text' ? author.defaultValue : null).toBe('');
    const kept = readDocument(template, text.replace('One paragraph.', 'Done.')).values;
    expect(kept['front-matter/author']).toBe('');
    const filled = readDocument(template, text.replace('(name of the main author)', 'Ada')).values;
    expect(filled['front-matter/author']).toBe('Ada');
  });
});

describe('plain text copied from a rendered page', () => {
  it('short bare lines are headings; a question followed by items stays in its section', () => {
    const text = `Release Plan

Summary

Describe the change in a paragraph that says what it does and why it matters to the users.

Testing

How will we test it?
- Unit tests
- Load tests
`;
    const template = parseTemplate(text, 'text');
    const titles = template.root.children.flatMap((c) =>
      c.type === 'section'
        ? [c.title, ...c.children.map((g) => (g.type === 'section' ? g.title : ''))]
        : [],
    );
    expect(titles).toEqual(['Release Plan', 'Summary', 'Testing']);
    expect(form(text).map((f) => f.split(' ')[0])).toEqual(['prose', 'list']);
  });
});

describe('a title heading that is all placeholder', () => {
  it('takes the H1 only: the author’s own subheadings are kept as written, not escaped', () => {
    const template = parseTemplate('# RFC title\n\n## Design\n\n> How it works.\n');
    const doc = '# Faster builds\n\n## Design\n\n### Cache\n\nKeep layers.\n';
    const { values } = readDocument(template, doc);
    const out = renderDocument(template, values);
    expect(out).toContain('\n### Cache\n');
    expect(out.match(/^# /gm)).toHaveLength(1);
    expect(readDocument(template, out).values).toEqual(values);
  });
});

describe('guidance that lets the author leave a section out', () => {
  const TEMPLATE = `## Overview

[What the change is, in two sentences.]

## Rollout switch

[Which setting turns the change on and off. This section may be omitted if there is none.]

## Sample

Show how a caller would use it. Skip this section when it does not apply.

## Cost

Say what it costs to run; delete this section if nothing changes.

## Risks

[What could go wrong.]
`;

  it('"may be omitted", "skip this section", "delete this section if" make the section optional', () => {
    expect(form(TEMPLATE)).toEqual([
      'prose Overview',
      'prose Rollout switch (optional)',
      'prose Sample (optional)',
      'prose Cost (optional)',
      'prose Risks',
    ]);
  });

  it('a document that leaves those sections out misses only the required ones', () => {
    const doc = `## Overview

Cache the index in memory.

## Risks
`;
    expect(checkMarkdown(parseTemplate(TEMPLATE), doc).missing.map((m) => m.title)).toEqual([
      'Risks',
    ]);
  });
});

describe('title headings in other shapes', () => {
  it('`Title of X`, `Your X` and `ABC-003: Template` H1s are the document title', () => {
    for (const h1 of ['Title of Design Note', 'Your Change', 'DN-007: Template']) {
      const text = `# ${h1}\n\n**Owner** [Your name](https://example.org/you)\n\n## Problem\n\n[Why it matters.]\n`;
      expect(form(text), h1).toEqual(['text Title', 'text Owner', 'prose Problem']);
      const doc = `# Faster uploads\n\n**Owner**: [Ana](https://example.org/ana)\n\n## Problem\n\nUploads stall.\n`;
      const template = parseTemplate(text);
      const read = readDocument(template, doc);
      expect(checkMarkdown(template, doc).complete, h1).toBe(true);
      // The author's H1 fills the title (never written twice); `**Owner**:` keeps its colon.
      expect(renderDocument(template, read.values), h1).toBe(doc);
    }
  });

  it('without an H1, a first heading "Title" (setext) is the title; the list below it is details', () => {
    const text = `Title
-----
* Author(s): [Name]
* Reviewer: [Name]

## Abstract

[One paragraph.]

## Open issues

[Questions still open. This section may be omitted if there are none.]
`;
    expect(form(text)).toEqual([
      'text Title',
      'keyvalue Details',
      'prose Abstract',
      'prose Open issues (optional)',
    ]);
    const template = parseTemplate(text);
    const shifted = `Retry budgets
=============
* Author(s): Ana
* Reviewer: Bo

Abstract
--------
Bound the retries a client makes.
`;
    expect(checkMarkdown(template, shifted).complete).toBe(true);
    const same = shifted.replace('=============', '-------------');
    const read = readDocument(template, same);
    expect(read.values['title/title']).toBe('Retry budgets');
    expect(checkMarkdown(template, same).complete).toBe(true);
  });
});

describe('a document whose front matter is not valid YAML', () => {
  it('is read, not refused: the front matter comes back as written', () => {
    const template = parseTemplate(`---
title: short-name
owners:
  - "@you"
---

# Short name

## Summary

[Two sentences.]
`);
    const doc = `---
title: quick-sync
owners:
- "@ana"
  reviewers:
- "@bo"
---

# Quick sync

## Summary

Sync only what changed.
`;
    const read = readDocument(template, doc);
    expect(renderDocument(template, read.values)).toBe(doc);
  });
});

describe('an example title, markers and folded instructions', () => {
  const TEMPLATE = `<details>
<summary>Instructions</summary>

- Copy the file and rename it.
- Open a draft pull request.

</details>

# Quick Sync Idea

This is the title of the idea. Keep it short.

## Open Questions [optional]

What is still open.

## Dependencies
* New libraries: does it add any?
* Affected teams: who has to change?
`;

  it('an H1 whose guidance calls it the title is the title; `[optional]` is a marker; folded instructions are help', () => {
    expect(form(TEMPLATE)).toEqual([
      'text Title',
      'prose Open Questions [optional] (optional)',
      'keyvalue Dependencies',
    ]);
  });

  it('a key-value list written with bold keys comes back with them', () => {
    const doc = `# Faster index

## Dependencies
* **New libraries:** none.
* **Affected teams:** search.
`;
    const template = parseTemplate(TEMPLATE);
    const read = readDocument(template, doc);
    expect(read.values['dependencies']).toEqual({
      'New libraries': 'none.',
      'Affected teams': 'search.',
    });
    expect(renderDocument(template, read.values)).toContain(
      '* **New libraries:** none.\n* **Affected teams:** search.\n',
    );
    expect(checkMarkdown(template, doc).complete).toBe(true);
  });
});

describe('an answer written on the line of the guidance comment', () => {
  it('`<!-- guidance --> answer` answers the question; the comment stays the template’s', () => {
    const template = parseTemplate(`## Current behavior

<!-- Describe what happens now. -->

## Expected behavior

<!-- Describe what should happen. -->
`);
    const doc = `## Current behavior

<!-- Describe what happens now. --> The worker exits at start.

## Expected behavior

<!-- Describe what should happen. -->
`;
    const read = readDocument(template, doc);
    expect(read.values['current-behavior']).toBe('The worker exits at start.');
    expect(checkMarkdown(template, doc).missing.map((m) => m.title)).toEqual(['Expected behavior']);
    expect(renderDocument(template, read.values)).toContain('The worker exits at start.');
  });
});

describe('a section answered in another shape than the template’s', () => {
  it('a plain list where the template asks `Key: question` items answers the section, kept as written', () => {
    const template = parseTemplate(`## Dependencies
* New libraries: does it add any?
* Affected teams: who has to change?

## Rollout

[How it ships.]
`);
    const doc = `## Dependencies

* Nothing new.
  * The parser it needs ships already.

## Rollout
`;
    expect(checkMarkdown(template, doc).missing.map((m) => m.title)).toEqual(['Rollout']);
    expect(renderDocument(template, readDocument(template, doc).values)).toContain(
      '* Nothing new.\n  * The parser it needs ships already.\n',
    );
  });
});
