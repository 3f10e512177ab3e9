import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../../util/paths';
import type { EventFile } from '../../drop/event-files';
import { InputError } from '../../util/errors';
import type { CutOptions, CutReport, CutSegment } from './cut';

/**
 * cutEventFiles on a worker thread. The cut allocates a buffer per decompressed chunk and a view
 * per kept line; on the main thread, next to @duckdb/node-api, V8 collects that garbage several
 * times as slowly (docs/performance.md); on a worker it does not. Decryption needs a function, which cannot cross threads: callers cut files that
 * must be decrypted on their own thread (see cutCourseEvents).
 */
export function cutEventFilesInWorker(
  files: EventFile[],
  outPath: string,
  options: Omit<CutOptions, 'decrypt'>
): Promise<CutReport> {
  const { logger, signal, onSegment, ...plain } = options;
  return new Promise<CutReport>((resolve, reject) => {
    signal?.throwIfAborted();
    // SAMCED_CUT_MODULE: the cut compiled ahead (set by bin/samced.mjs), so the thread need not compile cut.ts
    const workerData = { files, outPath, options: plain, cutModule: process.env.SAMCED_CUT_MODULE };
    const worker = new Worker(join(projectRoot(), 'kernel-lib', 'load', 'events', 'cut-worker.mjs'), { workerData });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => settle(() => reject(signal!.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on(
      'message',
      (message: { progress?: string; segment?: CutSegment; report?: CutReport; error?: WorkerError }) => {
        if (message.progress !== undefined) logger?.progress(message.progress);
        else if (message.segment) onSegment?.(message.segment);
        else if (message.report) settle(() => resolve(message.report!));
        else if (message.error) settle(() => reject(rebuildError(message.error!)));
      }
    );
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the cut's worker thread stopped (exit code ${code}) before it finished`)))
    );
  });
}

interface WorkerError {
  name?: string;
  message: string;
  detail?: string;
  file?: string;
  line?: number;
}

/** An error of the worker as the same kind of error here (an InputError keeps its file and line). */
function rebuildError(error: WorkerError): Error {
  if (error.name === 'InputError' && error.detail !== undefined)
    return new InputError(error.detail, { file: error.file, line: error.line });
  return new Error(error.message);
}
