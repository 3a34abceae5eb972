/**
 * The browser's stand-in for `yaml`: vite.config.ts resolves the app's `import … from 'yaml'` to
 * this module, so the YAML library becomes its own chunk, loaded only when a template that is not
 * built in is parsed (built-in templates are parsed at build time). Call `loadYaml()` before
 * parsing such a template; the functions below then forward to the library.
 *
 * Only what src/core imports from `yaml` is forwarded; a new import fails the build, not the app.
 */
import type * as Yaml from 'yaml';
// Only the parts of the library src/core uses, so the bundler leaves the rest out.
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

export const parseDocument = ((source: string, options?: Yaml.ParseOptions) =>
  yaml().parseDocument(source, options)) as typeof Yaml.parseDocument;
export const isMap = ((node: unknown) => yaml().isMap(node)) as typeof Yaml.isMap;
export const isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof Yaml.isScalar;
export const isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof Yaml.isSeq;
export const LineCounter = function LineCounter() {
  return new (yaml().LineCounter)();
} as unknown as typeof Yaml.LineCounter;
