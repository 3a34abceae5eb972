/**
 * zod, configured before any schema exists: every module that makes a schema imports `z` from
 * here, so whatever order the bundle's chunks load in, zod never probes `new Function` (the
 * Content-Security-Policy would report that probe as a violation, even though zod catches it).
 *
 * `zod/mini`: the same schemas and parser as `zod`, with checks and wrappers as functions
 * (`z.optional(s)`, `s.check(z.maxLength(n))`) instead of methods, so the bundle carries only
 * what is used (about 15 kB gzip less than `zod`). English messages are loaded explicitly
 * (`zod/mini` has none by default); they appear where a stored record is kept aside.
 */
import * as z from 'zod/mini';

z.config({ jitless: true, ...z.locales.en() });

export { z };
