import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../util/errors';

/**
 * The first events of a daily log, without personal fields (a type, not an interface: rows for showTable).
 *
 * @example
 * const first: LogHeadEvent[] = (await readDailyLogHead(file, 5)).events;
 */
export type LogHeadEvent = {
  time: string | null;
  event_type: string | null;
  event_source: string | null;
  user_id: unknown;
  course_id: string | null;
};

/**
 * A look at a plain daily tracking log (`.log.gz`, or not compressed): whether it is gzip, how many
 * non-empty lines it holds, and its first `count` events reduced to time, type, source, user id
 * and course id (never the username, IP address or agent). Read as a stream, so a large day is
 * not held in memory. One of those first lines that is not JSON is an InputError naming file and line.
 *
 * @example
 * const head = await readDailyLogHead('drop/edx-course-data/org/edx/events/2026/org-edx-events-2026-01-20.log.gz', 5);
 * showTable(head.events, { caption: `${head.lines} lines` });
 */
export async function readDailyLogHead(
  path: string,
  count = 5
): Promise<{ gzip: boolean; lines: number; events: LogHeadEvent[] }> {
  const handle = await open(path, 'r');
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const input: Readable = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  let lines = 0;
  let lineNumber = 0;
  const events: LogHeadEvent[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line === '') continue;
    lines += 1;
    if (events.length >= count) continue;
    let event: {
      time?: string;
      event_type?: string;
      event_source?: string;
      context?: { user_id?: unknown; course_id?: string };
    };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      throw new InputError('not a JSON event line', { file: path, line: lineNumber });
    }
    events.push({
      time: event.time ?? null,
      event_type: event.event_type ?? null,
      event_source: event.event_source ?? null,
      user_id: event.context?.user_id ?? null,
      course_id: event.context?.course_id ?? null
    });
  }
  return { gzip, lines, events };
}
