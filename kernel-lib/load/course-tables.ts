import { basename } from 'node:path';
import { ident, type Duck } from '../duck/connection';
import { courseFilePrefix, type CourseKey } from '../drop/course-key';
import type { CourseFiles, Snapshot } from '../drop/snapshots';
import { InputError } from '../util/errors';
import { loadCourseContent } from './course-content';
import { loadCourseStructure } from './course-structure';
import { loadForum, type ForumLoadReport } from './forum';
import { TABLE_SCHEMAS } from './table-schemas';
import { createMainView, loadedTable, loadTsvTable, type TableLoadReport } from './tables';

export const DEFAULT_REQUIRED_TABLES = ['student_courseenrollment'];

/** What loadCourseTables read. */
export interface CourseTablesReport {
  tables: TableLoadReport[];
  forum: ForumLoadReport;
  courseStructureRows: number;
}

/**
 * Loads a course run's snapshot files into DuckDB: one table per `.sql` export (typed, by header
 * name), `forum`, `course_structure`, `course_content` (questions, choices and videos from the
 * OLX export). Missing optional tables are created empty (edX omits a file when its table has no
 * rows) with a warning (pushed onto `warnings`); a missing required table is an InputError.
 * `lap` marks the end of the tables, then of the forum and course structure.
 */
export async function loadCourseTables(
  duck: Duck,
  run: { course: CourseKey; snapshot: Snapshot; files: CourseFiles },
  options: { skipBadLines?: boolean; requiredTables?: string[] },
  warnings: string[],
  lap: (phase: string) => void
): Promise<CourseTablesReport> {
  const { course, snapshot, files } = run;
  const tables: TableLoadReport[] = [];
  const required = options.requiredTables ?? DEFAULT_REQUIRED_TABLES;
  for (const schema of TABLE_SCHEMAS) {
    const path = files.tables.get(schema.table);
    if (path) {
      const report = await loadTsvTable(duck, schema.table, path, { skipBadLines: options.skipBadLines });
      tables.push(report);
      if (report.skipped.length) warnings.push(`${basename(path)}: skipped ${report.skipped.length} bad row(s)`);
      continue;
    }
    const expected = `${snapshot.dir}/${courseFilePrefix(course)}-${schema.table}-prod-analytics.sql`;
    if (required.includes(schema.table)) throw new InputError('missing table file', { file: expected });
    const cols = schema.columns.filter((c) => !(schema.table === 'user_id_map' && c.name === 'user_id'));
    await duck.run(
      `CREATE OR REPLACE TABLE ${loadedTable(schema.table)} (${cols.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`
    );
    await createMainView(duck, schema.table);
    warnings.push(`no ${schema.table} export for the course in snapshot ${snapshot.date}: the table is empty`);
  }
  lap('tables');
  const forum = await loadForum(duck, files.forum, { skipBadLines: options.skipBadLines });
  if (!files.forum) warnings.push('no forum (.mongo) export for the course: forum tables are empty');
  else if (forum.skipped.length) warnings.push(`${basename(files.forum)}: skipped ${forum.skipped.length} bad line(s)`);
  const structure = await loadCourseStructure(duck, files.courseStructure);
  const content = await loadCourseContent(duck, files.olx, course);
  if (content.warning) warnings.push(content.warning);
  lap('forum and course structure');
  return { tables, forum, courseStructureRows: structure.rows };
}
