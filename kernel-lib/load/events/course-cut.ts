import { join } from 'node:path';
import { courseKeyForms, type CourseKey } from '../../drop/course-key';
import { cutEventFiles, type CutReport, type CutSegment, type CutSegmenting } from './cut';
import { cutEventFilesInWorker } from './cut-in-worker';
import type { EventsLoadOptions } from './events-view';

/** The needles of the cheap first cut: the course id in both formats, also with JSON-escaped slashes. */
export function courseNeedles(course: CourseKey): string[] {
  const [v1, slash] = courseKeyForms(course);
  return [v1!, slash!, slash!.replace(/\//g, '\\/')];
}

/**
 * The anchor of the cut: the course number, which every spelling of the course id holds and which
 * (unlike the org or the run) few other courses' lines do. Too short a number is no help.
 */
export function courseAnchor(course: CourseKey): string | undefined {
  return course.course.length >= 3 ? course.course : undefined;
}

/**
 * Segments of the cut: the first is small, so that its parse starts soon after the logs begin to
 * decompress; each next one is half as large again, up to 256 MB. Each segment's parse has a cost
 * of its own: too small a segment slows the build, beyond 256 MB nothing is gained, and growing by
 * half beats a quarter (docs/performance.md).
 */
export const CUT_SEGMENTS: CutSegmenting = { firstBytes: 16 << 20, growth: 1.5, maxBytes: 256 << 20 };

/** The cut of a course run's daily files, written to segment files in a folder. */
export interface EventsCut {
  /** The segment files, in order (none when no line mentions the course). */
  segments: CutSegment[];
  report: CutReport;
  /** Seconds the cut took. */
  seconds: number;
}

/**
 * The first half of loading events: the byte-level cut on the course id of the selected daily
 * files into segment files `<dir>/cut-NNN.txt`, each handed to `onSegment` when complete. It
 * needs no DuckDB, so a caller can start it first, load the course tables and parse segments
 * (EventsParser) while the logs decompress.
 */
export async function cutCourseEvents(
  options: EventsLoadOptions & { signal?: AbortSignal; onSegment?: (segment: CutSegment) => void },
  dir: string
): Promise<EventsCut> {
  const started = performance.now();
  const segments: CutSegment[] = [];
  const cutOptions = {
    needles: courseNeedles(options.course),
    anchor: courseAnchor(options.course),
    skipBadLines: options.skipBadLines,
    maxLineBytes: options.maxLineBytes,
    concurrency: options.concurrency,
    logger: options.logger,
    signal: options.signal,
    segments: options.segments ?? CUT_SEGMENTS,
    onSegment: (segment: CutSegment) => {
      segments.push(segment);
      options.onSegment?.(segment);
    }
  };
  const path = join(dir, 'cut.txt');
  // on a worker thread, unless a file must be decrypted here (the key's function stays on this thread)
  const report = options.files.some((f) => f.encrypted)
    ? await cutEventFiles(options.files, path, { ...cutOptions, decrypt: options.decrypt })
    : await cutEventFilesInWorker(options.files, path, cutOptions);
  return { segments, report, seconds: (performance.now() - started) / 1000 };
}
