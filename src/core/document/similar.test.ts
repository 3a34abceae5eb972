import { describe, expect, it } from 'vitest';
import { headingWords, rewordFinder, weighWords } from './similar.ts';

const find = (
  headings: string[],
  text: string,
  level: number | null,
  open: (heading: string) => boolean = () => true,
) => {
  const candidates = headings.map((h) => ({ words: headingWords(h), level: 2 }));
  const i = rewordFinder(candidates, weighWords(headings))(text, level, (k) => open(headings[k]!));
  return i < 0 ? null : headings[i];
};

describe('reworded headings', () => {
  it('takes a question reworded in an older template version for its section', () => {
    const questions = [
      'How can a rollout or rollback fail? Can it impact running workloads?',
      'What are the reasonable SLOs (Service Level Objectives) for the enhancement?',
      'Will enabling / using this feature result in any new API calls?',
      'Will enabling / using this feature result in introducing new API types?',
      'Will enabling / using this feature result in any new calls to the cloud provider?',
      'Will enabling / using this feature result in increasing size of API objects?',
    ];
    expect(find(questions, 'How can a rollout fail? Can it impact running workloads?', null)).toBe(
      questions[0],
    );
    expect(
      find(
        questions,
        'What are the reasonable SLOs (Service Level Objectives) for the above SLIs?',
        null,
      ),
    ).toBe(questions[1]);
    expect(
      find(
        questions,
        'Will enabling / using this feature result in any new calls to cloud provider?',
        null,
      ),
    ).toBe(questions[4]);
    // The words a family of questions shares do not make one of them another: answered as a
    // heading of its own, "new API types" stands for no other question of the family.
    const typesAnswered = (h: string) => h !== questions[3];
    expect(
      find(
        questions,
        'Will enabling / using this feature result in introducing new API types?',
        null,
        typesAnswered,
      ),
    ).toBe(null);
  });

  it('takes one word more or fewer only at the same level', () => {
    const headings = ['Alternatives', 'Rationale and alternatives', 'Design Details'];
    expect(find(headings.slice(0, 1), 'Alternatives considered', 2)).toBe('Alternatives');
    expect(find(headings.slice(0, 1), 'Alternatives considered', 3)).toBe(null);
    expect(find(headings.slice(1), 'Alternatives', 2)).toBe('Rationale and alternatives');
    expect(find(headings, 'Detailed design', 2)).toBe('Design Details');
    // A short bold line is never a reworded heading.
    expect(find(headings, 'Alternatives considered', null)).toBe(null);
  });

  it('chooses nothing when a heading stands for two sections alike', () => {
    expect(find(['Drawbacks', 'Alternatives'], 'Drawbacks and alternatives', 2)).toBe(null);
  });

  it('leaves unrelated headings alone', () => {
    const headings = ['Summary', 'Motivation', 'Unit tests', 'Integration tests'];
    expect(find(headings, 'Background', 2)).toBe(null);
    expect(find(headings, 'Integration', 3)).toBe(null);
    expect(find(headings, 'Examples of the new syntax', 2)).toBe(null);
  });
});
