import { readFile } from 'node:fs/promises';
import { InputError } from '../util/errors';
import type { Duck } from '../duck/connection';

/**
 * Columns of the `course_structure` table (one row per block of the course).
 *
 * @example
 * Object.keys(COURSE_STRUCTURE_COLUMNS); // the documented columns of course_structure
 */
export const COURSE_STRUCTURE_COLUMNS = {
  block_id: 'Usage key of the block (`block-v1:...` or `i4x://...`).',
  block_hash: 'Last part of the usage key (what video and problem events call `id`).',
  category: 'Block type: course, chapter, sequential, vertical, video, problem, html, discussion, ...',
  display_name: 'Title shown to learners.',
  parent_id: 'Usage key of the parent block; NULL for the course root.',
  position: '1-based position among the parent’s children.',
  course_order: '1-based position in a depth-first walk of the course (the order learners see).',
  depth: '0 for the course, 1 for chapters, 2 for sequentials, ...',
  chapter_id: 'Usage key of the enclosing chapter (section).',
  duration_s: 'Video duration in seconds when the structure records one (`metadata.duration`), else NULL.',
  graded: 'Sequential `metadata.graded`.',
  format: 'Sequential `metadata.format` (assignment type).',
  start: 'Release date (`metadata.start`).'
} as const;

interface Block {
  category?: string;
  children?: string[];
  metadata?: Record<string, unknown>;
}

/** The last segment of a usage key: `...+block@abc` -> `abc`, `i4x://O/C/video/abc` -> `abc`. */
export function blockHash(usageKey: string): string {
  const at = usageKey.lastIndexOf('@');
  if (at >= 0) return usageKey.slice(at + 1);
  return usageKey.slice(usageKey.lastIndexOf('/') + 1);
}

/** Loads the course structure JSON (flat object keyed by usage key) into the table `course_structure`. */
export async function loadCourseStructure(
  duck: Duck,
  path: string | undefined
): Promise<{ file: string; rows: number }> {
  await duck.run(`CREATE OR REPLACE TABLE course_structure (
    block_id VARCHAR, block_hash VARCHAR, category VARCHAR, display_name VARCHAR, parent_id VARCHAR,
    position INTEGER, course_order INTEGER, depth INTEGER, chapter_id VARCHAR, duration_s DOUBLE,
    graded BOOLEAN, format VARCHAR, start VARCHAR)`);
  if (!path) return { file: '', rows: 0 };
  let blocks: Record<string, Block>;
  try {
    blocks = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, '')) as Record<string, Block>;
  } catch (error) {
    throw new InputError('course structure is not valid JSON: ' + (error as Error).message, { file: path });
  }
  if (!blocks || typeof blocks !== 'object' || Array.isArray(blocks))
    throw new InputError('course structure is not a JSON object', { file: path });
  const parent = new Map<string, { id: string; position: number }>();
  for (const [id, block] of Object.entries(blocks)) {
    (block.children ?? []).forEach((child, i) => {
      parent.set(child, { id, position: i + 1 });
    });
  }
  const roots = Object.keys(blocks)
    .filter((id) => !parent.has(id))
    .sort((a, b) => {
      const rank = (k: string) => (blocks[k]?.category === 'course' ? 0 : 1);
      return rank(a) - rank(b) || a.localeCompare(b);
    });
  const order: { id: string; depth: number; chapter: string | null }[] = [];
  const seen = new Set<string>();
  const walk = (id: string, depth: number, chapter: string | null) => {
    if (seen.has(id) || !blocks[id]) return;
    seen.add(id);
    const ch = blocks[id]!.category === 'chapter' ? id : chapter;
    order.push({ id, depth, chapter: ch });
    for (const child of blocks[id]!.children ?? []) walk(child, depth + 1, ch);
  };
  for (const root of roots) walk(root, 0, null);
  const appender = await duck.connection.createAppender('course_structure');
  order.forEach(({ id, depth, chapter }, i) => {
    const block = blocks[id]!;
    const meta = block.metadata ?? {};
    const str = (v: unknown) => (typeof v === 'string' ? appender.appendVarchar(v) : appender.appendNull());
    appender.appendVarchar(id);
    appender.appendVarchar(blockHash(id));
    str(block.category);
    str(meta.display_name);
    str(parent.get(id)?.id);
    const pos = parent.get(id)?.position;
    if (pos === undefined) appender.appendNull();
    else appender.appendInteger(pos);
    appender.appendInteger(i + 1);
    appender.appendInteger(depth);
    str(chapter);
    const duration = Number(meta.duration);
    if (meta.duration !== undefined && Number.isFinite(duration) && duration > 0) appender.appendDouble(duration);
    else appender.appendNull();
    if (typeof meta.graded === 'boolean') appender.appendBoolean(meta.graded);
    else appender.appendNull();
    str(meta.format);
    str(meta.start);
    appender.endRow();
  });
  appender.closeSync();
  return { file: path, rows: order.length };
}
