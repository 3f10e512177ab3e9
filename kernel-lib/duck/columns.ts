// How output columns are documented: shared by the loaded tables (load/) and the computed ones (aggregates/).

/** SQLite/CSV type of an output column. */
export type OutputType = 'INTEGER' | 'REAL' | 'TEXT';

/**
 * What the privacy rules do with a column (see output/pseudonymise.ts; the data dictionary states the
 * rule of every column). Absent: written as is in every build.
 * - `user-id`, `profile-id`, `row-id`: a per-learner identifier, written as is, but replaced by a
 *   keyed hash (HMAC with the secret) in pseudonymised outputs;
 * - `free-text`: free text a learner typed, left out of every output unless the free-text option;
 * - `free-text-if-pseudonymised`: free text written by default (as the original toolkit did), left
 *   out of pseudonymised outputs unless the free-text option;
 * - `answers`: problem answers; in pseudonymised outputs without the free-text option, an answer
 *   that is not a choice id or a number is replaced by FREE_TEXT_MARK.
 */
export type ColumnPrivacy =
  | 'user-id'
  | 'profile-id'
  | 'row-id'
  | 'free-text'
  | 'free-text-if-pseudonymised'
  | 'answers';

/** One documented output column. `name` may be a pattern (e.g. `date_<YYYYMMDD>`) for generated columns. */
export interface OutputColumn {
  name: string;
  type: OutputType;
  doc: string;
  /** Privacy rule; columns named as user ids (USER_ID_COLUMNS) are `user-id` without saying so. */
  privacy?: ColumnPrivacy;
}
