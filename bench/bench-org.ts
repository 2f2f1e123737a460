/**
 * Both emulators seeded from one seed (a SalesWings dataset and the org records that go with
 * it, as the embedded `npm start` stack seeds them), plus the production clients pointed at
 * them — the Salesforce gateway metered (see metering.ts). Started once for the executions on
 * Temporal and once more, from the same seed, for the executions without it.
 */
import { type Client } from '@temporalio/client';
import { createActivities } from '../src/activities';
import { type SyncOptions } from '../src/config/sync-options';
import { generateOrgRecords, ORG_RECORD_LOAD_ORDER } from '../src/emulators/datasets/org-records';
import { loadOrgRecords } from '../src/emulators/datasets/load-org-records';
import { startSalesforceEmulator, type SalesforceEmulator } from '../src/emulators/salesforce';
import { startSalesWingsEmulator, type Dataset, type SalesWingsEmulator } from '../src/emulators/saleswings';
import { SalesWingsClient } from '../src/saleswings/client';
import { attributeActivities, createMeteredGateway, type AttributedUsage, type MeteredGateway } from './metering';

export interface BenchOrgOptions {
  seed: number;
  prospects: number;
  latencyMs: number;
  syncOptions: SyncOptions;
}

export interface DatasetFigures {
  prospects: number;
  activeProspects: number;
  tags: number;
  scores: number;
  activities: number;
  /** Records loaded into the org before the first run, per object. */
  org: Record<string, number>;
}

export interface BenchOrg {
  salesforce: SalesforceEmulator;
  saleswings: SalesWingsEmulator;
  gateway: MeteredGateway;
  usage: AttributedUsage;
  saleswingsClient: SalesWingsClient;
  dataset: Dataset;
  figures: DatasetFigures;
  /** The sync's activities on these clients, each attributed to its step. */
  activities(temporal: Client | undefined, taskQueue: string): ReturnType<typeof createActivities>;
  stop(): Promise<void>;
}

/** Same as the embedded stack (src/dev/embedded-stack.ts). */
const ACTIVITIES_PER_PROSPECT = 3;
const CONVERTED_SHARE = 0.1;
const DUPLICATE_SHARE = 0.05;

export async function startBenchOrg(options: BenchOrgOptions): Promise<BenchOrg> {
  const salesforce = await startSalesforceEmulator({ latencyMs: options.latencyMs });
  const saleswings = await startSalesWingsEmulator();
  try {
    // generate() loads the dataset without re-validating it (fast at 100,000 prospects) and
    // seeds the emulator's change simulation, so both orgs see the same "1 % edits".
    const dataset = saleswings.generate({ seed: options.seed, prospects: options.prospects, activitiesPerProspect: ACTIVITIES_PER_PROSPECT });
    const records = generateOrgRecords(dataset, { seed: options.seed, convertedShare: CONVERTED_SHARE, duplicateShare: DUPLICATE_SHARE });
    // Dated a day back, like a real org's existing data: loading it is not a change the first
    // incremental runs must react to (the change probe counts rows modified since the last run).
    loadOrgRecords(salesforce, records, { asOf: new Date(Date.now() - 86_400_000).toISOString() });

    // As production builds the gateway (src/worker-deps.ts): budget reserve and bulk threshold
    // from SyncOptions, every other setting at its default.
    const { gateway, usage } = await createMeteredGateway({
      connection: { authMode: 'client_credentials', loginUrl: salesforce.url, clientId: salesforce.credentials.clientId, clientSecret: salesforce.credentials.clientSecret },
      budget: { reserveShare: options.syncOptions.salesforce.apiReserveShare },
      writes: { bulkThreshold: options.syncOptions.salesforce.bulkThreshold },
    });
    const saleswingsClient = new SalesWingsClient({ baseUrl: saleswings.url, token: saleswings.token });
    const figures: DatasetFigures = {
      prospects: dataset.prospects.length,
      activeProspects: dataset.prospects.filter((p) => p.lifecycle === 'Active').length,
      tags: dataset.tags.length,
      scores: dataset.scores.length,
      activities: dataset.activities.length,
      org: Object.fromEntries(ORG_RECORD_LOAD_ORDER.map((object) => [object, records[object].length])),
    };
    return {
      salesforce,
      saleswings,
      gateway,
      usage,
      saleswingsClient,
      dataset,
      figures,
      activities: (temporal, taskQueue) =>
        attributeActivities(
          createActivities({
            salesforce: gateway,
            saleswings: saleswingsClient,
            // Only the run-state activities (lease, watermark) use Temporal; the execution
            // without Temporal never calls them.
            temporal: temporal as Client,
            taskQueue,
            syncOptions: () => options.syncOptions,
          }),
        ),
      async stop() {
        await saleswingsClient.close();
        await Promise.all([salesforce.stop(), saleswings.stop()]);
      },
    };
  } catch (error) {
    await Promise.all([salesforce.stop(), saleswings.stop()]);
    throw error;
  }
}
