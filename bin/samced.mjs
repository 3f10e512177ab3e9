#!/usr/bin/env node
// Entry point of `npx samced ...`: runs the CLI compiled ahead (bin/compiled-cli.mjs), or the
// TypeScript sources through the tsx loader when it cannot be compiled (SAMCED_NO_BUNDLE=1 forces that).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledCli } from './compiled-cli.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.SAMCED_ROOT ??= resolve(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = await compiledCli(process.env.SAMCED_ROOT);
let main;
if (compiled) {
  process.env.SAMCED_CUT_MODULE = join(compiled, 'cut.js'); // the cut's worker thread loads it instead of cut.ts
  ({ main } = await import(pathToFileURL(join(compiled, 'main.js')).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../kernel-lib/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
