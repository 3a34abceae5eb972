/** @vitest-environment jsdom */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { DocText } from '../../core/docText.ts';
import { renderMarkdown } from './renderMarkdown.ts';
import { createSectionRenderer } from './sectionRenderer.ts';
import { scanSectionStarts } from './scanSections.ts';

const templatesDir = join(import.meta.dirname, '../../templates');
const templates = readdirSync(templatesDir)
  .filter((file) => /\.(md|txt)$/.test(file))
  .map((file) => [file, readFileSync(join(templatesDir, file), 'utf8')] as const);

function joined(md: string, renderer = createSectionRenderer()): string {
  return renderer
    .render(md)
    .sections.map((section) => section.html)
    .join('');
}

const EDGE_CASES: Record<string, string> = {
  'fence spanning headings': '# A\n\n```md\n# not a heading\n## nor this\n```\n\n# B\ntext\n',
  'tilde fence, longer closer': '# A\n~~~~\n# in code\n~~~~~~\n# B\n',
  'unclosed fence swallows the rest': '# A\n```\n# B\n\n# C\n',
  'fence closed by a longer backtick run': '# A\n```\n# x\n`````\n# B\n',
  'fence in a list item': '# A\n- item\n  ```\n# B\n```\n# C\n```\n# D\n',
  'comment spanning headings': '# A\n<!--\n# hidden\n-->\n# B\n',
  'unclosed comment': '# A\n<!-- open\n# B\n# C\n',
  'html block': '# A\n<div>\n# inside html\n</div>\n\n# B\n',
  'details across sections':
    '# A\n<details>\n<summary>More</summary>\n\n## Inside\n\ntext\n\n</details>\n\n# B\n',
  'unclosed div': '# A\n<div>\n\n# B\n\n# C\n',
  'formatting left open': '# A\n<b>bold\n\n# B\ntext\n',
  'front matter': '---\ntitle: x\n# comment\n---\n# A\n',
  'unclosed front matter': '---\ntitle: x\n# A\ntext\n',
  'reference defined later':
    '# A\nsee [docs][d] and [Docs]\n\n# B\n[d]: https://example.com/a "T"\n',
  'reference defined earlier': '# A\n[d]: https://example.com/a\n\n# B\nsee [d]\n',
  'duplicate definitions': '# A\n[d]: https://one.example\n# B\n[d]: https://two.example\n[d]\n',
  'definition title spanning a heading': '# A\n[d]: https://x.example "title\n# B\nend"\n\n[d]\n',
  'definition label spanning a heading': '# A\n[foo\n# B\nbar]: https://x.example\n\n[foo bar]\n',
  'setext and hashes': '# A\ntext\n#nospace\n####### seven\n## B ##\n',
  'escaped alert': '# A\n> \\[!NOTE]\n> body\n\n# B\n> [!TIP]\n> tip\n',
  crlf: '# A\r\ntext\r\n# B\r\n',
  'heading first line only': '## Only\n',
  'no heading': 'just text\n\n- list\n',
  'table then heading': '# A\n| a | b |\n|---|---|\n| 1 | 2 |\n# B\n',
  'list then heading': '# A\n- a\n- b\n# B\n1. x\n',
  'blockquote lazy line': '# A\n> quote\nlazy\n# B\n',
  'deep list': `# A\n${Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n# B\n`,
  'script block': '# A\n<script>\n# x\n</script>\n# B\n',
  // Cuts at blocks after blank lines.
  'fence with blank lines': 'para\n\n```\ncode\n\nmore code\n\n# not a heading\n```\n\nafter\n',
  'loose list': 'para\n\n- a\n\n- b\n\n  continued\n\n- c\n\nafter\n',
  'ordered list with blank lines': '1. one\n\n2. two\n\n   indented para\n\n10. ten\n\nend\n',
  'list then unindented text': '- a\n\nnot in the list\n\n* b\n',
  'indented code across blank lines': 'para\n\n    code\n\n    more\n\ntext\n',
  'html block across paragraphs':
    '<details>\n<summary>S</summary>\n\ninside **bold**\n\n</details>\n\nafter\n',
  'html comment across paragraphs': 'a\n\n<!--\n\nhidden\n\n-->\n\nb\n',
  'pre block across paragraphs': 'a\n\n<pre>\n\nx\n\n</pre>\n\nb\n',
  'reference links across paragraphs':
    'see [x] and [y][Y]\n\n[x]: https://x.example\n\nmiddle [x]\n\n[y]: https://y.example "Y"\n',
  'definition title across a blank line': '[d]: /u "one\n\ntwo"\n\n[d]\n',
  'definition title in parentheses': '[d]: /u (one\n\ntwo)\n\n[d]\n',
  'definition after a paragraph': 'para\n[d]: /u\n\n[d]\n',
  'table between paragraphs': 'a\n\n| h | i |\n|---|---|\n| 1 | 2 |\n\nb\n',
  'alert between paragraphs': 'a\n\n> [!NOTE]\n> note\n\n> \\[!TIP]\n> tip\n\nb\n',
  'setext heading after a blank line': 'a\n\nTitle\n=====\n\nSub\n---\n\nb\n',
  'thematic break that looks like front matter': 'a\n\n---\ntitle: x\n---\n\nb\n',
  'stray end tag after a blank line': '# H\n\n</div>\n# H\n',
  'blank lines of spaces': 'a\n   \n\t\nb\n  \n- c\n \n- d\n',
  empty: '',
};

describe('section renderer equals whole-document rendering', () => {
  test.each(templates)('template %s', (_file, text) => {
    expect(joined(text)).toBe(renderMarkdown(text));
  });

  test.each(Object.entries(EDGE_CASES))('%s', (_name, text) => {
    expect(joined(text)).toBe(renderMarkdown(text));
  });

  test('templates split into many sections', () => {
    for (const [, text] of templates.filter(([file]) => file.endsWith('.md'))) {
      expect(createSectionRenderer().render(text).sections.length).toBeGreaterThan(5);
    }
  });

  test('random Markdown-ish documents', () => {
    const piece = fc.constantFrom(
      '# H',
      '## Sub',
      '#',
      '```',
      '````',
      '~~~',
      '  ```',
      '<!--',
      '-->',
      '<div>',
      '</div>',
      '<details>',
      '</details>',
      '<b>',
      '<script>',
      '</script>',
      '---',
      '> q',
      '> \\[!NOTE]',
      '> [!WARNING]',
      '- item',
      '  - nested',
      '1. one',
      '- [ ] task',
      '| a | b |',
      '|---|---|',
      '[r]: https://r.example',
      '[r]: https://r.example "multi',
      'end"',
      'see [r] and [x][r]',
      '[foo',
      'bar]: /url',
      'text *em',
      'para',
      '    indented',
      '  continued',
      '2. two',
      '* star',
      '</div>',
      '<pre>',
      '</pre>',
      '[r]: /u (paren',
      'close)',
      '===',
      '> more',
      '',
      '',
      '',
      '',
    );
    const doc = fc.array(piece, { maxLength: 40 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(doc, (text) => {
        expect(joined(text)).toBe(renderMarkdown(text));
      }),
      { numRuns: Number(process.env.PREVIEW_FC_RUNS ?? 300) },
    );
  }, 600_000);

  test('edits keep matching, with one renderer across edits', () => {
    const renderer = createSectionRenderer();
    const base = templates.find(([file]) => file === 'enhancement-rfc.md')?.[1] ?? '';
    const edits = ['x', '\n```\n', '[d]: https://d.example\n', '\n<div>\n', '\n# New\n', '\n-->'];
    let text = base;
    for (const [step, edit] of edits.entries()) {
      const at = Math.floor((text.length * (step + 1)) / (edits.length + 1));
      text = text.slice(0, at) + edit + text.slice(at);
      expect(joined(text, renderer)).toBe(renderMarkdown(text));
    }
    // …and back: undoing the edits in reverse order.
    expect(joined(base, renderer)).toBe(renderMarkdown(base));
  });

  test('random edits to a template with one renderer', () => {
    const base = templates.find(([file]) => file === 'ai-enhancement-request.md')?.[1] ?? '';
    const renderer = createSectionRenderer();
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom('a', '\n', '```\n', '# ', '[d]: /u\n', '[d]', '<!--', '-->'),
          ),
          { maxLength: 8 },
        ),
        (edits) => {
          let text = base;
          for (const [at, insert] of edits) {
            const position = at % (text.length + 1);
            text = text.slice(0, position) + insert + text.slice(position);
            expect(joined(text, renderer)).toBe(renderMarkdown(text));
          }
        },
      ),
      { numRuns: Math.ceil(Number(process.env.PREVIEW_FC_RUNS ?? 300) / 8) },
    );
  }, 600_000);
});

describe('edits rendered from the last render (the sections around the edit kept)', () => {
  const piece = fc.constantFrom(
    '# H',
    'para',
    'text *em',
    '```',
    '~~~',
    '<!--',
    '-->',
    '<div>',
    '</div>',
    '<details>',
    '</details>',
    '- item',
    '  continued',
    '1. one',
    '> q',
    '> [!NOTE]',
    '| a | b |',
    '|---|---|',
    '[r]: https://r.example',
    '[r]: /u "multi',
    'end"',
    'see [r]',
    '    indented',
    '===',
    '---',
    '',
    '',
    '',
  );
  const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} with **bold**.`);
  const base = `# Title\n\n${paragraphs.join('\n\n')}\n\n## End\n\nlast\n`;
  const edit = fc.tuple(
    fc.nat(),
    fc.nat({ max: 12 }),
    fc.array(piece, { maxLength: 3 }).map((lines) => lines.join('\n')),
    fc.constantFrom('', '\n', '\n\n', 'x'),
  );

  test('random insertions and deletions match whole-document rendering at every step', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 10 }), (edits) => {
        const renderer = createSectionRenderer();
        let text = base;
        expect(joined(text, renderer)).toBe(renderMarkdown(text));
        for (const [at, remove, insert, tail] of edits) {
          const position = at % (text.length + 1);
          text = text.slice(0, position) + insert + tail + text.slice(position + remove);
          const { sections } = renderer.render(text);
          expect(sections.map((s) => s.html).join('')).toBe(renderMarkdown(text));
          // The sections (kept, re-cut or finished alone) are the document, keyed uniquely.
          expect(sections.map((s) => s.text).join('')).toBe(text);
          expect(new Set(sections.map((s) => s.key)).size).toBe(sections.length);
        }
      }),
      { numRuns: Math.ceil(Number(process.env.PREVIEW_FC_RUNS ?? 300) / 3) },
    );
  }, 600_000);

  test('edits in the first section (front matter, title) match whole-document rendering', () => {
    const start = `---\ntitle: x\n---\n${base}`;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat({ max: 40 }),
            fc.nat({ max: 4 }),
            piece,
            edit.map((e) => e[3]),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (edits) => {
          const renderer = createSectionRenderer();
          let text = start;
          renderer.render(text);
          for (const [at, remove, insert, tail] of edits) {
            const position = Math.min(at, text.length);
            text = text.slice(0, position) + insert + tail + text.slice(position + remove);
            expect(joined(text, renderer)).toBe(renderMarkdown(text));
          }
        },
      ),
      { numRuns: Math.ceil(Number(process.env.PREVIEW_FC_RUNS ?? 300) / 3) },
    );
  }, 600_000);

  test('typing a character at a time in a long answer matches at every step', () => {
    const renderer = createSectionRenderer();
    let text = base;
    const typed = 'and *more* `code` [r]\n\n- list\n\n```\nfenced\n```\n\n<div>\n\nx\n\n</div>\n';
    let at = text.indexOf('Paragraph 20') + 'Paragraph 20'.length;
    for (const character of typed) {
      text = text.slice(0, at) + character + text.slice(at);
      at += 1;
      expect(joined(text, renderer)).toBe(renderMarkdown(text));
    }
    // Deleting it again, a character at a time.
    for (let i = 0; i < typed.length; i++) {
      at -= 1;
      text = text.slice(0, at) + text.slice(at + 1);
      expect(joined(text, renderer)).toBe(renderMarkdown(text));
    }
    expect(text).toBe(base);
  });

  describe('a long document given as pieces (as the editor gives it)', () => {
    // Over four edit windows long: an edit is cut from the lines near it.
    const answer = Array.from(
      { length: 2_000 },
      (_, i) => `Answer paragraph ${i} with *some* text and [a link](https://x.example/${i}).`,
    ).join('\n\n');
    const head = '# Proposal\n\n## Summary\n\nShort.\n\n## Design\n\n';
    const tail = '\n\n## Risks\n\nNone.\n\n[r]: https://r.example\n';
    const render = (renderer: ReturnType<typeof createSectionRenderer>, pieces: string[]) =>
      renderer.render(DocText.of(pieces)).sections;

    test('typing in the long answer reads no whole copy of the document', () => {
      const renderer = createSectionRenderer();
      let pieces = [head, answer, tail];
      render(renderer, pieces);
      const whole = vi.spyOn(DocText.prototype, 'toString');
      let at = answer.indexOf('Answer paragraph 700') + 20;
      let text = answer;
      for (const character of ' more words') {
        text = text.slice(0, at) + character + text.slice(at);
        at += 1;
        pieces = [head, text, tail];
        const sections = render(renderer, pieces);
        expect(sections.map((s) => s.text).join('')).toBe(pieces.join(''));
      }
      expect(whole).not.toHaveBeenCalled();
      whole.mockRestore();
      expect(joined(pieces.join(''), renderer)).toBe(renderMarkdown(pieces.join('')));
    });

    test('random edits of the answer render as the same edits of one string', () => {
      // The same edits given as one string each time (checked against whole-document rendering
      // above), and at the end against it. Each run starts from the answer as an edit too.
      const renderer = createSectionRenderer();
      const flatRenderer = createSectionRenderer();
      let last = '';
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
          let text = answer;
          render(renderer, [head, text, tail]);
          flatRenderer.render([head, text, tail].join(''));
          for (const [at, remove, insert, after] of edits) {
            const position = at % (text.length + 1);
            text = text.slice(0, position) + insert + after + text.slice(position + remove);
            const pieces = [head, text, tail];
            const sections = render(renderer, pieces);
            last = pieces.join('');
            const expected = flatRenderer.render(last).sections;
            expect(sections.map((s) => s.text)).toEqual(expected.map((s) => s.text));
            expect(sections.map((s) => s.html)).toEqual(expected.map((s) => s.html));
          }
        }),
        { numRuns: Math.ceil(Number(process.env.PREVIEW_FC_RUNS ?? 300) / 30) },
      );
      expect(joined(last, renderer)).toBe(renderMarkdown(last));
    }, 600_000);
  });

  test('an edit that makes a line too long shows the hazard, and undoing it renders again', () => {
    const renderer = createSectionRenderer();
    const before = renderer.render(base);
    expect(before.hazard).toBeNull();
    const long = base.replace('Paragraph 20 ', `Paragraph 20 ${'word '.repeat(60_000)}`);
    const during = renderer.render(long);
    expect(during.hazard).toMatch(/characters/);
    expect(during.sections).toEqual([]);
    const after = renderer.render(base);
    expect(after.hazard).toBeNull();
    expect(after.sections.map((s) => s.html).join('')).toBe(renderMarkdown(base));
  });

  test('nesting deeper than the limit is found in an edited section', () => {
    const renderer = createSectionRenderer();
    renderer.render(base);
    const deep = base.replace('Paragraph 30 ', `${'> '.repeat(300)}Paragraph 30 `);
    expect(renderer.render(deep).hazard).toMatch(/nest/i);
  });
});

describe('incremental work', () => {
  test('an edit re-renders only its own section and keeps the other keys', () => {
    const renderer = createSectionRenderer();
    const doc = '# A\none\n\n# B\ntwo\n\n# C\nthree\n';
    const before = renderer.render(doc).sections;
    const after = renderer.render(doc.replace('two', 'two!')).sections;
    expect(after.map((s) => s.key)).toEqual(before.map((s) => s.key));
    expect(after[0]?.html).toBe(before[0]?.html);
    expect(after[1]?.html).not.toBe(before[1]?.html);
    expect(after[2]?.html).toBe(before[2]?.html);
  });

  test('a long answer without headings is cut at its paragraphs: an edit re-renders one', () => {
    const renderer = createSectionRenderer();
    const paragraphs = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} with **bold**.`);
    const doc = paragraphs.join('\n\n');
    const before = renderer.render(doc).sections;
    expect(before).toHaveLength(50);
    const after = renderer.render(doc.replace('Paragraph 25 ', 'Paragraph 25, edited, ')).sections;
    expect(after.map((s) => s.key)).toEqual(before.map((s) => s.key));
    const changed = after.filter((section, i) => section.html !== before[i]?.html);
    expect(changed.map((s) => s.html)).toEqual([
      '<p>Paragraph 25, edited, with <strong>bold</strong>.</p>\n',
    ]);
  });

  test('an edit in a long answer leaves the output of every other section as it was', () => {
    const renderer = createSectionRenderer();
    const paragraphs = Array.from({ length: 300 }, (_, i) => `Paragraph ${i} with [a link][d].`);
    const doc = `${paragraphs.join('\n\n')}\n\n[d]: https://one.example\n`;
    const before = renderer.render(doc).sections;
    const after = renderer.render(
      doc.replace('Paragraph 150 ', 'Paragraph 150, edited, '),
    ).sections;
    const kept = after.filter((section, i) => section === before[i]);
    expect(kept).toHaveLength(before.length - 1);
    expect(after[150]?.html).toContain('Paragraph 150, edited, with <a href="https://one.example"');
    expect(after.map((s) => s.html).join('')).toBe(
      renderMarkdown(doc.replace('Paragraph 150 ', 'Paragraph 150, edited, ')),
    );
  });

  test('a new definition in an edit reaches the sections before it', () => {
    const renderer = createSectionRenderer();
    const doc = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} [x].`).join('\n\n');
    renderer.render(doc);
    const edited = doc.replace('Paragraph 20 [x].', 'Paragraph 20 [x].\n\n[x]: https://x.example');
    const after = renderer.render(edited).sections;
    expect(after[0]?.html).toContain('href="https://x.example"');
    expect(after.map((s) => s.html).join('')).toBe(renderMarkdown(edited));
  });

  test('a changed definition re-renders the sections that use it', () => {
    const renderer = createSectionRenderer();
    const doc = '# A\n[link][d]\n\n# B\nplain\n\n# C\n[d]: https://one.example\n';
    renderer.render(doc);
    const after = renderer.render(doc.replace('one.example', 'two.example')).sections;
    expect(after[0]?.html).toContain('https://two.example');
  });

  test('a new section in the middle keeps the keys around it', () => {
    const renderer = createSectionRenderer();
    const before = renderer.render('# A\n\n# B\n').sections.map((s) => s.key);
    const after = renderer.render('# A\n\n# New\n\n# B\n').sections.map((s) => s.key);
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[1]);
    expect(new Set(after).size).toBe(3);
  });
});

describe('scanSectionStarts', () => {
  test('skips headings in fences, comments and front matter', () => {
    const doc = '---\n# yaml\n---\n# A\n```\n# code\n```\n<!--\n# c\n-->\n## B\n';
    expect(scanSectionStarts(doc).map((at) => doc.slice(at, doc.indexOf('\n', at)))).toEqual([
      '# A',
      '## B',
    ]);
  });
});
