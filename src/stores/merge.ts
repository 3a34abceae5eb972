/**
 * Three-way merge of a draft's fields, for edits made in two tabs at once (a browser without
 * Web Locks or BroadcastChannel, or a race): a field changed on one side only takes that side's
 * value; a field changed on both sides to different values keeps this tab's value and records
 * the other one as a conflict, so the author can pick either or keep both. Nothing is dropped.
 */
import type { FieldValue, Values } from '../core/model.ts';

/** The other tab's value of a field (`key` null: the draft's title) that differs from ours. */
export interface FieldConflict {
  key: string | null;
  theirs: FieldValue;
  at: string;
}

export type ConflictChoice = 'mine' | 'theirs' | 'both';

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Equal, or both blank ('' and [] are the same unanswered field). */
function sameOrBlank(a: FieldValue, b: FieldValue): boolean {
  return same(a, b) || (isBlank(a) && isBlank(b));
}

/** An empty answer: what the form holds for a field nobody has answered. */
function isBlank(value: FieldValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every((item) => isBlank(item as FieldValue));
  if ('checked' in value && Array.isArray(value.checked)) {
    return value.checked.length === 0 && isBlank(value.other);
  }
  return Object.values(value).every((v) => isBlank(v as FieldValue));
}

export interface MergeResult {
  values: Values;
  /** Keys changed on both sides to different values: `values` holds ours, this theirs. */
  conflicts: { key: string; theirs: FieldValue }[];
}

/**
 * Merges field by field. `base` is the version both sides started from (undefined: unknown,
 * so every difference is a change on both sides).
 */
export function mergeValues(base: Values | undefined, mine: Values, theirs: Values): MergeResult {
  const values: Values = {};
  const conflicts: MergeResult['conflicts'] = [];
  for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    const m = mine[key];
    const t = theirs[key];
    // A field the base did not hold yet was blank there (the form fills in empty answers).
    const b = base?.[key] ?? (base !== undefined && (isBlank(m) || isBlank(t)) ? '' : undefined);
    if (m === undefined) {
      if (t !== undefined) values[key] = t;
    } else if (t === undefined || same(m, t) || (b !== undefined && sameOrBlank(t, b))) {
      values[key] = m;
    } else if (b !== undefined && sameOrBlank(m, b)) {
      values[key] = t;
    } else {
      values[key] = m;
      conflicts.push({ key, theirs: t });
    }
  }
  return { values, conflicts };
}

/** Adds conflicts, replacing an older one of the same field. */
export function addConflicts(
  existing: readonly FieldConflict[] | undefined,
  added: readonly FieldConflict[],
): FieldConflict[] {
  const out = (existing ?? []).filter((c) => !added.some((a) => a.key === c.key));
  return [...out, ...added];
}

const BOTH_SEPARATOR = '\n\n— from the other tab —\n\n';
const BOTH_INLINE_SEPARATOR = ' — from the other tab: ';

/** Both texts, this tab's first and the other tab's after a visible separator. */
function joinText(mine: string, theirs: string): string {
  if (mine.trim() === '') return theirs;
  if (theirs.trim() === '') return mine;
  const multiline = mine.includes('\n') || theirs.includes('\n');
  return mine + (multiline ? BOTH_SEPARATOR : BOTH_INLINE_SEPARATOR) + theirs;
}

function isRecordOfStrings(v: FieldValue): v is Record<string, string> {
  return (
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => typeof x === 'string') &&
    !('checked' in v && Array.isArray((v as { checked?: unknown }).checked))
  );
}

/**
 * "Keep both": texts joined with a visible separator, lists and rows one after the other,
 * ticked options united; a shape that cannot be joined becomes text holding both.
 */
export function combineValues(mine: FieldValue, theirs: FieldValue): FieldValue {
  if (typeof mine === 'string' && typeof theirs === 'string') return joinText(mine, theirs);
  if (Array.isArray(mine) && Array.isArray(theirs)) {
    const extra = theirs.filter((t) => !mine.some((m) => same(m, t)));
    return [...mine, ...extra] as FieldValue;
  }
  if (
    typeof mine === 'object' &&
    typeof theirs === 'object' &&
    !Array.isArray(mine) &&
    !Array.isArray(theirs)
  ) {
    if ('checked' in mine && 'checked' in theirs) {
      const m = mine as { checked: string[]; other: string };
      const t = theirs as { checked: string[]; other: string };
      return {
        checked: [...m.checked, ...t.checked.filter((c) => !m.checked.includes(c))],
        other: joinText(m.other, t.other),
      };
    }
    if (isRecordOfStrings(mine) && isRecordOfStrings(theirs)) {
      const out: Record<string, string> = { ...theirs, ...mine };
      for (const [k, v] of Object.entries(theirs)) {
        const m = mine[k];
        if (m !== undefined && m !== v) out[k] = joinText(m, v);
      }
      return out;
    }
  }
  return joinText(valueAsText(mine), valueAsText(theirs));
}

/** A field value as readable text, for showing both versions of a conflict side by side. */
export function valueAsText(value: FieldValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (typeof item === 'string') return `- ${item}`;
        if (Array.isArray(item)) return `| ${item.join(' | ')} |`;
        if ('done' in item && 'text' in item && typeof item.text === 'string') {
          return `- [${item.done ? 'x' : ' '}] ${item.text}`;
        }
        return Object.entries(item)
          .map(([k, v]) => `${k}: ${valueAsText(v as FieldValue)}`)
          .join('\n');
      })
      .join('\n');
  }
  if ('checked' in value && Array.isArray(value.checked)) {
    const other = typeof value.other === 'string' && value.other !== '' ? [value.other] : [];
    return [...value.checked, ...other].map((c) => `- [x] ${c}`).join('\n');
  }
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n');
}
