// Bundles the compiled workflow code (lib/workflows) once, at image build time, into
// lib/workflow-bundle.js. A workflow module that cannot be bundled for Temporal's sandbox (a
// Node built-in or an I/O library pulled into workflow code) then fails `docker build` instead
// of the worker's start, and a worker given the bundle (`workflowBundle: { codePath }`) skips
// the webpack run at start-up.
//
//   node docker/build-workflow-bundle.mjs [libDir]
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

const libDir = path.resolve(process.argv[2] ?? 'lib');
const workflowsPath = path.join(libDir, 'workflows', 'index.js');
const started = Date.now();
try {
  const { code } = await bundleWorkflowCode({ workflowsPath });
  const codePath = path.join(libDir, 'workflow-bundle.js');
  fs.writeFileSync(codePath, code);
  console.log(`workflow bundle: ${codePath} (${Math.round(code.length / 1024)} KiB, ${Date.now() - started} ms)`);
} catch (error) {
  console.error(`cannot bundle the workflow code in ${workflowsPath}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
