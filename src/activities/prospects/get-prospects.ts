/**
 * GetProspects: prospects changed in SalesWings since the watermark (all of them on a full sync)
 * are upserted as `Prospect__c` — Active ones set to Not Processed, others to Processed, both
 * attempt counters back to 0 — and their tags and scores aligned (created, updated, orphans
 * deleted).
 *
 * It streams page by page: one SalesWings page is read, compared with what Salesforce holds
 * (one query with the prospects' tags and scores as sub-queries), written, and heartbeated with
 * the next cursor. A retried attempt resumes from the last heartbeat; re-reading a page is
 * harmless because every write is keyed.
 */
import { activityInfo, heartbeat } from '@temporalio/activity';
import { type SalesforceGateway } from '../../salesforce/gateway';
import { soqlInList } from '../../salesforce/soql';
import { type Prospect } from '../../saleswings/contract';
import { planAlignment, type ExistingRecord } from '../../sync/align';
import {
  desiredProspectScores,
  desiredProspectTags,
  planProspectIngest,
  PROSPECT_DATA_FIELDS,
  type ExistingProspect,
} from '../../sync/prospect-record';
import { type FieldValues } from '../../sync/values';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { applyAlignment } from '../support/apply-alignment';
import { loadScoreDefinitions, loadTagDefinitions, type StoredDefinitions } from '../support/definitions';
import { StepTally } from '../support/step-result';
import { type GetProspectsInput, type GetProspectsResult } from '../types';

/** What a retried attempt resumes from. */
interface Checkpoint {
  cursor: string | null;
  serverTime?: string;
  pages: number;
  tally: StepResult;
}

type StoredProspect = ExistingProspect & {
  Prospect_Tags__r?: { records: FieldValues[] } | null;
  Prospect_Scores__r?: { records: FieldValues[] } | null;
};

const PROSPECT_QUERY_FIELDS = ['Id', ...PROSPECT_DATA_FIELDS.filter((f) => f !== 'SW_Id__c'), 'SW_Id__c'].join(', ');

async function readStored(gateway: SalesforceGateway, swIds: string[]): Promise<Map<string, StoredProspect>> {
  const stored = new Map<string, StoredProspect>();
  const pages = gateway.queryByIn(
    swIds,
    (chunk) =>
      `SELECT ${PROSPECT_QUERY_FIELDS}, ` +
      `(SELECT Id, Key__c, Name FROM Prospect_Tags__r), ` +
      `(SELECT Id, Key__c, Name, Value__c FROM Prospect_Scores__r) ` +
      `FROM Prospect__c WHERE SW_Id__c IN ${soqlInList(chunk)}`,
  );
  for await (const page of pages) {
    for (const record of page.records) {
      const r = record as Record<string, unknown>;
      stored.set(r.SW_Id__c as string, { ...(r as FieldValues), id: r.Id as string } as StoredProspect);
    }
  }
  return stored;
}

const existingChildren = (rows: { records: FieldValues[] } | null | undefined): ExistingRecord[] =>
  (rows?.records ?? []).map((r) => ({ id: r.Id as string, key: r.Key__c as string, fields: r }));

async function ingestPage(
  deps: ActivityDeps,
  input: GetProspectsInput,
  prospects: Prospect[],
  definitions: { tags: StoredDefinitions; scores: StoredDefinitions },
  tally: StepTally,
): Promise<void> {
  const gateway = deps.salesforce;
  const dryRun = input.run.dryRun;
  const stored = await readStored(gateway, prospects.map((p) => p.id));
  const plan = planProspectIngest({
    incoming: prospects,
    existing: stored,
    mode: input.run.mode,
    now: (deps.now ?? (() => new Date()))(),
    tagsById: definitions.tags,
  });
  tally.examined += prospects.length;
  tally.count('prospectsUnchanged', plan.unchanged.length);
  tally.count('prospectsStale', plan.stale.length);
  if (plan.upsert.length === 0) return;

  // 1. The prospects themselves, keyed by SalesWings id.
  const prospectIds = new Map<string, string>();
  if (dryRun) {
    for (const u of plan.upsert) {
      if (u.id) tally.updated += 1;
      else tally.created += 1;
      // A prospect a real run would create gets a stand-in Id, so its tags and scores are
      // planned (as creates) too; nothing is written in a dry run.
      prospectIds.set(u.swId, u.id ?? `(new ${u.swId})`);
    }
  } else {
    const records = plan.upsert.map((u) => u.fields);
    const results = await gateway.upsert('Prospect__c', 'SW_Id__c', records);
    tally.record(results, 'upserted', (i) => `Prospect__c ${plan.upsert[i].swId}`);
    for (const r of results) if (r.success && r.id) prospectIds.set(plan.upsert[r.index].swId, r.id);
  }
  tally.count('prospectsWritten', plan.upsert.length);

  // 2. Their tags and scores: only for prospects written now (the others keep theirs).
  const byId = new Map(prospects.map((p) => [p.id, p]));
  const tagDesired = [];
  const scoreDesired = [];
  const tagExisting: ExistingRecord[] = [];
  const scoreExisting: ExistingRecord[] = [];
  for (const [swId, sfId] of prospectIds) {
    const prospect = byId.get(swId);
    if (!prospect) continue;
    for (const row of desiredProspectTags(prospect, definitions.tags)) {
      const tag = definitions.tags.get(row.refs.tagSwId);
      if (!tag) continue;
      tagDesired.push({ key: row.key, fields: { ...row.fields, Prospect__c: sfId, Tag__c: tag.id }, createOnly: ['Prospect__c', 'Tag__c'] });
    }
    for (const row of desiredProspectScores(prospect, definitions.scores)) {
      const score = definitions.scores.get(row.refs.scoreSwId);
      if (!score) continue;
      scoreDesired.push({ key: row.key, fields: { ...row.fields, Prospect__c: sfId, Score__c: score.id }, createOnly: ['Prospect__c', 'Score__c'] });
    }
    tagExisting.push(...existingChildren(stored.get(swId)?.Prospect_Tags__r));
    scoreExisting.push(...existingChildren(stored.get(swId)?.Prospect_Scores__r));
  }
  const tagPlan = planAlignment({ existing: tagExisting, desired: tagDesired, deleteMissing: true });
  await applyAlignment(gateway, tagPlan, { object: 'SW_Prospect_Tag__c', keyField: 'Key__c', dryRun, tally, detail: 'prospectTags' });
  const scorePlan = planAlignment({ existing: scoreExisting, desired: scoreDesired, deleteMissing: true });
  await applyAlignment(gateway, scorePlan, { object: 'Prospect_Score__c', keyField: 'Key__c', dryRun, tally, detail: 'prospectScores' });
}

/**
 * Tag and score definitions as Salesforce holds them. A dry run also plans against the
 * definitions GetTags/GetScores would have created (SalesWings' lists, with stand-in Ids), so the
 * plan counts the tag and score rows of new definitions too.
 */
async function loadDefinitions(deps: ActivityDeps, dryRun: boolean): Promise<{ tags: StoredDefinitions; scores: StoredDefinitions }> {
  const [tags, scores] = await Promise.all([loadTagDefinitions(deps.salesforce), loadScoreDefinitions(deps.salesforce)]);
  if (dryRun) {
    const [swTags, swScores] = await Promise.all([deps.saleswings.listTags(), deps.saleswings.listScores()]);
    for (const t of swTags) if (!tags.has(t.id)) tags.set(t.id, { id: `(new tag ${t.id})`, name: t.name });
    for (const s of swScores) if (!scores.has(s.id)) scores.set(s.id, { id: `(new score ${s.id})`, name: s.name });
  }
  return { tags, scores };
}

export async function getProspects(deps: ActivityDeps, input: GetProspectsInput): Promise<GetProspectsResult> {
  const resumed = activityInfo().heartbeatDetails as Checkpoint | undefined;
  const tally = StepTally.from(resumed?.tally, input.options.reporting.maxErrorsPerStep);
  // Loaded with the first page that has prospects: an unchanged run spends no call on them.
  let definitions: { tags: StoredDefinitions; scores: StoredDefinitions } | undefined;
  let cursor: string | null | undefined = resumed?.cursor;
  let serverTime = resumed?.serverTime;
  let pages = resumed?.pages ?? 0;
  if (resumed && resumed.cursor === null) return { ...tally.result(), serverTime };

  for (;;) {
    const page = await deps.saleswings.getProspectPage({
      since: input.since,
      cursor: cursor ?? undefined,
      limit: input.options.saleswings.pageSize,
    });
    // The watermark is the server's clock when the read began: anything changed after that
    // instant is read again by the next run.
    serverTime ??= page.serverTime;
    if (page.prospects.length > 0) {
      definitions ??= await loadDefinitions(deps, input.run.dryRun);
      await ingestPage(deps, input, page.prospects, definitions, tally);
    }
    pages += 1;
    cursor = page.nextCursor;
    heartbeat({ cursor, serverTime, pages, tally: tally.result() } satisfies Checkpoint);
    if (!cursor) break;
  }
  tally.count('pages', pages);
  return { ...tally.result(), serverTime };
}

