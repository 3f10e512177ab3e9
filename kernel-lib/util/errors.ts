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

/**
 * A failure to write an output (full disk, no permission, a file where a folder should be),
 * naming the path. The CLI prints its message without a stack trace and exits with status 1.
 */
export class OutputError extends Error {
  readonly path: string;
  /** What went wrong, e.g. `no space left on device`. */
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(`cannot write ${path}: ${reason}`);
    this.name = 'OutputError';
    this.path = path;
    this.reason = reason;
  }
}

/** Error codes of failed writes (Node's fs and SQLite's) and how OutputError words them. */
const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
  SQLITE_FULL: 'no space left on device',
  SQLITE_READONLY: 'read-only file system',
  SQLITE_CANTOPEN: 'cannot open the file',
  SQLITE_IOERR: 'input/output error'
};

/** How OutputError words a failed write's error code (SQLite's extended I/O codes as SQLITE_IOERR); undefined for other errors. */
export function writeFailureReason(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return undefined;
  return WRITE_FAILURES[code] ?? (code.startsWith('SQLITE_IOERR') ? WRITE_FAILURES.SQLITE_IOERR : undefined);
}
