/**
 * Vite plugins for the built-in templates and the YAML library (used by vite.config.ts):
 *
 * - `virtual:built-in-templates`: every built-in template parsed at build time, as JSON, one
 *   lazily loaded chunk per template. The browser then needs neither the parser's YAML library
 *   nor the parse time for them.
 * - in the app, src/'s imports of the YAML reader (src/core/template/yaml-light.ts) resolve to
 *   src/templates/yaml-lazy.ts, which loads it on demand (for imported templates and the
 *   preview's front matter only).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { parseTemplate } from '../core/template/parse.ts';
import { TEMPLATE_HINTS } from './hints.ts';
import { BUILT_IN_TEMPLATES } from './registry.ts';

const INDEX_ID = 'virtual:built-in-templates';
const TEMPLATE_PREFIX = 'virtual:built-in-template/';
const templatesDir = fileURLToPath(new URL('./', import.meta.url));
const yamlShim = fileURLToPath(new URL('./yaml-lazy.ts', import.meta.url));
const parserPath = fileURLToPath(new URL('../core/template/parse.ts', import.meta.url));

export function builtInTemplatesPlugin(): Plugin {
  // The dev server parses in the browser instead, so parser changes show without a restart
  // (the parser imported here is the one the config was loaded with).
  let parseInBrowser = false;
  return {
    name: 'proposal-studio:built-in-templates',
    configResolved(config) {
      parseInBrowser = config.command === 'serve' && !process.env.VITEST;
    },
    resolveId(source) {
      if (source === INDEX_ID || source.startsWith(TEMPLATE_PREFIX)) return `\0${source}`;
      return null;
    },
    load(id) {
      if (id === `\0${INDEX_ID}`) {
        const entries = BUILT_IN_TEMPLATES.map(
          (entry) =>
            `  ${JSON.stringify(entry.id)}: () => import(${JSON.stringify(TEMPLATE_PREFIX + entry.id)}).then((m) => m.default),`,
        );
        return `export default {\n${entries.join('\n')}\n};\n`;
      }
      if (id.startsWith(`\0${TEMPLATE_PREFIX}`)) {
        const templateId = id.slice(TEMPLATE_PREFIX.length + 1);
        const entry = BUILT_IN_TEMPLATES.find((t) => t.id === templateId);
        if (!entry) this.error(`No built-in template "${templateId}"`);
        const file = `${templatesDir}${entry.file}`;
        this.addWatchFile(file);
        const hints = TEMPLATE_HINTS[entry.id];
        if (parseInBrowser) {
          return [
            `import { parseTemplate } from ${JSON.stringify(parserPath)};`,
            `import { loadYaml } from ${JSON.stringify(yamlShim)};`,
            `import text from ${JSON.stringify(`${file}?raw`)};`,
            'await loadYaml();',
            `export default parseTemplate(text, ${JSON.stringify(entry.format)}, ${JSON.stringify(hints ? { hints } : {})});`,
          ].join('\n');
        }
        const template = parseTemplate(
          readFileSync(file, 'utf8'),
          entry.format,
          hints ? { hints } : {},
        );
        // JSON.parse of a string literal is parsed faster than the same object literal.
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(template))});\n`;
      }
      return null;
    },
  };
}

/**
 * Resolves the app's imports of the YAML reader to the lazy loader; not for tests (they use the
 * reader as is).
 */
export function lazyYamlPlugin(): Plugin {
  return {
    name: 'proposal-studio:lazy-yaml',
    enforce: 'pre',
    apply: (_config, env) => env.mode !== 'test' && !process.env.VITEST,
    resolveId(source, importer) {
      if (!importer || importer === yamlShim || importer.endsWith('yaml-parts.ts')) return null;
      if (importer.includes('/node_modules/') || !importer.includes('/src/')) return null;
      // The library itself is only for the reader (through yaml-parts.ts).
      if (source === 'yaml' && !importer.endsWith('/core/template/yaml-light.ts')) {
        this.error(`${importer}: import the YAML reader (yaml-light.ts), not \`yaml\``);
      }
      if (!/(^|\/)yaml-light\.ts$/.test(source)) return null;
      return yamlShim;
    },
    // The library's modules only define classes and functions, but it does not say so in its
    // package.json ("sideEffects"): without this the bundler keeps all of it (22 kB gzip instead
    // of the 10 the reader uses: lexer, parser, scalars).
    transform(_code, id) {
      return /[\\/]node_modules[\\/]yaml[\\/]/.test(id) ? { moduleSideEffects: false } : null;
    },
  };
}
