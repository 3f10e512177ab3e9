// `npm run kernel:install`: writes the tslab kernelspec into .jupyter-prefix/ (no Python needed)
// and builds the library the kernel loads (.cache/kernel-lib), so the first kernel need not.
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureKernelInstalled, jupyterPrefix } from '../kernel-lib/runner/kernel-spec';

export { ensureKernelInstalled } from '../kernel-lib/runner/kernel-spec';

async function main(): Promise<void> {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const { dir, changed } = await ensureKernelInstalled(root);
  process.stdout.write(`${changed ? 'installed' : 'up to date'}: ${dir}\n`);
  const { compiledKernelLib } = createRequire(import.meta.url)('./build-kernel-lib.cjs') as {
    compiledKernelLib(root: string, warn: (message: string) => void): string | undefined;
  };
  const lib = compiledKernelLib(root, (message) => process.stderr.write(`kernel:install: ${message}\n`));
  if (lib) process.stdout.write(`kernel-lib compiled for the kernel: ${relative(root, lib)}\n`);
  process.stdout.write(`use it with: export JUPYTER_PATH=${jupyterPrefix(root)}/share/jupyter\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`kernel:install: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
