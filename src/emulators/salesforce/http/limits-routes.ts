/**
 * `GET /limits` and the versions/resources roots. DailyApiRequests reflects the calls counted
 * so far against `dailyApiLimit`.
 */
import type { Org } from '../org';
import { json, type Route } from './api-types';

export const SUPPORTED_VERSIONS = Array.from({ length: 33 }, (_v, i) => `${31 + i}.0`);

const RELEASES: Record<string, string> = { '58.0': "Summer '23", '59.0': "Winter '24", '60.0': "Spring '24", '61.0': "Summer '24", '62.0': "Winter '25", '63.0': "Spring '25" };

export function versionsList(): Array<Record<string, string>> {
  return SUPPORTED_VERSIONS.map((version) => ({ label: RELEASES[version] ?? `API ${version}`, url: `/services/data/v${version}`, version }));
}

export function limitsBody(org: Org): Record<string, { Max: number; Remaining: number }> {
  const used = org.counters.total;
  const max = org.dailyApiLimit;
  const bulkBatches = org.counters.get('bulk-ingest-upload');
  let records = 0;
  for (const table of org.store.tables.values()) records += table.rows.size;
  const storageMax = 10 * 1024;
  return {
    DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
    DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
    DailyBulkApiBatches: { Max: 15000, Remaining: Math.max(0, 15000 - bulkBatches) },
    DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
    DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
    // Most records cost 2 KB of data storage.
    DataStorageMB: { Max: storageMax, Remaining: Math.max(0, storageMax - Math.ceil((records * 2) / 1024)) },
    HourlyPublishedPlatformEvents: { Max: 250000, Remaining: Math.max(0, 250000 - org.events.publishedCount) },
  };
}

export function limitsRoutes(org: Org, baseUrl: () => string): Route[] {
  return [
    { method: 'GET', pattern: /^\/limits\/?$/, kind: 'limits', handler: () => json(200, limitsBody(org)), compositeAllowed: true },
    {
      method: 'GET',
      pattern: /^\/?$/,
      kind: 'resources',
      handler: (req) => {
        const base = `/services/data/v${req.version}`;
        return json(200, {
          sobjects: `${base}/sobjects`,
          query: `${base}/query`,
          queryAll: `${base}/queryAll`,
          limits: `${base}/limits`,
          composite: `${base}/composite`,
          jobs: `${base}/jobs`,
          // jsforce's identity() reads this absolute URL.
          identity: `${baseUrl()}/id/${org.orgId}/${req.userId}`,
        });
      },
    },
  ];
}
