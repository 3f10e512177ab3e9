import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { TableSink } from './sink';
import type { CellValue } from './table-rows';
import { OutputError, writeFailureReason } from '../util/errors';

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

/** Resolves on `event` or when the stream closes (after a failure too: the error listener keeps it). */
function settled(stream: WriteStream, event: 'drain' | 'close'): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off(event, done);
      stream.off('close', done);
      resolve();
    };
    stream.on(event, done);
    stream.on('close', done);
  });
}

/**
 * Writes `SAMCED-<table>.csv` files (UTF-8, header line, `\n` after every line including the last).
 * A failed write (full disk, ...) is an OutputError naming the file, thrown by the next call.
 */
export function csvSink(dir: string): TableSink {
  let out: WriteStream | undefined;
  let path = '';
  let failure: unknown;
  const check = () => {
    if (failure === undefined) return;
    const reason = writeFailureReason(failure);
    throw reason ? new OutputError(path, reason) : failure;
  };
  return {
    begin(table, columns) {
      path = join(dir, csvFileName(table));
      failure = undefined;
      out = createWriteStream(path, { encoding: 'utf8' });
      // the stream reports a failed write as an event, maybe between two calls: kept for the next one
      out.on('error', (error) => {
        failure ??= error;
      });
      out.write(csvLine(columns.map((c) => c.name)));
    },
    async rows(batch) {
      check();
      let text = '';
      for (const row of batch) text += csvLine(row);
      if (!out!.write(text)) await settled(out!, 'drain');
      check();
    },
    async end() {
      check();
      if (!out!.closed) {
        const closed = settled(out!, 'close');
        out!.end();
        await closed;
      }
      out = undefined;
      check();
    }
  };
}
