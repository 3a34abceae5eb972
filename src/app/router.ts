/**
 * Hash routing, so the app works from any static host: `#/`, `#/new/<templateId>`,
 * `#/draft/<id>`, `#/share/<data>`.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'gallery' }
  | { name: 'new'; templateId: string }
  | { name: 'draft'; draftId: string }
  | { name: 'share'; data: string }
  | { name: 'not-found'; hash: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { name: 'gallery' };
  const match = /^\/(new|draft|share)\/(.+)$/.exec(path);
  if (match?.[1] && match[2]) {
    // Share data is passed on as written: its decoder owns the encoding.
    if (match[1] === 'share') return { name: 'share', data: match[2] };
    const id = safeDecode(match[2]);
    if (id !== undefined && !id.includes('/')) {
      return match[1] === 'new' ? { name: 'new', templateId: id } : { name: 'draft', draftId: id };
    }
  }
  return { name: 'not-found', hash };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'gallery':
      return '#/';
    case 'new':
      return `#/new/${encodeURIComponent(route.templateId)}`;
    case 'draft':
      return `#/draft/${encodeURIComponent(route.draftId)}`;
    case 'share':
      return `#/share/${route.data}`;
    case 'not-found':
      return route.hash;
  }
}

// `history.replaceState` fires no hashchange, so navigate() tells subscribers itself.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('hashchange', listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('hashchange', listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentHash(): string {
  return window.location.hash;
}

/** The current location hash, re-rendering on change. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, currentHash, () => '');
}

/** The current route, re-rendering when the hash changes. */
export function useRoute(): Route {
  return parseRoute(useHash());
}

/** Goes to `hash` (e.g. `#/draft/abc`); `replace` swaps the current history entry. */
export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  const target = hash.startsWith('#') ? hash : `#${hash}`;
  if (options.replace) {
    const url = new URL(window.location.href);
    url.hash = target;
    window.history.replaceState(window.history.state, '', url);
    listeners.forEach((listener) => listener());
  } else {
    window.location.hash = target;
  }
}
