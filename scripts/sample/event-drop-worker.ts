/**
 * Worker-thread entry of the benchmark drop generator: runs one part (a set of days) and posts
 * progress and the result back. Started by event-drop.ts with tsx registered.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runPart } from './event-drop-part';
import type { PartOptions } from './event-drop';

const port = parentPort!;
const result = await runPart(workerData as PartOptions, (lines, file) => port.postMessage({ progress: [lines, file] }));
port.postMessage({ result });
