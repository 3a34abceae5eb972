/** Reading input files with errors a person can act on, and where the CLI writes. */
import { readFileSync, statSync } from 'node:fs';
import { checkSize, LIMITS } from '../core/limits.ts';

/** A problem with the input: printed as one line, exit code 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'no such file (a part of the path is not a directory)',
  ENAMETOOLONG: 'the name is too long',
};

function errorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * A file's text; with `limit`, a file over that limit (the same as in the app) is refused
 * with the limit's message, before it is parsed.
 */
export function readInputFile(path: string, limit?: 'template' | 'document'): string {
  let text: string;
  try {
    // Far over any limit (4 bytes per character at most): refused without reading it.
    if (limit && statSync(path).size > 4 * LIMITS.documentChars) {
      throw new CliError(`${path}: the file is larger than any template or document can be`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = errorCode(error);
    const reason =
      (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
    throw new CliError(`cannot read ${path}: ${reason}`, code);
  }
  const problem = limit ? checkSize(limit, text) : null;
  if (problem) throw new CliError(`${path}: ${problem}`);
  return text;
}

/** Runs `read` on a file's content; a TemplateError-like problem is reported with the file name. */
export function aboutFile<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CliError || !(error instanceof Error)) throw error;
    if (error.name === 'TemplateError') throw new CliError(`${path}: ${error.message}`);
    if (error instanceof RangeError) {
      throw new CliError(`${path}: the input is nested too deeply to read (${error.message})`);
    }
    throw error;
  }
}
