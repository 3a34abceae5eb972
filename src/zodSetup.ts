/**
 * Imported first by every entry point (the page and its workers). zod itself is configured in
 * src/core/zod.ts, which every module making a schema imports `z` from.
 */
import './core/zod.ts';
