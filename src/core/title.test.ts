import { describe, expect, it } from 'vitest';
import { renderDocument } from './document/render.ts';
import { parseTemplate } from './template/parse.ts';
import type { Template } from './template/types.ts';
import {
  exportTitle,
  linkedTitleFields,
  proposalTitle,
  titleFields,
  titlePlaceholder,
  withProposalTitle,
} from './title.ts';
import { findTemplateEntry } from '../templates/registry.ts';
import { readTemplateText } from '../templates/load-node.ts';
import { TEMPLATE_HINTS } from '../templates/hints.ts';

function builtIn(id: string): Template {
  const entry = findTemplateEntry(id)!;
  const hints = TEMPLATE_HINTS[id];
  return parseTemplate(readTemplateText(entry), entry.format, hints ? { hints } : {});
}

const BUG_FORM = `name: Bug report
description: Tell us what broke
title: "[Bug]: "
labels: [bug]
body:
  - type: input
    id: version
    attributes:
      label: Version
    validations:
      required: true
`;

describe('one title', () => {
  it('finds the title heading and the front matter title of the RFC, heading first', () => {
    const rfc = builtIn('enhancement-rfc');
    expect(titleFields(rfc).map((f) => f.id)).toEqual(['enhancement/title', 'front-matter/title']);
    expect(titlePlaceholder(rfc)).toBe('Enhancement Title');
  });

  it('writes the one title into the heading and the front matter alike', () => {
    const rfc = builtIn('enhancement-rfc');
    const values = withProposalTitle(rfc, {}, 'Layer caching');
    expect(proposalTitle(rfc, values)).toBe('Layer caching');
    const md = renderDocument(rfc, values);
    expect(md).toContain('title: Layer caching\n');
    expect(md).toContain('# Enhancement: Layer caching\n');
    expect(md).not.toContain('[Enhancement Title]');
  });

  it('leaves a title field the author wrote differently alone', () => {
    const rfc = builtIn('enhancement-rfc');
    const values = { 'enhancement/title': 'Cache', 'front-matter/title': 'Caching (RFC 12)' };
    expect(linkedTitleFields(rfc, values).map((f) => f.id)).toEqual(['enhancement/title']);
    const next = withProposalTitle(rfc, values, 'Layer cache');
    expect(next['enhancement/title']).toBe('Layer cache');
    expect(next['front-matter/title']).toBe('Caching (RFC 12)');
  });

  it('never exports the template placeholder title of an issue template', () => {
    const ai = builtIn('ai-enhancement-request');
    expect(titleFields(ai).map((f) => f.id)).toEqual(['front-matter/title']);
    expect(titlePlaceholder(ai)).toBe(':wrench:(scope): Brief description of the enhancement');
    expect(exportTitle(ai, {}, '')).toBe('');
    expect(exportTitle(ai, { 'front-matter/title': '' }, 'A draft name')).toBe('');
    const values = withProposalTitle(ai, {}, ':wrench:(ci): Cache image layers');
    expect(exportTitle(ai, values, '')).toBe(':wrench:(ci): Cache image layers');
  });

  it('takes the EP title from its heading, not the EP number', () => {
    const ep = builtIn('enhancement-proposal');
    expect(titleFields(ep).map((f) => f.id)).toEqual(['ep-xxx/enhancement-title']);
    const values = withProposalTitle(ep, { 'ep-xxx/ep-number': '42' }, 'Streamed exports');
    expect(renderDocument(ep, values).split('\n', 1)[0]).toBe('# EP-42: Streamed exports');
    expect(exportTitle(ep, values, 'ignored')).toBe('Streamed exports');
  });

  it('uses the draft name when the template has no title field', () => {
    const pr = builtIn('feature-pull-request');
    expect(titleFields(pr)).toEqual([]);
    expect(exportTitle(pr, {}, 'Add the cache service')).toBe('Add the cache service');
    expect(exportTitle(pr, {}, '')).toBe('');
  });

  it('puts an issue form title prefix before the author title', () => {
    const form = parseTemplate(BUG_FORM, 'issue-form');
    expect(titlePlaceholder(form)).toBe('');
    expect(exportTitle(form, {}, '')).toBe('[Bug]:');
    const values = withProposalTitle(form, {}, 'Crash on start');
    expect(exportTitle(form, values, '')).toBe('[Bug]: Crash on start');
    expect(exportTitle(form, withProposalTitle(form, {}, '[Bug]: Crash'), '')).toBe('[Bug]: Crash');
  });
});
