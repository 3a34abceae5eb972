/**
 * The `proposal` command: check a filled proposal against its template, print a template's
 * derived schema, render a template with values. Input problems are one line on stderr and
 * exit code 2; nothing here prints a stack trace.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { checkMarkdown, type Report } from '../core/check.ts';
import { readDocument } from '../core/document/read.ts';
import { renderDocument } from '../core/document/render.ts';
import { defaultValues } from '../core/document/defaults.ts';
import { valuesSchema, type Values } from '../core/model.ts';
import { assertReadableText } from '../core/template/parse.ts';
import { TemplateError } from '../core/template/errors.ts';
import { parseYaml, splitFrontMatter } from '../core/template/frontmatter.ts';
import type { Template } from '../core/template/types.ts';
import { todayIso } from '../core/text.ts';
import { BUILT_IN_TEMPLATES } from '../templates/registry.ts';
import { aboutFile, CliError, processIo, readInputFile, type Io } from './io.ts';
import { projectTemplate } from './schema.ts';
import { loadTemplate, parseBuiltIn, recognizeTemplate } from './templates.ts';
import { valuesJson } from './values-json.ts';

const EXIT_OK = 0;
const EXIT_INCOMPLETE = 1;
const EXIT_BAD_INPUT = 2;

const HELP: Record<string, string> = {
  main: `Usage: proposal <command> [options]

Checks, describes and renders proposals written from Proposal Studio's templates.

Commands:
  check FILE [--template ID|PATH] [--json]   is the proposal complete? (exit 0 yes, 1 no)
  read FILE [--template ID|PATH]             the answers in the proposal, as JSON by field label
  fmt FILE [--template ID|PATH] [--write] [--check]
                                             the proposal as the app would export it
  schema TEMPLATE                            the fields a template asks for, as JSON
  render TEMPLATE VALUES.json                the Markdown for a template and values

Options:
  -h, --help       show help (also: proposal <command> --help)
  -v, --version    show the version

Built-in templates: ${BUILT_IN_TEMPLATES.map((t) => t.id).join(', ')}
Exit codes: 0 success/complete, 1 incomplete (fmt --check: not formatted), 2 bad input.
`,
  check: `Usage: proposal check FILE [--template ID|PATH] [--json]

Checks that every required section of the proposal in FILE is filled.

  --template ID|PATH   the template FILE follows: a built-in id or a template file
                       (.md, .txt plain text, .yml/.yaml GitHub issue form). Without it,
                       the built-in template is recognised from FILE's headings.
  --json               print {"complete": bool, "missing": [titles], "partial": [titles],
                       "warnings": [messages]}. "complete" means no section is missing;
                       "partial" lists sections where some but not all required fields are
                       filled.

Exit codes: 0 complete, 1 incomplete, 2 bad input.
`,
  read: `Usage: proposal read FILE [--template ID|PATH]

Prints the answers in the proposal in FILE as JSON:
  {"frontMatter": {key: value}, "fields": {label: value}}
Fields are keyed by their label (a label used twice is prefixed by its section titles, joined
by " › "). Text is a string, a list an array, a task list [{"done", "text"}], a checklist
{"checked": [options], "other": text}, a table [{column: cell}], key-value items {key: value},
a repeated block [{label: value}]. An unanswered field has its kind's empty value.

  --template ID|PATH   as for proposal check; without it the built-in template is recognised.
`,
  fmt: `Usage: proposal fmt FILE [--template ID|PATH] [--write] [--check]

Prints the proposal in FILE as the app would export it: read against its template and written
back (the template's order, labels and spacing; guidance comments left out).

  --template ID|PATH   as for proposal check; without it the built-in template is recognised.
  --write              rewrite FILE instead of printing it.
  --check              print nothing; exit 1 when FILE differs from that output (for CI).
`,
  schema: `Usage: proposal schema TEMPLATE

Prints the sections and fields derived from TEMPLATE (a built-in id or a template file) as JSON.
`,
  render: `Usage: proposal render TEMPLATE VALUES.json

Prints the Markdown of TEMPLATE (a built-in id or a template file) filled with the values in
VALUES.json (an object from field id to value; see \`proposal schema\`). Fields not given take
their defaults (dates: today).
`,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

interface Parsed {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

/** Parses arguments; `valued` options take the next argument (or `--opt=value`). */
function parseArgs(args: string[], valued: string[], booleans: string[]): Parsed {
  const out: Parsed = { positional: [], flags: new Set(), options: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (valued.includes(name)) {
        const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
        if (value === undefined || value === '') throw new CliError(`${name} needs a value`);
        out.options.set(name, value);
      } else if (booleans.includes(name) && eq < 0) {
        out.flags.add(name);
      } else {
        throw new CliError(`unknown option ${arg}`);
      }
    } else {
      out.positional.push(arg);
    }
  }
  return out;
}

function expectPositional(parsed: Parsed, names: string[], command: string): string[] {
  if (parsed.positional.length < names.length) {
    throw new CliError(`${command} needs ${names.join(' and ')} (see proposal ${command} --help)`);
  }
  if (parsed.positional.length > names.length) {
    throw new CliError(`${command}: unexpected argument ${parsed.positional[names.length]}`);
  }
  return parsed.positional;
}

function humanReport(report: Report): string {
  const lines: string[] = [];
  if (report.complete) {
    lines.push(`✔ complete (${report.completed}/${report.required} required sections filled)`);
  } else {
    const n = report.missing.length;
    lines.push(`✘ ${n} required section${n === 1 ? '' : 's'} missing:`);
    for (const m of report.missing) lines.push(`  - ${m.title}`);
  }
  const partial = partialTitles(report);
  if (partial.length) {
    lines.push(`${partial.length} section${partial.length === 1 ? '' : 's'} partly filled:`);
    for (const title of partial) lines.push(`  ◐ ${title}`);
  }
  if (report.warnings.length) {
    lines.push(`${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}:`);
    for (const w of report.warnings) lines.push(`  ⚠ ${w.message}`);
  }
  return `${lines.join('\n')}\n`;
}

interface DocumentInput {
  file: string;
  markdown: string;
  template: Template;
}

/** The document FILE and its template (`--template`, or recognised among the built-ins). */
function documentInput(parsed: Parsed, command: string): DocumentInput {
  const [file] = expectPositional(parsed, ['FILE'], command) as [string];
  const markdown = readInputFile(file, 'document');
  if (markdown.includes('\u0000')) {
    throw new CliError(`${file} is binary (it contains NUL bytes), not a Markdown document`);
  }
  aboutFile(file, () => assertReadableText(markdown));
  // The app reads a document whose front matter is not YAML (and keeps it as written); the
  // command line, a check run in CI, reports it.
  aboutFile(file, () => assertReadableFrontMatter(markdown));
  const templateArg = parsed.options.get('--template');
  if (templateArg) return { file, markdown, template: loadTemplate(templateArg).template };
  const entry = aboutFile(file, () => recognizeTemplate(markdown));
  if (!entry) throw new CliError(`Could not tell which template ${file} follows: pass --template`);
  return { file, markdown, template: parseBuiltIn(entry) };
}

function assertReadableFrontMatter(markdown: string): void {
  let frontMatter: string | null = null;
  try {
    frontMatter = splitFrontMatter(markdown).frontMatter;
  } catch {
    return; // a `---` that never closes is a rule, not front matter
  }
  if (frontMatter !== null) parseYaml(frontMatter);
}

/** Required sections where some but not all required fields are filled. */
function partialTitles(report: Report): string[] {
  return report.sections.filter((s) => s.required && s.status === 'partial').map((s) => s.title);
}

function runCheck(args: string[], io: Io): number {
  const parsed = parseArgs(args, ['--template'], ['--json']);
  const { file, markdown, template } = documentInput(parsed, 'check');
  const report = aboutFile(file, () => checkMarkdown(template, markdown));
  if (parsed.flags.has('--json')) {
    const json = {
      complete: report.complete,
      missing: report.missing.map((m) => m.title),
      partial: partialTitles(report),
      warnings: report.warnings.map((w) => w.message),
    };
    io.stdout(`${JSON.stringify(json)}\n`);
  } else {
    io.stdout(humanReport(report));
  }
  return report.complete ? EXIT_OK : EXIT_INCOMPLETE;
}

function runRead(args: string[], io: Io): number {
  const parsed = parseArgs(args, ['--template'], []);
  const { file, markdown, template } = documentInput(parsed, 'read');
  const { values } = aboutFile(file, () => readDocument(template, markdown));
  io.stdout(`${JSON.stringify(valuesJson(template, values), null, 2)}\n`);
  return EXIT_OK;
}

function runFmt(args: string[], io: Io): number {
  const parsed = parseArgs(args, ['--template'], ['--write', '--check']);
  const { file, markdown, template } = documentInput(parsed, 'fmt');
  const formatted = aboutFile(file, () =>
    renderDocument(template, readDocument(template, markdown).values),
  );
  const differs = formatted !== markdown;
  if (parsed.flags.has('--write') && differs) {
    try {
      writeFileSync(file, formatted);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(`cannot write ${file}: ${reason}`);
    }
  }
  if (parsed.flags.has('--check')) {
    if (differs) io.stderr(`${file} is not formatted (proposal fmt --write ${file})\n`);
    return differs ? EXIT_INCOMPLETE : EXIT_OK;
  }
  if (!parsed.flags.has('--write')) io.stdout(formatted);
  return EXIT_OK;
}

function runSchema(args: string[], io: Io): number {
  const [arg] = expectPositional(parseArgs(args, [], []), ['TEMPLATE'], 'schema') as [string];
  const { template } = loadTemplate(arg);
  io.stdout(`${JSON.stringify(projectTemplate(template), null, 2)}\n`);
  return EXIT_OK;
}

function readValues(path: string): Values {
  const text = readInputFile(path, 'document');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`${path} is not valid JSON: ${reason}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new CliError(`${path} must hold a JSON object from field id to value`);
  }
  const result = valuesSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    throw new CliError(`${path} has a value of the wrong shape${where}: see proposal schema`);
  }
  return result.data;
}

function runRender(args: string[], io: Io): number {
  const [templateArg, valuesPath] = expectPositional(
    parseArgs(args, [], []),
    ['TEMPLATE', 'VALUES.json'],
    'render',
  ) as [string, string];
  const { template } = loadTemplate(templateArg);
  const values = readValues(valuesPath);
  io.stdout(renderDocument(template, { ...defaultValues(template, todayIso()), ...values }));
  return EXIT_OK;
}

const COMMANDS: Record<string, (args: string[], io: Io) => number> = {
  check: runCheck,
  read: runRead,
  fmt: runFmt,
  schema: runSchema,
  render: runRender,
};

function describeError(error: unknown): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof TemplateError) return error.message;
  if (error instanceof RangeError)
    return `the input is nested too deeply to read (${error.message})`;
  if (error instanceof Error) return `unexpected error: ${error.message}`;
  return `unexpected error: ${String(error)}`;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  await Promise.resolve();
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(HELP.main!);
    return EXIT_BAD_INPUT;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    io.stdout(HELP[topic && topic in COMMANDS ? topic : 'main']!);
    return EXIT_OK;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`proposal ${version()}\n`);
    return EXIT_OK;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(
      `proposal: unknown command "${command}" (commands: check, read, fmt, schema, render; see proposal --help)\n`,
    );
    return EXIT_BAD_INPUT;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(HELP[command]!);
    return EXIT_OK;
  }
  try {
    return run(rest, io);
  } catch (error) {
    io.stderr(`proposal: ${describeError(error)}\n`);
    return EXIT_BAD_INPUT;
  }
}
