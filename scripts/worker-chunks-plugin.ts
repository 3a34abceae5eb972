/**
 * Web Workers built as entries of the page's own build (vite.config.ts), so they share its
 * chunks: the template parser, marked, zod and the YAML library are downloaded (and cached
 * offline) once, not once for the page and again inside each worker.
 *
 * Vite builds each `new Worker(new URL('./x.ts', import.meta.url))` as a bundle of its own,
 * which carries its own copy of everything the worker imports. In a build, this plugin instead
 * emits the worker module as one more entry chunk of the page's build and points the
 * `new Worker(…)` call at that chunk's URL (relative to the calling chunk, so any base or
 * sub-path works). The dev server is left alone: it serves the worker's module as it is.
 *
 * Only module workers (`{ type: 'module' }`) can import chunks; a classic worker fails the build.
 * A worker's imports must not touch `document` or `window` when they are evaluated, as with any
 * worker.
 */
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

/** `new Worker(new URL('./file.ts', import.meta.url), { … })`: the URL and the options. */
const WORKER_CALL =
  /new\s+Worker\(\s*new\s+URL\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*,\s*import\.meta\.url\s*\)\s*,\s*(\{[^}]*\})/g;

export function workerChunksPlugin(): Plugin {
  return {
    name: 'proposal-studio:worker-chunks',
    apply: 'build',
    // Before Vite's own worker plugin, which would build the worker as a bundle of its own.
    enforce: 'pre',
    transform(code, id) {
      if (!code.includes('new Worker(') || id.includes('/node_modules/')) return null;
      let changed = false;
      const result = code.replace(
        WORKER_CALL,
        (_call, _quote: string, path: string, options: string) => {
          if (!/type\s*:\s*['"]module['"]/.test(options)) {
            this.error(`${id}: a worker built with the page's chunks must be { type: 'module' }.`);
          }
          const name = path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
          const ref = this.emitFile({
            type: 'chunk',
            id: resolve(dirname(id.replace(/\?.*$/, '')), path),
            name,
          });
          changed = true;
          return `new Worker(import.meta.ROLLUP_FILE_URL_${ref}, ${options}`;
        },
      );
      return changed ? { code: result, map: null } : null;
    },
  };
}
