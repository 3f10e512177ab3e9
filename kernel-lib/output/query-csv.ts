import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Duck } from '../duck/connection';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, temporaryName } from '../util/atomic';
import { csvLine } from './csv';
import type { CellValue } from './table-rows';

/**
 * Writes the result of a query as CSV (RFC 4180 quoting, UTF-8, header, `\n` line ends), or, with
 * `jsonLinesColumn`, that one text column as JSON lines. Atomic: a temporary name, renamed when done.
 * Returns the row count.
 *
 * @example
 * const run = await openCourseRun(sampleCourseRun());
 * const rows = await writeQueryFile(run.duck, 'SELECT user_id, count(*) AS events FROM events GROUP BY 1 ORDER BY 1', 'outputs/events-per-learner.csv');
 * // rows: the number of rows written (the file is owner-only and appears only when complete)
 */
export async function writeQueryFile(
  duck: Duck,
  sql: string,
  path: string,
  options: { jsonLinesColumn?: string; omitColumns?: string[]; transformLine?: (line: string) => string } = {}
): Promise<number> {
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = temporaryName(path);
  const out = createWriteStream(tmp, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
  let rows = 0;
  try {
    const result = await duck.connection.stream(sql);
    const allNames = result.columnNames();
    const keep = allNames.map((n, i) => (options.omitColumns?.includes(n) ? -1 : i)).filter((i) => i >= 0);
    const names = keep.map((i) => allNames[i]!);
    const jsonIndex = options.jsonLinesColumn ? allNames.indexOf(options.jsonLinesColumn) : -1;
    if (options.jsonLinesColumn && jsonIndex < 0) throw new Error(`no column ${options.jsonLinesColumn}`);
    if (jsonIndex < 0) out.write(csvLine(names));
    for await (const batch of result.yieldRowsJs()) {
      let text = '';
      for (const row of batch as CellValue[][]) {
        if (jsonIndex >= 0) {
          const line = String(row[jsonIndex]);
          text += (options.transformLine ? options.transformLine(line) : line) + '\n';
        } else {
          text += csvLine(keep.map((i) => row[i]!).map((v) => (typeof v === 'object' && v !== null ? String(v) : v)));
        }
      }
      rows += batch.length;
      if (!out.write(text)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
    await rename(tmp, path);
    return rows;
  } catch (error) {
    out.destroy();
    await rm(tmp, { force: true });
    throw error;
  }
}
