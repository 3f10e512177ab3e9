import type { JupyterMessage } from './jupyter-message';

/** Raised when a cell exceeds its time limit; the kernel has been killed. */
export class KernelTimeoutError extends Error {
  /** IOPub messages the request caused before it was cut off. */
  messages: JupyterMessage[] = [];

  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs / 1000} s; kernel killed`);
    this.name = 'KernelTimeoutError';
  }
}

/** Raised when the kernel process exits while a request is pending. */
export class KernelDiedError extends Error {
  /** IOPub messages the request caused before the kernel died. */
  messages: JupyterMessage[] = [];

  constructor(message: string) {
    super(message);
    this.name = 'KernelDiedError';
  }
}

/** The kernel could not bind a port of its connection file; KernelClient.start() tries new ports. */
export class PortTakenError extends KernelDiedError {
  constructor(output: string) {
    super('kernel could not bind its ports: ' + output.trim().split('\n').slice(-3).join('\n'));
  }
}
