import { escapeHtml, plainValue } from './plain-values';
import type { TableSlice } from './table-source';

/** Options of {@link tableHtml} and {@link tableText}. */
export interface TableFormatOptions {
  /** Shown above the table. */
  caption?: string;
  /** Longer cell texts are cut with '…' (default 200). */
  maxCellChars?: number;
}

/** `1234567` -> `1,234,567` (no locale, so output is the same on every machine). */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Integers as they are; other numbers to 6 significant digits, never rounding the integer part. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const integerDigits = Math.max(1, Math.floor(Math.log10(Math.abs(value))) + 1);
  return String(Number(value.toPrecision(Math.min(21, Math.max(6, integerDigits)))));
}

/** The text of one cell, or null for SQL NULL / undefined. */
export function formatCell(value: unknown, maxChars = 200): string | null {
  const plain = plainValue(value);
  if (plain === null) return null;
  let text: string;
  if (typeof plain === 'number') text = formatNumber(plain);
  else if (typeof plain === 'string') text = plain;
  else if (typeof plain === 'boolean') text = String(plain);
  else text = JSON.stringify(plain);
  return text.length > maxChars ? text.slice(0, maxChars - 1) + '…' : text;
}

/** "5 of 25 rows", "3 rows", "1 row", or "first 20 rows (total not counted)". */
export function rowNote(shown: number, total: number | undefined): string {
  if (total === undefined) return `first ${formatCount(shown)} rows (total not counted)`;
  if (shown < total) return `${formatCount(shown)} of ${formatCount(total)} rows`;
  return `${formatCount(total)} ${total === 1 ? 'row' : 'rows'}`;
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'bigint';
}

/** An HTML table (numbers right-aligned, NULL greyed) followed by the row note. */
export function tableHtml(slice: TableSlice, options: TableFormatOptions = {}): string {
  const max = options.maxCellChars ?? 200;
  const head = slice.columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  const body = slice.rows
    .map((row) => {
      const cells = row.map((value) => {
        const text = formatCell(value, max);
        if (text === null) return '<td style="color:#999">null</td>';
        const align = isNumeric(value) ? ' style="text-align:right"' : '';
        return `<td${align}>${escapeHtml(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  return (
    `<div class="samced-table">\n<table>${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n` +
    `<p class="samced-table-note" style="color:#666;font-size:90%">${rowNote(slice.rows.length, slice.total)}</p>\n</div>`
  );
}

/** A fixed-width text table for consoles, cells cut at 40 characters, followed by the row note. */
export function tableText(slice: TableSlice, options: TableFormatOptions = {}): string {
  const max = Math.min(40, options.maxCellChars ?? 40);
  const cells = slice.rows.map((row) => row.map((value) => formatCell(value, max) ?? 'null'));
  const widths = slice.columns.map((column, index) =>
    Math.max(column.length, ...cells.map((row) => row[index].length))
  );
  const line = (values: string[]): string =>
    values
      .map((value, index) =>
        isNumeric(slice.rows[0]?.[index]) ? value.padStart(widths[index]) : value.padEnd(widths[index])
      )
      .join('  ')
      .trimEnd();
  const lines = [line(slice.columns), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)];
  if (options.caption) lines.unshift(options.caption);
  lines.push(rowNote(slice.rows.length, slice.total));
  return lines.join('\n');
}
