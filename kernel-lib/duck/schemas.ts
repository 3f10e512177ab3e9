import type { Duck } from './connection';

/**
 * The DuckDB schemas of an opened course run. Users see `main` (SHOW TABLES, `.tables`, a query
 * without a schema); the others are reached only by naming them, so that an unqualified query can
 * neither meet a learner's name nor depend on the loader's bookkeeping:
 * - `main`: the documented tables and views (the `.sql` exports that are not personal, `forum`,
 *   `course_structure`, `course_content`, `events`; see docs/exploring.md). An export with some
 *   personal-data columns (load/table-schemas.ts splitTable) is a view of its exportable columns;
 * - `samced`: the SAMCED tables computed by the families (aggregates/), as written to the outputs;
 * - `personal`: tables that are personal data as a whole (TableSchema.personal: `auth_user`,
 *   `user_id_map`), the whole split exports (`auth_userprofile`, `certificates_generatedcertificate`,
 *   `wiki_articlerevision`: names, addresses, certificate links, IP addresses) and `event_lines`,
 *   the raw log lines (usernames, IP addresses, user agents). Loaded because exports and joins need
 *   them; read only as `personal.<table>` (asked by name);
 * - `internal`: the loader's own tables (`cut_files`, `event_line_copies`, `store_files`,
 *   `cut_valid_<n>`), not for analysis: their shape changes without notice.
 */
export const SCHEMAS = { main: 'main', samced: 'samced', personal: 'personal', internal: 'internal' } as const;

/** Creates the `personal` and `internal` schemas (idempotent; `samced` is made by the families' scheduler). */
export async function createRunSchemas(duck: Duck): Promise<void> {
  await duck.run('CREATE SCHEMA IF NOT EXISTS personal; CREATE SCHEMA IF NOT EXISTS internal');
}
