import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Path, size and SHA-256 of a file, the path relative to `base`. */
export async function fileEntry(path: string, base: string): Promise<FileEntry> {
  return { path: relative(base, path), bytes: (await stat(path)).size, sha256: await sha256File(path) };
}

/** Every file under `dir` (recursive), sorted, as entries relative to `dir`. */
export async function listFileEntries(dir: string, except: string[] = []): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  const walk = async (d: string) => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (!except.includes(relative(dir, p))) out.push(await fileEntry(p, dir));
    }
  };
  await walk(dir);
  return out;
}
