/**
 * The browser's stand-in for the YAML reader (src/core/template/yaml-light.ts): vite.config.ts
 * resolves the app's imports of it to this module, so the reader and the parts of the `yaml`
 * library it uses become their own chunk, loaded only when a template that is not built in is
 * parsed (built-in templates are parsed at build time) or front matter is previewed. Call
 * `loadYaml()` before parsing such a template; the functions below then forward to the reader.
 *
 * Only what src/core imports from the reader is forwarded; a new import fails the build, not the
 * app.
 */
import type * as Yaml from '../core/template/yaml-light.ts';
import type * as Parts from './yaml-parts.ts';

type YamlParts = typeof Parts;
let library: YamlParts | undefined;
let loading: Promise<YamlParts> | undefined;

/** Loads the YAML library (once); parsing a template that may hold YAML must wait for it. */
export function loadYaml(): Promise<YamlParts> {
  loading ??= import('./yaml-parts.ts').then(
    (module) => (library = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

function yaml(): YamlParts {
  if (!library) {
    throw new Error('The YAML reader is not loaded yet: wait for loadYaml() before parsing.');
  }
  return library;
}

export const parseDocument: typeof Yaml.parseDocument = (source, options) =>
  yaml().parseDocument(source, options);
export const isMap = ((node: unknown) => yaml().isMap(node)) as typeof Yaml.isMap;
export const isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof Yaml.isScalar;
export const isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof Yaml.isSeq;
export const LineCounter = function LineCounter() {
  return new (yaml().LineCounter)();
} as unknown as typeof Yaml.LineCounter;
