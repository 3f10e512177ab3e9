/**
 * JSON text as Python's `json.dumps` writes it (what edX's servers logged): `", "` and `": "`
 * separators, non-ASCII escaped as `\uXXXX` (ensure_ascii), and floats that are whole numbers
 * written with `.0`. Mark floats with {@link pyFloat}; plain numbers are written as JavaScript does.
 */

/** A number that Python holds as a float (written `1.0`, not `1`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** Already-serialised JSON text, inserted verbatim by {@link pyDumps}. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Marks a number as a Python float. */
export function pyFloat(value: number): PyFloat {
  return new PyFloat(value);
}

/** Python's `repr` of a float for the ranges the sample uses. */
export function formatPyFloat(value: number): string {
  if (!Number.isFinite(value)) throw new Error('non-finite float');
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

const NEEDS_ESCAPE = /[^\x20-\x7e]|["\\]/;

/** A JSON string literal with Python's ensure_ascii escaping. */
export function pyString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return '"' + text + '"';
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += text[i];
  }
  return out + '"';
}

/** Serialises a value like Python's `json.dumps(value)` (key order = insertion order). */
export function pyDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return pyString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error('non-finite number');
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new Error('cannot serialise ' + typeof value);
  }
  if (value instanceof PyFloat) return formatPyFloat(value.value);
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ', ' : '') + pyDumps(value[i]);
    return out + ']';
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    out += (first ? '' : ', ') + pyString(key) + ': ' + pyDumps(item);
    first = false;
  }
  return out + '}';
}

/** A key layout: the preferred key order of an object. */
export interface KeyLayout {
  keys: readonly string[];
  set: ReadonlySet<string>;
}

/** Makes a {@link KeyLayout} from a key list. */
export function keyLayout(keys: readonly string[]): KeyLayout {
  return { keys, set: new Set(keys) };
}

/**
 * `json.dumps` of an object with its keys in the layout's order (keys not in the layout follow,
 * in insertion order). Same output as re-ordering the object first, without the copy.
 */
export function pyDumpsOrdered(value: Record<string, unknown>, layout: KeyLayout): string {
  let out = '{';
  let first = true;
  for (const key of layout.keys) {
    const item = value[key];
    if (item === undefined) continue;
    out += (first ? '"' : ', "') + key + '": ' + pyDumps(item);
    first = false;
  }
  for (const key of Object.keys(value)) {
    if (layout.set.has(key) || value[key] === undefined) continue;
    out += (first ? '' : ', ') + pyString(key) + ': ' + pyDumps(value[key]);
    first = false;
  }
  return out + '}';
}

/** Recursively sorts object keys (for `sort_keys=True` output). */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === 'object' && !(value instanceof PyFloat)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * `json.dumps(value, indent=2, sort_keys=True)` as Python 3 writes it (no trailing spaces,
 * ensure_ascii). Whole-number floats must be marked with {@link pyFloat}.
 */
export function pyDumpsIndented(value: unknown, indent = 2): string {
  const pad = (level: number) => '\n' + ' '.repeat(level * indent);
  const walk = (v: unknown, level: number): string => {
    if (v instanceof PyFloat || v === null || typeof v !== 'object') return pyDumps(v);
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return '[' + v.map((item) => pad(level + 1) + walk(item, level + 1)).join(',') + pad(level) + ']';
    }
    const keys = Object.keys(v).sort();
    if (keys.length === 0) return '{}';
    const items = keys.map(
      (k) => pad(level + 1) + pyString(k) + ': ' + walk((v as Record<string, unknown>)[k], level + 1)
    );
    return '{' + items.join(',') + pad(level) + '}';
  };
  return walk(value, 0);
}
