import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { TableSink } from './sink';
import type { CellValue } from './table-rows';

/**
 * One CSV field (RFC 4180 quoting): NULL is an empty field, an empty string is `""`, a value
 * with a comma, quote, CR or LF (or leading/trailing space) is quoted with `"` doubled.
 */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  if (value === '') return '""';
  if (/[",\r\n]/.test(value) || value.trim() !== value) return '"' + value.replace(/"/g, '""') + '"';
  return value;
}

export function csvLine(values: CellValue[]): string {
  return values.map(csvField).join(',') + '\n';
}

/** The CSV file name of a SAMCED table. */
export function csvFileName(table: string): string {
  return `SAMCED-${table}.csv`;
}

/** Writes `SAMCED-<table>.csv` files (UTF-8, header line, `\n` after every line including the last). */
export function csvSink(dir: string): TableSink {
  let out: WriteStream | undefined;
  return {
    begin(table, columns) {
      out = createWriteStream(join(dir, csvFileName(table)), { encoding: 'utf8' });
      out.write(csvLine(columns.map((c) => c.name)));
    },
    async rows(batch) {
      let text = '';
      for (const row of batch) text += csvLine(row);
      if (!out!.write(text)) await once(out!, 'drain');
    },
    async end() {
      out!.end();
      await once(out!, 'close');
      out = undefined;
    }
  };
}
