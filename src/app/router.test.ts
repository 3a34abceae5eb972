import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './router.ts';

describe('parseRoute', () => {
  it('reads every route', () => {
    expect(parseRoute('')).toEqual({ name: 'gallery' });
    expect(parseRoute('#')).toEqual({ name: 'gallery' });
    expect(parseRoute('#/')).toEqual({ name: 'gallery' });
    expect(parseRoute('#/new/enhancement-rfc')).toEqual({
      name: 'new',
      templateId: 'enhancement-rfc',
    });
    expect(parseRoute('#/draft/abc123')).toEqual({ name: 'draft', draftId: 'abc123' });
    expect(parseRoute('#/share/N4Ig$+-x')).toEqual({ name: 'share', data: 'N4Ig$+-x' });
  });

  it('calls anything else not found', () => {
    for (const hash of ['#/draft/', '#/draft/a/b', '#/nope', '#main', '#/draft/%E0%A4%A']) {
      expect(parseRoute(hash)).toEqual({ name: 'not-found', hash });
    }
  });

  it('round-trips through routeHash', () => {
    for (const hash of ['#/', '#/new/enhancement-rfc', '#/draft/abc', '#/share/xyz']) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
  });
});
