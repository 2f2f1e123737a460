/**
 * The benchmark report as plain-text tables for the terminal (and, pasted, for
 * docs/benchmarks.md: the tables are valid Markdown).
 */
import { type BenchReport, type PhaseReport } from './report';

type Cell = string | number;

const fmt = (n: number): string => n.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** A Markdown table with right-aligned numeric columns. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => row.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || /^[\d.,×%-]+( s| MB|×)?$/.test(String(row[i]))));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(headers), rule, ...text.map(line)].join('\n');
}

function phaseRows(report: BenchReport): Cell[][] {
  return report.phases.map((p) => [
    p.name,
    p.mode,
    p.status,
    Object.values(p.matchStrategy).join('/') || '-',
    seconds(p.wallMs),
    seconds(p.cpu.processMs + (p.cpu.temporalServerMs ?? 0)),
    p.salesforce.total,
    p.minimum.total,
    p.ratio === null ? '-' : `${p.ratio}×`,
    p.saleswings.requests,
    p.temporal ? p.temporal.historyEvents.total : '-',
    `${p.memory.peakRssMb} MB`,
    p.throughput.prospectsPerSecond,
    p.throughput.recordsPerSecond,
  ]);
}

function stepRows(p: PhaseReport, direct?: PhaseReport): Cell[][] {
  const directSteps = new Map((direct?.steps ?? []).map((s) => [s.step, s]));
  return p.steps
    .filter((s) => s.status !== 'Skipped')
    .map((s) => {
      const d = directSteps.get(s.step);
      // A step the run found to have nothing to do is reported without having run (no times).
      const idle = s.reason !== undefined && s.ms === 0;
      const row: Cell[] = [s.step, idle ? s.status.toLowerCase() : seconds(s.ms), s.apiCalls, s.examined, s.created, s.updated, s.deleted, s.failed];
      if (direct) row.push(d ? seconds(d.ms) : '-', d ? d.apiCalls : '-', d && d.ms > 0 ? `${(s.ms / d.ms).toFixed(2)}×` : '-');
      return row;
    });
}

function bookkeepingRows(p: PhaseReport): Cell[][] {
  return Object.entries(p.salesforce.byStep)
    .filter(([step]) => step.startsWith('('))
    .map(([step, kinds]) => [step, Object.entries(kinds).filter(([k]) => k !== 'auth').reduce((n, [, c]) => n + c, 0), Object.entries(kinds).map(([k, c]) => `${k} ${c}`).join(', ')]);
}

function phaseDetail(p: PhaseReport, direct: PhaseReport | undefined, maxShapes: number): string {
  const out: string[] = [];
  out.push(`### ${p.name} (${p.executor}, ${p.mode}, ${p.status})`);
  out.push('');
  const stepHeaders = ['Step', 'Time', 'SF calls', 'Examined', 'Created', 'Updated', 'Deleted', 'Failed'];
  if (direct) stepHeaders.push('Direct time', 'Direct SF calls', 'Time ratio');
  out.push(table(stepHeaders, stepRows(p, direct)));
  out.push('', `Run ${seconds(p.runMs)} (caller saw ${seconds(p.wallMs)}); outside the steps (bookkeeping, scheduling between steps): ${seconds(p.outsideStepsMs)}.`);
  const bookkeeping = bookkeepingRows(p);
  if (bookkeeping.length > 0) {
    out.push('', 'Bookkeeping activities:', '', table(['Activity', 'SF calls', 'By kind'], bookkeeping));
  }
  out.push('', `Salesforce API calls by kind (emulator): ${Object.entries(p.salesforce.byKind).map(([k, c]) => `${k} ${fmt(c)}`).join(', ') || 'none'}.`);
  out.push(
    `Minimum: ${fmt(p.minimum.total)} = ${fmt(p.minimum.writeCalls)} write + ${fmt(p.minimum.readCalls)} read calls ` +
      `(for the records actually sent: ${fmt(p.minimum.writeCallsForSent)} write calls); actual ${fmt(p.salesforce.total)}.`,
  );
  out.push('');
  out.push(table(
    ['Object written', 'Created', 'Updated', 'Deleted', 'Minimum calls', 'Records sent', 'Minimum for sent'],
    p.minimum.writes.map((w) => [w.object, w.created, w.updated, w.deleted, w.calls, w.sent, w.sentCalls]),
  ));
  out.push('');
  const shapes = p.minimum.reads.slice(0, maxShapes);
  out.push(table(
    ['Step', 'Query', 'Reads', 'Rows', 'Calls', 'Minimum'],
    shapes.map((r) => [r.step, r.shape.length > 110 ? `${r.shape.slice(0, 107)}…` : r.shape, r.reads, r.rows, r.calls, r.minimum]),
  ));
  if (p.minimum.reads.length > maxShapes) out.push(`(${p.minimum.reads.length - maxShapes} more query shapes in the JSON report)`);
  if (p.temporal) {
    const h = p.temporal.historyEvents;
    out.push('');
    out.push(
      `Temporal: ${fmt(h.total)} history events (${Object.entries(h.byType).map(([t, n]) => `${t} ${fmt(n)} in ${fmt(h.executions[t] ?? 0)} run(s)`).join(', ')})` +
        `; sync state workflow +${p.temporal.stateWorkflowEvents ?? '?'} events; match batcher ${fmt(p.temporal.matchBatcher.items)} prospects in ${fmt(p.temporal.matchBatcher.batches)} batches.`,
    );
    const times = Object.entries(h.times ?? {}).map(
      ([type, t]) =>
        `${type}: ${fmt(t.activities.count)} activities queued ${seconds(t.activities.queuedMs)}, ran ${seconds(t.activities.runningMs)}; ` +
        `${fmt(t.workflowTasks.count)} workflow tasks queued ${seconds(t.workflowTasks.queuedMs)}, ran ${seconds(t.workflowTasks.runningMs)}`,
    );
    if (times.length > 0) out.push(`Task times (sums): ${times.join('. ')}.`);
  }
  out.push(`SalesWings requests: ${Object.entries(p.saleswings.byEndpoint).map(([k, c]) => `${k} ${fmt(c)}`).join(', ') || 'none'}.`);
  out.push(`Memory: RSS ${p.memory.startRssMb} MB at start, peak ${p.memory.peakRssMb} MB; peak heap ${p.memory.peakHeapUsedMb} MB.`);
  out.push(`CPU: ${seconds(p.cpu.processMs)} in this process${p.cpu.temporalServerMs === undefined ? '' : `, ${seconds(p.cpu.temporalServerMs)} in the Temporal server`}.`);
  if (p.errors.length > 0) out.push('', 'Errors:', ...p.errors.map((e) => `- ${e}`));
  return out.join('\n');
}

export function renderReport(report: BenchReport, options: { maxShapes?: number } = {}): string {
  const maxShapes = options.maxShapes ?? 12;
  const m = report.machine;
  const phase = (name: string) => report.phases.find((p) => p.name === name);
  const out: string[] = [];
  out.push(`## ${fmt(report.dataset.prospects)} prospects — strategy ${report.sync.strategy}, Salesforce latency ${report.options.latencyMs} ms`);
  out.push('');
  const rev = report.revision ? `, commit ${report.revision.commit}${report.revision.modifiedFiles > 0 ? ` + ${report.revision.modifiedFiles} modified files` : ''}` : '';
  out.push(`\`${report.command}\` — ${report.startedAt}${rev}`);
  out.push(`Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}${m.temporal ? `, ${m.temporal}` : ''}; load average ${m.loadAverageAtStart} at start, ${m.loadAverageAtEnd} at the end.`);
  out.push(
    `Dataset: ${fmt(report.dataset.prospects)} prospects (${fmt(report.dataset.activeProspects)} Active), ${report.dataset.tags} tags, ${report.dataset.scores} scores, ` +
      `${fmt(report.dataset.activities)} activities; org: ${Object.entries(report.dataset.org).map(([o, n]) => `${fmt(n)} ${o}`).join(', ')}. ` +
      `Features: ${report.sync.features.join(', ') || 'package defaults'}. Incremental: ${fmt(report.changedProspects)} prospects edited.`,
  );
  out.push(`Setup: Temporal ${seconds(report.setup.temporalStartMs)}, seeding ${seconds(report.setup.seedMs)}, worker (bundle) ${seconds(report.setup.workerStartMs)}.`);
  out.push('');
  out.push(table(['Phase', 'Mode', 'Status', 'Matching', 'Wall', 'CPU', 'SF calls', 'Minimum', 'Ratio', 'SW req', 'Events', 'Peak RSS', 'Prospects/s', 'Records/s'], phaseRows(report)));
  out.push('');
  out.push(table(['Target', 'Goal', 'Measured', 'Met'], report.targets.map((t) => [t.name, t.target, t.actual, t.met ? 'yes' : 'NO'])));
  for (const p of report.phases) {
    if (p.executor === 'direct') continue;
    const direct = p.name === 'full' ? phase('direct-full') : p.name === 'incremental' ? phase('direct-incremental') : undefined;
    out.push('', phaseDetail(p, direct, maxShapes));
  }
  return out.join('\n');
}
