/**
 * What courseware_studentmodule would hold: one record per (course, learner, block) with the
 * history of its state, so each snapshot can show the state as of its own date. Event
 * generators "touch" a module whenever their events would have changed it.
 */
import { type PyFloat, RawJson, pyDumps, pyFloat } from './python-json';

export interface ModuleVersion {
  us: number;
  /** The state JSON (kept serialised when the ledger keeps no history). */
  state: Record<string, unknown> | RawJson;
  grade: PyFloat | null;
  maxGrade: PyFloat | null;
}

export interface ModuleRecord {
  courseId: string;
  userId: number;
  moduleType: string;
  moduleId: string;
  createdUs: number;
  /** Versions in time order (only the latest when the ledger keeps no history). */
  versions: ModuleVersion[];
}

/** A module as of a date (one studentmodule row). */
export interface ModuleRow {
  record: ModuleRecord;
  version: ModuleVersion;
}

export class Ledger {
  private readonly records = new Map<string, ModuleRecord>();

  /** @param keepHistory false keeps only the latest version, serialised (small memory for big drops). */
  constructor(private readonly keepHistory = true) {}

  /** Records that `moduleId` of `userId` in `courseId` has `state` (and grades) from `us` on. */
  touch(
    courseId: string,
    userId: number,
    moduleType: string,
    moduleId: string,
    us: number,
    state: Record<string, unknown>,
    grade: PyFloat | null = null,
    maxGrade: PyFloat | null = null
  ): void {
    const key = courseId + '\n' + userId + '\n' + moduleId;
    let record = this.records.get(key);
    if (!record) {
      record = { courseId, userId, moduleType, moduleId, createdUs: us, versions: [] };
      this.records.set(key, record);
    }
    if (this.keepHistory) record.versions.push({ us, state, grade, maxGrade });
    else record.versions[0] = { us, state: new RawJson(pyDumps(state)), grade, maxGrade };
  }

  /** The record of one module of one learner, if any. */
  find(courseId: string, userId: number, moduleId: string): ModuleRecord | undefined {
    return this.records.get(courseId + '\n' + userId + '\n' + moduleId);
  }

  /** Adds a whole record (replacing one with the same key). */
  put(record: ModuleRecord): void {
    this.records.set(record.courseId + '\n' + record.userId + '\n' + record.moduleId, record);
  }

  /** Every record, in first-touch order. */
  all(): ModuleRecord[] {
    return [...this.records.values()];
  }

  /** Rows of one course as of `cutoffUs` (modules created before it, latest version before it). */
  asOf(courseId: string, cutoffUs: number): ModuleRow[] {
    const rows: ModuleRow[] = [];
    for (const record of this.records.values()) {
      if (record.courseId !== courseId || record.createdUs >= cutoffUs) continue;
      let version: ModuleVersion | undefined;
      for (const v of record.versions) if (v.us < cutoffUs && (!version || v.us >= version.us)) version = v;
      if (version) rows.push({ record, version });
    }
    return rows;
  }
}

/** A latest-version row of a ledger, plain data (for passing between threads). */
export interface LedgerRow {
  courseId: string;
  userId: number;
  moduleType: string;
  moduleId: string;
  createdUs: number;
  us: number;
  state: string;
  grade: number | null;
  maxGrade: number | null;
}

/** The latest version of every record as plain rows. */
export function exportLatest(ledger: Ledger): LedgerRow[] {
  return ledger.all().map((r) => {
    const v = r.versions.reduce((a, b) => (b.us >= a.us ? b : a));
    return {
      courseId: r.courseId,
      userId: r.userId,
      moduleType: r.moduleType,
      moduleId: r.moduleId,
      createdUs: r.createdUs,
      us: v.us,
      state: v.state instanceof RawJson ? v.state.text : pyDumps(v.state),
      grade: v.grade?.value ?? null,
      maxGrade: v.maxGrade?.value ?? null
    };
  });
}

/**
 * Merges rows into a ledger: a record's creation is the earliest seen, its state the latest.
 * Used to combine the studentmodule state of several generator threads.
 */
export function mergeLatest(ledger: Ledger, rows: readonly LedgerRow[]): void {
  for (const row of rows) {
    const version: ModuleVersion = {
      us: row.us,
      state: new RawJson(row.state),
      grade: row.grade === null ? null : pyFloat(row.grade),
      maxGrade: row.maxGrade === null ? null : pyFloat(row.maxGrade)
    };
    const existing = ledger.find(row.courseId, row.userId, row.moduleId);
    if (!existing) {
      ledger.put({
        courseId: row.courseId,
        userId: row.userId,
        moduleType: row.moduleType,
        moduleId: row.moduleId,
        createdUs: row.createdUs,
        versions: [version]
      });
      continue;
    }
    existing.createdUs = Math.min(existing.createdUs, row.createdUs);
    if (row.us >= existing.versions[existing.versions.length - 1]!.us) existing.versions = [version];
  }
}
