import type { ParameterValue } from './parameters';

/**
 * What the runner records about one execution, stored as `metadata.samced` of the executed
 * notebook and shown in the report header. Times appear only here, never in cell outputs.
 */
export interface RunRecord {
  /** The notebook's path relative to the project root (or as given when outside it). */
  notebook: string;
  /** SHA-256 (hex) of the notebook file as read, before parameters were injected. */
  notebookSha256: string;
  /** The parameters given (after type conversion); secret values are `<redacted>` (see parameters.ts). */
  parameters: Record<string, ParameterValue>;
  status: 'ok' | 'failed';
  /** Why the run failed: the 1-based cell number in the input notebook (null when no cell ran). */
  failure?: { cell: number | null; message: string };
  /** ISO timestamps from the effects clock. */
  started: string;
  finished: string;
  versions: { samced: string; node: string; tslab: string; typescript: string };
  /** Wall-clock milliseconds: kernel start and each executed code cell (in execution order). */
  timings: { kernelStartMs: number; cellMs: number[] };
  /** Whatever the provenance hook returned (data hashes, drop names, ...). */
  provenance: Record<string, unknown>;
}
