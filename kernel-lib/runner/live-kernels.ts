/** What the registry needs of a kernel: a synchronous release. */
export interface Releasable {
  /** SIGKILL the kernel process and remove its connection folder, synchronously. */
  killNow(): void;
}

/**
 * Kernels started by this process and not yet released. A signal that would end the process
 * (SIGTERM, SIGINT, SIGHUP) first kills them and removes their connection folders, then ends the
 * process by the same signal; the 'exit' event does the same for process.exit(). (kill -9 of this
 * process cannot be caught: the kernel then sees its stdin pipe close and exits by itself.)
 */
const liveKernels = new Set<Releasable>();
const FATAL_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
let handlersInstalled = false;

function releaseAllNow(): void {
  for (const kernel of liveKernels) kernel.killNow();
}

function onFatalSignal(signal: NodeJS.Signals): void {
  releaseAllNow();
  for (const name of FATAL_SIGNALS) process.removeListener(name, onFatalSignal);
  // the default action now ends the process, unless someone else listens for the signal
  process.kill(process.pid, signal);
}

/** Registers a started kernel, and the signal and exit handlers once per process. */
export function registerLiveKernel(kernel: Releasable): void {
  liveKernels.add(kernel);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const name of FATAL_SIGNALS) process.on(name, onFatalSignal);
  process.on('exit', releaseAllNow);
}

/** Forgets a released kernel. */
export function unregisterLiveKernel(kernel: Releasable): void {
  liveKernels.delete(kernel);
}
