/**
 * zod, configured before any schema exists: every module that makes a schema imports `z` from
 * here, so whatever order the bundle's chunks load in, zod never probes `new Function` (the
 * Content-Security-Policy would report that probe as a violation, even though zod catches it).
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
