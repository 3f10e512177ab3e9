import { readFile } from 'node:fs/promises';
import { InputError } from '../util/errors';

/** nbformat 4 "multiline string": one string or a list of lines that keep their '\n'. */
export type MultilineString = string | string[];

/** A MIME bundle: text types as multiline strings, JSON types as values. */
export type MimeBundle = Record<string, unknown>;

export interface StreamOutput {
  output_type: 'stream';
  name: 'stdout' | 'stderr';
  text: MultilineString;
}

export interface DisplayDataOutput {
  output_type: 'display_data';
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface ExecuteResultOutput {
  output_type: 'execute_result';
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface ErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback: string[];
}

export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CellMetadata {
  tags?: string[];
  [key: string]: unknown;
}

export interface CodeCell {
  cell_type: 'code';
  id?: string;
  metadata: CellMetadata;
  source: MultilineString;
  outputs: Output[];
  execution_count: number | null;
}

export interface TextCell {
  cell_type: 'markdown' | 'raw';
  id?: string;
  metadata: CellMetadata;
  source: MultilineString;
  attachments?: Record<string, MimeBundle>;
}

export type Cell = CodeCell | TextCell;

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** Joins a multiline string. */
export function sourceText(source: MultilineString | undefined): string {
  if (source === undefined) return '';
  return Array.isArray(source) ? source.join('') : source;
}

/** Splits text into lines that keep their '\n', as Jupyter writes them. */
export function toMultiline(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Whether a cell carries `tag` in metadata.tags. */
export function hasTag(cell: Cell, tag: string): boolean {
  return Array.isArray(cell.metadata?.tags) && cell.metadata.tags.includes(tag);
}

/** Parses .ipynb text (nbformat 4); throws InputError naming `file` when it is not one. */
export function parseNotebook(text: string, file: string): Notebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError('not a notebook: ' + (error as Error).message, { file });
  }
  const notebook = value as Partial<Notebook>;
  if (typeof value !== 'object' || value === null || notebook.nbformat !== 4 || !Array.isArray(notebook.cells)) {
    throw new InputError('not an nbformat 4 notebook (nbformat must be 4 with a cells list)', { file });
  }
  notebook.cells.forEach((cell, index) => {
    if (!cell || !['code', 'markdown', 'raw'].includes((cell as Cell).cell_type)) {
      throw new InputError(`cell ${index + 1} has no valid cell_type`, { file });
    }
    cell.metadata ??= {};
  });
  return {
    nbformat: 4,
    nbformat_minor: notebook.nbformat_minor ?? 4,
    metadata: notebook.metadata ?? {},
    cells: notebook.cells
  };
}

/** Reads and parses a notebook, returning the raw bytes too (for hashing). */
export async function readNotebook(file: string): Promise<{ notebook: Notebook; bytes: Buffer }> {
  const bytes = await readFile(file);
  return { notebook: parseNotebook(bytes.toString('utf8'), file), bytes };
}

/** Serialises a notebook the way Jupyter does (one-space indent, trailing newline). */
export function serializeNotebook(notebook: Notebook): string {
  return JSON.stringify(notebook, null, 1) + '\n';
}
