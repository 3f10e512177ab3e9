import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import { withDefaults, type Effects } from '../util/effects';
import { InputError } from '../util/errors';
import { decryptReadable } from './decrypt-stream';
import type { DecryptionKey } from './decryption-key';
import { decryptionError } from './decryption-errors';
import { replaceDirectory } from './replace-directory';

/** What `unpackDatabaseZip` wrote. */
export interface UnpackZipResult {
  zip: string;
  outputDir: string;
  /** Members decrypted (`X.gpg` -> `X`). */
  decrypted: number;
  /** Members copied as they are (not encrypted, e.g. exporter `X.failed` notes). */
  copied: number;
}

async function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw new InputError(`not a readable zip file: ${(error as Error).message}`, { file: zipPath });
  }
}

async function listEntries(zip: yauzl.ZipFile, zipPath: string): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (error) {
    throw new InputError(`corrupt zip directory: ${(error as Error).message}`, { file: zipPath });
  }
  return entries;
}

/** The single top-level folder every member sits in (`{org}-{date}/`), if there is one. */
function commonTopFolder(names: string[]): string | undefined {
  const tops = new Set(names.map((name) => (name.includes('/') ? name.slice(0, name.indexOf('/') + 1) : '')));
  const [top] = [...tops];
  return tops.size === 1 && top ? top : undefined;
}

/**
 * Unpacks a weekly database export `{org}-{date}.zip` into `outputDir` (normally
 * `course-data/{org}-{date}`), decrypting each `X.gpg` member to `X` and copying other members
 * unchanged. The zip's own top folder (`{org}-{date}/`) is dropped, sub-folders (`ora/`) kept.
 * The folder is built under a temporary name and appears complete or not at all; an existing
 * `outputDir` is replaced. A member that fails to decrypt aborts with an InputError naming
 * `zip:member`; two members that would unpack to the same file (`X.gpg` and `X`, or the same
 * name twice) abort with an InputError naming both, before anything is written. Members are
 * streamed, so memory stays flat on multi-GB tables.
 */
export async function unpackDatabaseZip(
  zipPath: string,
  outputDir: string,
  key: DecryptionKey,
  effects: Partial<Effects> = {}
): Promise<UnpackZipResult> {
  const { logger } = withDefaults(effects);
  const zip = await openZip(zipPath);
  try {
    const entries = await listEntries(zip, zipPath);
    const files = entries.filter((entry) => !entry.fileName.endsWith('/'));
    const top = commonTopFolder(files.map((entry) => entry.fileName));
    /** The path below the output folder that a member unpacks to. */
    const unpackedPath = (entry: yauzl.Entry): string => {
      const relative = top ? entry.fileName.slice(top.length) : entry.fileName;
      return relative.toLowerCase().endsWith('.gpg') ? relative.slice(0, -4) : relative;
    };
    const claimed = new Map<string, string>();
    for (const entry of files) {
      const path = unpackedPath(entry);
      const earlier = claimed.get(path);
      if (earlier !== undefined)
        throw new InputError(`zip members ${earlier} and ${entry.fileName} both unpack to ${path}`, { file: zipPath });
      claimed.set(path, entry.fileName);
    }
    const result = await replaceDirectory(outputDir, async (tmp) => {
      let decrypted = 0;
      let copied = 0;
      for (const entry of files) {
        const encrypted = entry.fileName.toLowerCase().endsWith('.gpg');
        const target = join(tmp, unpackedPath(entry));
        const label = `${zipPath}:${entry.fileName}`;
        await mkdir(dirname(target), { recursive: true });
        let source: Readable;
        try {
          source = await zip.openReadStreamPromise(entry);
        } catch (error) {
          throw new InputError(`cannot read zip member: ${(error as Error).message}`, { file: label });
        }
        try {
          await pipeline(
            encrypted ? await decryptReadable(source, key, label) : source,
            createWriteStream(target, { flags: 'wx' })
          );
        } catch (error) {
          throw encrypted
            ? decryptionError(error, label, key)
            : new InputError(`cannot extract: ${(error as Error).message}`, { file: label });
        }
        if (encrypted) decrypted += 1;
        else copied += 1;
      }
      return { zip: zipPath, outputDir, decrypted, copied };
    });
    logger.info(`unpacked ${zipPath} -> ${outputDir} (${result.decrypted} decrypted, ${result.copied} copied)`);
    return result;
  } finally {
    zip.close();
  }
}
