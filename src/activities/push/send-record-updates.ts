/**
 * SendRecordUpdates (Salesforce → SalesWings): matched Leads and Contacts whose Email, SW
 * Favorite, First Name, Last Name, Owner or Prospect Id changed are sent to SalesWings
 * (`POST /records`), then their fingerprint is stored on them. Design and trade-offs:
 * docs/salesforce-to-saleswings.md.
 *
 * Per attempt: the window (records modified since the last completed push, from the SW Apex Job
 * log; all of them on a full sync or without a log), then one paged query per object in Id order.
 * Records to send are gathered across pages and objects and flushed 1,000 at a time — five full
 * SalesWings requests and one Composite call of fingerprint writes — so 500 edits cost three
 * SalesWings requests. After every flush the position of the last settled record is heartbeated;
 * a retried attempt resumes there with the same window.
 */
import { activityInfo, heartbeat } from '@temporalio/activity';
import { MAX_RECORDS_PER_REQUEST, type RecordUpdate } from '../../saleswings/contract';
import {
  decidePush,
  fingerprintWrites,
  PUSH_OBJECTS,
  rejectionMarker,
  type FingerprintWrite,
  type PushObject,
  type SentRecord,
} from '../../sync/push-plan';
import { type PushWindow } from '../../sync/push-window';
import { FINGERPRINT_FIELD } from '../../sync/fingerprint';
import { type StepResult } from '../../workflows/report';
import { type ActivityDeps } from '../deps';
import { StepTally } from '../support/step-result';
import { type StepInput } from '../types';
import { scanQuery, toCandidate } from './push-scan';
import { readPushWindow } from './push-window-source';

/**
 * Records sent per flush: five SalesWings requests of 200 (the contract's maximum) and one
 * Composite call of five 200-record fingerprint updates — well under the Bulk threshold.
 */
export const FLUSH_RECORDS = 1000;

/**
 * A partly filled buffer is flushed after this many pages, so a crash never makes a retry re-read
 * more than a few pages (sparse changes in a large window would otherwise keep the buffer open).
 */
export const FLUSH_AFTER_PAGES = 5;

/** Where a retried attempt resumes: after `after` in `object`'s Id order (null: from its start). */
interface Position {
  object: PushObject;
  after: string | null;
}

/** Heartbeat details: ids, the window and counts only — never record data. */
interface Checkpoint {
  window: PushWindow;
  /** null: every record was settled. */
  position: Position | null;
  tally: StepResult;
}

interface Pending extends SentRecord {
  update: RecordUpdate;
}

/** Sends the buffer, then stores fingerprints (accepted) and rejection markers (rejected). */
async function flush(deps: ActivityDeps, input: StepInput, buffer: readonly Pending[], tally: StepTally): Promise<void> {
  if (buffer.length === 0) return;
  const answer = await deps.saleswings.pushRecords(buffer.map((p) => p.update));
  tally.count('requests', Math.ceil(buffer.length / MAX_RECORDS_PER_REQUEST));
  tally.count('sent', buffer.length);
  const rejected = new Map(answer.rejected.map((r) => [r.id, r.message]));
  const failed = new Set<string>();
  for (const p of buffer) {
    const message = rejected.get(p.id);
    if (message === undefined) {
      tally.updated += 1;
      continue;
    }
    failed.add(p.id);
    tally.count('rejected');
    tally.fail(p.id, 'SALESWINGS_REJECTED', `${p.object} not applied by SalesWings (sent again next run): ${message}`);
  }

  // The marker carries this run's start: each run writes a different value, so the write always
  // moves the record into the next run's window, even where Salesforce skips no-op updates.
  const writes = fingerprintWrites(buffer, new Set(rejected.keys()), rejectionMarker(input.run.startedAt));
  for (const object of PUSH_OBJECTS) {
    const part: FingerprintWrite[] = writes.filter((w) => w.object === object);
    if (part.length === 0) continue;
    const results = await deps.salesforce.update(
      object,
      part.map((w) => ({ Id: w.id, [FINGERPRINT_FIELD]: w.value })),
    );
    for (const result of results) {
      const id = part[result.index].id;
      if (result.success) {
        tally.count('fingerprintsWritten');
        continue;
      }
      // Sent but not fingerprinted: SalesWings has the record; it is sent again after its next
      // change. A rejected record already counts as failed once.
      if (failed.has(id)) continue;
      const error = result.errors[0];
      tally.fail(id, error?.code ?? 'UNKNOWN', `fingerprint not stored on ${object}: ${error?.message ?? 'update failed'}`);
    }
  }
}

export async function sendRecordUpdates(deps: ActivityDeps, input: StepInput): Promise<StepResult> {
  const gateway = deps.salesforce;
  const dryRun = input.run.dryRun;
  const resumed = activityInfo().heartbeatDetails as Checkpoint | undefined;
  const tally = StepTally.from(resumed?.tally, input.options.reporting.maxErrorsPerStep);
  if (resumed && resumed.position === null) return tally.result();

  const window = resumed?.window ?? (await readPushWindow(gateway, input));
  if (!resumed) tally.count(window.since === undefined ? 'fullScan' : 'incrementalScan');

  /** The last record examined: everything up to it is settled when the buffer is empty. */
  let scanned: Position | null = resumed?.position ?? { object: PUSH_OBJECTS[0], after: null };
  let buffer: Pending[] = [];
  /** The checkpoint taken just before the first record of a non-empty buffer. */
  let beforeBuffer: Checkpoint | undefined;
  /** Pages read since the buffer's first record. */
  let pagesSinceFlush = 0;
  const checkpoint = (): Checkpoint =>
    buffer.length > 0 && beforeBuffer ? beforeBuffer : { window, position: scanned, tally: tally.result() };
  const flushAll = async (): Promise<void> => {
    await flush(deps, input, buffer, tally);
    buffer = [];
    pagesSinceFlush = 0;
  };

  const start = PUSH_OBJECTS.indexOf(scanned?.object ?? PUSH_OBJECTS[0]);
  for (let i = start; i < PUSH_OBJECTS.length; i += 1) {
    const object = PUSH_OBJECTS[i];
    const after = i === start ? (scanned?.after ?? null) : null;
    const pages = gateway.queryPages(scanQuery(object, window.since, after), { batchSize: input.options.salesforce.queryBatchSize });
    for await (const page of pages) {
      for (const row of page.records) {
        const candidate = toCandidate(object, row);
        const decision = decidePush(object, candidate);
        const buffered = decision.kind === 'send' && !dryRun;
        if (buffered && buffer.length === 0) {
          beforeBuffer = checkpoint();
          pagesSinceFlush = 0;
        }
        tally.examined += 1;
        scanned = { object, after: candidate.id };
        if (decision.kind !== 'send') {
          tally.count(decision.kind);
          continue;
        }
        if (decision.reason === 'unlinked') tally.count('unlinked');
        if (!buffered) {
          // Dry run: nothing is sent or written; report what would be.
          tally.updated += 1;
          tally.count('wouldSend');
          continue;
        }
        buffer.push({ object, id: candidate.id, fingerprint: decision.fingerprint, update: decision.update });
        if (buffer.length >= FLUSH_RECORDS) await flushAll();
      }
      pagesSinceFlush += 1;
      if (buffer.length > 0 && pagesSinceFlush >= FLUSH_AFTER_PAGES) await flushAll();
      heartbeat(checkpoint());
    }
    // The object is read to its end: a retry with nothing pending starts at the next object.
    const next = PUSH_OBJECTS[i + 1];
    scanned = next ? { object: next, after: null } : null;
  }
  await flushAll();
  heartbeat(checkpoint());
  return tally.result();
}
