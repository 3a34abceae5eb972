/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { hasLintErrors, lintIssueForm } from './issueform-lint.ts';

const GOOD = `name: Feature idea
description: Propose a change to the scheduler
title: "[Idea]: "
labels: [idea]
body:
  - type: markdown
    attributes:
      value: Thank you for the idea.
  - type: textarea
    id: motivation
    attributes:
      label: Motivation
      description: Why is this needed?
    validations:
      required: true
  - type: dropdown
    id: size
    attributes:
      label: Size
      options: [Small, Large]
      default: 0
  - type: checkboxes
    id: terms
    attributes:
      label: Agreement
      options:
        - label: I searched the existing ideas
          required: true
`;

function errorsAt(text: string) {
  return lintIssueForm(text)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => [p.element, p.line, p.message]);
}

describe('lintIssueForm', () => {
  it('accepts a valid form and describes its elements as GitHub shows them', () => {
    const lint = lintIssueForm(GOOD);
    expect(lint.problems).toEqual([]);
    expect(hasLintErrors(lint)).toBe(false);
    expect(lint.name).toBe('Feature idea');
    expect(lint.elements.map((e) => [e.type, e.label, e.required])).toEqual([
      ['markdown', '', false],
      ['textarea', 'Motivation', true],
      ['dropdown', 'Size', false],
      ['checkboxes', 'Agreement', true],
    ]);
    expect(lint.elements[2]!.defaultIndex).toBe(0);
  });

  it('reports missing required top-level keys', () => {
    const lint = lintIssueForm(
      'body:\n  - type: input\n    id: a\n    attributes:\n      label: A\n',
    );
    const messages = lint.problems.map((p) => p.message);
    expect(messages).toContain('The required top-level key `name` is missing.');
    expect(messages).toContain('The required top-level key `description` is missing.');
  });

  it('needs at least one element that is not markdown', () => {
    const errors = errorsAt(
      'name: n\ndescription: d\nbody:\n  - type: markdown\n    attributes:\n      value: Hi\n',
    );
    expect(errors).toEqual([
      [null, 3, expect.stringContaining('at least one non-markdown element')],
    ]);
  });

  it('points every broken element at its own line, collecting all problems', () => {
    const text = [
      'name: n', //                                     1
      'description: d', //                              2
      'body:', //                                       3
      '  - type: input', //                             4
      '    id: has space', //                           5
      '    attributes:', //                             6
      '      label: Name', //                           7
      '  - type: input', //                             8
      '    id: other', //                               9
      '    attributes:', //                            10
      '      label: name', //                          11
      '  - type: dropdown', //                         12
      '    id: other', //                              13
      '    attributes:', //                            14
      '      label: Pick', //                          15
      '      options:', //                             16
      '        - None', //                             17
      '        - A', //                                18
      '        - A', //                                19
      '        - ""', //                               20
      '        - yes', //                              21
      '  - type: markdown', //                         22
      '    attributes:', //                            23
      '      value: Help', //                          24
      '    validations:', //                           25
      '      required: true', //                       26
    ].join('\n');
    const errors = errorsAt(text);
    expect(errors).toEqual([
      [1, 5, expect.stringContaining('only letters, digits')],
      [2, 11, expect.stringContaining('labels must be unique')],
      [3, 13, expect.stringContaining('ids must be unique')],
      [3, 17, expect.stringContaining('reserved')],
      [3, 19, expect.stringContaining('options must be unique')],
      [3, 20, expect.stringContaining('options must be non-empty')],
      [3, 21, expect.stringContaining('as a boolean')],
      [4, 25, expect.stringContaining('not allowed on a markdown element')],
    ]);
  });

  it('refuses keys and attributes GitHub does not permit', () => {
    const text = `name: n
description: d
hello: world
body:
  - type: input
    id: a
    attributes:
      label: A
      options: [x]
    validations:
      minLength: 2
  - type: slider
    attributes:
      label: B
`;
    const errors = errorsAt(text);
    expect(errors).toEqual([
      [null, 3, expect.stringContaining('`hello` is not a permitted top-level key')],
      [1, 9, expect.stringContaining('`options` is not a permitted attribute of a input')],
      [1, 11, expect.stringContaining('`validations.minLength` is not permitted')],
      [2, 12, expect.stringContaining('`slider` is not an element type')],
    ]);
  });

  it('warns without blocking', () => {
    const lint = lintIssueForm(
      'name: n\ndescription: d\nbody:\n  - type: textarea\n    attributes:\n      label: Notes\n',
    );
    expect(hasLintErrors(lint)).toBe(false);
    expect(lint.problems).toEqual([
      {
        severity: 'warning',
        line: 4,
        element: 1,
        message: expect.stringContaining('has no `id`') as string,
      },
    ]);
  });

  it('reports unreadable YAML with its line and never throws', () => {
    const lint = lintIssueForm('name: x\nbody: [\n  - type: input\n');
    expect(hasLintErrors(lint)).toBe(true);
    expect(lint.problems[0]!.message).toMatch(/^The YAML cannot be read/);
    expect(lint.problems[0]!.line).toBeGreaterThan(1);
  });

  it('checks dropdown defaults against the options', () => {
    const errors = errorsAt(
      'name: n\ndescription: d\nbody:\n  - type: dropdown\n    id: d\n    attributes:\n      label: D\n      options: [a, b]\n      default: 2\n',
    );
    expect(errors).toEqual([[1, 9, expect.stringContaining('`default` must be the index')]]);
  });
});
