import type { Duck } from '../duck/connection';
import type { CourseKey } from '../drop/course-key';

/** SQLite/CSV type of an output column. */
export type OutputType = 'INTEGER' | 'REAL' | 'TEXT';

/**
 * What the privacy rules do with a column (see samced/pseudonymise.ts; the data dictionary states the
 * rule of every column). Absent: written as is in every build.
 * - `user-id`, `profile-id`, `row-id`: a per-learner identifier, written as is, but replaced by a
 *   keyed hash (HMAC with the secret) in pseudonymised outputs;
 * - `free-text`: free text a learner typed, left out of every output unless the free-text option;
 * - `free-text-if-pseudonymised`: free text written by default (as the original toolkit did), left
 *   out of pseudonymised outputs unless the free-text option;
 * - `answers`: problem answers; in pseudonymised outputs without the free-text option, an answer
 *   that is not a choice id or a number is replaced by FREE_TEXT_MARK.
 */
export type ColumnPrivacy = 'user-id' | 'profile-id' | 'row-id' | 'free-text' | 'free-text-if-pseudonymised' | 'answers';

/** One documented output column. `name` may be a pattern (e.g. `date_<YYYYMMDD>`) for generated columns. */
export interface OutputColumn {
  name: string;
  type: OutputType;
  doc: string;
  /** Privacy rule; columns named as user ids (USER_ID_COLUMNS) are `user-id` without saying so. */
  privacy?: ColumnPrivacy;
}

/**
 * One SAMCED table: computed into the DuckDB schema `samced` by its family's module, then written
 * to SQLite and CSV by the writers. `columns` documents every column (patterns for generated ones);
 * `orderBy` fixes the row order of the outputs.
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

/** Options of the computed tables (all have defaults, see DEFAULT_AGGREGATE_OPTIONS). */
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

export const DEFAULT_AGGREGATE_OPTIONS: AggregateOptions = {
  surveys: { match: 'exact', pre: ['Pre-course survey'], post: ['Post-survey'] },
  completionThreshold: 0.95,
  endSlackSeconds: 30,
  freeText: false
};

/** A family of tables: one module under kernel-lib/aggregates/. */
export interface TableFamily {
  family: string;
  /** Creates its tables in schema `samced` and returns their descriptions. */
  build(ctx: BuildContext): Promise<SamcedTable[]>;
}
