import { describe, expect, it } from 'vitest';
import { nameFromSource } from './name.ts';

describe('nameFromSource', () => {
  it('takes the front matter name, the issue form name, the first heading, or the first line', () => {
    expect(nameFromSource('---\nname: "Design review"\nabout: x\n---\n\n## Summary\n')).toBe(
      'Design review',
    );
    expect(nameFromSource('name: Bug report\ndescription: d\nbody:\n  - type: input\n')).toBe(
      'Bug report',
    );
    expect(nameFromSource('---\ntitle: x\n---\n\n# Decision record\n\n## Context\n')).toBe(
      'Decision record',
    );
    expect(nameFromSource('name: not yaml\n\n## Goal\n')).toBe('Goal');
    expect(nameFromSource('\nRelease checklist\n\nVersion\n')).toBe('Release checklist');
  });
});
