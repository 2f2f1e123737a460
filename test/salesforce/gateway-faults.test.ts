/**
 * Injected faults surface as the right typed errors (or are retried away), lock errors are
 * retried for the locked records only, the API budget guard stops a run before the org's
 * reserve is touched, and Bulk jobs survive crashes and failed uploads.
 */
import { ErrorType } from '../../src/errors';
import { DEFAULT_RATE_LIMIT_RETRY_MS } from '../../src/salesforce/errors';
import { type SalesforceGateway } from '../../src/salesforce/gateway';
import { type BulkProgress } from '../../src/salesforce/bulk2';
import { Lead, Prospect, ProspectTag } from '../../src/salesforce/names';
import { type SalesforceRecord } from '../../src/salesforce/namespace';
import { callsByKind, gatewayFor, rejection, startEmulator, type Emulator } from './support';

let emu: Emulator;
let gateway: SalesforceGateway;

beforeAll(async () => {
  emu = await startEmulator({ dailyApiLimit: 1000 });
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(async () => {
  emu.admin.reset();
  gateway = await gatewayFor(emu);
});

const prospects = (n: number, prefix = 'f'): SalesforceRecord[] =>
  Array.from({ length: n }, (_v, i) => ({ SW_Id__c: `${prefix}${i}`, Name: `${prefix} ${i}` }));

describe('request-level faults', () => {
  it('a 503 that persists on a query is a retryable TransientError after the transport retries', async () => {
    emu.admin.setFaults({ unavailable: [{ kind: 'query', times: 10 }] });
    const error = await rejection(gateway.queryAll('SELECT Id FROM Lead'));
    expect(error.type).toBe(ErrorType.Transient);
    expect(error.retryable).toBe(true);
    expect(error.code).toBe('SERVER_UNAVAILABLE');
    expect(error.message).toContain('HTTP 503');
  });

  it('a single 503 on a query is absorbed by the transport retry', async () => {
    emu.admin.insert('Lead', { LastName: 'x', Company: 'c' });
    emu.admin.setFaults({ unavailable: [{ kind: 'query', times: 1 }] });
    expect(await gateway.queryAll('SELECT LastName FROM Lead')).toEqual([{ LastName: 'x' }]);
  });

  it('a 503 on an idempotent upsert is retried by the writer and the records land once', async () => {
    emu.admin.setFaults({ unavailable: [{ kind: 'collections-upsert', times: 2 }] });
    const plain = await gatewayFor(emu, { writes: { useComposite: false } });
    const results = await plain.upsert(Prospect.object, Prospect.SwId, prospects(5));
    expect(results.every((r) => r.success)).toBe(true);
    expect(emu.admin.records(Prospect.object)).toHaveLength(5);
    expect(callsByKind(emu)['collections-upsert']).toBe(1);
  });

  it('a 503 on a create is not re-sent blindly: it fails as TransientError and nothing is duplicated', async () => {
    emu.admin.setFaults({ unavailable: [{ kind: 'collections-create', times: 1 }] });
    const error = await rejection(gateway.create(Lead.object, [{ LastName: 'x', Company: 'c' }]));
    expect(error.type).toBe(ErrorType.Transient);
    expect(emu.admin.records('Lead')).toHaveLength(0);
  });

  it('a 429 is a RateLimitedError with a delay to honour', async () => {
    emu.admin.setFaults({ unavailable: [{ kind: 'query', status: 429, times: 10 }] });
    const error = await rejection(gateway.queryAll('SELECT Id FROM Lead'));
    expect(error.type).toBe(ErrorType.RateLimited);
    expect(error.retryable).toBe(true);
    // No Retry-After header from the emulator: the default delay.
    expect(error.retryAfterMs).toBe(DEFAULT_RATE_LIMIT_RETRY_MS);
  });

  it('a 500 on a write is a retryable TransientError once the writer’s retries are spent', async () => {
    emu.admin.setFaults({ unavailable: [{ kind: 'composite', status: 500, times: 10 }] });
    const error = await rejection(gateway.upsert(Prospect.object, Prospect.SwId, prospects(300)));
    expect(error.type).toBe(ErrorType.Transient);
    expect(error.retryable).toBe(true);
    expect(emu.admin.records(Prospect.object)).toHaveLength(0);
  });

  it('a response slower than the timeout is a TransientError', async () => {
    emu.admin.setFaults({ latencyMs: 400 });
    const impatient = await gatewayFor(emu, { http: { timeoutMs: 100, maxRetries: 0 } });
    const error = await rejection(impatient.queryAll('SELECT Id FROM Lead'));
    expect(error.type).toBe(ErrorType.Transient);
    expect(error.code).toBe('TIMEOUT');
  });

  it('the org’s daily limit is an ApiBudgetError that is not retried', async () => {
    emu.admin.setFaults({ requestLimitAfter: 0 });
    const error = await rejection(gateway.queryAll('SELECT Id FROM Lead'));
    expect(error.type).toBe(ErrorType.ApiBudget);
    expect(error.code).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(error.retryable).toBe(false);
  });

  it('an unknown upsert key is a ValidationError, not a per-record failure', async () => {
    const error = await rejection(gateway.upsert(Prospect.object, 'No_Such_Key__c', [{ No_Such_Key__c: 'x', Name: 'x' }]));
    expect(error.type).toBe(ErrorType.Validation);
  });
});

describe('API budget', () => {
  it('stops before the org’s remaining daily calls fall under the reserve', async () => {
    // 1,000 calls a day, 20 % reserved for others: at most 800 may be used in all.
    const others = await gatewayFor(emu);
    for (let i = 0; i < 300; i += 1) await others.count('SELECT COUNT() FROM Lead');
    const guarded = await gatewayFor(emu, { budget: { reserveShare: 0.2 } });
    let made = 0;
    const error = await rejection(
      (async () => {
        for (;;) {
          await guarded.count('SELECT COUNT() FROM Lead');
          made += 1;
          if (made > 900) throw new Error('the guard never stopped the run');
        }
      })(),
    );
    expect(error.type).toBe(ErrorType.ApiBudget);
    expect(error.code).toBe('API_BUDGET_RESERVE');
    expect(error.retryable).toBe(false);
    expect(made).toBe(500);
    expect(emu.admin.counters().total).toBe(800);
    expect(guarded.stats().apiUsage).toMatchObject({ used: 800, limit: 1000, remaining: 200 });
  });

  it('an absolute reserve works the same way', async () => {
    const guarded = await gatewayFor(emu, { budget: { reserveCalls: 995 } });
    await guarded.count('SELECT COUNT() FROM Lead');
    const error = await rejection(
      (async () => {
        for (let i = 0; i < 10; i += 1) await guarded.count('SELECT COUNT() FROM Lead');
      })(),
    );
    expect(error.type).toBe(ErrorType.ApiBudget);
    expect(emu.admin.counters().total).toBe(5);
  });

  it('refreshLimits reads the allowance from /limits', async () => {
    const usage = await gateway.refreshLimits();
    expect(usage).toMatchObject({ limit: 1000, used: 1 });
    expect(callsByKind(emu).limits).toBe(1);
  });
});

describe('row locks', () => {
  it('records locked for a while are retried alone and then succeed', async () => {
    const ids = emu.admin.insert('Lead', Array.from({ length: 5 }, (_v, i) => ({ LastName: `L${i}`, Company: 'c' })));
    emu.admin.setFaults({ lockedRecords: [{ id: ids[1], times: 2 }, { id: ids[3], times: 1 }] });
    const plain = await gatewayFor(emu, { writes: { useComposite: false } });
    const results = await plain.update(Lead.object, ids.map((Id) => ({ Id, Tags__c: 'done' })));
    expect(results.every((r) => r.success)).toBe(true);
    expect(emu.admin.records('Lead').every((l) => l.Tags__c === 'done')).toBe(true);
    // First attempt for all 5, then only the locked ones: [1,3], then [1].
    expect(callsByKind(emu)['collections-update']).toBe(3);
    expect(plain.stats().records.collections).toBe(5 + 2 + 1);
  });

  it('a record locked longer than the retries is reported, the others are written', async () => {
    const ids = emu.admin.insert('Lead', Array.from({ length: 3 }, (_v, i) => ({ LastName: `L${i}`, Company: 'c' })));
    emu.admin.setFaults({ lockedRecords: [{ id: ids[2], times: 100 }] });
    const results = await gateway.update(Lead.object, ids.map((Id) => ({ Id, Tags__c: 'done' })));
    expect(results.map((r) => r.success)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({ index: 2, id: ids[2], errors: [{ code: 'UNABLE_TO_LOCK_ROW' }] });
    expect(emu.admin.records('Lead').map((l) => l.Tags__c ?? null).sort()).toEqual(['done', 'done', null]);
    // One request for all three, then three more for the locked one alone.
    expect(callsByKind(emu)['collections-update']).toBe(4);
  });

  it('a lock inside a Composite call is retried for that record only', async () => {
    const ids = emu.admin.insert('Lead', Array.from({ length: 450 }, (_v, i) => ({ LastName: `L${i}`, Company: 'c' })));
    emu.admin.setFaults({ lockedRecords: [{ id: ids[300], times: 1 }] });
    const results = await gateway.update(Lead.object, ids.map((Id) => ({ Id, Tags__c: 'done' })));
    expect(results.every((r) => r.success)).toBe(true);
    expect(emu.admin.records('Lead').every((l) => l.Tags__c === 'done')).toBe(true);
    expect(callsByKind(emu)).toMatchObject({ composite: 1, 'collections-update': 1 });
    expect(gateway.stats().records.collections).toBe(451);
  });

  it('children whose master is locked are retried the same way on the Bulk path', async () => {
    const prospectId = emu.admin.insert(Prospect.object, { SW_Id__c: 'p1', Name: 'P' });
    emu.admin.setFaults({ lockedRecords: [{ id: prospectId, times: 1 }] });
    const tags = Array.from({ length: 3 }, (_v, i) => ({ Key__c: `p1:t${i}`, Name: `T${i}`, Prospect__r: { SW_Id__c: 'p1' } }));
    const results = await gateway.upsert(ProspectTag.object, ProspectTag.Key, tags, { path: 'bulk' });
    expect(results.every((r) => r.success && r.created)).toBe(true);
    expect(emu.admin.records(ProspectTag.object)).toHaveLength(3);
  });
});

describe('Bulk jobs across crashes and failed uploads', () => {
  it('a crash after the upload resumes the same job: results without a second upload', async () => {
    const records = prospects(50, 'r');
    const seen: BulkProgress[] = [];
    const crash = await rejection(
      gateway.upsert(Prospect.object, Prospect.SwId, records, {
        path: 'bulk',
        onProgress: (p) => {
          seen.push(p);
          if (p.state === 'UploadComplete') throw new Error('worker crashed');
        },
      }),
    );
    expect(crash.message).toBe('worker crashed');
    const jobId = seen[0].jobId;

    // The retried activity re-attaches with the heartbeated job id.
    const again = await gatewayFor(emu);
    const results = await again.resumeJob(jobId, { operation: 'upsert', object: Prospect.object, externalIdField: Prospect.SwId, records });
    expect(results.every((r) => r.success && r.created)).toBe(true);
    expect(results.map((r) => r.index)).toEqual(records.map((_r, i) => i));
    expect(emu.admin.records(Prospect.object)).toHaveLength(50);
    expect(callsByKind(emu)).toMatchObject({ 'bulk-ingest-create': 1, 'bulk-ingest-upload': 1 });
  });

  it('a crash before the upload aborts the empty job and uploads into a new one', async () => {
    const records = prospects(20, 'o');
    let jobId = '';
    await rejection(
      gateway.upsert(Prospect.object, Prospect.SwId, records, {
        path: 'bulk',
        onProgress: (p) => {
          jobId = p.jobId;
          throw new Error('worker crashed');
        },
      }),
    );
    const results = await gateway.resumeJob([jobId], { operation: 'upsert', object: Prospect.object, externalIdField: Prospect.SwId, records });
    expect(results.every((r) => r.success)).toBe(true);
    expect(emu.admin.records(Prospect.object)).toHaveLength(20);
    const jobs = emu.admin.bulkJobs();
    expect(jobs.map((j) => j.state)).toEqual(['Aborted', 'JobComplete']);
  });

  it('a 503 on the upload never closes an empty job: a fresh job receives the rows', async () => {
    emu.admin.setFaults({ unavailable: [{ kind: 'bulk-ingest-upload', times: 1 }] });
    const results = await gateway.upsert(Prospect.object, Prospect.SwId, prospects(30, 'u'), { path: 'bulk' });
    expect(results.every((r) => r.success)).toBe(true);
    expect(emu.admin.records(Prospect.object)).toHaveLength(30);
    const jobs = emu.admin.bulkJobs();
    expect(jobs.map((j) => j.state)).toEqual(['Aborted', 'JobComplete']);
    expect(jobs[1].numberRecordsProcessed).toBe(30);
  });

  it('a resume with an unknown job id simply runs the write', async () => {
    const results = await gateway.resumeJob('750000000000000AAA', {
      operation: 'upsert',
      object: Prospect.object,
      externalIdField: Prospect.SwId,
      records: prospects(3, 'z'),
    });
    expect(results.every((r) => r.success)).toBe(true);
    expect(emu.admin.records(Prospect.object)).toHaveLength(3);
  });

  it('reports progress with the job id from creation to completion', async () => {
    const states: string[] = [];
    await gateway.upsert(Prospect.object, Prospect.SwId, prospects(10, 'g'), { path: 'bulk', onProgress: (p) => states.push(p.state) });
    expect(states[0]).toBe('Open');
    expect(states).toContain('UploadComplete');
    expect(states[states.length - 1]).toBe('JobComplete');
  });
});
