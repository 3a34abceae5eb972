import { beforeEach, describe, expect, it } from 'vitest';
import type { TemplateRecord, TemplateStorage } from './templates.ts';
import { resetTemplatesForTests, setTemplateStorage, useTemplates } from './templates.ts';

function memoryStorage(initial: [string, unknown][] = []) {
  const map = new Map<string, unknown>(initial);
  const storage: TemplateStorage = {
    entries: () => Promise.resolve([...map.entries()]),
    set: (key, value) => {
      map.set(key, structuredClone(value));
      return Promise.resolve();
    },
    del: (key) => {
      map.delete(key);
      return Promise.resolve();
    },
  };
  return { map, storage };
}

const at = '2026-01-01T00:00:00.000Z';
const good: TemplateRecord = {
  id: 'tpl-abc',
  name: 'Design doc',
  source: '## Context\n',
  format: 'markdown',
  origin: 'design.md',
  createdAt: at,
  updatedAt: at,
  version: 1,
};

describe('imported templates store', () => {
  beforeEach(() => resetTemplatesForTests());

  it('loads valid records and keeps a damaged one aside without touching it', async () => {
    const damaged = { id: 'tpl-bad', name: '', source: 42 };
    const { map, storage } = memoryStorage([
      ['tpl-abc', good],
      ['tpl-bad', damaged],
    ]);
    setTemplateStorage(storage);
    const pending = useTemplates.getState().load();
    expect(useTemplates.getState().status).toBe('loading');
    await pending;
    const s = useTemplates.getState();
    expect(s.status).toBe('ready');
    expect(Object.keys(s.templates)).toEqual(['tpl-abc']);
    expect(s.keptAside).toEqual(['tpl-bad']);
    expect(s.problems[0]).toContain('tpl-bad');
    // A new template never takes the damaged record's key, and the damaged record stays.
    await s.addTemplate({ name: 'Other', source: '## A\n', format: 'markdown', origin: '' });
    expect(map.get('tpl-bad')).toEqual(damaged);
    expect(map.size).toBe(3);
  });

  it('adds, renames, updates and removes, writing each record under its id', async () => {
    const { map, storage } = memoryStorage();
    setTemplateStorage(storage);
    await useTemplates.getState().load();
    const record = await useTemplates
      .getState()
      .addTemplate({ name: '  RFC  ', source: '## A\n', format: 'markdown', origin: 'rfc.md' });
    expect(record.name).toBe('RFC');
    expect(record.id).toMatch(/^tpl-/);
    await useTemplates.getState().renameTemplate(record.id, 'Our RFC');
    await useTemplates
      .getState()
      .updateTemplate(record.id, { source: '## A\n\n## B\n', format: 'markdown', origin: 'v2.md' });
    const stored = map.get(record.id) as TemplateRecord;
    expect(stored).toMatchObject({ name: 'Our RFC', source: '## A\n\n## B\n', version: 2 });
    await useTemplates.getState().removeTemplate(record.id);
    expect(map.has(record.id)).toBe(false);
    expect(useTemplates.getState().templates).toEqual({});
  });

  it('reports a storage that cannot be read', async () => {
    setTemplateStorage({
      entries: () => Promise.reject(new Error('blocked')),
      set: () => Promise.resolve(),
      del: () => Promise.resolve(),
    });
    await useTemplates.getState().load();
    expect(useTemplates.getState().status).toBe('error');
    expect(useTemplates.getState().problems[0]).toContain('blocked');
  });
});
