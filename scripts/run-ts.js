#!/usr/bin/env node
'use strict';
// Runs a TypeScript entry point without a separate build step: .ts files are
// transpiled on require with swc (already installed as a dependency of
// @temporalio/worker). Type checking stays with `npm run typecheck`.
const path = require('node:path');
const Module = require('node:module');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const compile = (source, filename) =>
  transformSync(source, {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  }).code;

Module._extensions['.ts'] = (module, filename) => {
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
process.setSourceMapsEnabled?.(true);

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts.js <file.ts> [args...]');
  process.exit(2);
}
// Run the entry as the main module, so `require.main === module` holds inside it.
process.argv = [process.argv[0], path.resolve(entry), ...args];
Module.runMain();
