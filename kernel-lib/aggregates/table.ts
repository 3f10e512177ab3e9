import type { Duck } from '../duck/connection';
import type { CourseKey } from '../drop/course-key';

export type { ColumnPrivacy, OutputColumn, OutputType } from '../duck/columns';
import type { OutputColumn } from '../duck/columns';

/**
 * One SAMCED table: computed into the DuckDB schema `samced` by its family's module, then written
 * to SQLite and CSV by the writers. `columns` documents every column (patterns for generated ones);
 * `orderBy` fixes the row order of the outputs.
 *
 * @example
 * const tables = await computeTables(run, 'video');
 * tables.map((t) => `${t.name}: ${t.columns.length} columns`);
 */
export interface SamcedTable {
  name: string;
  family: string;
  doc: string;
  columns: OutputColumn[];
  orderBy: string[];
  /** Behaviour of the original toolkit that samced changes on purpose (bug fixes), for the dictionary. */
  fixes?: string[];
}

/** What every table family receives. */
export interface BuildContext {
  duck: Duck;
  course: CourseKey;
  /** Inclusive date window `YYYY-MM-DD`. */
  start: string;
  end: string;
  options: AggregateOptions;
  /**
   * Resolves once the named family's tables exist (computeSamcedTables computing families at
   * once: a family of the other lane); rejects if that family failed. Absent when families run one
   * after another in order.
   */
  after?: (family: string) => Promise<void>;
}

/**
 * Options of the computed tables (all have defaults, see DEFAULT_AGGREGATE_OPTIONS).
 *
 * @example
 * await computeTables(run, 'surveys', { surveys: { match: 'contains', pre: ['pre survey'], post: ['post survey'] } });
 * await computeTables(run, 'video_watch', { completionThreshold: 0.9 });
 */
export interface AggregateOptions {
  /** How survey problems are recognised by `context.module.display_name`. */
  surveys: {
    /** `exact`: display name equals one of the names (SAMCED); `contains`: lower-cased name contains every word (the CSV script). */
    match: 'exact' | 'contains';
    pre: string[];
    post: string[];
  };
  /**
   * Share of a video a learner must watch (distinct seconds / duration) for video_watch.completed;
   * also the share in the "complete end" point max(duration - endSlackSeconds, share x duration).
   * Above 0, at most 1. Default 0.95.
   */
  completionThreshold?: number;
  /** Seconds of closing credits the "complete end" point (video_watch.reached_end) may skip. Default 30. */
  endSlackSeconds?: number;
  /**
   * Write the free text learners typed (`free-text` columns; in pseudonymised outputs also the
   * `free-text-if-pseudonymised` columns and free-text answers). It may name or describe a person:
   * default false, and a build warns when it is true.
   */
  freeText?: boolean;
}

/**
 * The defaults of AggregateOptions (as the original SAMCED scripts named the surveys).
 *
 * @example
 * DEFAULT_AGGREGATE_OPTIONS.surveys; // { match: 'exact', pre: ['Pre-course survey'], post: ['Post-survey'] }
 */
export const DEFAULT_AGGREGATE_OPTIONS: AggregateOptions = {
  surveys: { match: 'exact', pre: ['Pre-course survey'], post: ['Post-survey'] },
  completionThreshold: 0.95,
  endSlackSeconds: 30,
  freeText: false
};

/**
 * A temp table of the events that several families read (made once instead of once per family).
 * Declared by the families that read it (TableFamily.extracts); the scheduler (compute.ts) makes it
 * afresh on the connection that runs them, before the first of them, in every computation: so an
 * extract never outlives the events it was made from.
 */
export interface SharedExtract {
  /** The temp table's name. */
  name: string;
  /** (Re)creates the temp table from the `events` view (CREATE OR REPLACE TEMP TABLE). */
  create(duck: Duck): Promise<void>;
}

/** A family of tables: one module under kernel-lib/aggregates/. */
export interface TableFamily {
  family: string;
  /** Families whose tables this one reads (computed first, see compute.ts computeTables). */
  needs?: string[];
  /** Temp tables of the events it reads that other families read too. */
  extracts?: SharedExtract[];
  /** Creates its tables in schema `samced` and returns their descriptions. */
  build(ctx: BuildContext): Promise<SamcedTable[]>;
}
