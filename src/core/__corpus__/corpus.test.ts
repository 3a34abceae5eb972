/**
 * The test corpus: templates and filled documents written for this project in the shapes of
 * real public templates (KEP, Rust / React / Ember RFCs, MADR full / minimal / bare, Go design
 * docs, issue and pull-request templates, issue forms). For every template, its golden form;
 * for every document, three checks:
 *
 * - verdict: `checkMarkdown` gives the expected `complete` and missing section titles
 *   (documents/<template>/expected.json);
 * - text: no author text lost: every author line of the document is in
 *   renderDocument(T, readDocument(T, D)) in the same section and order (testing/author-text.ts);
 * - export: a document the app wrote (`"origin": "app"`) reads and renders back unchanged.
 *
 * Where the engine fails a check today, known-failures.json lists it with the reason: such a
 * check must STILL fail (fixing it forces removing it from the list), every other check passes.
 *
 * Rewrite the golden forms after an intended parser change:
 *   UPDATE_GOLDEN=1 npx vitest run src/core/__corpus__
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMarkdown } from '../check.ts';
import { readDocument } from '../document/read.ts';
import { renderDocument } from '../document/render.ts';
import type { TemplateFormat } from '../model.ts';
import { parseTemplate } from '../template/parse.ts';
import type { Template } from '../template/types.ts';
import { describeLoss, lostAuthorLines, templateLineKeys } from '../testing/author-text.ts';
import { goldenText } from '../testing/golden-text.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ROOT = new URL('./', import.meta.url);
const at = (path: string) => new URL(path, ROOT);

type Check = 'verdict' | 'text' | 'export';

interface Expected {
  complete: boolean;
  missing: string[];
  /** `app`: written by the app (render output), so it must read and render back unchanged. */
  origin?: 'app';
}

interface KnownFailure {
  case: string;
  check: Check;
  reason: string;
}

function formatOf(file: string): TemplateFormat {
  if (/\.ya?ml$/.test(file)) return 'issue-form';
  if (file.endsWith('.txt')) return 'text';
  return 'markdown';
}

const templateFiles = readdirSync(at('templates')).sort();
const known = JSON.parse(readFileSync(at('known-failures.json'), 'utf8')) as KnownFailure[];
const knownByKey = new Map(known.map((k) => [`${k.case} ${k.check}`, k]));
const seen = new Set<string>();

interface Loaded {
  id: string;
  file: string;
  text: string;
  template: Template;
}

function loadTemplate(file: string): Loaded {
  const text = readFileSync(at(`templates/${file}`), 'utf8');
  return {
    id: file.replace(/\.[^.]+$/, ''),
    file,
    text,
    template: parseTemplate(text, formatOf(file)),
  };
}

/** One check of one case: passes as expected, or is a known failure that must still fail. */
function checkCase(name: string, check: Check, run: () => string | null): void {
  const key = `${name} ${check}`;
  seen.add(key);
  const knownFailure = knownByKey.get(key);
  if (knownFailure) {
    it(`${check} (known failure: ${knownFailure.reason})`, () => {
      expect(
        run(),
        `${key} now passes: remove it from src/core/__corpus__/known-failures.json`,
      ).not.toBeNull();
    });
  } else {
    it(check, () => {
      const problem = run();
      expect(problem, `${key}:\n${problem}`).toBeNull();
    });
  }
}

describe('test corpus', () => {
  it('has at least 20 templates and 40 documents', () => {
    const docs = templateFiles.flatMap((f) => {
      const dir = at(`documents/${f.replace(/\.[^.]+$/, '')}`);
      return existsSync(dir) ? readdirSync(dir).filter((d) => !d.endsWith('.json')) : [];
    });
    expect(templateFiles.length).toBeGreaterThanOrEqual(20);
    expect(docs.length).toBeGreaterThanOrEqual(40);
  });

  for (const file of templateFiles) {
    const loaded = loadTemplate(file);
    const { id, template } = loaded;
    describe(id, () => {
      it('golden form', () => {
        const actual = goldenText(template);
        const golden = at(`golden/${id}.schema.txt`);
        if (UPDATE) {
          writeFileSync(golden, actual);
          return;
        }
        expect(existsSync(golden), `${golden.pathname} is missing: run with UPDATE_GOLDEN=1`).toBe(
          true,
        );
        expect(
          actual.split('\n'),
          `derived form of corpus template ${id} changed; if intended: UPDATE_GOLDEN=1 npx vitest run src/core/__corpus__`,
        ).toEqual(readFileSync(golden, 'utf8').split('\n'));
      });

      const expectedFile = at(`documents/${id}/expected.json`);
      if (!existsSync(expectedFile)) return;
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Record<string, Expected>;
      let keys: Set<string> | null = null;
      const templateKeys = () => (keys ??= templateLineKeys(template, loaded.text));
      for (const [doc, want] of Object.entries(expected)) {
        const name = `${id}/${doc}`;
        describe(doc, () => {
          const markdown = () => readFileSync(at(`documents/${id}/${doc}`), 'utf8');
          checkCase(name, 'verdict', () => {
            const report = checkMarkdown(template, markdown());
            const got = { complete: report.complete, missing: report.missing.map((m) => m.title) };
            const wanted = { complete: want.complete, missing: want.missing };
            return JSON.stringify(got) === JSON.stringify(wanted)
              ? null
              : `expected ${JSON.stringify(wanted)}\n     got ${JSON.stringify(got)}`;
          });
          checkCase(name, 'text', () => {
            const text = markdown();
            const output = renderDocument(template, readDocument(template, text).values);
            const lost = lostAuthorLines(template, text, output, { templateKeys: templateKeys() });
            return lost.length ? `author lines lost:\n${describeLoss(lost)}` : null;
          });
          if (want.origin === 'app') {
            checkCase(name, 'export', () => {
              const text = markdown();
              const output = renderDocument(template, readDocument(template, text).values);
              return output === text ? null : `render(read(doc)) differs:\n${output}`;
            });
          }
        });
      }
    });
  }

  it('every known failure names a case and check that exists', () => {
    const stale = known.filter((k) => !seen.has(`${k.case} ${k.check}`));
    expect(stale, 'stale entries in known-failures.json').toEqual([]);
    for (const k of known) expect(k.reason.length, `${k.case} needs a reason`).toBeGreaterThan(10);
  });
});
