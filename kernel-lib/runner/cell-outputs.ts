import type { JupyterMessage } from './jupyter-message';
import {
  sourceText,
  toMultiline,
  type DisplayDataOutput,
  type ErrorOutput,
  type MimeBundle,
  type Output
} from './notebook-format';

/** True for MIME types stored as JSON values rather than text in nbformat. */
export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || /^application\/(.+\+)?json$/.test(mime);
}

/** Converts a message's MIME bundle to nbformat shape: text becomes a list of lines, JSON stays a value. */
export function toNbformatBundle(data: unknown): MimeBundle {
  const bundle: MimeBundle = {};
  for (const [mime, value] of Object.entries((data ?? {}) as Record<string, unknown>)) {
    const isText = typeof value === 'string' && !isJsonMime(mime) && !/^image\/(png|jpeg|gif)$/.test(mime);
    bundle[mime] = isText ? toMultiline(value) : value;
  }
  return bundle;
}

/**
 * Turns IOPub messages into nbformat outputs, cell by cell. Consecutive stream chunks of the same
 * name are merged (so the result does not depend on how the kernel chunked them), and
 * `update_display_data` rewrites every earlier output shown with that display_id, in any cell.
 */
export class OutputCollector {
  private readonly displays = new Map<string, DisplayDataOutput[]>();

  /** The outputs of one cell from the messages its execute_request caused. */
  outputsFor(messages: readonly JupyterMessage[], executionCount: number | null): Output[] {
    let outputs: Output[] = [];
    let clearPending = false;
    const add = (output: Output): void => {
      if (clearPending) {
        outputs = [];
        clearPending = false;
      }
      const last = outputs[outputs.length - 1];
      if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) {
        last.text = toMultiline(sourceText(last.text) + sourceText(output.text));
        return;
      }
      outputs.push(output);
    };
    for (const message of messages) {
      const content = message.content as Record<string, unknown>;
      switch (message.header.msg_type) {
        case 'stream':
          add({
            output_type: 'stream',
            name: content.name === 'stderr' ? 'stderr' : 'stdout',
            text: toMultiline(String(content.text ?? ''))
          });
          break;
        case 'display_data': {
          const output: DisplayDataOutput = {
            output_type: 'display_data',
            data: toNbformatBundle(content.data),
            metadata: toMetadata(content.metadata)
          };
          this.remember(content, output);
          add(output);
          break;
        }
        case 'update_display_data':
          this.update(content);
          break;
        case 'execute_result':
          add({
            output_type: 'execute_result',
            execution_count: executionCount,
            data: toNbformatBundle(content.data),
            metadata: toMetadata(content.metadata)
          });
          break;
        case 'error':
          add({
            output_type: 'error',
            ename: String(content.ename ?? 'Error'),
            evalue: String(content.evalue ?? ''),
            traceback: Array.isArray(content.traceback) ? content.traceback.map(String) : []
          });
          break;
        case 'clear_output':
          if (content.wait) clearPending = true;
          else outputs = [];
          break;
        default:
          break; // execute_input, comm messages and the like have no nbformat output
      }
    }
    return outputs;
  }

  private remember(content: Record<string, unknown>, output: DisplayDataOutput): void {
    const id = displayId(content);
    if (id === undefined) return;
    const list = this.displays.get(id) ?? [];
    list.push(output);
    this.displays.set(id, list);
  }

  private update(content: Record<string, unknown>): void {
    const id = displayId(content);
    for (const output of (id !== undefined && this.displays.get(id)) || []) {
      output.data = toNbformatBundle(content.data);
      output.metadata = toMetadata(content.metadata);
    }
  }
}

function displayId(content: Record<string, unknown>): string | undefined {
  const transient = content.transient as { display_id?: unknown } | undefined;
  return typeof transient?.display_id === 'string' ? transient.display_id : undefined;
}

function toMetadata(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

const ERROR_LINE = /^(?:Uncaught )?([A-Za-z_$][\w$]*(?:Error|Exception)|Error)(?: \[[\w-]+\])?: (.*)$/;
const DIAGNOSTIC_LINE = /^(?:\S+ )?\d+:\d+ - /;

/**
 * Describes why a cell failed. tslab reports both type errors (`3:7 - Type 'string' is not
 * assignable to type 'number'.`) and runtime errors (the thrown error and its stack) on stderr, with
 * an `error` execute_reply and no `error` message; kernels that send one are used as they are.
 */
export function describeFailure(outputs: readonly Output[]): ErrorOutput {
  const reported = outputs.find((output): output is ErrorOutput => output.output_type === 'error');
  if (reported) return reported;
  const stderr = outputs
    .filter((output) => output.output_type === 'stream' && output.name === 'stderr')
    .map((output) => sourceText((output as { text: string | string[] }).text))
    .join('');
  const lines = stripAnsi(stderr)
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');
  const diagnostics = lines.filter((line) => DIAGNOSTIC_LINE.test(line));
  if (diagnostics.length > 0) {
    return { output_type: 'error', ename: 'TypeScript', evalue: diagnostics.join('\n'), traceback: diagnostics };
  }
  for (const line of lines) {
    const match = ERROR_LINE.exec(line);
    if (match) return { output_type: 'error', ename: match[1], evalue: match[2], traceback: [line] };
  }
  const last = lines[lines.length - 1] ?? 'the cell failed without a message';
  return { output_type: 'error', ename: 'Error', evalue: last, traceback: [last] };
}

/** Removes ANSI colour codes from terminal text. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}
