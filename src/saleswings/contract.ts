/**
 * The SalesWings API contract (docs/saleswings-api.md), as zod schemas shared by the client
 * (which validates every response) and the emulator (which validates every request and the
 * data it serves). The real backend's API is not public; this is the contract the product
 * defines and documents.
 *
 * This module must stay free of Node built-ins and I/O: workflows import its types.
 */
import { z } from 'zod';

/** Default API endpoint of the SalesWings backend (SW Studio Options → API Endpoint). */
export const DEFAULT_SALESWINGS_BASE_URL = 'https://helium.saleswings.pro/salesforce/v2';

/** ISO-8601 instant with an offset (`Z` or `+02:00`). */
export const isoInstant = z.iso.datetime({ offset: true });

export const LIFECYCLES = ['Active', 'Merged', 'Deleted'] as const;
export const lifecycleSchema = z.enum(LIFECYCLES);
export type Lifecycle = z.infer<typeof lifecycleSchema>;

/** Predictive score, coldest to hottest. */
export const TEMPERATURES = ['FROZEN', 'COLD', 'NORMAL', 'WARM', 'HOT'] as const;
export const temperatureSchema = z.enum(TEMPERATURES);
export type Temperature = z.infer<typeof temperatureSchema>;

export const ACTIVITY_KINDS = ['page-visit', 'form-submit', 'custom-event'] as const;
export const activityKindSchema = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof activityKindSchema>;

const id = z.string().min(1).max(64);

// ---------------------------------------------------------------- GET /tags
export const tagSchema = z.object({
  id,
  name: z.string().min(1),
  description: z.string().nullish(),
  archived: z.boolean(),
  updatedAt: isoInstant,
});
export type Tag = z.infer<typeof tagSchema>;
export const tagsResponseSchema = z.object({ tags: z.array(tagSchema) });
export type TagsResponse = z.infer<typeof tagsResponseSchema>;

// -------------------------------------------------------------- GET /scores
export const scoreSchema = z.object({
  id,
  name: z.string().min(1),
  description: z.string().nullish(),
  updatedAt: isoInstant,
});
export type Score = z.infer<typeof scoreSchema>;
export const scoresResponseSchema = z.object({ scores: z.array(scoreSchema) });
export type ScoresResponse = z.infer<typeof scoresResponseSchema>;

// ----------------------------------------------------------- GET /prospects
export const prospectSchema = z.object({
  id,
  /** As entered in SalesWings: may carry surrounding spaces and any letter case. */
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  lifecycle: lifecycleSchema,
  mergedIntoId: id.nullish(),
  favorite: z.boolean(),
  ownerEmail: z.string().nullish(),
  leadScore: z.number().finite(),
  temperature: temperatureSchema.nullable(),
  lastVisitAt: isoInstant.nullish(),
  tags: z.array(z.object({ tagId: id })),
  scores: z.array(z.object({ scoreId: id, value: z.number().finite() })),
  updatedAt: isoInstant,
});
export type Prospect = z.infer<typeof prospectSchema>;

/** Largest page the API serves. */
export const MAX_PROSPECT_PAGE = 1000;
/** Page size the API uses when the request names none. */
export const DEFAULT_PROSPECT_PAGE = 200;

export const prospectsQuerySchema = z.object({
  /** Only prospects with `updatedAt >= since`; all prospects when absent. */
  since: isoInstant.optional(),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PROSPECT_PAGE).optional(),
});
export type ProspectsQuery = z.infer<typeof prospectsQuerySchema>;

export const prospectsResponseSchema = z.object({
  prospects: z.array(prospectSchema),
  nextCursor: z.string().min(1).nullable(),
  /** The server's clock when it answered: the next incremental run's watermark comes from it. */
  serverTime: isoInstant,
});
export type ProspectsResponse = z.infer<typeof prospectsResponseSchema>;

// ----------------------------------------------- POST /prospects/activities
export const MAX_ACTIVITY_PROSPECTS = 200;

export const activitiesRequestSchema = z.object({
  prospectIds: z.array(id).min(1).max(MAX_ACTIVITY_PROSPECTS),
});
export type ActivitiesRequest = z.infer<typeof activitiesRequestSchema>;

export const activitySchema = z.object({
  id,
  prospectId: id,
  kind: activityKindSchema,
  url: z.string().nullish(),
  title: z.string().nullish(),
  visitCount: z.number().int().min(0),
  firstVisitAt: isoInstant,
  lastVisitAt: isoInstant,
});
export type Activity = z.infer<typeof activitySchema>;
export const activitiesResponseSchema = z.object({ activities: z.array(activitySchema) });
export type ActivitiesResponse = z.infer<typeof activitiesResponseSchema>;

// ------------------------------------------------------------ POST /records
/** Salesforce → SalesWings: a matched Lead or Contact changed one of the tracked fields. */
export const MAX_RECORDS_PER_REQUEST = 200;

export const recordUpdateSchema = z.object({
  id: z.string().min(15).max(18),
  objectType: z.enum(['Lead', 'Contact']),
  email: z.string().nullable(),
  favorite: z.boolean(),
  name: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  prospectId: z.string().nullable(),
});
export type RecordUpdate = z.infer<typeof recordUpdateSchema>;

export const recordsRequestSchema = z.object({
  records: z.array(recordUpdateSchema).min(1).max(MAX_RECORDS_PER_REQUEST),
});
export type RecordsRequest = z.infer<typeof recordsRequestSchema>;

export const recordRejectionSchema = z.object({ id: z.string(), message: z.string() });
export type RecordRejection = z.infer<typeof recordRejectionSchema>;

export const recordsResponseSchema = z.object({
  accepted: z.number().int().min(0),
  rejected: z.array(recordRejectionSchema),
});
export type RecordsResponse = z.infer<typeof recordsResponseSchema>;

// ------------------------------------------------------------ POST /metrics
export const metricsRequestSchema = z.object({
  /** `record-counts` (CountRecords) or `sync-run` (end-of-run report). */
  kind: z.enum(['record-counts', 'sync-run']),
  connection: z.string().min(1),
  at: isoInstant,
  /** Counts per Salesforce object (`record-counts`) or per step figure (`sync-run`). */
  values: z.record(z.string(), z.number()),
  /** Free-form details, e.g. the run id and status. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type MetricsRequest = z.infer<typeof metricsRequestSchema>;
export const metricsResponseSchema = z.object({ ok: z.literal(true) });

// ------------------------------------------------------------------- errors
/** Body of every non-2xx answer. */
export const errorResponseSchema = z.object({
  error: z.string(),
  message: z.string(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
