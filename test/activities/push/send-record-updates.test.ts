import { MockActivityEnvironment } from '@temporalio/testing';
import { generateDataset, type Dataset } from '../../../src/emulators/saleswings';
import { fingerprint } from '../../../src/sync/fingerprint';
import { useTestStack } from '../../helpers/stack';
import {
  insertApexJob,
  insertContacts,
  insertLeads,
  insertOwners,
  minutesFromNow,
  OWNER_A,
  OWNER_B,
  pushActivities,
  row,
  send,
  stepInput,
  storedFingerprint,
  type Owners,
} from './push-fixtures';

const stack = useTestStack();
let dataset: Dataset;
let prospects: string[];
let owners: Owners;

beforeAll(() => {
  dataset = generateDataset({ seed: 'push', prospects: 600, activitiesPerProspect: 0 });
  prospects = dataset.prospects.map((p) => p.id);
});

beforeEach(() => {
  stack.sf.admin.reset();
  stack.sw.load(dataset);
  owners = insertOwners(stack);
});

/** Runs once and forgets what SalesWings received: the org is then in its steady state. */
async function settle(): Promise<void> {
  await send(stack);
  stack.sw.reset();
}

describe('sendRecordUpdates', () => {
  it('sends every linked record on the first run and stores its fingerprint', async () => {
    const leads = insertLeads(stack, prospects.slice(0, 3), owners.a);
    const contacts = insertContacts(stack, prospects.slice(3, 5), owners.b);
    insertLeads(stack, [null, null], owners.a, 'unlinked');

    const { result } = await send(stack);

    const received = stack.sw.receivedRecords();
    expect(received.map((r) => r.id).sort()).toEqual([...leads, ...contacts].sort());
    expect(stack.sw.recordRequests()).toHaveLength(1);
    expect(result).toMatchObject({ examined: 5, updated: 5, failed: 0 });
    expect(result.details).toMatchObject({ fullScan: 1, sent: 5, fingerprintsWritten: 5 });
    for (const id of leads) expect(storedFingerprint(stack, 'Lead', id)).toBe(fingerprint(row(stack, 'Lead', id) as never));
    for (const id of contacts) expect(storedFingerprint(stack, 'Contact', id)).toBe(fingerprint(row(stack, 'Contact', id) as never));
  });

  it('sends exactly one update with the eight fields when a person edits a tracked field', async () => {
    const [lead] = insertLeads(stack, [prospects[0]], owners.a);
    await settle();

    stack.sf.admin.update('Lead', { Id: lead, Email: 'ada.new@example.test', OwnerId: owners.b });
    const { result } = await send(stack);

    expect(stack.sw.receivedRecords()).toEqual([
      {
        id: lead,
        objectType: 'Lead',
        email: 'ada.new@example.test',
        favorite: false,
        name: 'First0 lead0',
        firstName: 'First0',
        lastName: 'lead0',
        ownerEmail: OWNER_B.Email,
        prospectId: prospects[0],
      },
    ]);
    expect(result).toMatchObject({ updated: 1, failed: 0 });
    expect(storedFingerprint(stack, 'Lead', lead)).toBe(fingerprint(row(stack, 'Lead', lead) as never));
  });

  it('sends a Contact whose SW Favorite was set, as a Contact', async () => {
    const [contact] = insertContacts(stack, [prospects[1]], owners.a);
    await settle();

    stack.sf.admin.update('Contact', { Id: contact, SW_Favorite__c: true });
    await send(stack);

    expect(stack.sw.receivedRecords()).toEqual([
      expect.objectContaining({ id: contact, objectType: 'Contact', favorite: true, ownerEmail: OWNER_A.Email, prospectId: prospects[1] }),
    ]);
  });

  it('sends nothing when a person edits only untracked fields', async () => {
    const [lead] = insertLeads(stack, [prospects[0]], owners.a);
    const [contact] = insertContacts(stack, [prospects[1]], owners.a);
    await settle();
    const before = storedFingerprint(stack, 'Lead', lead);

    stack.sf.admin.update('Lead', { Id: lead, Company: 'Other Corp', Lead_Score__c: 42, Temperature__c: 'HOT' });
    stack.sf.admin.update('Contact', { Id: contact, Title: 'CTO' });
    const { result } = await send(stack);

    expect(stack.sw.recordRequests()).toEqual([]);
    expect(result).toMatchObject({ examined: 2, updated: 0, failed: 0 });
    expect(result.details).toMatchObject({ unchanged: 2 });
    expect(storedFingerprint(stack, 'Lead', lead)).toBe(before);
  });

  it('sends nothing on a second run without edits, although its own fingerprint writes are re-read', async () => {
    insertLeads(stack, prospects.slice(0, 4), owners.a);
    const first = await send(stack);
    expect(first.result.updated).toBe(4);
    insertApexJob(stack, first.run, 'Completed');
    stack.sw.reset();

    const second = await send(stack);

    expect(stack.sw.recordRequests()).toEqual([]);
    expect(second.result).toMatchObject({ examined: 4, updated: 0 });
    expect(second.result.details).toMatchObject({ incrementalScan: 1, unchanged: 4 });
  });

  it('sends 500 edits in at most three SalesWings calls, with one query per object and one fingerprint write per object', async () => {
    const leads = insertLeads(stack, prospects.slice(0, 250), owners.a);
    const contacts = insertContacts(stack, prospects.slice(250, 500), owners.a);
    await settle();
    stack.sf.admin.update('Lead', leads.map((Id, i) => ({ Id, FirstName: `Renamed${i}` })));
    stack.sf.admin.update('Contact', contacts.map((Id, i) => ({ Id, LastName: `Renamed${i}` })));
    stack.sf.admin.resetCounters();

    const { result } = await send(stack);

    const requests = stack.sw.recordRequests();
    expect(requests.map((r) => r.records.length).sort((a, b) => a - b)).toEqual([100, 200, 200]);
    expect(new Set(requests.flatMap((r) => r.records.map((x) => x.id))).size).toBe(500);
    expect(result).toMatchObject({ updated: 500, failed: 0 });
    // The SW Apex Job log, one query per object, one Composite call per object's fingerprints.
    expect(stack.sf.admin.counters()).toEqual({ total: 5, byKind: { query: 3, composite: 2 } });
  });

  it('pages through an org with many linked records on its first run, heartbeating each settled position', async () => {
    const leads = insertLeads(stack, Array.from({ length: 2500 }, (_, i) => prospects[i % prospects.length]), owners.a);
    const env = new MockActivityEnvironment();
    const positions: unknown[] = [];
    env.on('heartbeat', (details: { position: unknown }) => positions.push(details.position));

    const result = await env.run(pushActivities(stack).sendRecordUpdates, stepInput({}, { salesforce: { queryBatchSize: 200 } }));

    const received = stack.sw.receivedRecords();
    expect(received).toHaveLength(2500);
    expect(new Set(received.map((r) => r.id)).size).toBe(2500);
    // Flushes of 1,000: 5 + 5 + 3 requests, as few as 2,500 records allow.
    expect(stack.sw.recordRequests()).toHaveLength(13);
    expect(result).toMatchObject({ examined: 2500, updated: 2500, failed: 0 });
    const sorted = [...leads].sort();
    // Between flushes the checkpoint stays at the last settled record; it moves only after a flush.
    expect(new Set(positions.map((p) => JSON.stringify(p)))).toEqual(
      new Set([
        JSON.stringify({ object: 'Lead', after: null }),
        JSON.stringify({ object: 'Lead', after: sorted[999] }),
        JSON.stringify({ object: 'Lead', after: sorted[1999] }),
        'null',
      ]),
    );
  });

  it('never sends records that are not linked to a prospect', async () => {
    const leads = insertLeads(stack, [null, null], owners.a);
    const contacts = insertContacts(stack, [null], owners.a);
    await send(stack);
    stack.sf.admin.update('Lead', leads.map((Id) => ({ Id, Email: 'changed@example.test', SW_Favorite__c: true })));
    stack.sf.admin.update('Contact', { Id: contacts[0], FirstName: 'Changed' });

    const { result } = await send(stack);

    expect(stack.sw.recordRequests()).toEqual([]);
    expect(result.examined).toBe(0);
    expect(storedFingerprint(stack, 'Lead', leads[0])).toBeNull();
  });

  it('does not send converted Leads; the Contact they became is sent as a Contact', async () => {
    const [lead] = insertLeads(stack, [prospects[0]], owners.a);
    const { contactId } = stack.sf.admin.convertLead(lead);

    await send(stack);

    const received = stack.sw.receivedRecords();
    expect(received.map((r) => r.id)).toEqual([contactId]);
    expect(received[0]).toMatchObject({ objectType: 'Contact', prospectId: prospects[0], ownerEmail: OWNER_A.Email });
    expect(storedFingerprint(stack, 'Lead', lead)).toBeNull();
  });

  it('sends a record the match step has just linked (its Prospect Id changed)', async () => {
    const [lead] = insertLeads(stack, [null], owners.a);
    await settle();

    // As the match step writes it: through the API, as the integration user.
    const [written] = await stack.gateway.update('Lead', [{ Id: lead, Prospect_Id__c: prospects[7], SW_Favorite__c: true }]);
    expect(written.success).toBe(true);
    await send(stack);

    expect(stack.sw.receivedRecords()).toEqual([expect.objectContaining({ id: lead, prospectId: prospects[7], favorite: true })]);
    expect(storedFingerprint(stack, 'Lead', lead)).toBe(fingerprint(row(stack, 'Lead', lead) as never));
  });

  it('sends an unlinked record once with prospectId null and then forgets it', async () => {
    const [contact] = insertContacts(stack, [prospects[2]], owners.a);
    await settle();

    stack.sf.admin.update('Contact', { Id: contact, Prospect_Id__c: null });
    await send(stack);
    expect(stack.sw.receivedRecords()).toEqual([expect.objectContaining({ id: contact, objectType: 'Contact', prospectId: null })]);
    expect(storedFingerprint(stack, 'Contact', contact)).toBeNull();

    stack.sw.reset();
    stack.sf.admin.update('Contact', { Id: contact, Email: 'later@example.test' });
    await send(stack);
    expect(stack.sw.recordRequests()).toEqual([]);
  });

  it('reports a record SalesWings rejects without failing the step, and sends it again next run', async () => {
    const missing = prospects[9];
    stack.sw.load({ ...dataset, prospects: dataset.prospects.filter((p) => p.id !== missing) });
    const [rejected, accepted] = insertLeads(stack, [missing, prospects[10]], owners.a);

    const first = await send(stack, stepInput({}, { incremental: { overlapSeconds: 0 } }));

    expect(first.result).toMatchObject({ updated: 1, failed: 1 });
    expect(first.result.errors).toEqual([{ recordId: rejected, code: 'SALESWINGS_REJECTED', message: expect.stringContaining(`unknown prospect ${missing}`) }]);
    expect(storedFingerprint(stack, 'Lead', rejected)).toBe(`rejected ${first.run.startedAt}`);
    expect(storedFingerprint(stack, 'Lead', accepted)).toBe(fingerprint(row(stack, 'Lead', accepted) as never));

    // The run is logged as completed: the next run reads only what changed since it started,
    // and the rejection marker put the rejected record there.
    insertApexJob(stack, first.run, 'CompletedWithErrors');
    stack.sw.load(dataset);
    const second = await send(stack, stepInput({}, { incremental: { overlapSeconds: 0 } }));

    expect(stack.sw.receivedRecords().map((r) => r.id)).toEqual([rejected]);
    expect(second.result).toMatchObject({ updated: 1, failed: 0 });
    expect(second.result.details).toMatchObject({ incrementalScan: 1 });
    expect(storedFingerprint(stack, 'Lead', rejected)).toBe(fingerprint(row(stack, 'Lead', rejected) as never));
  });

  it('sends every edit made while the worker was down, reading only what changed since the last completed run', async () => {
    const leads = insertLeads(stack, prospects.slice(0, 6), owners.a);
    const contacts = insertContacts(stack, prospects.slice(6, 10), owners.a);
    await settle();
    // The last completed run started three hours ago; its fingerprint writes happened then.
    const lastRun = stepInput({ startedAt: minutesFromNow(-180) }).run;
    insertApexJob(stack, lastRun, 'Completed');
    stack.sf.admin.update('Lead', leads.map((Id) => ({ Id, SystemModstamp: minutesFromNow(-179) })));
    stack.sf.admin.update('Contact', contacts.map((Id) => ({ Id, SystemModstamp: minutesFromNow(-179) })));
    // A later run whose push failed does not move the window.
    insertApexJob(stack, stepInput({ startedAt: minutesFromNow(-120) }).run, 'Failed');
    // Records untouched for a day are outside the window and not even read.
    insertLeads(stack, prospects.slice(10, 15), owners.a, 'old').forEach((Id) => {
      stack.sf.admin.update('Lead', { Id, SW_Sync_Fingerprint__c: fingerprint(row(stack, 'Lead', Id) as never), SystemModstamp: minutesFromNow(-1440) });
    });

    // Edits while the worker was down, spread over the outage.
    stack.sf.admin.update('Lead', { Id: leads[0], Email: 'down1@example.test', SystemModstamp: minutesFromNow(-150) });
    stack.sf.admin.update('Lead', { Id: leads[1], OwnerId: owners.b, SystemModstamp: minutesFromNow(-60) });
    stack.sf.admin.update('Contact', { Id: contacts[0], LastName: 'Down', SystemModstamp: minutesFromNow(-5) });

    const { result } = await send(stack);

    expect(stack.sw.receivedRecords().map((r) => r.id).sort()).toEqual([leads[0], leads[1], contacts[0]].sort());
    expect(result.details).toMatchObject({ incrementalScan: 1 });
    expect(result.examined).toBe(10);
  });

  it('reads and counts but sends and writes nothing on a dry run', async () => {
    const [lead] = insertLeads(stack, [prospects[0]], owners.a);

    const { result } = await send(stack, stepInput({ dryRun: true }));

    expect(stack.sw.recordRequests()).toEqual([]);
    expect(result).toMatchObject({ examined: 1, updated: 1 });
    expect(result.details).toMatchObject({ wouldSend: 1 });
    expect(storedFingerprint(stack, 'Lead', lead)).toBeNull();
  });

  it('reports a fingerprint that cannot be stored as a failure of that record only', async () => {
    const [blocked, fine] = insertLeads(stack, [prospects[0], prospects[1]], owners.a);
    stack.sf.admin.addValidationRule({ object: 'Lead', name: 'Frozen', condition: "LastName = 'lead0'", message: 'record is frozen' });

    const { result } = await send(stack);

    expect(stack.sw.receivedRecords().map((r) => r.id).sort()).toEqual([blocked, fine].sort());
    expect(result).toMatchObject({ updated: 2, failed: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ recordId: blocked, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' })]);
    expect(storedFingerprint(stack, 'Lead', blocked)).toBeNull();
    expect(storedFingerprint(stack, 'Lead', fine)).not.toBeNull();
  });

  it('heartbeats ids and counts only, and a retried attempt resumes after its last checkpoint', async () => {
    const leads = insertLeads(stack, prospects.slice(0, 3), owners.a);
    const contacts = insertContacts(stack, prospects.slice(3, 5), owners.a);
    const env = new MockActivityEnvironment();
    const beats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => beats.push(details));
    await env.run(pushActivities(stack).sendRecordUpdates, stepInput());
    expect(beats.length).toBeGreaterThan(0);
    expect(JSON.stringify(beats)).not.toContain('@example.test');
    expect(beats[beats.length - 1]).toMatchObject({ position: null });

    // A retry of an attempt that had settled every Lead: only the Contacts are read and sent.
    stack.sw.reset();
    stack.sf.admin.update('Lead', leads.map((Id) => ({ Id, SW_Sync_Fingerprint__c: null })));
    stack.sf.admin.update('Contact', contacts.map((Id) => ({ Id, SW_Sync_Fingerprint__c: null })));
    const retry = new MockActivityEnvironment({
      heartbeatDetails: {
        window: { basis: 'no-completed-run' },
        position: { object: 'Contact', after: null },
        tally: { examined: 3, created: 0, updated: 3, deleted: 0, failed: 0, errors: [] },
      },
    });
    const result = await retry.run(pushActivities(stack).sendRecordUpdates, stepInput());

    expect(stack.sw.receivedRecords().map((r) => r.id).sort()).toEqual([...contacts].sort());
    expect(result).toMatchObject({ examined: 5, updated: 5 });
  });
});

describe('sendRecordUpdates in an org running the managed package', () => {
  const namespaced = useTestStack({ salesforce: { namespace: 'saleswings' } });

  beforeAll(() => {
    namespaced.sw.load(dataset);
  });

  it('reads and writes the prefixed fields and finds its window in the prefixed job log', async () => {
    const [owner] = namespaced.sf.admin.insert('User', [OWNER_A]);
    const [lead] = namespaced.sf.admin.insert('Lead', [
      { LastName: 'Ns', Company: 'Acme', Email: 'ns@example.test', OwnerId: owner, saleswings__Prospect_Id__c: prospects[0] },
    ]);
    const first = await send(namespaced);
    expect(namespaced.sw.receivedRecords()).toEqual([expect.objectContaining({ id: lead, prospectId: prospects[0], ownerEmail: OWNER_A.Email })]);
    const stored = namespaced.sf.admin.query(`SELECT saleswings__SW_Sync_Fingerprint__c FROM Lead WHERE Id = '${lead}'`)[0];
    expect(stored.saleswings__SW_Sync_Fingerprint__c).toMatch(/^[0-9a-f]{16}$/);

    namespaced.sf.admin.insert('saleswings__SW_Apex_Job__c', {
      saleswings__Run_Id__c: first.run.runId,
      saleswings__Started_At__c: first.run.startedAt,
      saleswings__Steps__c: JSON.stringify([{ step: 'SendRecordUpdates', status: 'Completed' }]),
    });
    namespaced.sw.reset();
    const second = await send(namespaced);

    expect(namespaced.sw.recordRequests()).toEqual([]);
    expect(second.result.details).toMatchObject({ incrementalScan: 1, unchanged: 1 });
  });
});
