import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { cspMeta, THEME_SCRIPT } from './scripts/csp.js';
import { builtInTemplatesPlugin, lazyYamlPlugin } from './src/templates/built-in-plugin.ts';
import { pwaPlugin } from './scripts/pwa-plugin.ts';
import { workerChunksPlugin } from './scripts/worker-chunks-plugin.ts';

/**
 * The built index.html carries the Content-Security-Policy as a meta tag, first in <head>, so
 * it holds on any static host. Not in the dev server: Vite injects inline scripts there.
 */
function cspMetaPlugin(): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: cspMeta() },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** The chosen theme applied before the first paint (see THEME_SCRIPT), in dev and build. */
function themeScriptPlugin(): Plugin {
  return {
    name: 'theme-script',
    transformIndexHtml: () => [{ tag: 'script', children: THEME_SCRIPT, injectTo: 'head' }],
  };
}

export default defineConfig({
  plugins: [
    react(),
    builtInTemplatesPlugin(),
    lazyYamlPlugin(),
    cspMetaPlugin(),
    themeScriptPlugin(),
    pwaPlugin(),
    workerChunksPlugin(),
  ],
  // Relative by default (any static host, any folder); BASE_PATH=/proposal-studio/ builds for
  // that sub-path (GitHub Pages: .github/workflows/pages.yml).
  base: process.env.BASE_PATH || './',
  // The app is written against React's API and runs on Preact's compatible runtime (10 kB gzip
  // instead of React DOM's 60): in the build and the dev server, so the browser tests (e2e/) run
  // what ships. The jsdom component tests keep React itself: Node loads the libraries that
  // import React (Testing Library, Tiptap) outside these aliases.
  resolve: {
    alias: process.env.VITEST
      ? []
      : [
          { find: /^react$/, replacement: 'preact/compat' },
          { find: /^react-dom$/, replacement: 'preact/compat' },
          { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
          { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
          { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
          { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
        ],
  },
  // Workers import chunks (the YAML library on demand): ES workers. In a build they are entries
  // of the page's own build and share its chunks (scripts/worker-chunks-plugin.ts).
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // The YAML library's chunk (loaded only for imported templates) would be named after
        // its `browser/index.js`; name it for what it is.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => /[\\/]node_modules[\\/]yaml[\\/]/.test(id))
            ? 'assets/yaml-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
  test: {
    // Core and CLI tests run in Node; UI tests opt in with a `@vitest-environment jsdom` docblock.
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    // A 2-core CI machine running UI tests in parallel can take seconds per test; a hang still
    // fails, a slow machine does not.
    testTimeout: 30_000,
  },
});
