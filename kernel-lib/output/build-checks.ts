import { basename, dirname, join, sep } from 'node:path';
import { datesBetween, parseDate } from '../drop/dates';
import { InputError, OutputError, writeFailureReason } from '../util/errors';
import { SQLITE_MAX_COLUMNS } from './sqlite';

/**
 * A failed write to the output folder (its parents, the temporary folder, a file in it) as an
 * OutputError naming the path under the final name (the temporary folder is gone by then);
 * any other error as it is.
 */
export function outputFailure(error: unknown, outDir: string): unknown {
  const temporary = join(dirname(outDir), `.${basename(outDir)}.tmp-`);
  const finalName = (path: string) =>
    path.startsWith(temporary) ? join(outDir, path.slice(temporary.length).split(sep).slice(1).join(sep)) : path;
  if (error instanceof OutputError) return new OutputError(finalName(error.path), error.reason);
  const { path, dest, code, syscall } = error as { path?: unknown; dest?: unknown; code?: unknown; syscall?: unknown };
  // mkdir of a folder whose name a file holds
  const reason =
    writeFailureReason(error) ?? (code === 'EEXIST' && syscall === 'mkdir' ? 'not a directory' : undefined);
  if (!reason) return error;
  const ours = [dest, path].find(
    (p): p is string => typeof p === 'string' && (p.startsWith(temporary) || p === outDir || outDir.startsWith(p + sep))
  );
  return ours === undefined ? error : new OutputError(finalName(ours), reason);
}

/**
 * The page_activity tables have one column per day of the window besides user_id and
 * outside_window, and SQLite allows SQLITE_MAX_COLUMNS columns: a longer window is refused before
 * any work.
 */
export function checkWindowFitsSqlite(startText: string, endText: string): void {
  const start = parseDate(startText, 'start date');
  const end = parseDate(endText, 'end date');
  if (start > end) return; // openCourseRun says so
  const days = datesBetween(start, end).length;
  if (days + 2 > SQLITE_MAX_COLUMNS) {
    throw new InputError(
      `a window of ${days} days is too long: the page_activity tables get one column per day and SQLite allows ${SQLITE_MAX_COLUMNS} columns (at most ${SQLITE_MAX_COLUMNS - 2} days)`
    );
  }
}
