import { connect, raw, rejection, rest, startEmulator, type SalesforceEmulator } from './support';

describe('SOQL query over REST', () => {
  let emu: SalesforceEmulator;
  let accountId: string;
  let prospectIds: string[];

  beforeAll(async () => {
    emu = await startEmulator();
    accountId = emu.admin.insert('Account', { Name: 'Acme' });
    emu.admin.insert('Contact', [
      { LastName: 'Lovelace', FirstName: 'Ada', Email: 'Ada@Example.com', AccountId: accountId },
      { LastName: 'Hopper', FirstName: 'Grace', Email: 'grace@example.com', AccountId: accountId },
      { LastName: 'Nobody', Email: null },
    ]);
    prospectIds = emu.admin.insert(
      'Prospect__c',
      Array.from({ length: 450 }, (_v, i) => ({ Name: `P${i}`, SW_Id__c: `p${i}`, Email__c: `p${i}@example.com`, Lead_Score__c: i % 10, Temperature__c: i % 2 === 0 ? 'HOT' : 'COLD' })),
    );
    const tagId = emu.admin.insert('SW_Tag__c', { Name: 'Pricing', SW_Id__c: 't1' });
    emu.admin.insert('SW_Prospect_Tag__c', [
      { Name: 'Pricing', Key__c: 'p1:t1', Prospect__c: prospectIds[1], Tag__c: tagId },
      { Name: 'Pricing', Key__c: 'p2:t1', Prospect__c: prospectIds[2], Tag__c: tagId },
    ]);
  });
  afterAll(() => emu.stop());

  it('returns records with attributes, the selected fields and totalSize/done', async () => {
    const res = await connect(emu).query<{ Id: string; Email: string }>("SELECT Id, Email FROM Contact WHERE LastName = 'Lovelace'");
    expect(res).toMatchObject({ totalSize: 1, done: true });
    expect(res.records[0]).toEqual({ attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${res.records[0].Id}` }, Id: res.records[0].Id, Email: 'Ada@Example.com' });
  });

  it('pages with nextRecordsUrl at the Sforce-Query-Options batch size and queryMore follows it', async () => {
    const conn = connect(emu);
    const first = await conn.query('SELECT Id FROM Prospect__c ORDER BY SW_Id__c', { headers: { 'Sforce-Query-Options': 'batchSize=200' } } as never);
    expect(first.records).toHaveLength(200);
    expect(first.done).toBe(false);
    expect(first.totalSize).toBe(450);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g\w+-200$/);
    const second = await conn.queryMore(first.nextRecordsUrl!);
    expect(second.records).toHaveLength(200);
    const third = await conn.queryMore(second.nextRecordsUrl!);
    expect(third.records).toHaveLength(50);
    expect(third.done).toBe(true);
    expect(third.nextRecordsUrl).toBeUndefined();
  });

  it('defaults to 2000-record pages and clamps batch sizes below 200', async () => {
    const conn = connect(emu);
    const all = await conn.query('SELECT Id FROM Prospect__c');
    expect(all.records).toHaveLength(450);
    const small = await conn.query('SELECT Id FROM Prospect__c', { headers: { 'Sforce-Query-Options': 'batchSize=10' } } as never);
    expect(small.records).toHaveLength(200);
  });

  it('autoFetch collects every page through jsforce', async () => {
    const res = await connect(emu).query('SELECT Id FROM Prospect__c', { autoFetch: true, maxFetch: 10_000, headers: { 'Sforce-Query-Options': 'batchSize=200' } } as never);
    expect(res.records).toHaveLength(450);
  });

  it('supports keyset paging by Id: ORDER BY Id agrees with Id > :last', async () => {
    const conn = connect(emu);
    const seen: string[] = [];
    let last = '';
    for (;;) {
      const where = last ? ` WHERE Id > '${last}'` : '';
      const page = await conn.query<{ Id: string }>(`SELECT Id FROM Prospect__c${where} ORDER BY Id LIMIT 100`);
      if (page.records.length === 0) break;
      seen.push(...page.records.map((r) => r.Id));
      last = page.records[page.records.length - 1].Id;
    }
    expect(seen.length).toBeGreaterThanOrEqual(450);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
  });

  it('rejects an unknown query locator with INVALID_QUERY_LOCATOR', async () => {
    const error = await rejection(connect(emu).queryMore('01g5g0000000000ZZZ-200'));
    expect(error.name).toBe('INVALID_QUERY_LOCATOR');
  });

  it('nests parent relationship fields over several levels, null when the reference is empty', async () => {
    const res = await connect(emu).query<Record<string, unknown>>('SELECT LastName, Account.Name, Account.Owner.Name FROM Contact ORDER BY LastName');
    const byName = new Map(res.records.map((r) => [r.LastName, r]));
    expect(byName.get('Hopper')!.Account).toEqual({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${accountId}` },
      Name: 'Acme',
      Owner: { attributes: { type: 'User', url: expect.stringMatching(/\/sobjects\/User\/005/) }, Name: 'Admin User' },
    });
    expect(byName.get('Nobody')!.Account).toBeNull();
  });

  it('returns child sub-query results as a nested query result, or null without children', async () => {
    const res = await connect(emu).query<Record<string, unknown>>(
      `SELECT SW_Id__c, (SELECT Key__c FROM Prospect_Tags__r ORDER BY Key__c) FROM Prospect__c WHERE SW_Id__c IN ('p0', 'p1')  ORDER BY SW_Id__c`,
    );
    expect(res.records[0].Prospect_Tags__r).toBeNull();
    expect(res.records[1].Prospect_Tags__r).toEqual({ totalSize: 1, done: true, records: [{ attributes: expect.objectContaining({ type: 'SW_Prospect_Tag__c' }), Key__c: 'p1:t1' }] });
    const accounts = await connect(emu).query<Record<string, { records: Array<{ LastName: string }> }>>('SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account');
    expect(accounts.records[0].Contacts.records.map((c) => c.LastName)).toEqual(['Hopper', 'Lovelace']);
  });

  it('filters with semi-joins and anti-joins', async () => {
    const conn = connect(emu);
    const tagged = await conn.query<{ SW_Id__c: string }>("SELECT SW_Id__c FROM Prospect__c WHERE Id IN (SELECT Prospect__c FROM SW_Prospect_Tag__c WHERE Tag__r.SW_Id__c = 't1') ORDER BY SW_Id__c");
    expect(tagged.records.map((r) => r.SW_Id__c)).toEqual(['p1', 'p2']);
    const untagged = await conn.query("SELECT COUNT() FROM Prospect__c WHERE Id NOT IN (SELECT Prospect__c FROM SW_Prospect_Tag__c)");
    expect(untagged.totalSize).toBe(448);
  });

  it('evaluates AND/OR/NOT with parentheses as written', async () => {
    const conn = connect(emu);
    const res = await conn.query<{ SW_Id__c: string }>(
      "SELECT SW_Id__c FROM Prospect__c WHERE (SW_Id__c = 'p1' OR SW_Id__c = 'p2' OR SW_Id__c = 'p3') AND NOT (Temperature__c = 'HOT' AND Lead_Score__c = 2) ORDER BY SW_Id__c",
    );
    expect(res.records.map((r) => r.SW_Id__c)).toEqual(['p1', 'p3']);
    const nested = await conn.query<{ SW_Id__c: string }>("SELECT SW_Id__c FROM Prospect__c WHERE ((SW_Id__c = 'p1' OR SW_Id__c = 'p4') AND Lead_Score__c > 1) OR SW_Id__c = 'p7' ORDER BY SW_Id__c");
    expect(nested.records.map((r) => r.SW_Id__c)).toEqual(['p4', 'p7']);
  });

  it('rejects AND and OR mixed without parentheses as MALFORMED_QUERY', async () => {
    const error = await rejection(connect(emu).query("SELECT Id FROM Prospect__c WHERE SW_Id__c = 'p1' AND Lead_Score__c = 1 OR SW_Id__c = 'p2'"));
    expect(error.name).toBe('MALFORMED_QUERY');
  });

  it('compares strings case-insensitively with =, IN, != and LIKE', async () => {
    const conn = connect(emu);
    expect((await conn.query("SELECT Id FROM Contact WHERE Email = 'ADA@example.COM'")).totalSize).toBe(1);
    expect((await conn.query("SELECT Id FROM Contact WHERE Email IN ('ada@EXAMPLE.com', 'GRACE@example.com')")).totalSize).toBe(2);
    expect((await conn.query("SELECT Id FROM Contact WHERE Email LIKE 'ADA%'")).totalSize).toBe(1);
    expect((await conn.query("SELECT Id FROM Contact WHERE Email LIKE '_race@%'")).totalSize).toBe(1);
    // != matches null values too.
    expect((await conn.query("SELECT Id FROM Contact WHERE Email != 'ada@example.com'")).totalSize).toBe(2);
    expect((await conn.query('SELECT Id FROM Contact WHERE Email = null')).totalSize).toBe(1);
  });

  it('keeps escaped quotes and backslashes inside the literal (no injection)', async () => {
    const conn = connect(emu);
    emu.admin.insert('Prospect__c', [
      { Name: 'evil', SW_Id__c: "x' OR SW_Id__c != 'y" },
      { Name: 'slash', SW_Id__c: 'back\\slash' },
      { Name: 'percent', SW_Id__c: '100%' },
    ]);
    const injected = await conn.query<{ Name: string }>("SELECT Name FROM Prospect__c WHERE SW_Id__c = 'x\\' OR SW_Id__c != \\'y'");
    expect(injected.records.map((r) => r.Name)).toEqual(['evil']);
    const slash = await conn.query<{ Name: string }>("SELECT Name FROM Prospect__c WHERE SW_Id__c = 'back\\\\slash'");
    expect(slash.records.map((r) => r.Name)).toEqual(['slash']);
    const literalPercent = await conn.query<{ Name: string }>("SELECT Name FROM Prospect__c WHERE SW_Id__c LIKE '100\\%'");
    expect(literalPercent.records.map((r) => r.Name)).toEqual(['percent']);
  });

  it('rejects invalid escape sequences with MALFORMED_QUERY', async () => {
    const error = await rejection(connect(emu).query("SELECT Id FROM Contact WHERE Email = 'a\\qb'"));
    expect(error.name).toBe('MALFORMED_QUERY');
    expect(error.message).toContain("Illegal character sequence '\\q'");
  });

  it('reports unknown fields as INVALID_FIELD and unknown objects as INVALID_TYPE', async () => {
    const conn = connect(emu);
    const field = await rejection(conn.query('SELECT Id, Nope__c FROM Lead'));
    expect(field.name).toBe('INVALID_FIELD');
    expect(field.message).toContain("No such column 'Nope__c' on entity 'Lead'");
    const type = await rejection(conn.query('SELECT Id FROM Nope__c'));
    expect(type.name).toBe('INVALID_TYPE');
    const rel = await rejection(conn.query('SELECT Nope__r.Name FROM Contact'));
    expect(rel.name).toBe('INVALID_FIELD');
  });

  it('answers 400 with [{message, errorCode}] on query errors', async () => {
    const res = await raw(emu, 'GET', `/services/data/v62.0/query?q=${encodeURIComponent('SELECT FROM Lead')}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual([{ message: expect.any(String), errorCode: 'MALFORMED_QUERY' }]);
  });

  it('supports numbers, booleans, ORDER BY with NULLS FIRST/LAST, LIMIT and OFFSET', async () => {
    const conn = connect(emu);
    const res = await conn.query<{ SW_Id__c: string }>("SELECT SW_Id__c FROM Prospect__c WHERE Lead_Score__c >= 8 AND Favorite__c = false ORDER BY Lead_Score__c DESC, SW_Id__c ASC LIMIT 3 OFFSET 1");
    expect(res.records.map((r) => r.SW_Id__c)).toEqual(['p119', 'p129', 'p139']);
    const nullsLast = await conn.query<{ LastName: string }>('SELECT LastName FROM Contact ORDER BY Email ASC NULLS LAST');
    expect(nullsLast.records.map((r) => r.LastName)).toEqual(['Lovelace', 'Hopper', 'Nobody']);
    const nullsFirst = await conn.query<{ LastName: string }>('SELECT LastName FROM Contact ORDER BY Email');
    expect(nullsFirst.records[0].LastName).toBe('Nobody');
  });

  it('filters on datetime literals and date literals such as TODAY and LAST_N_DAYS:n', async () => {
    const conn = connect(emu);
    expect((await conn.query('SELECT COUNT() FROM Contact WHERE CreatedDate = TODAY')).totalSize).toBe(3);
    expect((await conn.query('SELECT COUNT() FROM Contact WHERE CreatedDate = LAST_N_DAYS:3')).totalSize).toBe(3);
    expect((await conn.query('SELECT COUNT() FROM Contact WHERE CreatedDate < YESTERDAY')).totalSize).toBe(0);
    expect((await conn.query('SELECT COUNT() FROM Contact WHERE CreatedDate > 2020-01-01T00:00:00Z')).totalSize).toBe(3);
    expect((await conn.query('SELECT COUNT() FROM Contact WHERE SystemModstamp > 2999-01-01T00:00:00.000+0000')).totalSize).toBe(0);
  });

  it('reports a malformed id literal as INVALID_QUERY_FILTER_OPERATOR and matches 15-character ids', async () => {
    const conn = connect(emu);
    const error = await rejection(conn.query("SELECT Id FROM Contact WHERE AccountId = 'nope'"));
    expect(error.name).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect((await conn.query(`SELECT Id FROM Contact WHERE AccountId = '${accountId.slice(0, 15)}'`)).totalSize).toBe(2);
  });

  it('counts with COUNT() and aggregates with GROUP BY, aliases and expr0 naming', async () => {
    const conn = connect(emu);
    expect((await conn.query("SELECT COUNT() FROM Prospect__c WHERE Temperature__c = 'HOT'")).totalSize).toBe(225);
    const grouped = await conn.query<Record<string, unknown>>(
      'SELECT Temperature__c, COUNT(Id), MAX(Lead_Score__c) top, MIN(Lead_Score__c), SUM(Lead_Score__c), AVG(Lead_Score__c), COUNT_DISTINCT(Lead_Score__c) FROM Prospect__c WHERE SW_Id__c LIKE \'p%\' GROUP BY Temperature__c ORDER BY Temperature__c',
    );
    expect(grouped.records).toEqual([
      { attributes: { type: 'AggregateResult' }, Temperature__c: 'COLD', expr0: 225, top: 9, expr1: 1, expr2: 1125, expr3: 5, expr4: 5 },
      { attributes: { type: 'AggregateResult' }, Temperature__c: 'HOT', expr0: 225, top: 8, expr1: 0, expr2: 900, expr3: 4, expr4: 5 },
    ]);
    const having = await conn.query<Record<string, unknown>>('SELECT Account.Name, COUNT(Id) n FROM Contact GROUP BY Account.Name HAVING COUNT(Id) > 1');
    expect(having.records).toEqual([{ attributes: { type: 'AggregateResult' }, Name: 'Acme', n: 2 }]);
  });

  it('returns soft-deleted rows through queryAll only', async () => {
    const conn = connect(emu);
    const [id] = emu.admin.insert('Contact', [{ LastName: 'Temp', Email: 'temp@example.com' }]);
    emu.admin.delete(id);
    expect((await conn.query("SELECT Id FROM Contact WHERE LastName = 'Temp'")).totalSize).toBe(0);
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>("SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Temp'", { scanAll: true } as never);
    expect(all.records).toEqual([expect.objectContaining({ Id: id, IsDeleted: true })]);
  });

  it('answers 414 for URIs longer than 16,384 bytes', async () => {
    const values = Array.from({ length: 900 }, (_v, i) => `'someone-${i}@example.com'`).join(',');
    const res = await raw(emu, 'GET', `/services/data/v62.0/query?q=${encodeURIComponent(`SELECT Id FROM Lead WHERE Email IN (${values})`)}`);
    expect(res.status).toBe(414);
  });

  it('serves the same query through the raw REST resource', async () => {
    const res = await rest<{ totalSize: number }>(connect(emu), 'GET', `/query?q=${encodeURIComponent("SELECT Id FROM Contact WHERE Account.Name = 'acme'")}`);
    expect(res.totalSize).toBe(2);
  });
});
