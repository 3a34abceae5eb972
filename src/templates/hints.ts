/**
 * Per-template parse hints for Node (CLI, scripts, tests): where a built-in template's Markdown
 * alone does not say which shape is meant. Same data as the browser's builtin.ts.
 */
import type { TemplateHints } from '../core/template/parse.ts';

const RISK_LEVELS = ['High', 'Medium', 'Low'];

export const TEMPLATE_HINTS: Record<string, TemplateHints> = {
  'ai-enhancement-request': {
    // The options exclude each other, though written as a checkbox group.
    singleChoice: ['Compatibility'],
    columnOptions: { Probability: RISK_LEVELS, Impact: RISK_LEVELS },
  },
};
