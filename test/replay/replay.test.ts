/**
 * Replays recorded histories (test/replay/histories/*.json) against the current workflow code.
 * A change that would make a running workflow take a different path on replay fails here
 * (DeterminismViolationError) before it can reach a worker: such changes need `patched()`
 * (docs/deployment.md, "Upgrading workflow code").
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../helpers/sync-worker';

const DIR = path.join(__dirname, 'histories');
/** History file → the workflow id it was recorded under (child ids derive from it). */
const workflowIds = JSON.parse(fs.readFileSync(path.join(DIR, 'workflow-ids.json'), 'utf8')) as Record<string, string>;
const fixtures = Object.keys(workflowIds).sort();

test('there are recorded histories of every workflow type, current and of the previous version', () => {
  const current = ['match-prospect-workflow.json', 'match-step-workflow.json', 'sync-state-workflow.json', 'sync-workflow-full.json', 'sync-workflow-incremental.json'];
  expect(fixtures).toEqual(expect.arrayContaining([...current, ...current.map((f) => f.replace('.json', '-v1.json'))]));
});

test.each(fixtures)('%s replays without nondeterminism', async (file) => {
  const history = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as unknown;
  await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowIds[file])).resolves.toBeUndefined();
}, 60_000);
