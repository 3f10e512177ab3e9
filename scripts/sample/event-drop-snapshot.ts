/**
 * The snapshot folder of a benchmark drop: the course of interest's tables, forum dump, course
 * structure, OLX and email opt-in, built from the merged state of all parts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { filePrefix } from './courses';
import { courseOlxTarGz, courseStructureJson } from './course-structure';
import { emailOptInCsv } from './email-opt-in';
import type { Enrollment } from './enrollments';
import { type BenchCourse, type PartResult, forumFromData } from './event-drop-part';
import { mongoDump } from './forum-dump';
import { Ledger, mergeLatest } from './ledger';
import { type Person, makePerson } from './people';
import { Rng } from './prng';
import { snapshotTables } from './tables';
import { US_PER_DAY, US_PER_SECOND, dayStartUs } from './time';

/**
 * Writes the snapshot of a course into `dir`: the course of interest's, or another course's (with
 * `parts` that hold no studentmodule or forum state of it, and `emailOptIn` false: the org's
 * opt-in file is the course of interest's).
 */
export async function writeBenchSnapshot(
  dir: string,
  c: BenchCourse,
  parts: readonly PartResult[],
  day: string,
  seed: number,
  emailOptIn = true
): Promise<void> {
  const rng = new Rng(seed).fork('snapshot');
  const cutoffUs = dayStartUs(day);
  const ledger = new Ledger(false);
  for (const part of parts) mergeLatest(ledger, part.ledger);
  const forum = forumFromData(
    parts.flatMap((p) => p.forum),
    c.course
  );
  const people = new Map<number, Person>();
  const enrollments: Enrollment[] = [];
  for (let k = 0; k < c.learners; k++) {
    const id = c.firstUserId + k;
    const person = makePerson(id, rng.fork('person', id));
    person.username = `learner${id}`;
    people.set(id, person);
    const created = dayStartUs(c.course.start) - ((k % 30) + 1) * US_PER_DAY + (k % 86_000) * US_PER_SECOND;
    enrollments.push({
      id: 5_000_000 + k,
      userId: id,
      course: c.course,
      createdUs: created,
      changes: [{ us: created, isActive: true, mode: k % 3 ? 'audit' : 'verified', event: null }]
    });
  }
  const moduleIds = new Map<object, number>();
  ledger
    .all()
    .slice()
    .sort((a, b) => a.createdUs - b.createdUs || a.userId - b.userId || (a.moduleId < b.moduleId ? -1 : 1))
    .forEach((r, i) => {
      moduleIds.set(r, 9_000_001 + i);
    });
  await mkdir(dir, { recursive: true });
  const prefix = join(dir, filePrefix(c.course));
  const tables = snapshotTables({
    course: c.course,
    outline: c.outline,
    people,
    enrollments,
    ledger,
    moduleIds,
    wiki: [],
    teams: [],
    day,
    cutoffUs,
    certificates: false
  });
  for (const [table, text] of tables) await writeFile(`${prefix}-${table}-prod-analytics.sql`, text);
  await writeFile(`${prefix}-prod.mongo`, mongoDump(forum, c.course, cutoffUs));
  await writeFile(`${prefix}-course_structure-prod-analytics.json`, courseStructureJson(c.outline));
  await writeFile(`${prefix}-course-prod-analytics.xml.tar.gz`, courseOlxTarGz(c.outline, cutoffUs / US_PER_SECOND));
  if (emailOptIn)
    await writeFile(
      join(dir, `${c.course.org}-email_opt_in-prod-analytics.csv`),
      emailOptInCsv(people, enrollments, [c.course], cutoffUs)
    );
}
