// Worker-thread entry of the cut (see cut-in-worker.ts). Plain JavaScript so that it starts in any
// host (the CLI, tests, the tslab kernel); it loads the cut compiled ahead when the CLI gives one,
// else cut.ts (registering the TypeScript loader unless the thread has one), then runs
// cutEventFiles and reports progress, complete segments, the result or the error as messages.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

const { files, outPath, options, cutModule } = workerData;
let cut;
if (cutModule) {
  cut = await import(pathToFileURL(cutModule).href); // compiled ahead (bin/compiled-cli.mjs)
} else {
  try {
    cut = await import('./cut.ts');
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    cut = await import('./cut.ts?loader=tsx'); // a new URL: the failed import above is cached
  }
}
const logger = { info() {}, warn() {}, progress: (message) => parentPort.postMessage({ progress: message }) };
try {
  const onSegment = (segment) => parentPort.postMessage({ segment });
  const report = await cut.cutEventFiles(files, outPath, { ...options, logger, onSegment });
  parentPort.postMessage({ report });
} catch (error) {
  parentPort.postMessage({ error: { name: error?.name, message: String(error?.message ?? error), detail: error?.detail, file: error?.file, line: error?.line } });
}
