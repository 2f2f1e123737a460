/**
 * Writes through the gateway against the emulated org: the same write through Collections,
 * Composite and Bulk API 2.0 leaves the same org state and the same per-record reports; calls
 * spent per path; headers; parent grouping; deletes, creates and platform events.
 */
import { type SalesforceGateway } from '../../src/salesforce/gateway';
import { Contact, Lead, MatchEvent, Prospect, ProspectTag, SwTag } from '../../src/salesforce/names';
import { type SalesforceRecord } from '../../src/salesforce/namespace';
import { type RecordResult } from '../../src/salesforce/write-result';
import { byField, callsByKind, gatewayFor, startEmulator, type Emulator } from './support';

let emu: Emulator;
let gateway: SalesforceGateway;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(async () => {
  emu.admin.reset();
  gateway = await gatewayFor(emu);
});

const PROSPECT_FIELDS = [
  'SW_Id__c', 'Name', 'Email__c', 'First_Name__c', 'Last_Name__c', 'Lifecycle__c', 'Favorite__c', 'Lead_Score__c',
  'Last_Visit__c', 'Tags__c', 'Owner_Email__c',
];

/** Prospects covering the value rules and the usual per-record failures. */
function prospectBatch(): SalesforceRecord[] {
  const generic = Array.from({ length: 20 }, (_v, i) => ({
    SW_Id__c: `g${i}`,
    Name: `Generic ${i}`,
    Email__c: `g${i}@example.com`,
    Lifecycle__c: 'Active',
    Lead_Score__c: i,
  }));
  return [
    { SW_Id__c: 'p0', Name: 'Plain', Email__c: 'p0@example.com', Lifecycle__c: 'Active', Favorite__c: true, Lead_Score__c: 12.5, Last_Visit__c: '2024-03-01T10:00:00.000Z', Tags__c: 'a;b' },
    { SW_Id__c: 'p1', Name: 'Comma, "quoted"', First_Name__c: 'line1\nline2', Last_Name__c: 'cr\ronly', Lifecycle__c: 'Merged', Favorite__c: false },
    { SW_Id__c: 'p2', Name: 'Bad picklist', Lifecycle__c: 'Bogus' },
    { SW_Id__c: 'p3', Name: 'Too long', First_Name__c: 'x'.repeat(81) },
    { SW_Id__c: 'p4', Name: 'Rule', Lead_Score__c: 5000 },
    { SW_Id__c: 'existing', Name: 'Updated', Tags__c: null, Owner_Email__c: '' },
    { SW_Id__c: 'p6', Name: ' padded ', Email__c: 'P6@Example.com' },
    { SW_Id__c: 'p7', Email__c: 'no-name@example.com' },
    ...generic,
  ];
}

function seedExisting(): void {
  emu.admin.insert(Prospect.object, { SW_Id__c: 'existing', Name: 'Old', Tags__c: 'x;y', Owner_Email__c: 'owner@example.com', Lead_Score__c: 3 });
  emu.admin.addValidationRule({ object: Prospect.object, name: 'ScoreCap', condition: 'Lead_Score__c > 1000', message: 'Score too high', field: 'Lead_Score__c' });
}

function prospectState(): Record<string, unknown>[] {
  return emu.admin
    .records(Prospect.object)
    // Salesforce names a record without a Name after its Id, which differs between two orgs.
    .map((r) => Object.fromEntries(PROSPECT_FIELDS.map((f) => [f, f === 'Name' && r.Name === r.Id ? '<Id>' : (r[f] ?? null)])))
    .sort((a, b) => String(a.SW_Id__c).localeCompare(String(b.SW_Id__c)));
}

/** Results without the ids (they differ between two orgs). */
function comparable(results: RecordResult[]): unknown[] {
  return results.map(({ id, ...rest }) => ({ ...rest, hasId: id !== undefined }));
}

describe('the same write through Collections and through Bulk 2.0', () => {
  it('leaves identical org state and identical per-record reports', async () => {
    seedExisting();
    const viaCollections = await gateway.upsert(Prospect.object, Prospect.SwId, prospectBatch(), { path: 'collections' });
    const stateCollections = prospectState();
    expect(callsByKind(emu)['bulk-ingest-create'] ?? 0).toBe(0);

    emu.admin.reset();
    seedExisting();
    const viaBulk = await gateway.upsert(Prospect.object, Prospect.SwId, prospectBatch(), { path: 'bulk' });
    const stateBulk = prospectState();
    expect(callsByKind(emu)['bulk-ingest-create']).toBe(1);
    expect(callsByKind(emu)['collections-upsert'] ?? 0).toBe(0);

    expect(stateBulk).toEqual(stateCollections);
    expect(comparable(viaBulk)).toEqual(comparable(viaCollections));

    // And the reports say what happened to each input record, in input order.
    const codes = viaCollections.map((r) => (r.success ? (r.created ? 'created' : 'updated') : r.errors.map((e) => e.code).join()));
    expect(codes.slice(0, 8)).toEqual([
      'created',
      'created',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'STRING_TOO_LONG',
      'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      'updated',
      'created',
      'created',
    ]);
    expect(viaCollections[4].errors[0]).toEqual({ code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Score too high', fields: ['Lead_Score__c'] });
    expect(viaCollections.map((r) => r.index)).toEqual(viaCollections.map((_r, i) => i));

    const stored = byField(stateBulk, 'SW_Id__c');
    expect(stored.get('p1')).toMatchObject({ Name: 'Comma, "quoted"', First_Name__c: 'line1\nline2', Last_Name__c: 'cr\ronly', Favorite__c: false });
    expect(stored.get('existing')).toMatchObject({ Name: 'Updated', Tags__c: null, Owner_Email__c: null, Lead_Score__c: 3 });
    expect(stored.has('p2')).toBe(false);
    expect(stored.get('p7')).toMatchObject({ Name: '<Id>', Email__c: 'no-name@example.com' });
  });

  it('links children to parents by external ID the same way on both paths', async () => {
    const seed = (): void => {
      emu.admin.insert(Prospect.object, { SW_Id__c: 'p1', Name: 'P1' });
      emu.admin.insert(SwTag.object, [
        { SW_Id__c: 't1', Name: 'T1' },
        { SW_Id__c: 't2', Name: 'T2' },
      ]);
    };
    const tags = (): SalesforceRecord[] => [
      { Key__c: 'p1:t1', Name: 'T1', Prospect__r: { SW_Id__c: 'p1' }, Tag__r: { SW_Id__c: 't1' } },
      { Key__c: 'p1:t2', Name: 'T2', Prospect__r: { SW_Id__c: 'p1' }, Tag__r: { SW_Id__c: 't2' } },
      { Key__c: 'nobody:t1', Name: 'T1', Prospect__r: { SW_Id__c: 'nobody' }, Tag__r: { SW_Id__c: 't1' } },
    ];
    const state = (): unknown[] =>
      emu.admin
        .query('SELECT Key__c, Prospect__r.SW_Id__c, Tag__r.SW_Id__c FROM SW_Prospect_Tag__c ORDER BY Key__c')
        .map((r) => JSON.parse(JSON.stringify(r, (k, v: unknown) => (k === 'attributes' ? undefined : v))) as unknown);

    seed();
    const viaCollections = await gateway.upsert(ProspectTag.object, ProspectTag.Key, tags(), { path: 'collections' });
    const stateCollections = state();
    emu.admin.reset();
    seed();
    const viaBulk = await gateway.upsert(ProspectTag.object, ProspectTag.Key, tags(), { path: 'bulk' });

    expect(state()).toEqual(stateCollections);
    expect(stateCollections).toHaveLength(2);
    expect(comparable(viaBulk)).toEqual(comparable(viaCollections));
    expect(viaCollections.map((r) => r.success)).toEqual([true, true, false]);
  });

  it('updates and deletes by Id identically, reporting deleted and malformed ids per record', async () => {
    const seed = (): string[] =>
      emu.admin.insert('Lead', Array.from({ length: 5 }, (_v, i) => ({ LastName: `L${i}`, Company: 'Acme', Email: `l${i}@example.com` })));
    const run = async (path: 'collections' | 'bulk') => {
      const ids = seed();
      emu.admin.delete(ids[4]);
      const updated = await gateway.update(
        Lead.object,
        [
          { Id: ids[0], Tags__c: 'x', SW_Favorite__c: true },
          { Id: ids[1], LastName: null },
          { Id: 'not-an-id', Tags__c: 'y' },
          { Id: ids[4], Tags__c: 'z' },
        ],
        { path },
      );
      const deleted = await gateway.delete(Lead.object, [ids[2], ids[4], 'bad'], { path });
      const leads = emu.admin.records('Lead').map((r) => ({ LastName: r.LastName, Tags__c: r.Tags__c ?? null, SW_Favorite__c: r.SW_Favorite__c }));
      emu.admin.reset();
      return { updated: comparable(updated), deleted: comparable(deleted), leads };
    };
    const collections = await run('collections');
    const bulk = await run('bulk');
    expect(bulk).toEqual(collections);
    const codes = (rs: unknown[]) => rs.map((r) => (r as RecordResult).errors.map((e) => e.code).join() || 'ok');
    expect(codes(collections.updated)).toEqual(['ok', 'REQUIRED_FIELD_MISSING', 'MALFORMED_ID', 'ENTITY_IS_DELETED']);
    expect(codes(collections.deleted)).toEqual(['ok', 'ENTITY_IS_DELETED', 'MALFORMED_ID']);
    expect(collections.leads).toHaveLength(3);
  });

  it('creates through Bulk map each new id back to its own input row', async () => {
    const rows = Array.from({ length: 40 }, (_v, i) => ({ LastName: i % 10 === 0 ? 'Same' : `Name ${i}`, Company: 'Acme', Email: `c${i}@example.com` }));
    const results = await gateway.create(Lead.object, rows, { path: 'bulk' });
    const stored = byField(emu.admin.records('Lead'), 'Id');
    results.forEach((result, i) => {
      expect(result).toMatchObject({ index: i, success: true, created: true });
      expect(stored.get(result.id)?.Email).toBe(rows[i].Email);
    });
  });
});

describe('API calls per path', () => {
  const prospects = (n: number): SalesforceRecord[] =>
    Array.from({ length: n }, (_v, i) => ({ SW_Id__c: `m${i}`, Name: `M ${i}`, Lead_Score__c: i }));

  it('1,000 records cost one Composite call (five collection requests without Composite)', async () => {
    const packed = await gateway.upsert(Prospect.object, Prospect.SwId, prospects(1000));
    expect(packed.every((r) => r.success && r.created)).toBe(true);
    expect(emu.admin.counters().total).toBe(1);
    expect(callsByKind(emu).composite).toBe(1);
    expect(gateway.stats().calls.composite).toBe(1);

    emu.admin.reset();
    const plain = await gatewayFor(emu, { writes: { useComposite: false } });
    const results = await plain.upsert(Prospect.object, Prospect.SwId, prospects(1000));
    expect(results.every((r) => r.success)).toBe(true);
    expect(emu.admin.counters().total).toBe(5);
    expect(callsByKind(emu)['collections-upsert']).toBe(5);
    expect(emu.admin.records(Prospect.object)).toHaveLength(1000);
  });

  it('up to the threshold stays on Composite; one row more goes to Bulk 2.0', async () => {
    await gateway.upsert(Prospect.object, Prospect.SwId, prospects(2000));
    expect(callsByKind(emu)).toMatchObject({ composite: 2 });
    expect(callsByKind(emu)['bulk-ingest-create'] ?? 0).toBe(0);

    emu.admin.reset();
    const results = await gateway.upsert(Prospect.object, Prospect.SwId, prospects(2001));
    expect(results.filter((r) => r.success)).toHaveLength(2001);
    expect(emu.admin.records(Prospect.object)).toHaveLength(2001);
    const calls = callsByKind(emu);
    expect(calls).toMatchObject({ 'bulk-ingest-create': 1, 'bulk-ingest-upload': 1, 'bulk-ingest-close': 1, 'bulk-ingest-results': 3 });
    expect(calls.composite ?? 0).toBe(0);
    expect(gateway.stats().records.bulk).toBe(2001);
  });

  it('create, update and delete of 450 Leads cost one Composite call each', async () => {
    const rows = Array.from({ length: 450 }, (_v, i) => ({ LastName: `L${i}`, Company: 'Acme', Email: `x${i}@example.com` }));
    const created = await gateway.create(Lead.object, rows);
    expect(created.every((r) => r.success && r.created && r.id)).toBe(true);
    const stored = byField(emu.admin.records('Lead'), 'Id');
    created.forEach((r, i) => expect(stored.get(r.id)?.Email).toBe(rows[i].Email));

    const updated = await gateway.update(Lead.object, created.map((r) => ({ Id: r.id, Tags__c: 'u' })));
    expect(updated.every((r) => r.success && r.created === false)).toBe(true);
    expect(emu.admin.records('Lead').every((l) => l.Tags__c === 'u')).toBe(true);

    const deleted = await gateway.delete(Lead.object, created.map((r) => r.id as string));
    expect(deleted.every((r) => r.success)).toBe(true);
    expect(emu.admin.records('Lead')).toHaveLength(0);
    expect(callsByKind(emu).composite).toBe(3);
    expect(emu.admin.counters().total).toBe(3);
  });

  it('a configured threshold moves the switch point', async () => {
    const small = await gatewayFor(emu, { writes: { bulkThreshold: 10 } });
    await small.upsert(Prospect.object, Prospect.SwId, prospects(11));
    expect(callsByKind(emu)['bulk-ingest-create']).toBe(1);
  });
});

describe('independent writes together (writeAll)', () => {
  it('writes of different objects share one Composite call, each with its own results, and leave the org as separate writes would', async () => {
    const leadIds = emu.admin.insert('Lead', Array.from({ length: 3 }, (_v, i) => ({ LastName: `L${i}`, Company: 'Acme', Email: `l${i}@example.com` })));
    const [oldTag] = emu.admin.insert('SW_Tag__c', [{ Name: 'Old', SW_Id__c: 'old' }]);
    emu.admin.resetCounters();
    const [leads, tags, removed, prospects] = await gateway.writeAll([
      { request: { operation: 'update', object: Lead.object, records: [...leadIds.map((Id) => ({ Id, Tags__c: 'matched' })), { Id: 'not-an-id' }] } },
      { request: { operation: 'upsert', object: SwTag.object, externalIdField: 'SW_Id__c', records: [{ SW_Id__c: 'new', Name: 'New' }] } },
      { request: { operation: 'delete', object: SwTag.object, records: [{ Id: oldTag }] } },
      { request: { operation: 'create', object: Prospect.object, records: [{ SW_Id__c: 'p1', Name: 'P1' }, { SW_Id__c: 'p2', Name: 'P2', Lifecycle__c: 'Nonsense' }] } },
    ]);
    expect(emu.admin.counters().total).toBe(1);
    expect(callsByKind(emu)).toEqual({ composite: 1 });

    expect(leads.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(leads[3].errors[0].code).toBe('MALFORMED_ID');
    expect(emu.admin.records('Lead').map((l) => l.Tags__c)).toEqual(['matched', 'matched', 'matched']);
    expect(tags).toMatchObject([{ success: true, created: true }]);
    expect(removed).toMatchObject([{ success: true, id: oldTag }]);
    expect(emu.admin.records('SW_Tag__c').map((t) => t.SW_Id__c)).toEqual(['new']);
    expect(prospects[0]).toMatchObject({ success: true, index: 0 });
    expect(prospects[1]).toMatchObject({ success: false, index: 1 });
    expect(prospects[1].errors[0].fields).toContain('Lifecycle__c');
    expect(emu.admin.records(Prospect.object).map((p) => p.SW_Id__c)).toEqual(['p1']);
  });

  it('the collection requests of three writes (2 + 2 + 1) share one call; a write above the Bulk threshold goes through Bulk', async () => {
    const small = await gatewayFor(emu, { writes: { bulkThreshold: 300 } });
    const rows = (prefix: string, n: number) => Array.from({ length: n }, (_v, i) => ({ SW_Id__c: `${prefix}${i}`, Name: `${prefix} ${i}` }));
    const results = await small.writeAll([
      { request: { operation: 'upsert', object: Prospect.object, externalIdField: 'SW_Id__c', records: rows('a', 250) } },
      { request: { operation: 'upsert', object: SwTag.object, externalIdField: 'SW_Id__c', records: rows('t', 250) } },
      { request: { operation: 'upsert', object: Prospect.object, externalIdField: 'SW_Id__c', records: rows('b', 200) } },
      { request: { operation: 'upsert', object: Prospect.object, externalIdField: 'SW_Id__c', records: rows('c', 301) } },
    ]);
    expect(results.map((r) => r.filter((x) => x.success).length)).toEqual([250, 250, 200, 301]);
    expect(emu.admin.records(Prospect.object)).toHaveLength(751);
    expect(emu.admin.records('SW_Tag__c')).toHaveLength(250);
    const calls = callsByKind(emu);
    expect(calls.composite).toBe(1);
    expect(calls['bulk-ingest-create']).toBe(1);
  });

  it('Lead updates packed with other objects keep Sforce-Auto-Assign: FALSE on their own subrequests', async () => {
    const ids = emu.admin.insert('Lead', [{ LastName: 'L', Company: 'Acme' }]);
    const seen: string[] = [];
    const conn = gateway.connection as unknown as { _transport: { httpRequest: (req: { url: string; body?: unknown }, opts: unknown) => unknown } };
    const original = conn._transport.httpRequest.bind(conn._transport);
    conn._transport.httpRequest = (req, opts) => {
      if (typeof req.body === 'string') seen.push(req.body);
      return original(req, opts);
    };
    await gateway.writeAll([
      { request: { operation: 'update', object: Lead.object, records: [{ Id: ids[0], Tags__c: 'x' }] } },
      { request: { operation: 'upsert', object: SwTag.object, externalIdField: 'SW_Id__c', records: [{ SW_Id__c: 'n', Name: 'N' }] } },
    ]);
    const body = JSON.parse(seen[seen.length - 1]) as { compositeRequest: Array<{ url: string; httpHeaders?: Record<string, string> }> };
    expect(body.compositeRequest).toHaveLength(2);
    expect(body.compositeRequest[0].httpHeaders?.['Sforce-Auto-Assign']).toBe('FALSE');
    expect(body.compositeRequest[1].httpHeaders).toBeUndefined();
  });
});

describe('request headers', () => {
  function spyHeaders(gw: SalesforceGateway): Array<{ url: string; headers: Record<string, string>; body?: string }> {
    const seen: Array<{ url: string; headers: Record<string, string>; body?: string }> = [];
    const conn = gw.connection as unknown as { _transport: { httpRequest: (req: { url: string; headers?: Record<string, string>; body?: unknown }, opts: unknown) => unknown } };
    const original = conn._transport.httpRequest.bind(conn._transport);
    conn._transport.httpRequest = (req, opts) => {
      seen.push({ url: req.url, headers: { ...req.headers }, body: typeof req.body === 'string' ? req.body : undefined });
      return original(req, opts);
    };
    return seen;
  }

  it('Lead writes send Sforce-Auto-Assign: FALSE on collection and composite requests and subrequests', async () => {
    const ids = emu.admin.insert('Lead', Array.from({ length: 250 }, (_v, i) => ({ LastName: `L${i}`, Company: 'Acme' })));
    const seen = spyHeaders(gateway);
    await gateway.update(Lead.object, ids.slice(0, 3).map((Id) => ({ Id, Tags__c: 'a' })));
    await gateway.update(Lead.object, ids.map((Id) => ({ Id, Tags__c: 'b' })));
    const writes = seen.filter((s) => /composite/.test(s.url));
    expect(writes).toHaveLength(2);
    for (const w of writes) expect(w.headers['Sforce-Auto-Assign']).toBe('FALSE');
    const composite = JSON.parse(writes[1].body ?? '{}') as { compositeRequest: Array<{ httpHeaders?: Record<string, string> }> };
    expect(composite.compositeRequest).toHaveLength(2);
    for (const sub of composite.compositeRequest) expect(sub.httpHeaders?.['Sforce-Auto-Assign']).toBe('FALSE');
    expect(emu.admin.records('Lead').every((l) => l.Tags__c === 'b')).toBe(true);
  });

  it('writes to other objects do not send it; queries send the batch size', async () => {
    const seen = spyHeaders(gateway);
    await gateway.upsert(Prospect.object, Prospect.SwId, [{ SW_Id__c: 'x', Name: 'X' }]);
    for await (const _page of gateway.queryPages('SELECT Id FROM Prospect__c', { batchSize: 500 })) {
      // drain
    }
    expect(seen[0].headers['Sforce-Auto-Assign']).toBeUndefined();
    expect(seen[1].headers['Sforce-Query-Options']).toBe('batchSize=500');
  });
});

describe('grouping by parent', () => {
  interface Observed {
    overlaps: string[];
    requests: string[][];
  }

  /** Watches PATCH requests: which parents each carries, and parents written by two at once. */
  function observeParents(gw: SalesforceGateway, accountOf: Map<string, string>): Observed {
    const conn = gw.connection as unknown as {
      _transport: { httpRequest: (req: { method: string; body?: unknown }, opts: unknown) => Promise<unknown> };
    };
    const original = conn._transport.httpRequest.bind(conn._transport);
    const inFlight = new Map<number, Set<string>>();
    const observed: Observed = { overlaps: [], requests: [] };
    let seq = 0;
    conn._transport.httpRequest = (req, opts) => {
      if (req.method !== 'PATCH') return original(req, opts);
      const body = JSON.parse(String(req.body)) as { records: Array<{ id: string }> };
      const parents = new Set(body.records.map((r) => accountOf.get(r.id) as string));
      observed.requests.push([...parents].sort());
      for (const other of inFlight.values()) for (const p of parents) if (other.has(p)) observed.overlaps.push(p);
      const me = (seq += 1);
      inFlight.set(me, parents);
      const done = original(req, opts);
      void Promise.resolve(done).finally(() => inFlight.delete(me));
      return done;
    };
    return observed;
  }

  async function seedContacts(): Promise<{ contacts: Array<{ Id: string; AccountId: string }>; accountOf: Map<string, string>; names: Map<string, string> }> {
    // Account A has 450 contacts (more than two requests' worth), B and C 50 each.
    const accounts = emu.admin.insert('Account', ['A', 'B', 'C'].map((Name) => ({ Name })));
    const names = new Map(accounts.map((id, i) => [id, ['A', 'B', 'C'][i]]));
    const sizes = [450, 50, 50];
    const perAccount = accounts.map((AccountId, a) =>
      emu.admin
        .insert('Contact', Array.from({ length: sizes[a] }, (_v, i) => ({ LastName: `C${a}-${i}`, AccountId })))
        .map((Id) => ({ Id, AccountId })),
    );
    // Interleave the parents (A, B, C, A, B, C, …) so grouping has work to do.
    const contacts = Array.from({ length: 450 }, (_v, i) => perAccount.map((list) => list[i]).filter(Boolean)).flat();
    return { contacts, accountOf: new Map(contacts.map((c) => [c.Id, names.get(c.AccountId) as string])), names };
  }

  it('keeps a parent’s records together and never writes one parent from two requests at once', async () => {
    emu.admin.setFaults({ latencyMs: 20 });
    const { contacts, accountOf } = await seedContacts();
    const grouped = await gatewayFor(emu, { writes: { useComposite: false, concurrency: 4 } });
    const observed = observeParents(grouped, accountOf);
    const results = await grouped.update(Contact.object, contacts.map(({ Id }) => ({ Id, Tags__c: 'grouped' })), {
      groupBy: (record) => accountOf.get(record.Id as string),
    });
    expect(results.every((r) => r.success)).toBe(true);
    expect(observed.overlaps).toEqual([]);
    // A's 450 fill two requests and part of a third, which then takes B and C whole.
    expect(observed.requests).toEqual([['A'], ['A'], ['A', 'B', 'C']]);
    expect(emu.admin.records('Contact').every((c) => c.Tags__c === 'grouped')).toBe(true);
  });

  it('without grouping the same write touches one parent from concurrent requests', async () => {
    emu.admin.setFaults({ latencyMs: 20 });
    const { contacts, accountOf } = await seedContacts();
    const plain = await gatewayFor(emu, { writes: { useComposite: false, concurrency: 4 } });
    const observed = observeParents(plain, accountOf);
    await plain.update(Contact.object, contacts.map(({ Id }) => ({ Id, Tags__c: 'plain' })));
    expect(observed.overlaps.length).toBeGreaterThan(0);
  });
});

describe('platform events', () => {
  it('publishes events; OPERATION_ENQUEUED does not count as a failure', async () => {
    const events = Array.from({ length: 3 }, (_v, i) => ({
      Prospect_Id__c: `p${i}`,
      Record_Id__c: '00Q000000000000AAA',
      Object_Type__c: 'Lead',
      Fields__c: JSON.stringify({ Tags__c: 'x' }),
    }));
    const results = await gateway.publish(MatchEvent.object, events);
    expect(results.map((r) => ({ success: r.success, errors: r.errors }))).toEqual(events.map(() => ({ success: true, errors: [] })));
    const published = emu.admin.publishedEvents(MatchEvent.object);
    expect(published.map((e) => e.payload.Prospect_Id__c)).toEqual(['p0', 'p1', 'p2']);
  });
});
