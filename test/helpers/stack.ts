/**
 * Both emulators plus the production clients pointed at them: what activity, workflow and e2e
 * tests build on. jsforce and undici talk to the emulators over real HTTP.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { type Client } from '@temporalio/client';
import { type ActivityDeps } from '../../src/activities';
import { parseSyncOptions } from '../../src/config/load';
import { type SyncOptions, type SyncOptionsInput } from '../../src/config/sync-options';
import { generateOrgRecords, type OrgRecords, type OrgRecordsOptions } from '../../src/emulators/datasets/org-records';
import { loadOrgRecords, type LoadedIds } from '../../src/emulators/datasets/load-org-records';
import { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from '../../src/emulators/salesforce';
import { generateDataset, startSalesWingsEmulator, type Dataset, type GenerateDatasetOptions, type SalesWingsEmulator } from '../../src/emulators/saleswings';
import { createSalesforceGateway, type SalesforceGateway } from '../../src/salesforce/gateway';
import { SalesWingsClient } from '../../src/saleswings/client';
import { type RunContext } from '../../src/activities/types';
import { delegateTo, useResource } from './resource';

export interface TestStack {
  sf: SalesforceEmulator;
  sw: SalesWingsEmulator;
  gateway: SalesforceGateway;
  saleswings: SalesWingsClient;
  /** Activity dependencies; `temporal` is only needed by the run-state activities. */
  deps(options?: SyncOptionsInput, temporal?: Client, taskQueue?: string): ActivityDeps;
  stop(): Promise<void>;
}

export interface TestStackOptions {
  salesforce?: SalesforceEmulatorOptions;
  dataset?: Dataset;
  /** Gateway write settings, e.g. a low bulk threshold. */
  writes?: Parameters<typeof createSalesforceGateway>[0]['writes'];
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const sf = await startSalesforceEmulator({ bulkProcessingDelayMs: 5, eventDeliveryDelayMs: 0, ...options.salesforce });
  const sw = await startSalesWingsEmulator({ dataset: options.dataset });
  const gateway = await createSalesforceGateway({
    connection: { authMode: 'client_credentials', loginUrl: sf.url, clientId: sf.credentials.clientId, clientSecret: sf.credentials.clientSecret },
    namespace: options.salesforce?.namespace,
    writes: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options.writes },
  });
  const saleswings = new SalesWingsClient({ baseUrl: sw.url, token: sw.token, retryBaseDelayMs: 5, maxRetryDelayMs: 50 });
  return {
    sf,
    sw,
    gateway,
    saleswings,
    deps(syncOptions, temporal, taskQueue = 'unused') {
      const parsed = parseSyncOptions(syncOptions ?? {});
      return { salesforce: gateway, saleswings, temporal: temporal as Client, taskQueue, syncOptions: () => parsed };
    },
    async stop() {
      await saleswings.close();
      await Promise.all([sf.stop(), sw.stop()]);
    },
  };
}

/**
 * The file's (or describe block's) test stack: started in beforeAll, stopped in afterAll. The
 * returned object stands for the started stack; touching it before beforeAll ran throws.
 */
export function useTestStack(options: TestStackOptions = {}): TestStack {
  const stack = useResource('the test stack', () => startTestStack(options), (started) => started.stop());
  return delegateTo(stack, ['sf', 'sw', 'gateway', 'saleswings', 'deps', 'stop']);
}

/** Starts fresh test stacks on demand (in tests or hooks); all of them stop in afterAll. */
export function useTestStacks(): (options?: TestStackOptions) => Promise<TestStack> {
  const stacks: TestStack[] = [];
  afterAll(async () => {
    await Promise.all(stacks.map((s) => s.stop()));
  });
  return async (options) => {
    const stack = await startTestStack(options);
    stacks.push(stack);
    return stack;
  };
}

/** A generated SalesWings dataset and matching org records, loaded into both emulators. */
export function seedBoth(
  stack: TestStack,
  dataset: GenerateDatasetOptions,
  org: Partial<OrgRecordsOptions> = {},
): { dataset: Dataset; org: OrgRecords; ids: LoadedIds } {
  const generated = generateDataset(dataset);
  stack.sw.load(generated);
  const records = generateOrgRecords(generated, { seed: dataset.seed, ...org });
  // Dated in the past, like a real org's data (a run then sees no "recent change" from seeding).
  const ids = loadOrgRecords(stack.sf, records, { asOf: '2026-01-01T00:00:00.000Z' });
  return { dataset: generated, org: records, ids };
}

/** Runs an activity function as Temporal would (heartbeats, info), outside a worker. */
export async function runActivity<A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> {
  const env = new MockActivityEnvironment({ heartbeatTimeoutMs: 60_000 });
  return env.run(fn, ...args);
}

/** A run context for direct activity calls. */
export function testRun(overrides: Partial<RunContext> = {}): RunContext {
  return {
    runId: `test-run-${Math.random().toString(36).slice(2, 10)}`,
    connection: 'default',
    startedAt: new Date().toISOString(),
    mode: 'Full',
    dryRun: false,
    force: false,
    ...overrides,
  };
}

export function options(input: SyncOptionsInput = {}): SyncOptions {
  return parseSyncOptions(input);
}
