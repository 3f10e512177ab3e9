/**
 * Deterministic gzip and tar output: the same input always gives the same bytes.
 */
import { gzipSync } from 'node:zlib';

/**
 * gzip with node's zlib (header mtime 0). The OS byte is set to 3 (Unix) so the bytes do not
 * depend on the platform zlib was built for.
 */
export function gzipStable(data: string | Uint8Array, level = 9): Buffer {
  const out = gzipSync(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, { level });
  out[9] = 3;
  return out;
}

/** One tar entry: a directory (path ends with `/`) or a file with its content. */
export interface TarEntry {
  path: string;
  content?: string | Uint8Array;
}

/** Options of {@link tarArchive}. */
export interface TarOptions {
  /** Modification time of every entry, seconds since the epoch. */
  mtime: number;
  /** Owner id and name (default 1000 / `edxapp`, as the export runs under the app user). */
  uid?: number;
  uname?: string;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(path: string, size: number, isDir: boolean, options: TarOptions): Buffer {
  const h = Buffer.alloc(512, 0);
  if (Buffer.byteLength(path) > 100) throw new Error('tar path too long: ' + path);
  h.write(path, 0, 'utf8');
  h.write(octal(isDir ? 0o755 : 0o644, 8), 100, 'ascii');
  h.write(octal(options.uid ?? 1000, 8), 108, 'ascii');
  h.write(octal(options.uid ?? 1000, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(options.mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(isDir ? '5' : '0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(options.uname ?? 'edxapp', 265, 'utf8');
  h.write(options.uname ?? 'edxapp', 297, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** A ustar archive of the entries, in the order given, ending with two zero blocks. */
export function tarArchive(entries: readonly TarEntry[], options: TarOptions): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const isDir = entry.path.endsWith('/');
    const body = isDir ? Buffer.alloc(0) : Buffer.from(entry.content ?? '');
    blocks.push(header(entry.path, body.length, isDir, options));
    if (body.length) {
      blocks.push(body);
      const pad = (512 - (body.length % 512)) % 512;
      if (pad) blocks.push(Buffer.alloc(pad, 0));
    }
  }
  blocks.push(Buffer.alloc(1024, 0));
  return Buffer.concat(blocks);
}
