#!/usr/bin/env node
// Entry point of `npx samced ...`: registers the TypeScript loader and runs the CLI.
import { register } from 'tsx/esm/api';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.SAMCED_ROOT ??= resolve(dirname(fileURLToPath(import.meta.url)), '..');
register();
const { main } = await import('../kernel-lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
