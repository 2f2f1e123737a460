#!/usr/bin/env node
'use strict';
// Launcher: the compiled CLI when built (`npm run build`), the TypeScript sources otherwise.
const fs = require('node:fs');
const path = require('node:path');

const compiled = path.join(__dirname, '..', 'lib', 'client', 'cli.js');
if (fs.existsSync(compiled)) {
  const { runCli } = require(compiled);
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
} else {
  process.argv = [process.argv[0], path.join(__dirname, '..', 'scripts', 'run-ts.js'), path.join(__dirname, '..', 'src', 'client', 'cli.ts'), ...process.argv.slice(2)];
  require(path.join(__dirname, '..', 'scripts', 'run-ts.js'));
}
