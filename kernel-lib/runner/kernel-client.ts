import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnectionInfo, type ConnectionInfo } from './connection-file';
import type { JupyterMessage } from './jupyter-message';
import { KernelChannels, type RequestAnswer } from './kernel-channels';
import { KernelDiedError, PortTakenError } from './kernel-errors';
import { STDIN_PARENT_ENV } from './kernel-spec';
import { registerLiveKernel, unregisterLiveKernel } from './live-kernels';

export { KernelDiedError, KernelTimeoutError } from './kernel-errors';

/** Options of {@link KernelClient.start}. */
export interface KernelStartOptions {
  /** Working directory of the kernel process (the notebook's folder). */
  cwd: string;
  /** The command that starts the kernel; `--config-path <file>` is appended. */
  command: string[];
  /** Environment of the kernel process (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the first kernel_info_reply (default 180 000 ms: a loaded 2-core machine starts tslab slowly). */
  startTimeoutMs?: number;
}

/** Options of {@link KernelClient.execute}. */
export interface ExecuteOptions {
  /** Kill the kernel and reject when the cell has not finished after this many ms (default: no limit). */
  timeoutMs?: number;
}

/** What one execute_request produced. */
export interface ExecuteOutcome {
  /** execute_reply status: 'ok', 'error' or 'abort'. */
  status: string;
  executionCount: number | null;
  /** IOPub messages with this request as parent, in arrival order, without the status messages. */
  messages: JupyterMessage[];
  /** The execute_reply content. */
  reply: Record<string, unknown>;
}

const PROCESS_OUTPUT_LIMIT = 64 * 1024;

/**
 * A minimal Jupyter client over zeromq: starts a kernel process with a fresh connection file,
 * talks to it over its channels (kernel-channels.ts), and executes code one request at a time.
 */
export class KernelClient {
  private readonly channels: KernelChannels;
  private exitError: KernelDiedError | undefined;
  private readonly exitListeners = new Set<(error: KernelDiedError) => void>();
  private closed = false;
  /** The last 64 KB the kernel process printed outside cell execution (its own stdout/stderr). */
  processOutput = '';
  /** The kernel_info_reply content, once started. */
  kernelInfo: Record<string, unknown> = {};

  private constructor(
    info: ConnectionInfo,
    private readonly child: ChildProcess,
    private readonly connectionDir: string
  ) {
    this.channels = new KernelChannels(info, {
      exitError: () => this.exitError,
      onExit: (listener) => {
        this.exitListeners.add(listener);
        return () => this.exitListeners.delete(listener);
      },
      kill: () => this.kill()
    });
    const keep = (chunk: Buffer): void => {
      this.processOutput = (this.processOutput + chunk.toString()).slice(-PROCESS_OUTPUT_LIMIT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    registerLiveKernel(this);
    child.on('exit', (code, signal) => {
      const tail = this.processOutput.trim().split('\n').slice(-5).join('\n');
      this.died(new KernelDiedError(`kernel exited (${signal ?? 'code ' + code})` + (tail ? ':\n' + tail : '')));
    });
    child.on('error', (error) => this.died(new KernelDiedError('cannot start kernel: ' + error.message)));
  }

  private died(error: KernelDiedError): void {
    this.exitError ??= error;
    for (const listener of this.exitListeners) listener(this.exitError);
  }

  /**
   * Writes a connection file, spawns `command --config-path <file>` in `cwd`, connects the five
   * channels and sends kernel_info_request until the kernel answers on shell and iopub.
   */
  static async start(options: KernelStartOptions): Promise<KernelClient> {
    // The free ports are only free until the kernel binds them: another process may take one
    // first (the kernel then logs "Address already in use" and never answers on that channel).
    for (let attempt = 1; ; attempt++) {
      try {
        return await KernelClient.startOnce(options);
      } catch (error) {
        if (!(error instanceof PortTakenError) || attempt === 3) throw error;
      }
    }
  }

  private static async startOnce(options: KernelStartOptions): Promise<KernelClient> {
    const info = await createConnectionInfo();
    const connectionDir = await mkdtemp(join(tmpdir(), 'samced-kernel-'));
    const file = join(connectionDir, 'connection.json');
    await writeFile(file, JSON.stringify(info, null, 2), { mode: 0o600 });
    const [program, ...args] = options.command;
    // stdin: a pipe the kernel watches (STDIN_PARENT_ENV); it closes when this process dies
    const child = spawn(program, [...args, '--config-path', file], {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), [STDIN_PARENT_ENV]: '1' },
      stdio: ['pipe', 'pipe', 'pipe']
    });
    child.stdin?.on('error', () => {}); // the kernel went away first
    const client = new KernelClient(info, child, connectionDir);
    try {
      client.channels.connect();
      await client.waitReady(options.startTimeoutMs ?? 180_000);
    } catch (error) {
      await client.kill();
      throw error;
    }
    return client;
  }

  /**
   * Ready: a kernel_info_request answered on shell and followed by its `idle` on IOPub. One request
   * waits in the socket's queue while the kernel boots and is answered the moment it binds. Its
   * `idle` can be lost when IOPub's subscription reaches the kernel after it was published (slow
   * joiner); then, from the first shell reply on, ask again every 50 ms. Every attempt stays in
   * the race, so whichever completes first ends the wait, with no fixed sleep before the next look.
   */
  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const attempts: Array<Promise<RequestAnswer>> = [];
    const ask = (): void => {
      const attempt = this.channels.request('shell', 'kernel_info_request', {}, undefined);
      attempt.catch(() => {}); // raced below; an attempt that loses is ignored
      attempts.push(attempt);
    };
    ask();
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      // before any reply, look again at least every second for a port-taken message
      const next =
        this.channels.repliesSeen > 0
          ? sleep(Math.min(50, left))
          : Promise.race([this.channels.nextReply(), sleep(Math.min(1000, left))]);
      const result = await Promise.race([...attempts, next]);
      if (result) {
        this.kernelInfo = result.reply.content;
        return;
      }
      if (/address already in use/i.test(this.processOutput)) throw new PortTakenError(this.processOutput);
      if (this.channels.repliesSeen > 0) ask();
    }
    const tail = this.processOutput.trim().split('\n').slice(-5).join('\n');
    throw new KernelDiedError(
      `kernel did not answer kernel_info_request within ${timeoutMs} ms` + (tail ? ':\n' + tail : '')
    );
  }

  /** Executes `code` as one cell. Outputs arrive as IOPub messages in the outcome. */
  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteOutcome> {
    const content = {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true
    };
    const { reply, messages } = await this.channels.request('shell', 'execute_request', content, options.timeoutMs);
    const count = reply.content.execution_count;
    return {
      status: String(reply.content.status ?? 'error'),
      executionCount: typeof count === 'number' ? count : null,
      messages,
      reply: reply.content
    };
  }

  /** The kernel process's id (undefined when it could not be spawned). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The folder holding the connection file (removed when the kernel is released). */
  get connectionFolder(): string {
    return this.connectionDir;
  }

  /**
   * Asks the kernel to shut down (control channel) and, once it has replied (or after `graceMs`),
   * kills what is left of the process: nothing in it is needed any more, and tslab's own exit
   * waits for its TypeScript watchers and the cells' open handles. Always closes the sockets and
   * removes the connection file.
   */
  async shutdown(graceMs = 3000): Promise<void> {
    if (!this.exitError && !this.closed) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      const asked = this.channels
        .request('control', 'shutdown_request', { restart: false }, undefined)
        .catch(() => undefined);
      await Promise.race([asked, exited, sleep(graceMs)]);
    }
    await this.kill();
  }

  /** Synchronous release for signal and exit handlers: SIGKILL, remove the connection folder. */
  killNow(): void {
    unregisterLiveKernel(this);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    rmSync(this.connectionDir, { recursive: true, force: true });
  }

  /** Kills the kernel process (SIGKILL) and releases sockets and the connection file. */
  async kill(): Promise<void> {
    if (!this.exitError && this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGKILL');
      await Promise.race([exited, sleep(2000)]);
    }
    if (this.closed) return;
    this.closed = true;
    unregisterLiveKernel(this);
    this.channels.close();
    await rm(this.connectionDir, { recursive: true, force: true });
  }
}

/** A delay for Promise.race; unref'd so a pending one never keeps the process alive. */
function sleep(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
