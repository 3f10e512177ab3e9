import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Node, tslab and tslab's TypeScript versions as installed under `root` ('unknown' when missing). */
export function kernelVersions(root: string): { node: string; tslab: string; typescript: string } {
  const fromRoot = createRequire(join(root, 'package.json'));
  const version = (resolveFrom: NodeRequire, name: string): string => {
    try {
      return (JSON.parse(readFileSync(resolveFrom.resolve(name + '/package.json'), 'utf8')) as { version: string })
        .version;
    } catch {
      return 'unknown';
    }
  };
  const tslab = version(fromRoot, 'tslab');
  let typescript = 'unknown';
  try {
    typescript = version(
      createRequire(join(dirname(fromRoot.resolve('tslab/package.json')), 'package.json')),
      '@tslab/typescript-for-tslab'
    );
  } catch {
    // tslab missing: keep 'unknown'
  }
  return { node: process.version, tslab, typescript };
}
