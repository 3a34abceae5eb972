/**
 * Golden files: the schema derived from each built-in template, one line per section or field,
 * in src/core/__golden__/<id>.schema.txt. A parser change that alters a template's fields shows up as
 * a readable diff. Rewrite them after an intended change:
 *   UPDATE_GOLDEN=1 npx vitest run src/core/golden.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from './template/parse.ts';
import { goldenText } from './testing/golden-text.ts';
// The golden files pair the core with the shipped templates, so this test reads them.

import { BUILT_IN_TEMPLATES } from '../templates/registry.ts';

import { readTemplateText } from '../templates/load-node.ts';

import { TEMPLATE_HINTS } from '../templates/hints.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

describe('golden schemas of the built-in templates', () => {
  for (const entry of BUILT_IN_TEMPLATES) {
    it(entry.id, () => {
      const hints = TEMPLATE_HINTS[entry.id];
      const template = parseTemplate(readTemplateText(entry), entry.format, hints ? { hints } : {});
      const actual = goldenText(template);
      const file = new URL(`./__golden__/${entry.id}.schema.txt`, import.meta.url);
      if (UPDATE) {
        writeFileSync(file, actual);
        return;
      }
      // A missing golden file is a failure, not a file to write: it must be reviewed and committed.
      expect(existsSync(file), `${file.pathname} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      // Compared line by line so a failure shows a readable diff of the schema.
      expect(
        actual.split('\n'),
        `derived schema of ${entry.id} changed; if intended: UPDATE_GOLDEN=1 npx vitest run src/core/golden.test.ts`,
      ).toEqual(readFileSync(file, 'utf8').split('\n'));
    });
  }
});
