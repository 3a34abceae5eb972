import { readFileSync } from 'node:fs';
import { parseTemplate } from '../src/core/template/parse.ts';
import { renderDocument } from '../src/core/document/render.ts';
import { readDocument } from '../src/core/document/read.ts';
import { defaultValues } from '../src/core/document/defaults.ts';
import { checkMarkdown, checkDocument } from '../src/core/check.ts';
import { BUILT_IN_TEMPLATES } from '../src/templates/registry.ts';
import { isDeepStrictEqual } from 'node:util';
for (const e of BUILT_IN_TEMPLATES) {
  const text = readFileSync(`src/templates/${e.file}`, 'utf8');
  const t = parseTemplate(text, e.format);
  const v = defaultValues(t, '2026-11-23');
  const md = renderDocument(t, v);
  const back = readDocument(t, md).values;
  const same = isDeepStrictEqual(back, v);
  console.log(e.id, 'roundtrip', same);
  if (!same) for (const k of Object.keys(v)) if (!isDeepStrictEqual(v[k], back[k])) console.log('  diff', k, JSON.stringify(v[k]).slice(0,80), '=>', JSON.stringify(back[k]).slice(0,80));
  const r = checkMarkdown(t, text);
  console.log('  template itself: complete=', r.complete, 'missing', r.missing.length, '/', r.required, r.missing.slice(0,50).map(m=>m.title).join(' | '));
  console.log('  warnings', r.warnings.slice(0,4).map(w=>w.message));
  const r2 = checkDocument(t, v);
  console.log('  defaults: missing', r2.missing.length, '/', r2.required);
  if (process.argv[2] === e.id) console.log(md);
}
{
  const e = BUILT_IN_TEMPLATES[2]!;
  const text = readFileSync(`src/templates/${e.file}`, 'utf8');
  const t = parseTemplate(text, e.format);
  const r = checkMarkdown(t, text);
  console.log(r.sections.filter(s => s.status !== 'missing').map(s => s.title + ':' + s.status));
  const v = readDocument(t, text).values; console.log(JSON.stringify(v).slice(0, 600));
}
