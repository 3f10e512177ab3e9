/**
 * An error about bad input, naming the file (and line when known). The CLI prints its message
 * without a stack trace and exits with status 2.
 */
export class InputError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  /** The message without the file and line in front. */
  readonly detail: string;

  constructor(message: string, where: { file?: string; line?: number } = {}) {
    const place = where.file ? where.file + (where.line !== undefined ? ':' + where.line : '') + ': ' : '';
    super(place + message);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.detail = message;
  }
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}

export function isEnoent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'ENOENT';
}
