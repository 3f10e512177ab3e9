'use strict';
// The library as the notebook kernel loads it: kernel-lib compiled ahead by tslab's own TypeScript
// (5.0) to CommonJS JavaScript plus .d.ts, in .cache/kernel-lib/<fingerprint>/ (same layout as
// kernel-lib/). The kernel launcher (kernel-lib/runner/kernel-spec.ts) calls compiledKernelLib at
// every start, so the build is never stale: the fingerprint hashes the contents of every kernel-lib
// source, this file, the compiler's version and package-lock.json, and a change gives a new folder. Cells then
// type-check against the .d.ts (tslab skips checking and emitting declaration files) and run the
// .js, instead of tslab type-checking and emitting every kernel-lib file in every kernel session.
// `npm run build:kernel-lib` (also run by `npm ci` through `prepare`) builds it ahead.
// Plain CommonJS: it runs in the kernel process before tslab, with no TypeScript loader.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/**
 * Packages a module imports load when the module first uses them, not when it loads: the
 * library's one entry reaches the AWS SDK, openpgp, libsql, tar and yauzl, which most cells never
 * call. TypeScript's CommonJS output binds each import as `const x = require("pkg")` (wrapped in
 * __importStar / __importDefault) and reads it as `x.name` at every use, so a proxy that requires
 * the package at its first property access behaves the same. Node's own modules load at once.
 */
const LAZY_HELPER =
  'function __samcedLazy(load) { let m; const get = () => (m === undefined ? (m = load()) : m); ' +
  'return new Proxy({}, { get: (_, k) => get()[k], has: (_, k) => k in get(), ownKeys: () => Reflect.ownKeys(get()), ' +
  'getOwnPropertyDescriptor: (_, k) => { const d = Object.getOwnPropertyDescriptor(get(), k); if (d) d.configurable = true; return d; } }); }\n';
const PACKAGE_IMPORT =
  /^const (\w+) = ((?:__importStar|__importDefault)\()?require\("((?:@[^"/]+\/)?[^"./][^"]*)"\)(\))?;$/gm;

function lazyPackageImports(js) {
  let changed = false;
  const out = js.replace(PACKAGE_IMPORT, (line, name, wrap, pkg, close) => {
    if (require('node:module').isBuiltin(pkg)) return line;
    changed = true;
    return `const ${name} = __samcedLazy(() => ${wrap || ''}require("${pkg}")${close || ''});`;
  });
  return changed ? out + '\n' + LAZY_HELPER : out;
}

/** Source files of the library: what the compiled folder mirrors and the fingerprint covers. */
function sourceFiles(libDir) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(file);
    }
  };
  walk(libDir);
  return out;
}

/** Where tslab's TypeScript is (the module the kernel's converter loads). */
function tslabTypeScriptPath(root) {
  return require.resolve('@tslab/typescript-for-tslab', { paths: [path.join(root, 'node_modules', 'tslab')] });
}

/** Its version, read without loading the compiler (a fresh build is found in milliseconds). */
function tslabTypeScriptVersion(root) {
  const main = tslabTypeScriptPath(root);
  let dir = path.dirname(main);
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

/**
 * Contents of every source, this file, the compiler version and the lockfile (declarations can
 * spell out types inferred from packages), hashed: 16 hex digits.
 */
function fingerprint(root, files, tsVersion) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file) + '\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  hash.update(fs.readFileSync(__filename));
  hash.update(tsVersion);
  const lock = path.join(root, 'package-lock.json');
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Compiler options: those tslab compiles cells with (CommonJS output as its executor runs it,
 * ES2022 on Node 20, Node10 resolution, no DOM types), strict as kernel-lib is written, plus
 * declarations. test/kernel/tslab-compat.test.ts checks kernel-lib with the same options.
 */
function compilerOptions(ts, root, outDir) {
  return {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    resolveJsonModule: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    strict: true,
    types: ['node'],
    typeRoots: [path.join(root, 'node_modules', '@types')],
    declaration: true,
    newLine: ts.NewLineKind.LineFeed,
    rootDir: path.join(root, 'kernel-lib'),
    outDir
  };
}

/**
 * The folder of the compiled library for the current sources, built when missing; undefined
 * when kernel-lib does not type-check (the kernel then compiles the sources itself, so a cell
 * that imports them shows the errors, as before) or when it cannot be built (logged through warn).
 * The build is written to a temporary folder (owner-only) and renamed when complete; builds
 * not used for a day are removed.
 */
function compiledKernelLib(root, warn = () => {}) {
  try {
    const libDir = path.join(root, 'kernel-lib');
    const files = sourceFiles(libDir);
    const base = path.join(root, '.cache', 'kernel-lib');
    const dir = path.join(base, fingerprint(root, files, tslabTypeScriptVersion(root)));
    if (fs.existsSync(path.join(dir, 'index.js'))) {
      const now = new Date();
      fs.utimesSync(dir, now, now); // in use: not pruned below
      return dir;
    }
    if (fs.existsSync(path.join(dir, 'ERRORS.txt'))) return undefined; // these sources do not type-check: known
    const ts = require(tslabTypeScriptPath(root));
    fs.mkdirSync(base, { recursive: true, mode: 0o700 });
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { mode: 0o700 });
    const program = ts.createProgram(files, compilerOptions(ts, root, tmp));
    const diagnostics = ts.getPreEmitDiagnostics(program);
    if (diagnostics.length > 0) {
      const text = diagnostics
        .map((d) => {
          const where = d.file
            ? `${path.relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start || 0).line + 1}: `
            : '';
          return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
        })
        .join('\n');
      fs.writeFileSync(path.join(tmp, 'ERRORS.txt'), text + '\n', { mode: 0o600 });
      warn(
        `kernel-lib does not type-check under TypeScript ${ts.version}; the kernel compiles it from source:\n${text}`
      );
    } else {
      const written = (file, data) => {
        fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        fs.writeFileSync(file, file.endsWith('.js') ? lazyPackageImports(data) : data, { mode: 0o600 });
      };
      const result = program.emit(undefined, written);
      if (result.emitSkipped) throw new Error('TypeScript skipped the emit');
      written(path.join(tmp, 'package.json'), '{ "type": "commonjs" }\n'); // the project's package.json says "module"
    }
    try {
      fs.renameSync(tmp, dir);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another kernel put the same build in place first
    }
    for (const old of fs.readdirSync(base)) {
      const file = path.join(base, old);
      if (file !== dir && Date.now() - fs.statSync(file).mtimeMs > 86400000)
        fs.rmSync(file, { recursive: true, force: true });
    }
    return fs.existsSync(path.join(dir, 'index.js')) ? dir : undefined;
  } catch (error) {
    warn(`cannot compile kernel-lib ahead (${error?.message}); the kernel compiles it from source`);
    return undefined;
  }
}

module.exports = { compiledKernelLib, compilerOptions, sourceFiles };

if (require.main === module) {
  // `npm run build:kernel-lib` / `prepare`: never fails the install (the kernel builds it at start)
  const root = path.resolve(__dirname, '..');
  const started = Date.now();
  const dir = compiledKernelLib(root, (message) => process.stderr.write(`build:kernel-lib: ${message}\n`));
  if (dir)
    process.stdout.write(
      `kernel-lib compiled for the notebook kernel: ${path.relative(root, dir)} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`
    );
}
