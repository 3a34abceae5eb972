/**
 * The browser's stand-in for `yaml`: vite.config.ts resolves the app's `import … from 'yaml'` to
 * this module, so the YAML library becomes its own chunk, loaded only when a template that is not
 * built in is parsed (built-in templates are parsed at build time). Call `loadYaml()` before
 * parsing such a template; the functions below then forward to the library.
 *
 * Only what src/core imports from `yaml` is forwarded; a new import fails the build, not the app.
 */
import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;
let loading: Promise<typeof Yaml> | undefined;

/** Loads the YAML library (once); parsing a template that may hold YAML must wait for it. */
export function loadYaml(): Promise<typeof Yaml> {
  loading ??= import('yaml').then(
    (module) => (library = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

function yaml(): typeof Yaml {
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
