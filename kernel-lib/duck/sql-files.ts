import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../util/paths';

const cache = new Map<string, string>();

/**
 * Reads an SQL file that lives beside the TypeScript that runs it (path relative to kernel-lib/)
 * and fills `{{name}}` placeholders with the given SQL fragments (quote values with `literal`).
 */
export function loadSql(relPath: string, vars: Record<string, string> = {}): string {
  let text = cache.get(relPath);
  if (text === undefined) {
    // full-line comments are dropped first, so a placeholder named in a comment is never filled
    text = readFileSync(join(projectRoot(), 'kernel-lib', relPath), 'utf8')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('--'))
      .join('\n');
    cache.set(relPath, text);
  }
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`${relPath}: no value for {{${name}}}`);
    return vars[name]!;
  });
}
