import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dealer, Request, Subscriber } from 'zeromq';
import { channelAddress, createConnectionInfo, type ConnectionInfo } from './connection-file';
import { createMessage, decodeMessage, encodeMessage, type JupyterMessage } from './jupyter-message';
import { STDIN_PARENT_ENV } from './kernel-spec';

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

/** The kernel could not bind a port of its connection file; start() tries new ports. */
class PortTakenError extends KernelDiedError {
  constructor(output: string) {
    super('kernel could not bind its ports: ' + output.trim().split('\n').slice(-3).join('\n'));
  }
}

const PROCESS_OUTPUT_LIMIT = 64 * 1024;

interface Pending {
  resolve(message: JupyterMessage): void;
}

interface Collector {
  messages: JupyterMessage[];
  idle: () => void;
}

/**
 * Kernels started by this process and not yet released. A signal that would end the process
 * (SIGTERM, SIGINT, SIGHUP) first kills them and removes their connection folders, then ends the
 * process by the same signal; the 'exit' event does the same for process.exit(). (kill -9 of this
 * process cannot be caught: the kernel then sees its stdin pipe close and exits by itself.)
 */
const liveKernels = new Set<KernelClient>();
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

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const name of FATAL_SIGNALS) process.on(name, onFatalSignal);
  process.on('exit', releaseAllNow);
}

/**
 * A minimal Jupyter client over zeromq: starts a kernel process with a fresh connection file,
 * talks to it over shell/control (DEALER), iopub (SUB), stdin (DEALER) and hb (REQ) with signed
 * v5 messages, and executes code one request at a time.
 */
export class KernelClient {
  private readonly session = randomUUID();
  private readonly replies = new Map<string, Pending>();
  private readonly collectors = new Map<string, Collector>();
  private readonly shell = new Dealer({ linger: 0 });
  private readonly control = new Dealer({ linger: 0 });
  private readonly stdin = new Dealer({ linger: 0 });
  private readonly iopub = new Subscriber({ linger: 0 });
  private readonly hb = new Request({ linger: 0 });
  private exitError: KernelDiedError | undefined;
  private readonly exitListeners = new Set<(error: KernelDiedError) => void>();
  private closed = false;
  private repliesSeen = 0;
  /** The last 64 KB the kernel process printed outside cell execution (its own stdout/stderr). */
  processOutput = '';
  /** The kernel_info_reply content, once started. */
  kernelInfo: Record<string, unknown> = {};

  private constructor(
    private readonly info: ConnectionInfo,
    private readonly child: ChildProcess,
    private readonly connectionDir: string
  ) {
    const keep = (chunk: Buffer): void => {
      this.processOutput = (this.processOutput + chunk.toString()).slice(-PROCESS_OUTPUT_LIMIT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    liveKernels.add(this);
    installHandlers();
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
      client.connect();
      await client.waitReady(options.startTimeoutMs ?? 180_000);
    } catch (error) {
      await client.kill();
      throw error;
    }
    return client;
  }

  private connect(): void {
    const routingId = 'samced-' + this.session.slice(0, 8);
    this.shell.routingId = routingId;
    this.stdin.routingId = routingId;
    this.shell.connect(channelAddress(this.info, this.info.shell_port));
    this.control.connect(channelAddress(this.info, this.info.control_port));
    this.stdin.connect(channelAddress(this.info, this.info.stdin_port));
    this.hb.connect(channelAddress(this.info, this.info.hb_port));
    this.iopub.connect(channelAddress(this.info, this.info.iopub_port));
    this.iopub.subscribe();
    void this.receiveReplies(this.shell);
    void this.receiveReplies(this.control);
    void this.receiveIopub();
  }

  private async receiveReplies(socket: Dealer): Promise<void> {
    try {
      for await (const frames of socket) {
        const message = this.decode(frames);
        const parent = message?.parent_header.msg_id;
        const pending = parent ? this.replies.get(parent) : undefined;
        if (message && pending && parent) {
          this.repliesSeen += 1;
          for (const wake of this.shellReplyWaiters) wake();
          this.shellReplyWaiters.clear();
          this.replies.delete(parent);
          pending.resolve(message);
        }
      }
    } catch {
      // The socket was closed.
    }
  }

  private async receiveIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        const message = this.decode(frames);
        const parent = message?.parent_header.msg_id;
        const collector = parent ? this.collectors.get(parent) : undefined;
        if (!message || !collector) continue;
        if (message.header.msg_type === 'status') {
          if (message.content.execution_state === 'idle') collector.idle();
        } else {
          collector.messages.push(message);
        }
      }
    } catch {
      // The socket was closed.
    }
  }

  private decode(frames: Buffer[]): JupyterMessage | undefined {
    try {
      return decodeMessage(this.info.key, frames);
    } catch {
      return undefined; // unsigned or malformed: ignore, as Jupyter clients do
    }
  }

  /**
   * Sends one request and resolves with its reply plus every IOPub message it caused, once the
   * kernel has reported `idle` for it. Rejects on timeout (after killing the kernel) or kernel exit.
   */
  private async request(
    socket: Dealer,
    msgType: string,
    content: Record<string, unknown>,
    timeoutMs: number | undefined
  ): Promise<{ reply: JupyterMessage; messages: JupyterMessage[] }> {
    if (this.exitError) throw this.exitError;
    const message = createMessage(msgType, content, this.session);
    const id = message.header.msg_id;
    const messages: JupyterMessage[] = [];
    let onIdle!: () => void;
    const idle = new Promise<void>((resolve) => (onIdle = resolve));
    const reply = new Promise<JupyterMessage>((resolve) => this.replies.set(id, { resolve }));
    this.collectors.set(id, { messages, idle: onIdle });
    let timer: NodeJS.Timeout | undefined;
    let onExit: ((error: KernelDiedError) => void) | undefined;
    const failure = new Promise<never>((_, reject) => {
      onExit = reject;
      this.exitListeners.add(onExit);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          reject(new KernelTimeoutError(timeoutMs)); // settles first; the exit that follows is ignored
          void this.kill();
        }, timeoutMs);
      }
    });
    try {
      await Promise.race([socket.send(encodeMessage(this.info.key, message)), failure]);
      const [answer] = await Promise.race([Promise.all([reply, idle]), failure]);
      return { reply: answer, messages };
    } catch (error) {
      if (error instanceof KernelTimeoutError) error.messages = [...messages];
      if (error instanceof KernelDiedError) {
        const died = new KernelDiedError(error.message);
        died.messages = [...messages];
        throw died;
      }
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
      if (onExit) this.exitListeners.delete(onExit);
      this.replies.delete(id);
      this.collectors.delete(id);
    }
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
    const attempts: Array<Promise<{ reply: JupyterMessage; messages: JupyterMessage[] }>> = [];
    const ask = (): void => {
      const attempt = this.request(this.shell, 'kernel_info_request', {}, undefined);
      attempt.catch(() => {}); // raced below; an attempt that loses is ignored
      attempts.push(attempt);
    };
    ask();
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      // before any reply, look again at least every second for a port-taken message
      const next = this.repliesSeen > 0 ? sleep(Math.min(50, left)) : Promise.race([this.nextShellReply(), sleep(Math.min(1000, left))]);
      const result = await Promise.race([...attempts, next]);
      if (result) {
        this.kernelInfo = result.reply.content;
        return;
      }
      if (/address already in use/i.test(this.processOutput)) throw new PortTakenError(this.processOutput);
      if (this.repliesSeen > 0) ask();
    }
    const tail = this.processOutput.trim().split('\n').slice(-5).join('\n');
    throw new KernelDiedError(`kernel did not answer kernel_info_request within ${timeoutMs} ms` + (tail ? ':\n' + tail : ''));
  }

  private readonly shellReplyWaiters = new Set<() => void>();

  /** Resolves (undefined) at the next reply on shell or control, whoever's request it answers. */
  private nextShellReply(): Promise<undefined> {
    return new Promise((resolve) => this.shellReplyWaiters.add(() => resolve(undefined)));
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
    const { reply, messages } = await this.request(this.shell, 'execute_request', content, options.timeoutMs);
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
      const asked = this.request(this.control, 'shutdown_request', { restart: false }, undefined).catch(() => undefined);
      await Promise.race([asked, exited, sleep(graceMs)]);
    }
    await this.kill();
  }

  /** Synchronous release for signal and exit handlers: SIGKILL, remove the connection folder. */
  killNow(): void {
    liveKernels.delete(this);
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
    liveKernels.delete(this);
    for (const socket of [this.shell, this.control, this.stdin, this.iopub, this.hb]) socket.close();
    await rm(this.connectionDir, { recursive: true, force: true });
  }
}

/** A delay for Promise.race; unref'd so a pending one never keeps the process alive. */
function sleep(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
