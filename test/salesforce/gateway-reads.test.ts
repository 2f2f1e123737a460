/**
 * Paged reads, literal escaping, IN-list chunking, counts and describe through the gateway,
 * against the emulated org.
 */
import { ErrorType } from '../../src/errors';
import { type SalesforceGateway } from '../../src/salesforce/gateway';
import { Lead, Prospect, ProspectTag, SwTag } from '../../src/salesforce/names';
import { chunkInClause, soqlInList, soqlString } from '../../src/salesforce/soql';
import { callsByKind, gatewayFor, rejection, startEmulator, type Emulator } from './support';

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

function insertLeads(count: number, start = 0): string[] {
  return emu.admin.insert(
    'Lead',
    Array.from({ length: count }, (_v, i) => ({ LastName: `L${start + i}`, Company: 'Acme', Email: `lead${start + i}@example.com` })),
  );
}

describe('paged queries', () => {
  it('hands out every page explicitly, with the requested batch size', async () => {
    insertLeads(450);
    emu.admin.resetCounters();
    const sizes: number[] = [];
    const emails = new Set<string>();
    for await (const page of gateway.queryPages<{ Email: string }>('SELECT Id, Email FROM Lead ORDER BY Email', { batchSize: 200 })) {
      sizes.push(page.records.length);
      expect(page.totalSize).toBe(450);
      for (const r of page.records) emails.add(r.Email);
    }
    expect(sizes).toEqual([200, 200, 50]);
    expect(emails.size).toBe(450);
    expect(callsByKind(emu)).toMatchObject({ query: 1, queryMore: 2 });
    expect(gateway.stats().calls).toMatchObject({ query: 1, queryMore: 2 });
  });

  it('reads past 10,000 rows without truncating (no maxFetch)', async () => {
    insertLeads(10_050);
    let count = 0;
    for await (const page of gateway.queryPages('SELECT Id FROM Lead')) count += page.records.length;
    expect(count).toBe(10_050);
  });

  it('resumes from a heartbeated nextRecordsUrl without re-running the query', async () => {
    insertLeads(450);
    const first = await gateway.queryPages<{ Email: string }>('SELECT Email FROM Lead ORDER BY Email', { batchSize: 200 }).next();
    const firstPage = first.value as { records: { Email: string }[]; nextRecordsUrl?: string };
    expect(firstPage.nextRecordsUrl).toBeDefined();
    emu.admin.resetCounters();
    const rest: string[] = [];
    for await (const page of gateway.queryPages<{ Email: string }>('SELECT Email FROM Lead ORDER BY Email', {
      batchSize: 200,
      resumeFrom: firstPage.nextRecordsUrl,
    })) {
      rest.push(...page.records.map((r) => r.Email));
    }
    expect(rest).toHaveLength(250);
    expect(new Set([...firstPage.records.map((r) => r.Email), ...rest]).size).toBe(450);
    expect(callsByKind(emu).query ?? 0).toBe(0);
    expect(callsByKind(emu).queryMore).toBe(2);
  });

  it('drops attributes and keeps parents and sub-query records as plain objects', async () => {
    const tagId = emu.admin.insert(SwTag.object, { Name: 'Pricing', SW_Id__c: 't1' });
    const prospectId = emu.admin.insert(Prospect.object, { Name: 'P', SW_Id__c: 'p1', Email__c: 'p@example.com' });
    emu.admin.insert(ProspectTag.object, { Name: 'Pricing', Key__c: 'p1:t1', Prospect__c: prospectId, Tag__c: tagId });
    const [prospect] = await gateway.queryAll<Record<string, unknown>>(
      'SELECT SW_Id__c, (SELECT Key__c, Tag__r.SW_Id__c FROM Prospect_Tags__r) FROM Prospect__c',
    );
    expect(prospect).toEqual({
      SW_Id__c: 'p1',
      Prospect_Tags__r: { totalSize: 1, done: true, records: [{ Key__c: 'p1:t1', Tag__r: { SW_Id__c: 't1' } }] },
    });
    const [withAttributes] = await gateway.queryAll<Record<string, unknown>>('SELECT Id FROM Prospect__c', { keepAttributes: true });
    expect((withAttributes.attributes as { type: string }).type).toBe('Prospect__c');
  });

  it('completes a sub-query Salesforce cut short, in plain queries and in IN-list chunks', async () => {
    // The emulator returns 200 children with their parent and a locator for the rest.
    const prospectIds = emu.admin.insert(Prospect.object, [
      { Name: 'Many', SW_Id__c: 'p1', Email__c: 'p1@example.com' },
      { Name: 'Few', SW_Id__c: 'p2', Email__c: 'p2@example.com' },
    ]);
    const tagIds = emu.admin.insert(SwTag.object, Array.from({ length: 450 }, (_v, i) => ({ Name: `T${i}`, SW_Id__c: `t${i}` })));
    emu.admin.insert(ProspectTag.object, [
      ...tagIds.map((tagId, i) => ({ Name: `T${i}`, Key__c: `p1:t${i}`, Prospect__c: prospectIds[0], Tag__c: tagId })),
      { Name: 'T0', Key__c: 'p2:t0', Prospect__c: prospectIds[1], Tag__c: tagIds[0] },
    ]);
    type Row = { SW_Id__c: string; Prospect_Tags__r: { totalSize: number; done: boolean; records: { Key__c: string }[] } };
    const keysOf = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.SW_Id__c, r.Prospect_Tags__r.records.map((t) => t.Key__c).sort()]));
    const expected = { p1: tagIds.map((_t, i) => `p1:t${i}`).sort(), p2: ['p2:t0'] };
    const soql = (where: string) => `SELECT SW_Id__c, (SELECT Key__c FROM Prospect_Tags__r) FROM ${Prospect.object}${where} ORDER BY SW_Id__c`;

    emu.admin.resetCounters();
    const rows = await gateway.queryAll<Row>(soql(''));
    expect(keysOf(rows)).toEqual(expected);
    expect(rows[0].Prospect_Tags__r).toMatchObject({ totalSize: 450, done: true });
    // 450 children: the first 200 with the parent, then two queryMore calls; the small parent costs nothing.
    expect(callsByKind(emu)).toEqual({ query: 1, queryMore: 2 });

    emu.admin.resetCounters();
    const chunked: Row[] = [];
    const build = (chunk: string[]) => soql(` WHERE SW_Id__c IN ${soqlInList(chunk)}`);
    // One value per chunk: two statements, sent together in one composite call.
    const oneValue = { maxEncodedLength: encodeURIComponent(build(['p1'])).length + 2 };
    expect(chunkInClause(['p1', 'p2'], build, oneValue)).toHaveLength(2);
    for await (const page of gateway.queryByIn<Row>(['p1', 'p2'], build, oneValue)) chunked.push(...page.records);
    expect(keysOf(chunked)).toEqual(expected);
    expect(callsByKind(emu)).toEqual({ composite: 1, queryMore: 2 });
  });

  it('queryAll includes soft-deleted rows', async () => {
    const [keep, gone] = insertLeads(2);
    emu.admin.delete(gone);
    expect((await gateway.queryAll<{ Id: string }>('SELECT Id FROM Lead')).map((r) => r.Id)).toEqual([keep]);
    const all = await gateway.queryAll<{ Id: string; IsDeleted: boolean }>('SELECT Id, IsDeleted FROM Lead ORDER BY LastName', {
      includeDeleted: true,
    });
    expect(all).toEqual([
      { Id: keep, IsDeleted: false },
      { Id: gone, IsDeleted: true },
    ]);
  });

  it('counts with one call and no records', async () => {
    insertLeads(30);
    emu.admin.resetCounters();
    expect(await gateway.count(`SELECT COUNT() FROM Lead WHERE Email LIKE 'lead1%'`)).toBe(11);
    expect(emu.admin.counters().total).toBe(1);
  });
});

describe('literals stay literals', () => {
  const nastyNames = ["x' OR Name != 'y", "back\\slash", "trail\\", "a\\' OR Name != '", 'new\nline', "it's"];

  it('a value built to break out of its quotes matches only the exact row', async () => {
    emu.admin.insert(
      Prospect.object,
      [...nastyNames, 'y', 'plain'].map((name, i) => ({ Name: 'n', SW_Id__c: `p${i}`, First_Name__c: name })),
    );
    for (const value of nastyNames) {
      const rows = await gateway.queryAll<{ First_Name__c: string }>(
        `SELECT First_Name__c FROM Prospect__c WHERE First_Name__c = ${soqlString(value)}`,
      );
      expect(rows).toEqual([{ First_Name__c: value }]);
    }
  });

  it('an e-mail with quotes matches only itself on Lead.Email', async () => {
    emu.admin.insert('Lead', [
      { LastName: 'A', Company: 'C', Email: "o'brien@example.com" },
      { LastName: 'B', Company: 'C', Email: 'obrien@example.com' },
      { LastName: 'C', Company: 'C', Email: 'y@example.com' },
    ]);
    const rows = await gateway.queryAll<{ Email: string }>(`SELECT Email FROM Lead WHERE Email = ${soqlString("o'brien@example.com")}`);
    expect(rows).toEqual([{ Email: "o'brien@example.com" }]);
    const injected = await gateway.queryAll(`SELECT Email FROM Lead WHERE Email = ${soqlString("x' OR Email != 'y")}`);
    expect(injected).toEqual([]);
  });
});

describe('IN-list queries', () => {
  it('chunks a long value list by URL length and returns every match once', async () => {
    insertLeads(600);
    const wanted = Array.from({ length: 600 }, (_v, i) => `lead${i}@example.com`).filter((_e, i) => i % 2 === 0);
    const unknown = Array.from({ length: 100 }, (_v, i) => `nobody${i}@example.com`);
    const values = [...wanted, ...unknown, ...wanted.slice(0, 50)];
    const build = (chunk: string[]): string => `SELECT Email FROM ${Lead.object} WHERE ${Lead.Email} IN ${soqlInList(chunk)}`;
    emu.admin.resetCounters();
    const found: string[] = [];
    for await (const page of gateway.queryByIn<{ Email: string }>(values, build, { maxEncodedLength: 4000 })) {
      found.push(...page.records.map((r) => r.Email));
    }
    expect(found.sort()).toEqual([...wanted].sort());
    // 400 distinct values of ~27 encoded bytes need three 4,000-byte statements, no more…
    const minimum = Math.ceil((400 * (encodeURIComponent("'lead100@example.com'").length + 3)) / 4000);
    const statements = chunkInClause(values, build, { maxEncodedLength: 4000 }).length;
    expect(statements).toBeGreaterThanOrEqual(minimum);
    expect(statements).toBeLessThanOrEqual(minimum + 1);
    // …and up to five statements travel in one /composite call: one API call in all.
    expect(callsByKind(emu)).toEqual({ composite: 1 });
    expect(emu.admin.counters().total).toBe(1);
  });

  it('a list of one chunk is a plain query; a chunk with more rows than a page continues with its nextRecordsUrl', async () => {
    insertLeads(300);
    const build = (chunk: string[]): string => `SELECT Email FROM ${Lead.object} WHERE ${Lead.Email} IN ${soqlInList(chunk)}`;
    emu.admin.resetCounters();
    const few: string[] = [];
    for await (const page of gateway.queryByIn<{ Email: string }>(['lead1@example.com', 'lead2@example.com'], build)) few.push(...page.records.map((r) => r.Email));
    expect(few.sort()).toEqual(['lead1@example.com', 'lead2@example.com']);
    expect(callsByKind(emu)).toEqual({ query: 1 });

    // Two chunks, 200-row pages: each chunk's first page comes from the composite call, the rest
    // from nextRecordsUrl, and no row is lost or repeated.
    emu.admin.resetCounters();
    const values = Array.from({ length: 300 }, (_v, i) => `lead${i}@example.com`);
    const found: string[] = [];
    for await (const page of gateway.queryByIn<{ Email: string }>(values, build, { maxEncodedLength: 6000, batchSize: 200 })) {
      expect(page.records.length).toBeLessThanOrEqual(200);
      found.push(...page.records.map((r) => r.Email));
    }
    expect(found.sort()).toEqual([...values].sort());
    const chunks = chunkInClause(values, build, { maxEncodedLength: 6000 }).length;
    expect(chunks).toBe(2);
    // One composite call for both chunks' first pages; the chunk of more than 200 values had a second page.
    expect(callsByKind(emu)).toEqual({ composite: 1, queryMore: 1 });
  });
});

describe('failures of reads', () => {
  it('a malformed query is a ValidationError that does not echo the literals', async () => {
    const error = await rejection(gateway.queryAll(`SELECT Email FROM Lead WHERE Email = ${soqlString('secret@example.com')} AND`));
    expect(error.type).toBe(ErrorType.Validation);
    expect(error.code).toBe('MALFORMED_QUERY');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('secret@example.com');
  });

  it('an unknown field is a ValidationError with code INVALID_FIELD', async () => {
    const error = await rejection(gateway.queryAll('SELECT No_Such_Field__c FROM Lead'));
    expect(error.type).toBe(ErrorType.Validation);
    expect(error.code).toBe('INVALID_FIELD');
  });

  it('an unknown object is a ValidationError with code INVALID_TYPE', async () => {
    const error = await rejection(gateway.queryAll('SELECT Id FROM No_Such_Object__c'));
    expect(error.type).toBe(ErrorType.Validation);
    expect(error.code).toBe('INVALID_TYPE');
  });
});

describe('describe and field checks', () => {
  it('describes fields with unprefixed names and writability', async () => {
    const fields = await gateway.describeFields(Lead.object);
    const byName = new Map(fields.map((f) => [f.name, f]));
    expect(byName.get(Lead.ProspectId)?.updateable).toBe(true);
    expect(byName.get(Lead.Email)?.type).toBe('email');
    expect(byName.get(Lead.IsConverted)?.updateable).toBe(false);
  });

  it('reports every missing or read-only field at once, with one describe call per object', async () => {
    emu.admin.resetCounters();
    const problems = await gateway.checkFields(Lead.object, [Lead.Email, Lead.ProspectId, 'No_Such__c', Lead.IsConverted, 'Other_Missing__c']);
    expect(problems).toEqual([
      { object: 'Lead', field: 'No_Such__c', problem: 'missing' },
      { object: 'Lead', field: 'IsConverted', problem: 'not-updateable' },
      { object: 'Lead', field: 'Other_Missing__c', problem: 'missing' },
    ]);
    expect(await gateway.checkFields(Lead.object, [Lead.Tags])).toEqual([]);
    expect(callsByKind(emu).describe).toBe(1);
  });
});

describe('several counts at once', () => {
  it('answers up to five COUNT() queries, including deleted rows, in one composite API call', async () => {
    const ids = insertLeads(7);
    emu.admin.delete(ids.slice(0, 2));
    emu.admin.resetCounters();
    const counts = await gateway.countMany([
      { soql: 'SELECT COUNT() FROM Lead' },
      { soql: "SELECT COUNT() FROM Lead WHERE Email = 'lead3@example.com'" },
      { soql: 'SELECT COUNT() FROM Lead WHERE IsDeleted = true', includeDeleted: true },
      { soql: 'SELECT COUNT() FROM Contact' },
      { soql: 'SELECT COUNT() FROM Account' },
      { soql: 'SELECT COUNT() FROM Lead', includeDeleted: true },
    ]);
    expect(counts).toEqual([5, 1, 2, 0, 0, 7]);
    // Five in one composite call, the sixth on its own.
    expect(callsByKind(emu)).toEqual({ composite: 1, queryAll: 1 });
  });

  it('classifies a failing sub-query like a plain query', async () => {
    await expect(gateway.countMany([{ soql: 'SELECT COUNT() FROM Lead' }, { soql: 'SELECT COUNT() FROM NoSuchObject__c' }])).rejects.toMatchObject({ type: ErrorType.Validation });
  });
});
