import { describe, expect, it } from 'vitest';
import { makeBackup, parseBackup } from './backup.ts';
import type { Draft } from './drafts.ts';

const at = '2026-01-01T00:00:00.000Z';
const draft: Draft = {
  id: 'abc123',
  templateId: 'tpl-x1',
  templateSource: '## Goal\n',
  title: 'Plan',
  values: { goal: 'Ship' },
  createdAt: at,
  updatedAt: at,
  rev: 3,
};

describe('backup', () => {
  it('round-trips drafts and templates', () => {
    const text = makeBackup(
      [draft],
      [
        {
          id: 'tpl-x1',
          name: 'Plan',
          source: '## Goal\n',
          format: 'markdown',
          origin: '',
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
      ],
    );
    const parsed = parseBackup(text);
    expect(parsed.ok && parsed.backup.drafts[0]).toEqual(draft);
  });

  it('refuses bad and foreign files in one sentence', () => {
    const refusals = [
      parseBackup('not json'),
      parseBackup('{"drafts": []}'),
      parseBackup('{"format": "proposal-studio-backup", "version": 9}'),
      parseBackup(
        JSON.stringify({
          format: 'proposal-studio-backup',
          version: 1,
          exportedAt: at,
          drafts: [{ ...draft, id: 'bad id!' }],
          templates: [],
        }),
      ),
    ];
    const errors = refusals.map((r) => (r.ok ? '' : r.error));
    expect(errors[0]).toContain('not JSON');
    expect(errors[1]).toContain('not a Proposal Studio backup');
    expect(errors[2]).toContain('another version');
    expect(errors[3]).toContain('damaged at drafts.0.id');
    for (const e of errors) expect(e.match(/[.;](\s|$)/g)?.length).toBeLessThanOrEqual(2);
  });
});
