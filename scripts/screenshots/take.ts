/**
 * Screenshots of the Temporal Web UI showing real runs of the product, for docs/web-ui.md.
 *
 *   node scripts/run-ts.js scripts/screenshots/take.ts [--out docs/images] [--keep]
 *
 * Starts the embedded stack (Temporal dev server with its Web UI, both emulators, the worker) in
 * a temporary directory, makes the runs the document shows (scenario.ts), photographs the Web
 * UI with Debian's Chromium driven by playwright-core, and stops everything. `--keep` leaves the
 * stack running afterwards (Ctrl-C stops it) to look around in the same state.
 *
 * A documentation tool: not part of `npm test` nor of CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { freePort } from '../../src/dev/dev-server';
import { startEmbeddedStack, type EmbeddedStack } from '../../src/dev/embedded-stack';
import { waitForStopSignal } from '../../src/dev/stop-signal';
import { readSyncState } from '../../src/client/sync-state';
import { matchProspectWorkflowId, scheduleId, syncStateWorkflowId } from '../../src/workflows/ids';
import { launchBrowser } from './browser';
import {
  failedLeadProspect,
  latestLeadMatch,
  runFailingSync,
  runFirstSync,
  runScheduledSync,
  startSlowSync,
  type RunRef,
} from './scenario';
import {
  failedRunDetails,
  failedRunsQuery,
  finishedRunDetails,
  finishedRunSearchAttributes,
  finishedRunTimeline,
  matchWorkflow,
  matchWorkflowDetails,
  prospectQuery,
  runList,
  runningRunDetails,
  runningRunPendingActivity,
  schedulePage,
  sendFullSyncSignal,
  stateQuery,
  type ShotContext,
} from './shots';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Args {
  outDir: string;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { outDir: path.join(PROJECT_ROOT, 'docs', 'images'), keep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') args.outDir = path.resolve(argv[++i] ?? '');
    else if (argv[i] === '--keep') args.keep = true;
    else throw new Error(`unknown argument ${argv[i]} (usage: take.ts [--out <dir>] [--keep])`);
  }
  return args;
}

async function stateRun(stack: EmbeddedStack): Promise<RunRef> {
  const workflowId = syncStateWorkflowId(stack.config.settings.connection);
  const { runId } = await stack.client.workflow.getHandle(workflowId).describe();
  return { workflowId, runId };
}

async function take(stack: EmbeddedStack, outDir: string): Promise<string[]> {
  const written: string[] = [];
  const connection = stack.config.settings.connection;
  const uiUrl = stack.temporal.uiUrl;
  if (!uiUrl) throw new Error('the dev server runs without its Web UI');
  const browser = await launchBrowser();
  try {
    const ctx: ShotContext = {
      page: browser.page,
      ui: { url: uiUrl, namespace: stack.temporal.namespace },
      outDir,
      onShot: (file) => {
        written.push(file);
        say(`  wrote ${path.relative(PROJECT_ROOT, file)}`);
      },
    };

    say('first sync (full), with a validation rule on Lead…');
    const first = await runFirstSync(stack);
    say(`  ${first.workflowId}: ${first.report.status}`);

    say('a run that meets a broken SalesWings answer…');
    const failed = await runFailingSync(stack);
    say(`  ${failed.workflowId}: ${failed.report.status}`);

    say('a run slowed by SalesWings latency, photographed while it runs…');
    const slow = await startSlowSync(stack);
    await runningRunDetails(ctx, slow);
    await runningRunPendingActivity(ctx, slow);
    const slowReport = await slow.finished;
    say(`  ${slow.workflowId}: ${slowReport.status}`);

    say('the schedule, triggered once…');
    const scheduled = await runScheduledSync(stack);
    say(`  ${scheduled.workflowId}: ${scheduled.report.status}`);

    say('screenshots of the finished runs…');
    await finishedRunDetails(ctx, first);
    await finishedRunTimeline(ctx, first);
    await finishedRunSearchAttributes(ctx, first);
    await failedRunDetails(ctx, failed);

    const prospectId = failedLeadProspect(stack);
    const match = await latestLeadMatch(stack.client, prospectId);
    await matchWorkflow(ctx, match);
    await matchWorkflowDetails(ctx, match);

    const runs = [scheduled, slow, failed, first].map((r) => r.workflowId);
    await runList(ctx, `WorkflowType = "syncWorkflow" AND SyncConnection = "${connection}"`, runs);
    await failedRunsQuery(ctx, 'SyncOutcome = "Failed"', [failed.workflowId]);
    await prospectQuery(ctx, `ProspectId = "${prospectId}"`, [matchProspectWorkflowId(connection, prospectId)]);
    await schedulePage(ctx, scheduleId(connection), scheduled.workflowId);

    const state = await stateRun(stack);
    const reason = 'field mappings changed';
    await sendFullSyncSignal(ctx, state, JSON.stringify({ reason, requestedBy: 'web-ui' }));
    const pending = (await readSyncState(stack.client, connection))?.fullSync;
    if (!pending?.pending || pending.reason !== reason) throw new Error(`the signal sent from the UI did not reach the state workflow: ${JSON.stringify(pending)}`);
    await stateQuery(ctx, state, reason);
  } finally {
    await browser.close();
  }
  return written;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // The worker's own log lines would drown the progress lines; errors still show.
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-ui-shots-'));
  say(`starting the embedded stack in ${dataDir}…`);
  const stack = await startEmbeddedStack({
    dataDir,
    temporalPort: await freePort(),
    uiPort: await freePort(),
    saleswingsPort: await freePort(),
    salesforcePort: await freePort(),
    log: (line) => say(`  ${line}`),
  });
  try {
    say(`Web UI ${stack.temporal.uiUrl}/namespaces/${stack.temporal.namespace}/workflows`);
    const written = await take(stack, args.outDir).catch((error: unknown) => {
      // Print now: stopping the stack can end the process before a later handler runs.
      console.error((error as Error).stack ?? error);
      throw error;
    });
    say(`${written.length} screenshots in ${path.relative(PROJECT_ROOT, args.outDir) || args.outDir}`);
    if (args.keep) {
      say('--keep: the stack keeps running; Ctrl-C stops it.');
      await waitForStopSignal();
    }
  } finally {
    say('stopping…');
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error((error as Error).stack ?? error);
      process.exit(1);
    });
}
