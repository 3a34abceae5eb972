import { z } from '../core/zod.ts';

/** Where a finished proposal goes on GitHub. */
export const githubTargetSchema = z.enum(['issue', 'pull-request', 'new-file']);
export type GithubTarget = z.infer<typeof githubTargetSchema>;

/** The source format a template is written in; all of them produce Markdown. */
export const templateFormatSchema = z.enum(['markdown', 'text', 'issue-form']);
export type TemplateFormat = z.infer<typeof templateFormatSchema>;

export const templateEntrySchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/)),
  name: z.string().check(z.minLength(1)),
  description: z.string().check(z.minLength(1)),
  /** File name inside src/templates/, shipped byte for byte. */
  file: z.string().check(z.regex(/^[\w.-]+\.(md|txt|ya?ml)$/)),
  format: templateFormatSchema,
  target: githubTargetSchema,
});
export type TemplateEntry = z.infer<typeof templateEntrySchema>;

export const TARGET_LABELS: Record<GithubTarget, string> = {
  issue: 'New issue',
  'pull-request': 'Pull request description',
  'new-file': 'New file in the repository',
};

export const FORMAT_LABELS: Record<TemplateFormat, string> = {
  markdown: 'Markdown',
  text: 'Plain text',
  'issue-form': 'GitHub issue form',
};

export const BUILT_IN_TEMPLATES: readonly TemplateEntry[] = z.array(templateEntrySchema).parse([
  {
    id: 'ai-enhancement-request',
    name: 'Enhancement Request (AI Agent)',
    description:
      'Issue template to propose an improvement to an existing system: background, requirements, impact, risks, alternatives.',
    file: 'ai-enhancement-request.md',
    format: 'markdown',
    target: 'issue',
  },
  {
    id: 'feature-pull-request',
    name: 'Feature Pull Request',
    description:
      'Pull-request description for a significant feature: components, design decisions, security, testing and rollout.',
    file: 'feature-pull-request.md',
    format: 'markdown',
    target: 'pull-request',
  },
  {
    id: 'enhancement-proposal',
    name: 'Enhancement Proposal (EP)',
    description:
      'Design document for an enhancement: goals, requirements, proposed and detailed design, migration, risks.',
    file: 'enhancement-proposal.md',
    format: 'markdown',
    target: 'new-file',
  },
  {
    id: 'enhancement-proposal-plain',
    name: 'Enhancement Proposal (plain text)',
    description:
      'The enhancement proposal as copied from a rendered web page, without Markdown; the result is Markdown.',
    file: 'enhancement-proposal-plain.txt',
    format: 'text',
    target: 'new-file',
  },
  {
    id: 'enhancement-rfc',
    name: 'Enhancement RFC',
    description:
      'RFC with front matter (status, authors, dates): motivation, use cases, API changes, impact and rollout plan.',
    file: 'enhancement-rfc.md',
    format: 'markdown',
    target: 'new-file',
  },
]);

export function findTemplateEntry(id: string): TemplateEntry | undefined {
  return BUILT_IN_TEMPLATES.find((t) => t.id === id);
}
