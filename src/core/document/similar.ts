/**
 * Headings written against an older version of a template: the question was reworded
 * ("How can a rollout fail?" for "How can a rollout or rollback fail?"), a word added or left
 * out ("Alternatives considered" for "Alternatives"). A document heading that matches no
 * template heading word for word is matched to a template section the document does not name
 * when they share most of their words. Only the words count (not their order, case, plural or
 * the small words between them), so the rule knows no template's wording.
 */
import { matchKey } from '../text.ts';

const SMALL_WORDS = new Set(
  (
    'a an the and or of to in on for with by at from as into than then so ' +
    'is are be been was were can could should would will may might must shall ' +
    'it its this that these those there their they them we our you your i ' +
    'if any how what which who why when where do does did has have had'
  ).split(' '),
);

/**
 * A crude English stem, enough to see two wordings of one question:
 * `tested`, `tests`, `testing` → `test`; `running` → `run`; `enable`, `enabled` → `enabl`.
 */
function stemOf(word: string): string {
  if (word.endsWith('ss')) return word;
  const m = /^(.{3,}?)(?:ing|ed|es|s)$/.exec(word);
  let base = m ? m[1]! : word;
  if (/([bdgmnpt])\1$/.test(base)) base = base.slice(0, -1);
  return base.length > 3 && base.endsWith('e') ? base.slice(0, -1) : base;
}

/** The words that carry a heading's meaning: lower case, singular, small words left out. */
export function headingWords(text: string): string[] {
  const out: string[] = [];
  for (const word of matchKey(text).split(' ')) {
    if (word === '' || SMALL_WORDS.has(word)) continue;
    const stem = stemOf(word);
    if (!out.includes(stem)) out.push(stem);
  }
  return out;
}

/** How much a word tells headings apart: 1 / the number of the template's headings using it. */
export type Weigh = (word: string) => number;

/** Word weights over a template's headings: a word most of them share says little. */
export function weighWords(headings: readonly string[]): Weigh {
  const count = new Map<string, number>();
  for (const h of headings) for (const w of headingWords(h)) count.set(w, (count.get(w) ?? 0) + 1);
  return (word) => 1 / (count.get(word) ?? 1);
}

/**
 * How alike two headings' words are: the Dice coefficient of their word sets, each word
 * weighed (0 to 1).
 */
export function similarity(
  a: readonly string[],
  b: readonly string[],
  weigh: Weigh = () => 1,
): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(b);
  const sum = (ws: readonly string[]) => ws.reduce((n, w) => n + weigh(w), 0);
  return (2 * sum(a.filter((w) => set.has(w)))) / (sum(a) + sum(b));
}

/** A written heading, or a bold line, measured against a template heading. */
export interface SimilarOptions {
  /** Both stand as headings at the same level: one word more or less is enough. */
  sameLevel: boolean;
  weigh?: Weigh;
}

/**
 * Whether a document's heading stands for a template heading it does not match word for word:
 * most words shared (a reworded question of three words or more), or, at the same level, the
 * template's words with one more (`Alternatives considered`) or one fewer (`Alternatives` for
 * `Rationale and alternatives`). Returns the score, 0 when they are not alike.
 */
export function headingLikeness(
  written: readonly string[],
  template: readonly string[],
  options: SimilarOptions,
): number {
  // Words many of the template's headings share ("feature", "enabling") count less, so two
  // questions of one family ("… result in any new API calls?", "… new API types?") stay apart.
  const score = (similarity(written, template) + similarity(written, template, options.weigh)) / 2;
  if (score === 0) return 0;
  if (template.length >= 3 && written.length >= 3 && score >= 0.7) return score;
  if (!options.sameLevel) return 0;
  const inWritten = new Set(written);
  const inTemplate = new Set(template);
  const extra = written.filter((w) => !inTemplate.has(w)).length;
  const lacking = template.filter((w) => !inWritten.has(w)).length;
  if (extra === 0 && lacking <= 1 && written.length >= 1) return score;
  if (lacking === 0 && extra <= 1) return score;
  return 0;
}

/** A template heading a reworded document heading may stand for. */
export interface RewordCandidate {
  words: readonly string[];
  level: number;
}

/**
 * Finds the candidate a heading stands for, or -1: the most alike one, when no other is as
 * alike (`Drawbacks / alternatives` stands for two sections: neither is chosen). Only
 * candidates sharing a word with the heading are measured, so a large template stays fast.
 * `level` is the written heading's level, or null for a bold line.
 */
export function rewordFinder(
  candidates: readonly RewordCandidate[],
  weigh?: Weigh,
): (text: string, level: number | null, isOpen: (i: number) => boolean) => number {
  const byWord = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    for (const w of c.words) {
      const list = byWord.get(w);
      if (list) list.push(i);
      else byWord.set(w, [i]);
    }
  });
  return (text, level, isOpen) => {
    const words = headingWords(text);
    const seen = new Set<number>();
    for (const w of words) for (const i of byWord.get(w) ?? []) if (isOpen(i)) seen.add(i);
    let best = -1;
    let bestScore = 0;
    let tie = false;
    for (const i of [...seen].sort((a, b) => a - b)) {
      const c = candidates[i]!;
      const score = headingLikeness(words, c.words, { sameLevel: c.level === level, weigh });
      if (score > bestScore) {
        best = i;
        bestScore = score;
        tie = false;
      } else if (score > 0 && score === bestScore) tie = true;
    }
    return tie ? -1 : best;
  };
}
