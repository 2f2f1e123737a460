/**
 * SyncOptions: what the SalesWings package keeps in its custom settings (SW Studio Options,
 * Workflow Options, Field Mapping), validated with zod and loaded from `SYNC_OPTIONS_FILE`.
 * Every field has a default, so an empty file (or none) is a valid configuration.
 *
 * Pure module (zod only): workflows receive a parsed copy through an activity result.
 */
import { z } from 'zod';
import { SCORE_FUNCTIONS } from '../sync/aggregation';
import { DEFAULT_FIELD_MAPPINGS, mappingProblems, type FieldMapping, type MappableObject } from '../sync/field-mapping';
import { STEP_CATALOGUE, type StepName } from './steps';

/** Temporal duration strings as the SDK accepts them, restricted to one unit for clarity. */
export const durationSchema = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration such as "500ms", "30s", "10m", "2h" or "1d"');
export type Duration = z.infer<typeof durationSchema>;

export const retrySchema = z
  .object({
    maximumAttempts: z.number().int().min(1).default(10).describe('attempts including the first; 1 disables retries'),
    initialInterval: durationSchema.default('2s'),
    backoffCoefficient: z.number().min(1).default(2),
    maximumInterval: durationSchema.default('5m'),
  })
  .strict();
export type RetryOptions = z.infer<typeof retrySchema>;

/** Workflow Options of one step (SW Studio Workflow Options, since 2.81). */
export const stepOptionsSchema = z
  .object({
    enabled: z.boolean().describe('run the step; a disabled step is reported as Skipped'),
    batchSize: z.number().int().min(1).max(10_000).default(200).describe('records per page/chunk'),
    startToCloseTimeout: durationSchema.default('30m'),
    heartbeatTimeout: durationSchema.default('2m').describe('a step that stops heartbeating this long is retried from its last cursor'),
    retry: retrySchema.default(retrySchema.parse({})),
  })
  .strict();
export type StepOptions = z.infer<typeof stepOptionsSchema>;

const fieldMappingSchema = z
  .object({
    source: z
      .string()
      .regex(
        /^(leadScore|temperature|favorite|lastVisitAt|tags|firstName|lastName|ownerEmail|score:[^\s:]+)$/,
        'expected leadScore, temperature, favorite, lastVisitAt, tags, firstName, lastName, ownerEmail or score:<SalesWings score id>',
      ),
    target: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected a Salesforce field API name'),
  })
  .strict()
  // The pattern above admits exactly the domain's mapping sources.
  .transform((m) => m as FieldMapping);
export type FieldMappingOption = z.infer<typeof fieldMappingSchema>;

const mappingList = (object: MappableObject) =>
  z
    .array(fieldMappingSchema)
    .default(() => DEFAULT_FIELD_MAPPINGS[object].map((m) => ({ ...m })))
    .superRefine((list, ctx) => {
      // Rules shared with the rest of the domain (supported sources per object, reserved and
      // duplicate targets); paths are relative to this list.
      for (const problem of mappingProblems(object, list, '')) {
        const path = problem.path.replace(/^\[(\d+)\]\.?/, '$1.').split('.').filter(Boolean);
        ctx.addIssue({ code: 'custom', path: path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: problem.message });
      }
    });

/** Step-specific defaults; everything else comes from stepOptionsSchema. */
const STEP_DEFAULTS: Partial<Record<StepName, Partial<StepOptions>>> = {
  GetTags: { startToCloseTimeout: '10m' },
  GetScores: { startToCloseTimeout: '10m' },
  // SalesWings serves up to 1,000 prospects per page; each page is one upsert batch.
  GetProspects: { batchSize: 500, startToCloseTimeout: '2h' },
  GetProspectPages: { startToCloseTimeout: '2h' },
  // A batch of 1,000 prospects writes each object in one Composite call (5 × 200 records) and
  // reads prospects and records in one Composite call each (five IN-list chunks per call).
  MatchProspectsToLeads: { batchSize: 1000, startToCloseTimeout: '10m' },
  MatchProspectsToContacts: { batchSize: 1000, startToCloseTimeout: '10m' },
  MatchProspects: { batchSize: 1000, startToCloseTimeout: '10m' },
  // Roll-ups read Accounts in pages; Salesforce serves up to 2,000 rows per query page, and
  // grouped (aggregate) reads cost the same per page whatever its size.
  AggregateTags: { batchSize: 2000 },
  AggregateScores: { batchSize: 2000 },
  AggregateTemperature: { batchSize: 2000 },
  CreateOpportunityTags: { batchSize: 2000 },
  CreateOpportunityScores: { batchSize: 2000 },
};

function stepsSchema() {
  const shape: Record<string, z.ZodType<StepOptions>> = {};
  for (const step of STEP_CATALOGUE) {
    const defaults = { enabled: !step.deprecated, ...STEP_DEFAULTS[step.name] };
    shape[step.name] = z
      .preprocess((value) => ({ ...defaults, ...(value as object | undefined) }), stepOptionsSchema)
      .describe(step.summary) as unknown as z.ZodType<StepOptions>;
  }
  return z
    .object(shape as Record<StepName, z.ZodType<StepOptions>>)
    .strict()
    // prefault (not default): the empty object still goes through each step's preprocessing.
    .prefault({} as Record<StepName, unknown>)
    .transform((v) => v as Record<StepName, StepOptions>);
}

/** SW Studio Options, with the package's defaults. */
export const studioOptionsSchema = z
  .object({
    accountAggregation: z.boolean().default(false).describe('roll contact tags and scores up to Accounts (AggregateTags/AggregateScores)'),
    pageVisitSync: z.boolean().default(false).describe('sync activities/page visits (the package\'s "Disable Page Visit Sync" is true by default)'),
    apexJobThreshold: z.number().int().min(1).max(2_000).default(100).describe('SW Apex Job records to keep'),
    opportunityTags: z.boolean().default(false).describe('copy Account tags to Opportunities (needs accountAggregation)'),
    opportunityScores: z.boolean().default(false).describe('copy Account scores to Opportunities (needs accountAggregation)'),
    opportunityScope: z.enum(['all', 'open']).default('all').describe('which Opportunities get copies'),
    matchLeadsViaEvents: z.boolean().default(false).describe('update Leads through the SW_Match__e platform event instead of directly'),
    matchContactsViaEvents: z.boolean().default(false).describe('update Contacts through the SW_Match__e platform event instead of directly'),
    disableTriggers: z.boolean().default(false).describe('do not send Lead/Contact changes to SalesWings'),
    scoreAggregation: z.enum(SCORE_FUNCTIONS).default('MAX').describe('how contact scores roll up to Accounts'),
  })
  .strict();
export type StudioOptions = z.infer<typeof studioOptionsSchema>;

export const syncOptionsSchema = z
  .object({
    schedule: z
      .object({
        intervalMinutes: z.number().int().min(1).max(24 * 60).default(5).describe('minutes between scheduled runs'),
        /** Missed runs are caught up only within this window; defaults to one interval. */
        catchupWindowMinutes: z.number().int().min(1).optional().describe('after an outage, missed runs within this window are caught up (one run); default one interval'),
        pauseOnFailure: z.boolean().default(false).describe('pause the schedule when a run fails'),
      })
      .strict()
      .default({ intervalMinutes: 5, pauseOnFailure: false }),
    studio: studioOptionsSchema.default(studioOptionsSchema.parse({})),
    matching: z
      .object({
        maxAttempts: z.number().int().min(1).max(1000).default(30).describe('attempts per side before a prospect is no longer tried (seed: 30)'),
        concurrency: z.number().int().min(1).max(1000).default(200).describe('per-prospect match workflows in flight at once (sliding window)'),
        strategy: z
          .enum(['auto', 'per-prospect', 'batch'])
          .default('auto')
          .describe(
            'per-prospect: one match workflow per prospect (its history in the Web UI); batch: pages of prospects per activity (an order of magnitude faster); auto: per-prospect up to perProspectLimit prospects in a step, batch above',
          ),
        perProspectLimit: z.number().int().min(0).max(100_000).default(200).describe('auto: the most prospects a step matches with per-prospect workflows'),
        coalesceWaitMs: z.number().int().min(0).max(10_000).default(1000).describe('how long the worker gathers concurrent per-prospect matches into one batch of Salesforce calls'),
      })
      .strict()
      .prefault({}),
    incremental: z
      .object({
        overlapSeconds: z.number().int().min(0).max(86_400).default(300).describe('re-read this much of the previous window (upserts are idempotent)'),
        changeMarginSeconds: z
          .number()
          .int()
          .min(0)
          .max(86_400)
          .default(60)
          .describe('an unchanged org is detected by SystemModstamp since the previous run began, minus this margin for clock skew'),
      })
      .strict()
      .prefault({}),
    deletionGuard: z
      .object({
        maxShare: z.number().min(0).max(1).default(0.2).describe('largest share of a table one run may delete without force'),
        minTableSize: z.number().int().min(0).default(100).describe('tables up to this size are not guarded by the share (an empty source list is always refused)'),
      })
      .strict()
      .default({ maxShare: 0.2, minTableSize: 100 }),
    salesforce: z
      .object({
        bulkThreshold: z.number().int().min(1).default(2000).describe('rows above which writes use Bulk API 2.0'),
        apiReserveShare: z.number().min(0).max(1).default(0.1).describe("stop a run before the org's remaining daily API calls fall under this share"),
        queryBatchSize: z.number().int().min(200).max(2000).default(2000).describe('rows per query page (Sforce-Query-Options batchSize)'),
      })
      .strict()
      .default({ bulkThreshold: 2000, apiReserveShare: 0.1, queryBatchSize: 2000 }),
    saleswings: z
      .object({ pageSize: z.number().int().min(1).max(1000).default(500).describe('prospects per SalesWings page (one upsert batch each)') })
      .strict()
      .default({ pageSize: 500 }),
    steps: stepsSchema(),
    fieldMappings: z
      .object({
        Lead: mappingList('Lead'),
        Contact: mappingList('Contact'),
        Account: mappingList('Account'),
        Opportunity: mappingList('Opportunity'),
      })
      .strict()
      .prefault({}),
    reporting: z
      .object({ maxErrorsPerStep: z.number().int().min(0).max(500).default(50).describe('errors kept per step in the report (all are counted)') })
      .strict()
      .default({ maxErrorsPerStep: 50 }),
  })
  .strict()
  .superRefine((options, ctx) => {
    const { studio } = options;
    if ((studio.opportunityTags || studio.opportunityScores) && !studio.accountAggregation) {
      ctx.addIssue({
        code: 'custom',
        path: ['studio', 'opportunityTags'],
        message: 'opportunity tags/scores need studio.accountAggregation = true (they copy the Account roll-ups)',
      });
    }
  });

export type SyncOptions = z.output<typeof syncOptionsSchema>;
/** What an options file (or a test) may give: any subset; every omitted value has a default. */
export type SyncOptionsInput = Omit<z.input<typeof syncOptionsSchema>, 'steps' | 'fieldMappings'> & {
  steps?: Partial<Record<StepName, Partial<z.input<typeof stepOptionsSchema>>>>;
  fieldMappings?: Partial<Record<MappableObject, readonly { readonly source: string; readonly target: string }[]>>;
};

/** The defaults, as used when no options file is given. */
export function defaultSyncOptions(): SyncOptions {
  return syncOptionsSchema.parse({});
}
