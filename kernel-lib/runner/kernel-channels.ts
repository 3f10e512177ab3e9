import { randomUUID } from 'node:crypto';
import { Dealer, Request, Subscriber } from 'zeromq';
import { channelAddress, type ConnectionInfo } from './connection-file';
import { createMessage, decodeMessage, encodeMessage, type JupyterMessage } from './jupyter-message';
import { KernelDiedError, KernelTimeoutError } from './kernel-errors';

/** What the channels need of the kernel process they talk to. */
export interface KernelProcessWatch {
  /** The error of the process's exit, once it has exited. */
  exitError(): KernelDiedError | undefined;
  /** Calls `listener` when the process exits; returns the function that removes it. */
  onExit(listener: (error: KernelDiedError) => void): () => void;
  /** Kills the process (a request's time limit ran out). */
  kill(): Promise<void>;
}

/** A request's reply and every IOPub message it caused, without the status messages. */
export interface RequestAnswer {
  reply: JupyterMessage;
  messages: JupyterMessage[];
}

interface Collector {
  messages: JupyterMessage[];
  idle: () => void;
}

/**
 * The five zeromq channels of one kernel: shell and control (DEALER), iopub (SUB), stdin (DEALER)
 * and hb (REQ), with signed v5 messages; replies and IOPub messages are matched to their request
 * by the parent header's msg_id.
 */
export class KernelChannels {
  private readonly session = randomUUID();
  private readonly replies = new Map<string, (message: JupyterMessage) => void>();
  private readonly collectors = new Map<string, Collector>();
  private readonly shell = new Dealer({ linger: 0 });
  private readonly control = new Dealer({ linger: 0 });
  private readonly stdin = new Dealer({ linger: 0 });
  private readonly iopub = new Subscriber({ linger: 0 });
  private readonly hb = new Request({ linger: 0 });
  private readonly replyWaiters = new Set<() => void>();
  /** Replies received on shell or control so far, whoever's request they answer. */
  repliesSeen = 0;

  constructor(
    private readonly info: ConnectionInfo,
    private readonly kernel: KernelProcessWatch
  ) {}

  /** Connects the five channels and starts receiving. */
  connect(): void {
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
        const resolve = parent ? this.replies.get(parent) : undefined;
        if (message && resolve && parent) {
          this.repliesSeen += 1;
          for (const wake of this.replyWaiters) wake();
          this.replyWaiters.clear();
          this.replies.delete(parent);
          resolve(message);
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
   * Sends one request on shell or control and resolves with its reply plus every IOPub message it
   * caused, once the kernel has reported `idle` for it. Rejects on timeout (after killing the
   * kernel) or kernel exit, with the messages received so far.
   */
  async request(
    channel: 'shell' | 'control',
    msgType: string,
    content: Record<string, unknown>,
    timeoutMs: number | undefined
  ): Promise<RequestAnswer> {
    const exited = this.kernel.exitError();
    if (exited) throw exited;
    const message = createMessage(msgType, content, this.session);
    const id = message.header.msg_id;
    const messages: JupyterMessage[] = [];
    let onIdle!: () => void;
    const idle = new Promise<void>((resolve) => (onIdle = resolve));
    const reply = new Promise<JupyterMessage>((resolve) => this.replies.set(id, resolve));
    this.collectors.set(id, { messages, idle: onIdle });
    let timer: NodeJS.Timeout | undefined;
    let stopWatching: (() => void) | undefined;
    const failure = new Promise<never>((_, reject) => {
      stopWatching = this.kernel.onExit(reject);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          reject(new KernelTimeoutError(timeoutMs)); // settles first; the exit that follows is ignored
          void this.kernel.kill();
        }, timeoutMs);
      }
    });
    try {
      const socket = channel === 'shell' ? this.shell : this.control;
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
      stopWatching?.();
      this.replies.delete(id);
      this.collectors.delete(id);
    }
  }

  /** Resolves (undefined) at the next reply on shell or control, whoever's request it answers. */
  nextReply(): Promise<undefined> {
    return new Promise((resolve) => this.replyWaiters.add(() => resolve(undefined)));
  }

  /** Closes the five sockets. */
  close(): void {
    for (const socket of [this.shell, this.control, this.stdin, this.iopub, this.hb]) socket.close();
  }
}
