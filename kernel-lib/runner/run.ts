import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageVersion, projectRoot } from '../util/paths';
import { writeFileAtomic } from '../util/atomic';
import { withDefaults, type Effects } from '../util/effects';
import { InputError } from '../util/errors';
import { describeFailure, OutputCollector } from './cell-outputs';
import { KernelClient, KernelDiedError, KernelTimeoutError } from './kernel-client';
import { ensureKernelInstalled, kernelCommand, KERNEL_DISPLAY_NAME, KERNEL_NAME } from './kernel-spec';
import {
  readNotebook,
  serializeNotebook,
  sourceText,
  type Cell,
  type CodeCell,
  type ErrorOutput,
  type Notebook
} from './notebook-format';
import { prepareParameters, splitDeclared, type ParameterValue } from './parameters';
import { renderReport, shareNotebookPlotlyBundles } from './report';
import { countChartDivs, writePlotlyBundle } from '../display/plotly-html';
import type { RunRecord } from './run-record';
import { kernelVersions } from './versions';
import { DEFAULT_JOBS, mapInParallel } from '../util/parallel';

/** What a provenance hook gets. */
export interface ProvenanceContext {
  /** Absolute path of the notebook. */
  notebook: string;
  /** The parameters as recorded: secret values are `<redacted>`. */
  parameters: Record<string, ParameterValue>;
  root: string;
}

/** Adds entries (e.g. data file hashes) to the run record; called once per notebook before it runs. */
export type ProvenanceHook = (context: ProvenanceContext) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** Options of {@link runNotebook} and {@link runNotebooks}. */
export interface RunNotebookOptions {
  /** Folder for the executed .ipynb and the .html report (created if missing). */
  outDir: string;
  /**
   * Values for the `let` declarations of the cell tagged `parameters`. Secrets (see
   * isSecretParameter in parameters.ts) reach the kernel through its environment and are
   * recorded as `<redacted>`: never written to the executed notebook, the report or the log.
   */
  parameters?: Record<string, ParameterValue>;
  /** Parameter names to treat as secrets besides those the name rule finds (e.g. values read from a file). */
  secretParameters?: string[];
  /**
   * Skip (with a warning) parameters a notebook does not declare instead of failing with an
   * InputError; for running many notebooks with one set of values (default false).
   */
  skipUndeclared?: boolean;
  /** Project root (default: projectRoot()). */
  root?: string;
  /** Per-cell time limit; the kernel is killed when a cell exceeds it (default 600 000 ms). */
  cellTimeoutMs?: number;
  /** Time allowed for the kernel to start (default 60 000 ms). */
  startTimeoutMs?: number;
  /** Extra provenance for the run record. */
  provenance?: ProvenanceHook;
  /**
   * Keep the plotly.js bundle inside the executed .ipynb and the .html (about 4.8 MB each), so each
   * file stands alone. Default false: the folder gets one `plotly.min.js` that both load by a
   * relative <script src>, however many notebooks run into it.
   */
  selfContained?: boolean;
  /** The kernel command without `--config-path` (default: the project kernelspec's launcher). */
  kernelCommand?: string[];
  effects?: Partial<Effects>;
}

/** The outcome of one notebook. */
export interface NotebookRunResult {
  /** Absolute path of the input notebook. */
  notebook: string;
  status: 'ok' | 'failed';
  /** `cell N: message` when failed. */
  failure?: { cell: number | null; message: string };
  executedPath: string;
  reportPath: string;
  record: RunRecord;
  executed: Notebook;
}

/** Every `notebooks/*.ipynb` of the project, in name order. */
export async function projectNotebooks(root: string = projectRoot()): Promise<string[]> {
  const dir = join(root, 'notebooks');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.ipynb')).sort();
  return names.map((name) => join(dir, name));
}

function clearOutputs(cell: Cell): void {
  if (cell.cell_type !== 'code') return;
  cell.outputs = [];
  cell.execution_count = null;
}

function failureMessage(error: ErrorOutput): string {
  return error.ename === 'TypeScript' ? `type error: ${error.evalue}` : `${error.ename}: ${error.evalue}`;
}

/**
 * Runs the non-empty code cells of `notebook` in order, filling in their outputs and execution
 * counts, until one fails. Returns the failure (cell number in the input notebook, message) or
 * undefined; pushes each cell's wall-clock milliseconds onto `cellMs`.
 */
async function executeCells(
  kernel: KernelClient,
  notebook: Notebook,
  original: Map<Cell, number>,
  timeoutMs: number,
  cellMs: number[],
  progress: (message: string) => void
): Promise<{ cell: number | null; message: string } | undefined> {
  const collector = new OutputCollector();
  const cells = notebook.cells.filter(
    (cell): cell is CodeCell => cell.cell_type === 'code' && sourceText(cell.source).trim() !== ''
  );
  for (const [index, cell] of cells.entries()) {
    const label = original.has(cell) ? `cell ${original.get(cell)}` : 'injected-parameters cell';
    const fail = (error: ErrorOutput) => ({
      cell: original.get(cell) ?? null,
      message: `${label}: ${failureMessage(error)}`
    });
    progress(`${label} (${index + 1}/${cells.length})`);
    const started = performance.now();
    try {
      const outcome = await kernel.execute(sourceText(cell.source), { timeoutMs });
      cell.execution_count = outcome.executionCount ?? index + 1;
      cell.outputs = collector.outputsFor(outcome.messages, cell.execution_count);
      if (outcome.status !== 'ok') {
        const error = describeFailure(cell.outputs);
        if (!cell.outputs.includes(error)) cell.outputs.push(error);
        return fail(error);
      }
    } catch (error) {
      if (!(error instanceof KernelTimeoutError || error instanceof KernelDiedError)) throw error;
      const ename = error instanceof KernelTimeoutError ? 'Timeout' : 'KernelDied';
      const output: ErrorOutput = {
        output_type: 'error',
        ename,
        evalue: error.message,
        traceback: [`${ename}: ${error.message}`]
      };
      cell.outputs = [...collector.outputsFor(error.messages, null), output];
      return fail(output);
    } finally {
      cellMs.push(Math.round(performance.now() - started));
    }
  }
  return undefined;
}

/**
 * Executes one notebook in a fresh tslab kernel (working directory: the notebook's folder):
 * injects parameters, runs every code cell in order, stops at the first failing cell (runtime
 * error, TypeScript error or timeout), and writes `<outDir>/<name>.ipynb` (outputs in nbformat
 * shape, execution counts, run record in metadata.samced) and `<outDir>/<name>.html` atomically,
 * also when a cell failed. Resolves with status 'failed' rather than throwing for cell failures;
 * throws InputError for an unreadable notebook or bad parameters.
 */
export async function runNotebook(file: string, options: RunNotebookOptions): Promise<NotebookRunResult> {
  const { logger, clock } = withDefaults(options.effects);
  const root = options.root ?? projectRoot();
  const notebookPath = resolve(file);
  const name = basename(notebookPath, extname(notebookPath));
  const executedPath = resolve(options.outDir, name + '.ipynb');
  const reportPath = resolve(options.outDir, name + '.html');
  if (executedPath === notebookPath)
    throw new InputError('the output folder is the notebook folder; the executed copy would replace it', { file });
  const { notebook: input, bytes } = await readNotebook(notebookPath);
  let parameters = options.parameters ?? {};
  if (options.skipUndeclared) {
    const { declared, ignored } = splitDeclared(input, parameters);
    if (ignored.length > 0) logger.warn(`${file}: does not declare ${ignored.join(', ')}; not set`);
    parameters = declared;
  }
  const original = new Map<Cell, number>(input.cells.map((cell, index) => [cell, index + 1]));
  const {
    notebook: executed,
    environment: secrets,
    recorded
  } = prepareParameters(input, parameters, file, options.secretParameters);
  executed.cells.forEach(clearOutputs);
  const shown = relative(root, notebookPath).startsWith('..') ? notebookPath : relative(root, notebookPath);

  const started = clock.now();
  const provenance = options.provenance
    ? await options.provenance({ notebook: notebookPath, parameters: recorded, root })
    : {};
  const timings = { kernelStartMs: 0, cellMs: [] as number[] };
  let failure: { cell: number | null; message: string } | undefined;
  let kernelInfo: Record<string, unknown> = {};
  let command = options.kernelCommand;
  if (!command) {
    await ensureKernelInstalled(root);
    command = kernelCommand(root);
  }
  const startedAt = performance.now();
  let kernel: KernelClient | undefined;
  try {
    kernel = await KernelClient.start({
      cwd: dirname(notebookPath),
      command,
      // secret parameters go in the kernel's environment only; the injected cell reads and removes them
      env: { ...process.env, SAMCED_ROOT: root, ...secrets },
      startTimeoutMs: options.startTimeoutMs
    });
    kernelInfo = kernel.kernelInfo;
  } catch (error) {
    failure = { cell: null, message: 'kernel did not start: ' + (error as Error).message };
  }
  timings.kernelStartMs = Math.round(performance.now() - startedAt);

  if (kernel) {
    try {
      failure = await executeCells(
        kernel,
        executed,
        original,
        options.cellTimeoutMs ?? 600_000,
        timings.cellMs,
        (message) => logger.progress(`${shown}: ${message}`)
      );
    } finally {
      await kernel.shutdown();
    }
  }
  logger.progress('');

  const record: RunRecord = {
    notebook: shown,
    notebookSha256: createHash('sha256').update(bytes).digest('hex'),
    parameters: recorded,
    status: failure ? 'failed' : 'ok',
    ...(failure ? { failure } : {}),
    started: started.toISOString(),
    finished: clock.now().toISOString(),
    versions: { samced: packageVersion(root), ...kernelVersions(root) },
    timings,
    provenance
  };
  executed.metadata = {
    ...executed.metadata,
    kernelspec: { name: KERNEL_NAME, display_name: KERNEL_DISPLAY_NAME, language: 'typescript' },
    ...(kernelInfo.language_info ? { language_info: kernelInfo.language_info } : {}),
    samced: record
  };
  const plotly = options.selfContained ? 'inline' : 'shared';
  const shared = plotly === 'shared' ? shareNotebookPlotlyBundles(executed, root) : 0;
  const report = renderReport(executed, { root, plotly });
  // the shared copy first, so that no finished report or notebook lacks it
  if (plotly === 'shared' && (shared > 0 || countChartDivs(report) > 0)) await writePlotlyBundle(options.outDir, root);
  await writeFileAtomic(executedPath, serializeNotebook(executed));
  await writeFileAtomic(reportPath, report);
  if (failure) logger.warn(`${shown} failed at ${failure.message}`);
  else
    logger.info(
      `${shown}: ${codeCellCount(executed)} code cells ran in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`
    );
  return {
    notebook: notebookPath,
    status: record.status,
    ...(failure ? { failure } : {}),
    executedPath,
    reportPath,
    record,
    executed
  };
}

function codeCellCount(notebook: Notebook): number {
  return notebook.cells.filter((cell) => cell.cell_type === 'code' && cell.execution_count !== null).length;
}

/**
 * Runs notebooks into the same folder, `jobs` kernels at a time (default DEFAULT_JOBS); the results
 * in the files' order. A failed notebook does not stop the others.
 */
export async function runNotebooks(
  files: readonly string[],
  options: RunNotebookOptions & { jobs?: number }
): Promise<NotebookRunResult[]> {
  return mapInParallel(files, options.jobs ?? DEFAULT_JOBS, (file) => runNotebook(file, options));
}
