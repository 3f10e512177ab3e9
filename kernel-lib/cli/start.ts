import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './command';
import { buildSamced, defaultOutName } from '../output/build';
import { projectRoot } from '../util/paths';
import { sampleCourseRun } from '../drop/sample';
import { ensureKernelInstalled } from '../runner/kernel-spec';
import { dropProvenance } from '../runner/provenance';
import { projectNotebooks, runNotebook, type NotebookRunResult } from '../runner/run';
import { hasTag, readNotebook, sourceText } from '../runner/notebook-format';
import { declaredParameters, PARAMETERS_TAG, type ParameterValue } from '../runner/parameters';
import { defaultOutDir } from './run';
import { DEFAULT_JOBS, mapInParallel } from '../util/parallel';

/** True when the notebook's parameters cell declares `name` with `let`. */
async function declaresParameter(file: string, name: string): Promise<boolean> {
  const { notebook } = await readNotebook(file);
  const cell = notebook.cells.find((c) => c.cell_type === 'code' && hasTag(c, PARAMETERS_TAG));
  return cell ? declaredParameters(sourceText(cell.source)).get(name)?.keyword === 'let' : false;
}

export const startCommand: Command = {
  name: 'start',
  summary: 'run the main job on the embedded sample drop (what `npm start` runs)',
  help: `usage: samced start [--out <dir>] [--reports <dir>] [--no-notebooks] [--self-contained]

Builds the SAMCED output of the sample course run course-v1:SamcedX+DATA101+1T2026
(2025-12-15 to 2026-02-08) from the embedded sample drop in data/sample-drop, reading its one
encrypted day with the committed DEMO key, into out/ (or --out), reading the logs (the sample
is small: no event store). Then installs the project's tslab
kernelspec if needed and runs every notebook in notebooks/ headless on the sample (one fresh
kernel each) into reports/<UTC timestamp>/: the executed notebooks, their HTML reports, and
under outputs/ the files the notebooks write. Prints one line per notebook, then the reports
folder, then the SAMCED output folder last. Exit status 1 when a notebook failed.

  --out <dir>       parent folder for the SAMCED output (default: <project>/out)
  --reports <dir>   folder for the notebook reports (default: <project>/reports/<UTC timestamp>)
  --no-notebooks    build the SAMCED output only
  --self-contained  keep plotly.js inside every report and notebook with charts instead of one
                    plotly.min.js in the reports folder (see samced run --help)
`,
  async run(args, effects) {
    const { values } = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        reports: { type: 'string' },
        'no-notebooks': { type: 'boolean' },
        'self-contained': { type: 'boolean' }
      }
    });
    const root = projectRoot();
    const sample = sampleCourseRun(root);
    const parent = values.out ?? join(root, 'out');
    const out = join(parent, defaultOutName(sample, effects.clock.now()));
    effects.logger.info(
      `building the sample course run ${sample.org}/${sample.course}/${sample.run} from ${sample.data}`
    );
    const result = await buildSamced({ ...sample, out }, effects);
    effects.logger.info(
      `SAMCED: ${result.tables.length} tables, ${result.tables.reduce((n, t) => n + t.rows, 0)} rows`
    );
    let status = 0;
    if (!values['no-notebooks']) {
      await ensureKernelInstalled(root);
      const reports = values.reports ? resolve(values.reports) : defaultOutDir(root, effects.clock);
      const notebooks = await projectNotebooks(root);
      effects.logger.info(`running ${notebooks.length} notebooks on the sample into ${reports}`);
      const outputs = join(reports, 'outputs');
      const results: NotebookRunResult[] = await mapInParallel(notebooks, DEFAULT_JOBS, async (notebook) => {
        // Notebooks that write files (decrypted copies, exports, SAMCED) write them next to the reports.
        const parameters: Record<string, ParameterValue> = (await declaresParameter(notebook, 'outDir'))
          ? { outDir: outputs }
          : {};
        return runNotebook(notebook, {
          outDir: reports,
          root,
          parameters,
          provenance: dropProvenance(),
          selfContained: values['self-contained'],
          effects
        });
      });
      const shown = (path: string) =>
        relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path);
      for (const run of results) {
        process.stdout.write(
          `${run.status === 'ok' ? 'ok    ' : 'FAILED'} ${shown(run.reportPath)}${run.failure ? '  ' + run.failure.message : ''}\n`
        );
      }
      process.stdout.write(`reports: ${reports}\n`);
      if (results.some((run) => run.status !== 'ok')) status = 1;
    }
    process.stdout.write(result.outDir + '\n');
    return status;
  }
};
