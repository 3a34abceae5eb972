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

type FieldBlock = Extract<Block, { type: 'field' }>;

/**
 * Where a section's kept blocks can be, found once per template (the values are synced on every
 * keystroke, and a walk of a 10,000-section template's blocks, making each field's key anew,
 * was a large part of one): the fields of the scope itself (with their kept text's key), and
 * the repeats, whose instances have plans of their own.
 */
interface Plan {
  fields: { block: FieldBlock; key: string }[];
  repeats: { id: string; plan: Plan }[];
}

function emptyPlan(): Plan {
  return { fields: [], repeats: [] };
}

function planBlocks(blocks: Block[], plan: Plan): Plan {
  for (const b of blocks) {
    if (b.type === 'quote') planBlocks(b.blocks, plan);
    else if (b.type === 'group')
      plan.repeats.push({ id: b.field.id, plan: planBlocks(b.blocks, emptyPlan()) });
    else if (b.type === 'field') plan.fields.push({ block: b, key: sourceKey(b.field.id) });
  }
  return plan;
}

function planSection(section: Section, plan: Plan): Plan {
  planBlocks(section.blocks, plan);
  for (const child of section.children) {
    if (child.type === 'section') planSection(child, plan);
    else plan.repeats.push({ id: child.id, plan: planSection(child.instance, emptyPlan()) });
  }
  return plan;
}

const plans = new WeakMap<Section, Plan>();

/** The scope with every kept block's field read from its kept text (the same when unchanged). */
function syncScope(plan: Plan, scope: Scope): Scope {
  let out = scope;
  for (const { block, key } of plan.fields) {
    const source = out[key];
    if (typeof source !== 'string') continue;
    const value = readSource(block, source);
    if (value === null || JSON.stringify(value) === JSON.stringify(out[block.field.id])) continue;
    out = { ...out, [block.field.id]: value };
  }
  for (const { id, plan: instancePlan } of plan.repeats) {
    const list = out[id];
    if (!Array.isArray(list)) continue;
    let changed = false;
    const next = (list as unknown[]).map((inst) => {
      if (typeof inst !== 'object' || inst === null || Array.isArray(inst)) return inst;
      const synced = syncScope(instancePlan, inst as Scope);
      if (synced !== inst) changed = true;
      return synced;
    });
    if (changed) out = { ...out, [id]: next as FieldValue };
  }
  return out;
}

function planOf(root: Section): Plan {
  let plan = plans.get(root);
  if (!plan) plans.set(root, (plan = planSection(root, emptyPlan())));
  return plan;
}

/** Values whose kept-as-written fields hold what their kept text says now. */
export function withSourcesRead(root: Section, values: Values): Values {
  return syncScope(planOf(root), values) as Values;
}

/** Per plan: the keys whose change can change what `syncScope` gives (see `sourcesTouched`). */
const watched = new WeakMap<Plan, { sources: Set<string>; fields: Set<string> }>();

/**
 * Whether a change of `keys` can change what `withSourcesRead` gives for `values`, once it gave
 * `values` themselves (nothing to read): a kept block's text, a field that has one (its value is
 * compared with the text's reading), or a repeat (its instances may hold kept blocks). A
 * keystroke in a template of 10,000 fields then does not visit every field's kept text.
 */
export function sourcesTouched(root: Section, values: Values, keys: Iterable<string>): boolean {
  const plan = planOf(root);
  let keySets = watched.get(plan);
  if (!keySets) {
    keySets = {
      sources: new Set(plan.fields.map((f) => f.key)),
      fields: new Set(plan.fields.map((f) => f.block.field.id)),
    };
    for (const r of plan.repeats) keySets.sources.add(r.id);
    watched.set(plan, keySets);
  }
  for (const key of keys) {
    if (keySets.sources.has(key)) return true;
    if (keySets.fields.has(key) && typeof values[sourceKey(key)] === 'string') return true;
  }
  return false;
}
