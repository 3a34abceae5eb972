import { describe, expect, it } from 'vitest';
import { workerChunksPlugin } from './worker-chunks-plugin.ts';

interface Emitted {
  type: string;
  id: string;
  name: string;
}

/** Runs the plugin's transform on `code` as if it were /app/src/feature/caller.ts. */
function transform(code: string): { result: string | null; emitted: Emitted[] } {
  const emitted: Emitted[] = [];
  const context = {
    emitFile: (file: Emitted) => {
      emitted.push(file);
      return `ref${emitted.length}`;
    },
    error: (message: string) => {
      throw new Error(message);
    },
  };
  const hook = workerChunksPlugin().transform as (
    this: typeof context,
    code: string,
    id: string,
  ) => { code: string } | null;
  const out = hook.call(context, code, '/app/src/feature/caller.ts');
  return { result: out?.code ?? null, emitted };
}

describe('workers built with the page’s chunks', () => {
  it('emits each module worker as an entry of the build and points the worker at it', () => {
    const { result, emitted } = transform(
      "const w = new Worker(new URL('./readerWorker.ts', import.meta.url), {\n  type: 'module',\n  name: 'reader',\n});",
    );
    expect(emitted).toEqual([
      { type: 'chunk', id: '/app/src/feature/readerWorker.ts', name: 'readerWorker' },
    ]);
    expect(result).toBe(
      "const w = new Worker(import.meta.ROLLUP_FILE_URL_ref1, {\n  type: 'module',\n  name: 'reader',\n});",
    );
  });

  it('refuses a classic worker, which cannot import chunks', () => {
    expect(() =>
      transform("new Worker(new URL('../x.ts', import.meta.url), { name: 'x' })"),
    ).toThrow(/type: 'module'/);
  });

  it('leaves code without a worker alone', () => {
    expect(transform("const u = new URL('./a.ts', import.meta.url);").result).toBeNull();
  });
});
