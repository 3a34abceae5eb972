import { describe, expect, it } from 'vitest';
import { checkMarkdown } from '../check.ts';
import { parseTemplate } from '../template/parse.ts';
import { readTemplateText } from '../../templates/load-node.ts';
import { findTemplateEntry } from '../../templates/registry.ts';
import { recognizeTemplate } from '../../cli/templates.ts';
import { readDocument } from './read.ts';

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
