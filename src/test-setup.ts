// IndexedDB for the stores in Vitest (Node and jsdom have none): an in-memory implementation.
import 'fake-indexeddb/auto';

// Property tests run the same cases on every machine, so a failure reproduces and CI is not
// at the mercy of a random draw. `FC_SEED=random npx vitest run` explores new cases (a seed it
// prints on failure reproduces them: `FC_SEED=<seed>`).
import fc from 'fast-check';

if (process.env.FC_SEED !== 'random') {
  fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261201) });
}
