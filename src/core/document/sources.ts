/**
 * A field whose block is kept as the document wrote it (`<field>::source`) is edited as that
 * Markdown. Its value, which completeness reads, follows the kept text: read again from it, or
 * empty when the author emptied it (so a cleared block is neither counted as an answer nor
 * written back from the value read at import).
 */
import { sourceKey, type FieldValue, type Values } from '../model.ts';
import { lexMarkdown } from '../template/lex.ts';
import type { Block, Section } from '../template/types.ts';
import { readUnit } from './read.ts';
import { emptyValue } from './walk.ts';

type Scope = Record<string, FieldValue | undefined>;

function readSource(block: Extract<Block, { type: 'field' }>, source: string): FieldValue | null {
  if (source.trim() === '') return emptyValue(block.field);
  const unit = lexMarkdown(source).find((t) => t.type !== 'space');
  return unit ? readUnit(block, unit) : null;
}

/** The scope with every kept block's field read from its kept text, or null when unchanged. */
function syncBlocks(blocks: Block[], scope: Scope): Scope | null {
  let copy: Scope | null = null;
  for (const b of blocks) {
    const now: Scope = copy ?? scope;
    if (b.type === 'quote') {
      copy = syncBlocks(b.blocks, now) ?? copy;
    } else if (b.type === 'group') {
      const list = now[b.field.id];
      if (!Array.isArray(list)) continue;
      let changed = false;
      const next = (list as unknown[]).map((inst) => {
        if (typeof inst !== 'object' || inst === null || Array.isArray(inst)) return inst;
        const synced = syncBlocks(b.blocks, inst as Scope);
        if (synced) changed = true;
        return synced ?? inst;
      });
      if (changed) copy = { ...now, [b.field.id]: next as FieldValue };
    } else if (b.type === 'field') {
      const source = now[sourceKey(b.field.id)];
      if (typeof source !== 'string') continue;
      const value = readSource(b, source);
      if (value === null || JSON.stringify(value) === JSON.stringify(now[b.field.id])) continue;
      copy = { ...now, [b.field.id]: value };
    }
  }
  return copy;
}

function syncSection(section: Section, scope: Scope): Scope {
  let out = syncBlocks(section.blocks, scope) ?? scope;
  for (const child of section.children) {
    if (child.type === 'section') {
      out = syncSection(child, out);
      continue;
    }
    const list = out[child.id];
    if (!Array.isArray(list)) continue;
    let changed = false;
    const next = (list as unknown[]).map((inst) => {
      if (typeof inst !== 'object' || inst === null || Array.isArray(inst)) return inst;
      const synced = syncSection(child.instance, inst as Scope);
      if (synced !== inst) changed = true;
      return synced;
    });
    if (changed) out = { ...out, [child.id]: next as FieldValue };
  }
  return out;
}

/** Values whose kept-as-written fields hold what their kept text says now. */
export function withSourcesRead(root: Section, values: Values): Values {
  return syncSection(root, values) as Values;
}
