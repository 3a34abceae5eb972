/**
 * Whether a field holds an answer: shared by the checker, the renderer's options and the form.
 * Each kind's rule is in its module under src/core/fields/.
 */
export { isFieldFilled } from '../fields/index.ts';
export type { FilledOptions } from '../fields/index.ts';
export { textFilled } from '../fields/text.ts';
