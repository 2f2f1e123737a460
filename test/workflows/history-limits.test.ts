/**
 * The match step stays within Temporal's limits however many prospects a run matches: on a dev
 * server whose limits are lowered far below the defaults (2,000 pending children → 10; 51,200
 * history events → 600, continue-as-new suggested at 4,096 → 150), 300 per-prospect match
 * workflows complete — the sliding window keeps pending children under the limit and the step
 * continues as new before its history grows too long. At the default limits the same mechanism
 * carries 100,000 prospects (2,000/10 and 51,200/600 are the same ratios, and more).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { matchStepWorkflowId } from '../../src/workflows/ids';
import { dataset, prospect } from '../helpers/fixtures';
import { useTestStack } from '../helpers/stack';
import { onlyIngestAndMatch } from '../helpers/sync-options';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';

let server: DevServer;

const LIMITS = {
  'limit.numPendingChildExecutions.error': 10,
  'limit.historyCount.error': 600,
  'limit.historyCount.warn': 300,
  'limit.historyCount.suggestContinueAsNew': 150,
};

beforeAll(async () => {
  server = await startDevServer({ uiPort: false, dynamicConfig: LIMITS });
}, 90_000);

const env = useTemporalEnvironment(() => TestWorkflowEnvironment.createFromExistingServer({ address: server.address }));
const stack = useTestStack();

// After the environment's teardown: jest runs afterAll hooks in declaration order.
afterAll(async () => {
  await server?.stop();
});

test('300 per-prospect match workflows complete within lowered pending-children and history limits', async () => {
  const prospects = Array.from({ length: 300 }, (_, i) => prospect(`h${String(i).padStart(4, '0')}`, `h${i}@example.com`));
  stack.sw.load(dataset({ prospects }));
  stack.sf.admin.insert('Lead', prospects.map((p, i) => ({ LastName: `Lead ${i}`, Company: 'Acme', Email: p.email })));

  await withSyncWorker(
    env,
    stack,
    onlyIngestAndMatch({
      matching: { strategy: 'per-prospect', concurrency: 8, coalesceWaitMs: 100 },
      steps: { MatchProspectsToContacts: { enabled: false } },
    }),
    async (h) => {
      const report = await h.run();
      expect(report.status).toBe('Completed');
      const step = report.steps.find((s) => s.step === 'MatchProspectsToLeads');
      expect(step).toMatchObject({ status: 'Completed', examined: 300, failed: 0 });
      expect(step?.details?.matched).toBe(300);

      // The step continued as new several times; no run of it came near the history limit.
      const runs: { runId: string; historyLength: number }[] = [];
      for await (const w of h.client.workflow.list({ query: `WorkflowId = '${matchStepWorkflowId(report.runId, 'Lead')}'` })) {
        runs.push({ runId: w.runId, historyLength: w.historyLength ?? 0 });
      }
      expect(runs.length).toBeGreaterThan(2);
      for (const run of runs) {
        expect(run.historyLength).toBeGreaterThan(0);
        expect(run.historyLength).toBeLessThan(LIMITS['limit.historyCount.error']);
      }
    },
    { maxConcurrentActivityTaskExecutions: 50 },
  );
  expect(stack.sf.admin.query('SELECT COUNT() FROM Lead WHERE Prospect_Id__c != null')[0].totalSize).toBe(300);
}, 240_000);
