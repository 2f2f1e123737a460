/**
 * `prospect` output: per prospect its lifecycle and sync state, the records that took its data
 * and those that did not (with the reason), and its match workflow runs. Pure functions.
 */
import { type ProspectFacts, type RecordExplanation, type Side } from './prospect-explain';
import { type MatchHistory } from './prospect-history';
import { type ProspectQuery } from './prospect-lookup';

export interface ProspectEntry {
  prospect: ProspectFacts;
  /** Leads and Contacts carrying the prospect's id or email, each with the reason. */
  records: RecordExplanation[];
  matchWorkflow: MatchHistory;
}

/** `prospect --json`. */
export interface ProspectReport {
  query: ProspectQuery;
  connection: string;
  maxAttempts: number;
  prospects: ProspectEntry[];
}

function sideLine(p: ProspectFacts, side: Side, maxAttempts: number): string[] {
  const s = p.sides[side];
  const lines = [`  ${side.padEnd(8)} ${(s.status ?? '—').padEnd(10)} attempts ${s.attempts}/${maxAttempts}${s.run ? `   last run ${s.run}` : ''}`];
  if (s.error) lines.push(`           last error: ${s.error}`);
  return lines;
}

function recordLine(r: RecordExplanation): string {
  const flags = [r.converted ? 'CONVERTED' : '', r.linked ? 'linked' : ''].filter(Boolean).join(', ');
  return `    ${r.object.padEnd(8)}${r.id}  ${r.name ?? ''} <${r.email ?? ''}>${flags ? ` [${flags}]` : ''}\n             ${r.reason}`;
}

function entryLines(entry: ProspectEntry, maxAttempts: number): string[] {
  const p = entry.prospect;
  const lines = [
    `Prospect ${p.swId}  ${p.name ?? ''} <${p.email ?? ''}>  (Prospect__c ${p.id})`,
    `  lifecycle ${p.lifecycle ?? '—'}${p.mergedIntoId ? ` (merged into ${p.mergedIntoId})` : ''}   sync status ${p.syncStatus ?? '—'}   updated in SalesWings ${p.swUpdatedAt ?? '—'}   last synced ${p.lastSyncedAt ?? '—'}`,
    ...sideLine(p, 'Lead', maxAttempts),
    ...sideLine(p, 'Contact', maxAttempts),
  ];
  const updated = entry.records.filter((r) => r.updated);
  const notUpdated = entry.records.filter((r) => !r.updated);
  lines.push(`  Updated (${updated.length}):`, ...(updated.length ? updated.map(recordLine) : ['    none']));
  lines.push(`  Not updated (${notUpdated.length}):`, ...(notUpdated.length ? notUpdated.map(recordLine) : ['    none']));

  const w = entry.matchWorkflow;
  lines.push(`  Match workflow ${w.workflowId}`, `    ${w.url}`);
  if (w.problem) lines.push(`    runs unavailable: ${w.problem}`);
  else if (w.runs.length === 0) lines.push('    no runs in visibility (matched in batches, not attempted yet, or past the retention period)');
  for (const run of w.runs) {
    const outcome = run.outcome ?? (run.executionStatus === 'COMPLETED' ? 'nothing to do' : run.executionStatus);
    const details = [run.side ?? '', outcome, run.attempts !== null ? `attempts ${run.attempts}/${maxAttempts}` : '', run.matchedRecordIds.length ? `records ${run.matchedRecordIds.join(', ')}` : '']
      .filter(Boolean)
      .join(' · ');
    lines.push(`    ${run.startedAt}  ${details}${run.error ? `  — ${run.error}` : ''}${run.problem ? `  (${run.problem})` : ''}`);
  }
  return lines;
}

export function formatProspectReport(report: ProspectReport): string {
  const what = report.query.by === 'id' ? `SW_Id__c = ${report.query.value}` : `email ${report.query.value}`;
  if (report.prospects.length === 0) return `No Prospect__c with ${what}: GetProspects has not synced it (yet), or the ${report.query.by === 'id' ? 'id' : 'email'} differs.`;
  const head = report.prospects.length > 1 ? [`${report.prospects.length} prospects have ${what}:`, ...report.prospects.map((e) => `  ${e.prospect.swId}  ${e.prospect.lifecycle ?? '—'}  ${e.prospect.name ?? ''}`), ''] : [];
  return [...head, ...report.prospects.flatMap((e, i) => [...(i > 0 ? [''] : []), ...entryLines(e, report.maxAttempts)])].join('\n');
}
