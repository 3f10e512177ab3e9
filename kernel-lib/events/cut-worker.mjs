// Worker-thread entry of the cut (see cut-in-worker.ts). Plain JavaScript so that it starts in any
// host (the CLI, tests, the tslab kernel); it registers the TypeScript loader unless the thread
// has one, then runs cutEventFiles and reports progress, complete segments, the result or the
// error as messages.
import { parentPort, workerData } from 'node:worker_threads';

let cut;
try {
  cut = await import('./cut.ts');
} catch {
  const { register } = await import('tsx/esm/api');
  register();
  cut = await import('./cut.ts?loader=tsx'); // a new URL: the failed import above is cached
}
const { files, outPath, options } = workerData;
const logger = { info() {}, warn() {}, progress: (message) => parentPort.postMessage({ progress: message }) };
try {
  const onSegment = (segment) => parentPort.postMessage({ segment });
  const report = await cut.cutEventFiles(files, outPath, { ...options, logger, onSegment });
  parentPort.postMessage({ report });
} catch (error) {
  parentPort.postMessage({ error: { name: error?.name, message: String(error?.message ?? error), detail: error?.detail, file: error?.file, line: error?.line } });
}
