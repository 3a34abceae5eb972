/**
 * Offline and installable (vite.config.ts): after `vite build` has written dist/, writes
 * dist/sw.js from scripts/sw-template.js with the list of every built file (source maps aside)
 * and a version hashed from their contents, so each build that changes a file is a new service
 * worker. Adds the web app manifest's link and the theme colour to index.html. URLs are relative
 * to the service worker's scope, so the same build works at `/` and under a sub-path (BASE_PATH).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const template = fileURLToPath(new URL('./sw-template.js', import.meta.url));
export const SW_FILE = 'sw.js';
export const THEME_COLOR = '#1f6feb';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)],
  );
}

/** The service worker's source for the files of `outDir` (paths relative to it). */
export function serviceWorkerSource(outDir: string): { source: string; files: string[] } {
  const hash = createHash('sha256');
  const files = listFiles(outDir)
    .map((file) => relative(outDir, file).split(sep).join('/'))
    .filter((file) => !file.endsWith('.map') && file !== SW_FILE)
    .sort();
  for (const file of files) {
    hash.update(file);
    hash.update(readFileSync(join(outDir, file)));
  }
  const version = hash.digest('hex').slice(0, 16);
  const source = readFileSync(template, 'utf8')
    .replace("/* version */ 'dev'", JSON.stringify(version))
    .replace('/* files */ []', JSON.stringify(files));
  return { source, files };
}

export function pwaPlugin(): Plugin {
  let outDir = 'dist';
  let base = './';
  return {
    name: 'proposal-studio:pwa',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      base = config.base;
    },
    transformIndexHtml() {
      return [
        {
          tag: 'link',
          attrs: { rel: 'manifest', href: `${base}manifest.webmanifest` },
          injectTo: 'head',
        },
        { tag: 'meta', attrs: { name: 'theme-color', content: THEME_COLOR }, injectTo: 'head' },
        {
          tag: 'link',
          attrs: { rel: 'apple-touch-icon', href: `${base}icons/icon-192.png` },
          injectTo: 'head',
        },
      ];
    },
    closeBundle() {
      const { source } = serviceWorkerSource(outDir);
      writeFileSync(join(outDir, SW_FILE), source);
    },
  };
}
