/**
 * Reads documents as a person would paste them after copying the rendered page: each document
 * is lexed (marked), its blocks' shown text taken as a browser's plain-text copy gives it
 * (headings and paragraphs as bare lines, list items without bullets, code without fences),
 * and that text is read against the Markdown template. For each document: author text lost
 * (src/core/testing/author-text.ts), and whether the verdict equals the one for the Markdown
 * itself. Nothing of the documents is written anywhere.
 *
 *   node bin/run-ts.js scripts/copy-check.ts TEMPLATE.md DOC.md...
 */
import { readFileSync } from 'node:fs';
import { marked, type Token, type Tokens } from 'marked';
import { checkDocument } from '../src/core/check.ts';
import { readDocument } from '../src/core/document/read.ts';
import { renderDocument } from '../src/core/document/render.ts';
import { parseTemplate } from '../src/core/template/parse.ts';
import { lostAuthorLines, templateLineKeys } from '../src/core/testing/author-text.ts';

/** Inline Markdown as the text it shows (tags dropped, entities decoded). */
function shown(inline: string): string {
  return marked
    .parseInline(inline, { async: false })
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** The text a browser's copy of the rendered document gives, block by block. */
export function copiedText(markdown: string): string {
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'heading' || token.type === 'paragraph') {
        out.push(shown((token as Tokens.Heading | Tokens.Paragraph).text), '');
      } else if (token.type === 'code') out.push((token as Tokens.Code).text, '');
      else if (token.type === 'list') {
        for (const item of (token as Tokens.List).items) {
          const [first, ...rest] = item.tokens;
          if (first && (first.type === 'text' || first.type === 'paragraph')) {
            out.push(shown((first as Tokens.Text).text), '');
            walk(rest);
          } else walk(item.tokens);
        }
      } else if (token.type === 'table') {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) {
          out.push(row.map((cell) => shown(cell.text)).join('\t'), '');
        }
      } else if (token.type === 'blockquote') walk((token as Tokens.Blockquote).tokens);
    }
  };
  walk(marked.lexer(markdown.replace(/^---\n[\s\S]*?\n---\n/, '')));
  return out.join('\n');
}

function verdict(missing: { title: string }[]): string {
  return missing.map((m) => m.title).join(' | ');
}

if (process.argv[1]?.endsWith('copy-check.ts')) {
  const [templatePath, ...documents] = process.argv.slice(2);
  if (!templatePath || documents.length === 0) {
    console.error('usage: copy-check.ts TEMPLATE.md DOC.md...');
    process.exit(2);
  }
  const templateText = readFileSync(templatePath, 'utf8');
  const template = parseTemplate(templateText);
  const templateKeys = templateLineKeys(template, templateText);
  let lost = 0;
  let same = 0;
  for (const path of documents) {
    const markdown = readFileSync(path, 'utf8');
    const copied = copiedText(markdown);
    const read = readDocument(template, copied);
    const output = renderDocument(template, read.values);
    const lines = lostAuthorLines(template, copied, output, { templateKeys, allowReflow: true });
    const fromCopy = verdict(checkDocument(template, read.values, read.headings).missing);
    const original = readDocument(template, markdown);
    const fromMarkdown = verdict(
      checkDocument(template, original.values, original.headings).missing,
    );
    if (lines.length > 0) {
      lost++;
      console.log(`LOST ${path}: ${lines.length} line(s), first: ${lines[0]!.line.trim()}`);
    }
    if (fromCopy === fromMarkdown) same++;
    else console.log(`VERDICT ${path}\n  copy:     ${fromCopy}\n  Markdown: ${fromMarkdown}`);
  }
  console.log(
    `${documents.length} documents: author text lost in ${lost}; verdict as for the Markdown in ${same}`,
  );
}
