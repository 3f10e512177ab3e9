// The CLI compiled ahead (esbuild: one ES module per entry, shared chunks, packages left external
// but @duckdb/node-api), kept in .cache/cli/<fingerprint>/ and rebuilt when a source file under
// kernel-lib changes; builds not used for a day are removed.
// A command does not start through the TypeScript loader (tsx), whose loader thread and transform
// per module every command would pay (figure: docs/performance.md). Plain JavaScript: it runs
// before any loader is registered.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Entries of the compiled CLI: the command line, and the cut's module for its worker thread. */
const ENTRIES = { main: 'kernel-lib/cli/main.ts', cut: 'kernel-lib/load/events/cut.ts' };

/** Path, size and time of every source file under kernel-lib, and this file, hashed: a change gives a new folder. */
function sourceFingerprint(root) {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|mjs|js|json)$/.test(entry.name)) {
        const s = statSync(path);
        hash.update(`${relative(root, path)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(join(root, 'kernel-lib'));
  hash.update(readFileSync(new URL(import.meta.url))); // how it is compiled (this file)
  hash.update(statSync(join(root, 'package-lock.json'), { throwIfNoEntry: false })?.mtimeMs?.toString() ?? '');
  return hash.digest('hex').slice(0, 16);
}

/** Packages compiled into the CLI; every other package is loaded from node_modules at run time. */
const BUNDLED_PACKAGES = new Set([
  // one module loads faster than its many CommonJS files one by one, on every start
  // (docs/performance.md); its native bindings (@duckdb/node-bindings) stay external
  '@duckdb/node-api'
]);

/** esbuild plugin: bare imports are external, but for BUNDLED_PACKAGES. */
const externalPackages = {
  name: 'samced-external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path
        .split('/')
        .slice(0, args.path.startsWith('@') ? 2 : 1)
        .join('/');
      return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
    });
  }
};

/**
 * The folder of the compiled CLI for the current sources (built on first use), or undefined when
 * it cannot be had (no esbuild, a read-only project, SAMCED_NO_BUNDLE=1): the caller then loads
 * the TypeScript sources through tsx.
 */
export async function compiledCli(root) {
  if (process.env.SAMCED_NO_BUNDLE === '1') return undefined;
  try {
    const base = join(root, '.cache', 'cli');
    const dir = join(base, sourceFingerprint(root));
    if (existsSync(join(dir, 'main.js'))) {
      const now = new Date();
      utimesSync(dir, now, now); // in use: not pruned (below) while a command may still load its chunks
      return dir;
    }
    const { build } = await import('esbuild');
    mkdirSync(base, { recursive: true });
    const tmp = `${dir}.tmp-${process.pid}`;
    await build({
      absWorkingDir: root,
      entryPoints: ENTRIES,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      plugins: [externalPackages],
      // the bundled CommonJS (node-api) requires its native bindings: ES modules have no `require`
      banner: {
        js: "import { createRequire as __samcedCreateRequire } from 'node:module'; const require = __samcedCreateRequire(import.meta.url);"
      },
      outdir: tmp,
      logLevel: 'silent'
    });
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process put the same build in place first
    }
    // older builds not used for a day (a long command may still load chunks from its own)
    for (const old of readdirSync(base)) {
      const path = join(base, old);
      if (path !== dir && Date.now() - statSync(path).mtimeMs > 86_400_000)
        rmSync(path, { recursive: true, force: true });
    }
    return existsSync(join(dir, 'main.js')) ? dir : undefined;
  } catch {
    return undefined;
  }
}
