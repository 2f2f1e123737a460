/**
 * A dry run's report as a plan: per step and per Salesforce object what a real run would create,
 * update or delete, the prospects the match steps would match, and the statement that nothing
 * was written. Activities put per-object figures in a step's `details` as `<name>Created`,
 * `<name>Updated`, `<name>Deleted` (e.g. `prospectTagsCreated`); the rest of a step's figures
 * belong to the step's own object.
 */
import { type StepName } from '../config/steps';
import {
  AccountScore,
  AccountTag,
  LegacyPage,
  OpportunityScore,
  OpportunityTag,
  Prospect,
  ProspectPage,
  ProspectScore,
  ProspectTag,
  RecordPage,
  RecordScore,
  RecordTag,
  SwScore,
  SwTag,
} from '../salesforce/names';
import { errorText, firstErrors, MAX_MATCH_SAMPLES, type StepReport, type SyncReport } from '../workflows/report';
import { runDuration } from './report-format';

/** The object a step writes, for its figures not broken down in details. */
const STEP_OBJECT: Record<StepName, string> = {
  GetTags: SwTag.object,
  GetScores: SwScore.object,
  GetProspects: Prospect.object,
  GetProspectPages: ProspectPage.object,
  MatchProspectsToLeads: 'Lead + SalesWings copies',
  MatchProspectsToContacts: 'Contact + SalesWings copies',
  MatchProspects: 'Lead/Contact + SalesWings copies',
  CleanLeads: 'Lead + SalesWings copies',
  CleanContacts: 'Contact + SalesWings copies',
  DeleteProspects: 'Lead/Contact + SalesWings copies',
  AggregateTags: AccountTag.object,
  AggregateScores: AccountScore.object,
  AggregateTemperature: 'Account',
  CreateOpportunityTags: OpportunityTag.object,
  CreateOpportunityScores: OpportunityScore.object,
  DeleteProspectScores: ProspectScore.object,
  DeleteProspectPages: ProspectPage.object,
  DeleteRecordPages: RecordPage.object,
  DeleteContactPages: RecordPage.object,
  DeletePages: LegacyPage.object,
  CountRecords: 'SalesWings (record counts)',
  SendRecordUpdates: 'SalesWings (record updates)',
};

/** Detail names → the object they count. */
const DETAIL_OBJECT: Record<string, string> = {
  prospectTags: ProspectTag.object,
  prospectScores: ProspectScore.object,
  prospectPages: ProspectPage.object,
  accountTags: AccountTag.object,
  accountScores: AccountScore.object,
  opportunityTags: OpportunityTag.object,
  opportunityScores: OpportunityScore.object,
  tagCopies: RecordTag.object,
  scoreCopies: RecordScore.object,
  pageCopies: RecordPage.object,
  recordPages: RecordPage.object,
  legacyPages: LegacyPage.object,
};

const MATCH_STEPS: ReadonlySet<string> = new Set(['MatchProspectsToLeads', 'MatchProspectsToContacts', 'MatchProspects']);

export interface ObjectPlan {
  object: string;
  create: number;
  update: number;
  delete: number;
}

export interface StepPlan {
  step: string;
  status: string;
  examined: number;
  objects: ObjectPlan[];
  /** Details that are not per-object writes (`matched`, `prospectsUnchanged`, …). */
  figures: Record<string, number>;
  reason?: string;
}

const WRITE_DETAIL = /^(.+)(Created|Updated|Deleted)$/;
const KIND = { Created: 'create', Updated: 'update', Deleted: 'delete' } as const;

/** Per-object writes of one step: the detailed objects, then the step's own object with the rest. */
export function planOfStep(s: StepReport): StepPlan {
  const objects = new Map<string, ObjectPlan>();
  const figures: Record<string, number> = {};
  for (const [key, value] of Object.entries(s.details ?? {})) {
    const match = WRITE_DETAIL.exec(key);
    if (!match) {
      figures[key] = value;
      continue;
    }
    const object = DETAIL_OBJECT[match[1]] ?? match[1];
    const plan = objects.get(object) ?? { object, create: 0, update: 0, delete: 0 };
    plan[KIND[match[2] as keyof typeof KIND]] += value;
    objects.set(object, plan);
  }
  const detailed = [...objects.values()];
  const sum = (k: 'create' | 'update' | 'delete') => detailed.reduce((n, o) => n + o[k], 0);
  // Cascaded deletes (`scoreCopiesDeleted` under DeleteProspectScores) may not be in the step's
  // own count: never show a negative remainder.
  const rest = { create: Math.max(0, s.created - sum('create')), update: Math.max(0, s.updated - sum('update')), delete: Math.max(0, s.deleted - sum('delete')) };
  if (detailed.length === 0 || rest.create + rest.update + rest.delete > 0) {
    detailed.unshift({ object: STEP_OBJECT[s.step] ?? s.step, ...rest });
  }
  return { step: s.step, status: s.status, examined: s.examined, objects: detailed, figures, ...(s.reason ? { reason: s.reason } : {}) };
}

const figuresText = (figures: Record<string, number>): string =>
  Object.entries(figures)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** `sync run --dry-run --wait` as text. */
export function formatDryRunPlan(report: SyncReport): string {
  const lines = [`Dry run ${report.runId}: ${report.status} — ${report.mode}${report.since ? `, prospects changed since ${report.since}` : ''}, ${runDuration(report)}`];
  if (report.status === 'Skipped') {
    lines.push('Skipped: another run of this connection holds the lease; nothing was planned.', 'Nothing was written.');
    return lines.join('\n');
  }
  lines.push('', 'Plan (what a real run would write):');
  const ran = report.steps.filter((s) => s.status !== 'Skipped');
  for (const s of ran) {
    const plan = planOfStep(s);
    lines.push(`  ${s.step.padEnd(26)} ${s.status}${s.status === 'Failed' && s.reason ? ` — ${s.reason}` : ''}, examined ${s.examined}`);
    for (const o of plan.objects) {
      lines.push(`      ${o.object.padEnd(34)} create ${String(o.create).padStart(6)}   update ${String(o.update).padStart(6)}   delete ${String(o.delete).padStart(6)}`);
    }
    if (Object.keys(plan.figures).length > 0) lines.push(`      ${figuresText(plan.figures)}`);
  }
  const skipped = report.steps.filter((s) => s.status === 'Skipped');
  if (skipped.length > 0) lines.push(`  skipped (${skipped.length}): ${skipped.map((s) => s.step).join(', ')}`);

  const matching = ran.filter((s) => MATCH_STEPS.has(s.step));
  if (matching.length > 0) {
    lines.push('', 'Records that would be matched:');
    for (const s of matching) {
      const d = s.details ?? {};
      lines.push(
        `  ${s.step.padEnd(26)} ${s.examined} prospect${s.examined === 1 ? '' : 's'} to match: matched ${d.matched ?? 0}, no match ${d.noMatch ?? 0}, ` +
          `failed ${d.failed ?? 0}, gave up ${d.gaveUp ?? 0}; records updated ${s.updated}, copies created ${s.created}, deleted ${s.deleted}`,
      );
      for (const m of s.matches ?? []) lines.push(`      prospect ${m.prospectId} → ${m.side} ${m.recordIds.join(', ')}`);
      const unlisted = (d.matched ?? 0) - (s.matches?.length ?? 0);
      if (unlisted > 0) lines.push(`      … and ${unlisted} more (the report lists the first ${MAX_MATCH_SAMPLES})`);
    }
    // The match steps read prospects from Salesforce, where a dry run has not written the new ones.
    const getProspects = report.steps.find((s) => s.step === 'GetProspects');
    const newProspects = (getProspects && planOfStep(getProspects).objects.find((o) => o.object === Prospect.object)?.create) ?? 0;
    if (newProspects > 0) {
      lines.push(
        `  ${newProspects} prospect${newProspects === 1 ? '' : 's'} a real run would create ${newProspects === 1 ? 'is' : 'are'} not in Salesforce yet: ` +
          'a dry run cannot match them; the first real run does.',
      );
    }
  }
  const errors = firstErrors(report.steps, 10).map((e) => `  ${e.step}: ${errorText(e)}`);
  if (errors.length > 0) lines.push('', 'Problems found while planning:', ...errors);
  lines.push(
    '',
    'Nothing was written: this was a dry run. No Salesforce record was created, updated or deleted, nothing was sent to SalesWings, ' +
      'and the watermark and any pending full-sync request are unchanged.',
  );
  return lines.join('\n');
}
