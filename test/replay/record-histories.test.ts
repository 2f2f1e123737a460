/**
 * Records the histories the replay test (replay.test.ts) replays: a full sync with every step,
 * the match step and per-prospect match workflows it starts, and the sync state workflow.
 * Skipped unless RECORD_HISTORIES=1 — re-record after a deliberate, patched workflow change:
 *
 *   RECORD_HISTORIES=1 npx jest test/replay/record-histories.test.ts
 *
 * Recordings of an earlier version are kept under another name (e.g. `*-v1.json`): rename the
 * current files before recording, so the old histories keep being replayed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { STEP_CATALOGUE } from '../../src/config/steps';
import { matchProspectWorkflowId, matchStepWorkflowId, syncStateWorkflowId } from '../../src/workflows/ids';
import { seedBoth, useTestStack } from '../helpers/stack';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';

const DIR = path.join(__dirname, 'histories');
const recording = process.env.RECORD_HISTORIES === '1';

const env = useTemporalEnvironment();
const stack = useTestStack();

(recording ? test : test.skip)('records replay fixtures from a full sync with every step', async () => {
  const { dataset } = seedBoth(stack, { seed: 9, prospects: 30, tags: 4, scores: 2, activitiesPerProspect: 1 }, { leadShare: 0.6, contactShare: 0.5, accounts: 4 });
  const options = {
    studio: { accountAggregation: true, pageVisitSync: true, opportunityTags: true, opportunityScores: true },
    matching: { strategy: 'per-prospect' as const, coalesceWaitMs: 100 },
    steps: Object.fromEntries(STEP_CATALOGUE.filter((s) => s.deprecated).map((s) => [s.name, { enabled: true }])),
  };
  await withSyncWorker(env, stack, options, async (h) => {
    const first = await h.run({ full: true, force: true });
    const second = await h.run();
    const matched = dataset.prospects.find((p) => p.lifecycle === 'Active' && p.email)?.id as string;
    const fixtures: Record<string, { workflowId: string }> = {
      'sync-workflow-full': { workflowId: first.runId },
      'sync-workflow-incremental': { workflowId: second.runId },
      'match-step-workflow': { workflowId: matchStepWorkflowId(first.runId, 'Lead') },
      'match-prospect-workflow': { workflowId: matchProspectWorkflowId(h.connection, matched) },
      'sync-state-workflow': { workflowId: syncStateWorkflowId(h.connection) },
    };
    fs.mkdirSync(DIR, { recursive: true });
    // Earlier recordings stay: they are the histories of workflows a deployed worker may still
    // be running, which the new code must keep replaying (through `patched()`).
    const indexFile = path.join(DIR, 'workflow-ids.json');
    const index: Record<string, string> = fs.existsSync(indexFile) ? (JSON.parse(fs.readFileSync(indexFile, 'utf8')) as Record<string, string>) : {};
    for (const [name, { workflowId }] of Object.entries(fixtures)) {
      const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
      fs.writeFileSync(path.join(DIR, `${name}.json`), `${historyToJSON(history)}\n`);
      index[`${name}.json`] = workflowId;
    }
    // Child workflow ids derive from the parent's id, so replay needs the original ids.
    fs.writeFileSync(indexFile, `${JSON.stringify(index, null, 2)}\n`);
  });
}, 180_000);
