/**
 * Turns values coming from DuckDB, arquero or plain code into JSON-safe, display-ready values:
 * bigint becomes a number (or a string beyond 2^53), a Date becomes `YYYY-MM-DD` at UTC
 * midnight and an ISO timestamp otherwise, objects with their own toString (DuckDB value
 * classes such as DuckDBDateValue) become that string, and byte arrays a short `<N bytes>` note.
 */
export function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return isoDate(value);
  if (value instanceof Uint8Array || value instanceof DataView) return `<${value.byteLength} bytes>`;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number | bigint>, plainValue);
  if (Array.isArray(value)) return value.map(plainValue);
  if (hasOwnToString(value)) return String(value);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) result[key] = plainValue(item);
  return result;
}

/** `YYYY-MM-DD` for a UTC midnight, else the ISO timestamp without zero milliseconds. */
export function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}

function hasOwnToString(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return (
    proto !== null &&
    proto !== Object.prototype &&
    typeof (value as { toString?: unknown }).toString === 'function' &&
    (value as { toString: () => string }).toString !== Object.prototype.toString
  );
}

/**
 * JSON for embedding inside an HTML <script>: `<`, U+2028 and U+2029 are escaped so the text
 * cannot close the script element or break the JavaScript parser.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(plainValue(value))
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
