// The Content-Security-Policy the app is built to run under: one source of truth for the header
// `scripts/serve.js` sends and the <meta http-equiv> tag the build writes into index.html (so the
// policy holds on any static host, which sends no headers).

import { createHash } from 'node:crypto';

/** Where the app keeps the chosen theme for the first paint ('light' or 'dark'; none: system). */
export const THEME_HINT_KEY = 'proposal-studio/theme';

/**
 * Put in <head> before anything is painted: applies a chosen light or dark theme at once (the
 * settings themselves load later, from IndexedDB), so a dark page never flashes light. The
 * policy allows exactly this text by its hash.
 */
export const THEME_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_HINT_KEY)});if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

/** The CSP source that allows THEME_SCRIPT as an inline script. */
export const THEME_SCRIPT_HASH = `'sha256-${createHash('sha256').update(THEME_SCRIPT).digest('base64')}'`;

/** Directive → sources. `frame-ancestors` only works as a header: browsers ignore it in a meta tag. */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", THEME_SCRIPT_HASH],
  'worker-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'https:'],
  'font-src': ["'self'", 'data:'],
  // Importing a template from an https address (raw files, GitHub's API, wikis) reads it from
  // the browser, without credentials; nothing else is ever sent.
  'connect-src': ["'self'", 'https:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a browser ignores (and warns about) when the policy comes from a meta tag. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The policy as a header value. */
export function cspHeader() {
  return Object.entries(CSP_DIRECTIVES)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy for a `<meta http-equiv="Content-Security-Policy">` tag: header-only directives left out. */
export function cspMeta() {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => !HEADER_ONLY.has(name))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
