/** @vitest-environment jsdom */
import { Marked } from 'marked';
import markedAlert from 'marked-alert';
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from './renderMarkdown.ts';
import { NESTING_NOTICE } from './sanitize.ts';

function dom(html: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = html;
  return container;
}

const FORBIDDEN_TAGS = 'script, iframe, frame, object, embed, form, style, link, meta, base, math';
const URL_ATTRIBUTES = ['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster'];

/** No way for the HTML to run script, submit, restyle or reach a non-http(s)/mailto URL. */
function expectInert(html: string): void {
  const root = dom(html);
  expect(root.querySelectorAll(FORBIDDEN_TAGS)).toHaveLength(0);
  for (const element of root.querySelectorAll('*')) {
    for (const { name, value } of Array.from(element.attributes)) {
      expect(name.toLowerCase().startsWith('on'), `${name} on <${element.localName}>`).toBe(false);
      expect(name.toLowerCase()).not.toBe('style');
      if (URL_ATTRIBUTES.includes(name.toLowerCase())) {
        const url = value.replace(/[\s\p{Cc}]/gu, '').toLowerCase();
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
        expect(scheme === undefined || ['http', 'https', 'mailto'].includes(scheme), url).toBe(
          true,
        );
      }
    }
  }
}

describe('renderMarkdown: sanitizing', () => {
  const vectors: Record<string, string> = {
    'img onerror': '<img src=x onerror=alert(1)>',
    'javascript: link': '[x](javascript:alert(1))',
    'script tag': '<script>alert(1)</script>',
    'script block': 'text\n\n<script>\nalert(1)\n</script>\n',
    'mixed-case javascript: href': '<a href="JaVaScRiPt:alert(1)">x</a>',
    'entity-encoded javascript:': '<a href="&#106;avascript:alert(1)">x</a>',
    'javascript: with whitespace': '[x]( java\tscript:alert(1))',
    'svg onload': '<svg onload=alert(1)><circle r="4"></circle></svg>',
    'svg script': '<svg><script>alert(1)</script></svg>',
    'svg link': '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    'data: link': '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    'data: image': '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    'data: markdown image': '![x](data:image/png;base64,AAAA)',
    'tel: link': '[call](tel:+123456)',
    'sms: link': '<a href="sms:+123">text</a>',
    'vbscript: link': '<a href="vbscript:msgbox(1)">x</a>',
    iframe: '<iframe src="https://example.com"></iframe>',
    form: '<form action="https://example.com"><input name=q><button formaction="javascript:alert(1)">go</button></form>',
    style: '<style>body{display:none}</style><p style="color:red">x</p>',
    'details ontoggle': '<details open ontoggle=alert(1)><summary>x</summary></details>',
    math: '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    'reference link to javascript:': '[x][r]\n\n[r]: javascript:alert(1)',
    'autolink javascript:': '<javascript:alert(1)>',
  };

  test.each(Object.entries(vectors))('%s produces no executable content', (_name, md) => {
    expectInert(renderMarkdown(md));
  });

  test('javascript: links become dead links that keep their text', () => {
    const link = dom(renderMarkdown('[click me](javascript:alert(1))')).querySelector('a');
    expect(link?.textContent).toBe('click me');
    expect(link?.hasAttribute('href')).toBe(false);
    expect(link?.hasAttribute('target')).toBe(false);
  });

  test('tel: and data: links lose their URL', () => {
    const root = dom(renderMarkdown('[a](tel:+1) [b](data:text/plain,hi) ![c](data:image/png,AA)'));
    expect(root.querySelectorAll('[href], [src]')).toHaveLength(0);
    expect(root.textContent).toContain('a');
  });

  test('http(s), mailto, relative and fragment links are kept and open safely', () => {
    const md =
      '[a](https://a.example) [b](http://b.example) [c](mailto:c@example.com) [d](docs/x.md) [e](#top) <https://f.example> www.g.example';
    const links = Array.from(dom(renderMarkdown(md)).querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://a.example',
      'http://b.example',
      'mailto:c@example.com',
      'docs/x.md',
      '#top',
      'https://f.example',
      'http://www.g.example',
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  test('raw HTML links get rel and target too, whatever they asked for', () => {
    const link = dom(
      renderMarkdown('<a href="https://x.example" target="_self" rel="opener">x</a>'),
    ).querySelector('a');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });
});

describe('renderMarkdown: GitHub rendering', () => {
  test.each(['> [!NOTE]\n> Some **text**', '> \\[!NOTE]\n> Some **text**'])('alert %j', (md) => {
    const alert = dom(renderMarkdown(md)).querySelector('.markdown-alert.markdown-alert-note');
    expect(alert).not.toBeNull();
    expect(alert?.querySelector('.markdown-alert-title')?.textContent).toBe('Note');
    expect(alert?.querySelector('svg')).not.toBeNull();
    expect(alert?.textContent).toContain('Some text');
    expect(alert?.textContent).not.toContain('[!NOTE]');
  });

  test.each(['TIP', 'IMPORTANT', 'WARNING', 'CAUTION'])('escaped %s alert', (kind) => {
    const html = renderMarkdown(`> \\[!${kind}]\n> body`);
    expect(dom(html).querySelector(`.markdown-alert-${kind.toLowerCase()}`)).not.toBeNull();
  });

  test('the escaped alert syntax inside code is left alone', () => {
    const html = renderMarkdown('```\n> \\[!NOTE]\n> x\n```\n\n    > \\[!NOTE]\n');
    expect(dom(html).querySelector('.markdown-alert')).toBeNull();
    expect(dom(html).querySelectorAll('pre')[0]?.textContent).toBe('> \\[!NOTE]\n> x\n');
  });

  test('alerts render as marked-alert renders the unescaped form', () => {
    const reference = new Marked({ gfm: true }, markedAlert());
    const unescaped = '> [!WARNING]\n> Careful [here](https://x.example).\n';
    const expected = dom(renderMarkdown(unescaped)).innerHTML;
    expect(dom(renderMarkdown(unescaped.replace('[!', '\\[!'))).innerHTML).toBe(expected);
    expect(reference.parse(unescaped)).toContain('markdown-alert-warning');
  });

  test('task lists render disabled checkboxes', () => {
    const boxes = Array.from(
      dom(renderMarkdown('- [ ] open\n- [x] done\n')).querySelectorAll('input'),
    );
    expect(boxes.map((box) => [box.type, box.disabled, box.checked])).toEqual([
      ['checkbox', true, false],
      ['checkbox', true, true],
    ]);
  });

  test('raw inputs become disabled checkboxes', () => {
    const input = dom(renderMarkdown('<input type="text" name="q" value="v">')).querySelector(
      'input',
    );
    expect(input?.type).toBe('checkbox');
    expect(input?.disabled).toBe(true);
  });

  test('tables, strikethrough and autolinks', () => {
    const root = dom(
      renderMarkdown(
        '| Risk | Level |\n| --- | :-: |\n| A | High |\n\n~~gone~~ https://x.example\n',
      ),
    );
    expect(Array.from(root.querySelectorAll('th')).map((th) => th.textContent)).toEqual([
      'Risk',
      'Level',
    ]);
    expect(root.querySelector('td:last-child')?.getAttribute('align')).toBe('center');
    expect(root.querySelector('del')?.textContent).toBe('gone');
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://x.example');
  });

  test('front matter is shown as GitHub shows it, a table of keys and values', () => {
    const root = dom(
      renderMarkdown('---\ntitle: RFC\nstatus: draft\nauthors:\n  - ada\n  - lin\n---\n# Body\n'),
    );
    const table = root.querySelector('table.front-matter');
    const head = [...(table?.querySelectorAll(':scope > thead th') ?? [])].map(
      (th) => th.textContent,
    );
    expect(head).toEqual(['title', 'status', 'authors']);
    const cells = table?.querySelectorAll(':scope > tbody > tr > td');
    expect(cells?.[0]?.textContent).toBe('RFC');
    expect([...(cells?.[2]?.querySelectorAll('td') ?? [])].map((td) => td.textContent)).toEqual([
      'ada',
      'lin',
    ]);
    expect(root.querySelector('pre')).toBeNull();
    expect(root.querySelectorAll('h1, h2')).toHaveLength(1);
  });

  test('front matter values are text, never markup', () => {
    const html = renderMarkdown(
      '---\ntitle: "<img src=x onerror=alert(1)>"\n"<b>k</b>": "[x](javascript:alert(1))"\n---\n',
    );
    expectInert(html);
    const root = dom(html);
    expect(root.querySelector('img, b, a')).toBeNull();
    expect(root.querySelector('table.front-matter td')?.textContent).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  test('front matter that is not a map of readable YAML is shown verbatim', () => {
    for (const yaml of ['just text', 'a: [unclosed', '- a\n- b']) {
      const root = dom(renderMarkdown(`---\n${yaml}\n---\n# Body\n`));
      expect(root.querySelector('pre.front-matter')?.textContent).toBe(yaml);
      expect(root.querySelector('table')).toBeNull();
    }
  });

  test('HTML comments are not shown', () => {
    expect(dom(renderMarkdown('a\n\n<!-- guidance -->\n')).textContent?.trim()).toBe('a');
  });
});

describe('renderMarkdown: deep nesting', () => {
  test('content nested too deep is replaced by a visible notice', () => {
    const md = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const root = dom(renderMarkdown(md));
    const notice = root.querySelector('.preview-notice');
    expect(notice?.textContent).toBe(NESTING_NOTICE);
    expect(root.textContent).toContain('level 0');
    expect(root.textContent).toContain('level 100');
    expect(root.textContent).not.toContain('level 299');
  });

  test('ordinary nesting has no notice', () => {
    const md = Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    expect(dom(renderMarkdown(md)).querySelector('.preview-notice')).toBeNull();
  });
});
