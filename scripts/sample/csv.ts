/**
 * CSV as Python's `csv.DictWriter` writes it by default (dialect excel): fields quoted only when
 * they contain a comma, quote or line break, quotes doubled, records ending with `\r\n`.
 */

/** One field with minimal quoting. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

/** A whole file: header plus rows, each record ending with CRLF. */
export function csvFile(columns: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [columns, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
