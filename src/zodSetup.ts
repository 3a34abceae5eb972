/**
 * Imported first by every entry point (the page and its workers), before any module that
 * creates a zod schema: zod decides at schema creation whether to probe `new Function`, and the
 * Content-Security-Policy reports that probe as a violation even though zod catches it.
 */
import { z } from 'zod';

z.config({ jitless: true });
