/** A template or document that cannot be read, with a message for a person. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `${message} (line ${line})`);
    this.name = 'TemplateError';
  }
}
