import { readFileSync } from 'node:fs';
import { parseTemplate } from '../src/core/template/parse.ts';
import type { Block, Section, SectionNode } from '../src/core/template/types.ts';
const t = parseTemplate(readFileSync(process.argv[2]!, 'utf8'));
const pb = (blocks: Block[], ind: string) => {
  for (const b of blocks) {
    if (b.type === 'static') console.log(ind + 'static ' + JSON.stringify(b.raw.slice(0, 50)));
    else if (b.type === 'quote') {
      console.log(ind + 'quote ' + b.header);
      pb(b.blocks, ind + '  ');
    } else if (b.type === 'group') {
      console.log(
        ind +
          `GROUP ${b.field.id} [${b.field.fields.map((f) => f.kind + ':' + f.label).join(', ')}]`,
      );
      pb(b.blocks, ind + '  ');
    } else {
      const f = b.field as any;
      console.log(
        ind +
          `${f.kind} ${f.id} "${f.label}" req=${f.required}` +
          (f.options
            ? ' opts=' +
              JSON.stringify(f.options.map((o: any) => o.label ?? o)) +
              (f.multiple === false ? ' single' : '')
            : '') +
          (f.columns ? ' cols=' + JSON.stringify(f.columns) : '') +
          (f.entries
            ? ' keys=' +
              f.entries
                .map((e: any) => e.key + (e.options.length ? '(' + e.options + ')' : ''))
                .join('|')
            : '') +
          (f.hint ? ' hint=' + JSON.stringify(f.hint.slice(0, 30)) : '') +
          (f.placeholder ? ' ph=' + JSON.stringify(f.placeholder.slice(0, 30)) : ''),
      );
    }
  }
};
const ps = (n: SectionNode, ind: string) => {
  if (n.type === 'group') {
    console.log(
      ind +
        `SECTION-GROUP ${n.id} fields=[${n.field.fields.map((f) => f.kind + ':' + f.label).join(', ')}]`,
    );
    ps(n.instance, ind + '  ');
    return;
  }
  console.log(
    ind +
      `# ${n.title} (${n.id}) ${n.optional ? 'OPTIONAL' : ''} hf=${n.headingFields.map((f) => f.label).join(',')}`,
  );
  pb(n.blocks, ind + '   ');
  n.children.forEach((c) => ps(c, ind + '  '));
};
if (t.frontMatter)
  console.log(
    'FM',
    t.frontMatter.role,
    t.frontMatter.entries.map((e) => `${e.key}:${e.field?.kind}`).join(' '),
    JSON.stringify(t.frontMatter.meta),
  );
ps(t.root, '');
