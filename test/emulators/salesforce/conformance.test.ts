/**
 * Conformance: each Salesforce behaviour the emulator implements, with the documentation it
 * follows, exercised against the emulator through jsforce or raw HTTP.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import { idChecksum, toId18 } from '../../../src/emulators/salesforce/schema/ids';
import { connect, raw, rejection, rest, sleep, startEmulator, type SalesforceEmulator } from './support';

const DOCS = {
  queryOptions: 'https://developer.salesforce.com/docs/platform/api-rest/guide/headers-queryoptions.html',
  comparison: 'https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select-comparisonoperators.html',
  escapes: 'https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select-quotedstringescapes.html',
  dateLiterals: 'https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select-dateformats.html',
  aggregates: 'https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-select-agg-functions.html',
  relationships: 'https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-relationships.html',
  subqueryResults: 'https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_relationships_query_results.htm',
  soqlLimits: 'https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_soslsoql.htm',
  queryAll: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_queryall.htm',
  upsert: 'https://developer.salesforce.com/docs/platform/api-rest/guide/dome-upsert.html',
  collectionsUpsert: 'https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-upsert.html',
  collectionsCreate: 'https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-create.html',
  collectionsRetrieve: 'https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobjects-collections-retrieve-post.html',
  composite: 'https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-composite-post.html',
  bulkUpload: 'https://developer.salesforce.com/docs/platform/api-asynch/guide/upload-job-data.md',
  bulkIngest: 'https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_bulk_v2/datafiles_understanding_bulk2_ingest.htm',
  limitHeader: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm',
  limits: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm',
  platformEvents: 'https://developer.salesforce.com/docs/atlas.en-us.258.0.platform_events.meta/platform_events/platform_events_publish_api.htm',
  oauthErrors: 'https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm',
  jwt: 'https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_jwt_flow.htm',
  clientCredentials: 'https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_client_credentials_flow.htm',
  uriLength: 'https://help.salesforce.com/s/articleView?id=000386264&language=en_US&type=1',
  masterDetail: 'https://help.salesforce.com/s/articleView?id=platform.relationships_considerations.htm',
  ids: 'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/field_types.htm#i1435616',
  restErrors: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm',
};

describe('Salesforce conformance', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  beforeEach(() => emu.admin.reset());
  afterAll(() => emu.stop());

  it(`query pages honour Sforce-Query-Options batchSize (200–2000) with nextRecordsUrl — ${DOCS.queryOptions}`, async () => {
    emu.admin.insert('Prospect__c', Array.from({ length: 250 }, (_v, i) => ({ Name: `P${i}` })));
    const page = await connect(emu).query('SELECT Id FROM Prospect__c', { headers: { 'Sforce-Query-Options': 'batchSize=200' } } as never);
    expect([page.records.length, page.done, typeof page.nextRecordsUrl]).toEqual([200, false, 'string']);
  });

  it(`string comparisons are case-insensitive — ${DOCS.comparison}`, async () => {
    emu.admin.insert('Lead', { LastName: 'X', Company: 'C', Email: 'Mixed@Case.example' });
    expect((await connect(emu).query("SELECT Id FROM Lead WHERE Email = 'mixed@case.EXAMPLE'")).totalSize).toBe(1);
  });

  it(`quoted string escapes (\\' \\\\ \\n) are literal and other backslashes are MALFORMED_QUERY — ${DOCS.escapes}`, async () => {
    emu.admin.insert('Lead', { LastName: "O'Brien\\x", Company: 'C' });
    expect((await connect(emu).query("SELECT Id FROM Lead WHERE LastName = 'O\\'Brien\\\\x'")).totalSize).toBe(1);
    expect((await rejection(connect(emu).query("SELECT Id FROM Lead WHERE LastName = '\\z'"))).name).toBe('MALFORMED_QUERY');
  });

  it(`date literals such as TODAY and LAST_N_DAYS:n select ranges — ${DOCS.dateLiterals}`, async () => {
    emu.admin.insert('Lead', { LastName: 'X', Company: 'C' });
    expect((await connect(emu).query('SELECT Id FROM Lead WHERE CreatedDate = LAST_N_DAYS:1 AND CreatedDate < TOMORROW')).totalSize).toBe(1);
  });

  it(`aggregate results are AggregateResult records with expr0 for unaliased aggregates — ${DOCS.aggregates}`, async () => {
    emu.admin.insert('Lead', [{ LastName: 'A', Company: 'C' }, { LastName: 'B', Company: 'C' }]);
    const res = await connect(emu).query<Record<string, unknown>>('SELECT Company, COUNT(Id) FROM Lead GROUP BY Company');
    expect(res.records).toEqual([{ attributes: { type: 'AggregateResult' }, Company: 'C', expr0: 2 }]);
  });

  it(`parent relationships nest (null when empty) and child sub-queries return query results — ${DOCS.relationships}`, async () => {
    const account = emu.admin.insert('Account', { Name: 'A' });
    emu.admin.insert('Contact', [{ LastName: 'In', AccountId: account }, { LastName: 'Out' }]);
    const contacts = await connect(emu).query<Record<string, unknown>>('SELECT LastName, Account.Name FROM Contact ORDER BY LastName');
    expect(contacts.records.map((c) => c.Account)).toEqual([expect.objectContaining({ Name: 'A' }), null]);
    const accounts = await connect(emu).query<Record<string, { totalSize: number }>>('SELECT Name, (SELECT Id FROM Contacts) FROM Account');
    expect(accounts.records[0].Contacts.totalSize).toBe(1);
  });

  it(`a sub-query with many children returns a first batch and a nextRecordsUrl read with queryMore — ${DOCS.subqueryResults}`, async () => {
    const account = emu.admin.insert('Account', { Name: 'Big' });
    emu.admin.insert('Account', { Name: 'Small' });
    emu.admin.insert('Contact', Array.from({ length: 450 }, (_v, i) => ({ LastName: `C${String(i).padStart(3, '0')}`, AccountId: account })));
    const conn = connect(emu);
    type Children = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<{ LastName: string }> };
    const before = emu.admin.counters().byKind.queryMore ?? 0;
    const accounts = await conn.query<{ Name: string; Contacts: Children | null }>('SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name');
    const big = accounts.records[0].Contacts as Children;
    expect([big.totalSize, big.done, big.records.length, big.records[0].LastName]).toEqual([450, false, 200, 'C000']);
    expect(accounts.records[1].Contacts).toBeNull();

    const names = big.records.map((c) => c.LastName);
    let next = big.nextRecordsUrl;
    while (next) {
      const more = await rest<Children>(conn, 'GET', next.replace(/^\/services\/data\/v[\d.]+/, ''));
      expect(more.totalSize).toBe(450);
      names.push(...more.records.map((c) => c.LastName));
      next = more.done ? undefined : more.nextRecordsUrl;
    }
    expect(names).toEqual(Array.from({ length: 450 }, (_v, i) => `C${String(i).padStart(3, '0')}`));
    expect((emu.admin.counters().byKind.queryMore ?? 0) - before).toBe(2);
  });

  it(`OFFSET is limited to 2,000 — ${DOCS.soqlLimits}`, async () => {
    expect((await rejection(connect(emu).query('SELECT Id FROM Lead LIMIT 10 OFFSET 2001'))).name).toBe('NUMBER_OUTSIDE_VALID_RANGE');
  });

  it(`queryAll includes deleted records with IsDeleted = true — ${DOCS.queryAll}`, async () => {
    const id = emu.admin.insert('Lead', { LastName: 'X', Company: 'C' });
    emu.admin.delete(id);
    const res = await rest<{ records: Array<{ IsDeleted: boolean }> }>(connect(emu), 'GET', `/queryAll?q=${encodeURIComponent('SELECT IsDeleted FROM Lead')}`);
    expect(res.records).toEqual([expect.objectContaining({ IsDeleted: true })]);
  });

  it(`upsert by external id answers 201 created / 200 updated with the created flag and 300 on several matches — ${DOCS.upsert}`, async () => {
    const a = await raw(emu, 'PATCH', '/services/data/v62.0/sobjects/Prospect__c/SW_Id__c/x1', { Name: 'a' });
    const b = await raw(emu, 'PATCH', '/services/data/v62.0/sobjects/Prospect__c/SW_Id__c/x1', { Name: 'b' });
    emu.admin.insert('Lead', [{ LastName: 'A', Company: 'C', Prospect_Id__c: 'd' }, { LastName: 'B', Company: 'C', Prospect_Id__c: 'd' }]);
    const c = await raw(emu, 'PATCH', '/services/data/v62.0/sobjects/Lead/Prospect_Id__c/d', { Title: 't' });
    expect([a.status, (a.json as { created: boolean }).created, b.status, (b.json as { created: boolean }).created, c.status]).toEqual([201, true, 200, false, 300]);
  });

  it(`collection upserts return UpsertResults in input order with created — ${DOCS.collectionsUpsert}`, async () => {
    emu.admin.insert('Prospect__c', { Name: 'old', SW_Id__c: 'b' });
    const res = (await connect(emu).sobject('Prospect__c').upsert([{ SW_Id__c: 'a', Name: 'A' }, { SW_Id__c: 'b', Name: 'B' }], 'SW_Id__c')) as Array<{ created: boolean }>;
    expect(res.map((r) => r.created)).toEqual([true, false]);
  });

  it(`allOrNone rolls back the whole collection when one record fails — ${DOCS.collectionsCreate}`, async () => {
    const res = (await connect(emu).sobject('Lead').create([{ LastName: 'A', Company: 'C' }, { LastName: 'B' }], { allOrNone: true })) as Array<{ errors: Array<{ statusCode: string }> }>;
    expect(res.map((r) => r.errors[0].statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
    expect(emu.admin.records('Lead')).toEqual([]);
  });

  it(`collection retrieve returns null for ids that are not found — ${DOCS.collectionsRetrieve}`, async () => {
    const id = emu.admin.insert('Lead', { LastName: 'A', Company: 'C' });
    emu.admin.delete(id);
    expect(await rest(connect(emu), 'POST', '/composite/sobjects/Lead', { ids: [id], fields: ['Id'] })).toEqual([null]);
  });

  it(`composite allows 25 subrequests (5 collections/queries) and counts as one API call — ${DOCS.composite}`, async () => {
    emu.admin.resetCounters();
    const compositeRequest = Array.from({ length: 5 }, (_v, k) => ({ method: 'GET', url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`, referenceId: `q${k}` }));
    await rest(connect(emu), 'POST', '/composite', { compositeRequest });
    expect(emu.admin.counters().total).toBe(1);
    compositeRequest.push({ method: 'GET', url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`, referenceId: 'q5' });
    expect((await rejection(rest(connect(emu), 'POST', '/composite', { compositeRequest }))).name).toBe('INVALID_INPUT');
  });

  it(`Bulk API 2.0 upload answers 201 for CSV data — ${DOCS.bulkUpload}`, async () => {
    const job = await rest<{ id: string }>(connect(emu), 'POST', '/jobs/ingest', { object: 'Lead', operation: 'insert' });
    const res = await raw(emu, 'PUT', `/services/data/v62.0/jobs/ingest/${job.id}/batches`, 'LastName,Company\nA,C\n', { 'Content-Type': 'text/csv' });
    expect(res.status).toBe(201);
  });

  it(`Bulk API 2.0 jobs move UploadComplete → InProgress → JobComplete and report per-record results — ${DOCS.bulkIngest}`, async () => {
    const conn = connect(emu);
    const job = await rest<{ id: string }>(conn, 'POST', '/jobs/ingest', { object: 'Lead', operation: 'insert' });
    await raw(emu, 'PUT', `/services/data/v62.0/jobs/ingest/${job.id}/batches`, 'LastName,Company\nA,C\nB,\n', { 'Content-Type': 'text/csv' });
    const closed = await rest<{ state: string }>(conn, 'PATCH', `/jobs/ingest/${job.id}`, { state: 'UploadComplete' });
    let info = { state: closed.state, numberRecordsFailed: -1 };
    while (!['JobComplete', 'Failed'].includes(info.state)) {
      await sleep(10);
      info = await rest(conn, 'GET', `/jobs/ingest/${job.id}`);
    }
    expect([closed.state, info.state, info.numberRecordsFailed]).toEqual(['UploadComplete', 'JobComplete', 1]);
    const failed = await raw(emu, 'GET', `/services/data/v62.0/jobs/ingest/${job.id}/failedResults`);
    expect(failed.headers.get('content-type')).toBe('text/csv');
    expect(failed.text).toContain('REQUIRED_FIELD_MISSING:Required fields are missing: [Company]:Company --');
  });

  it(`every REST response carries Sforce-Limit-Info: api-usage=used/max — ${DOCS.limitHeader}`, async () => {
    const res = await raw(emu, 'GET', '/services/data/v62.0/sobjects');
    expect(res.headers.get('sforce-limit-info')).toBe('api-usage=1/100000');
  });

  it(`/limits reports DailyApiRequests with Max and Remaining — ${DOCS.limits}`, async () => {
    const limits = await rest<Record<string, { Max: number; Remaining: number }>>(connect(emu), 'GET', '/limits');
    expect(limits.DailyApiRequests).toEqual({ Max: 100_000, Remaining: 99_999 });
  });

  it(`a high-volume event publish succeeds with an OPERATION_ENQUEUED entry — ${DOCS.platformEvents}`, async () => {
    const res = (await connect(emu).sobject('SW_Match__e').create({ Prospect_Id__c: 'p', Record_Id__c: 'r', Object_Type__c: 'Lead', Fields__c: '{}' })) as { success: boolean; errors: Array<{ statusCode: string }> };
    expect([res.success, res.errors[0].statusCode]).toEqual([true, 'OPERATION_ENQUEUED']);
  });

  it(`token errors use error/error_description (invalid_client_id, invalid_client, invalid_grant) — ${DOCS.oauthErrors}`, async () => {
    const post = (form: Record<string, string>) => raw(emu, 'POST', '/services/oauth2/token', new URLSearchParams(form).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    const unknown = await post({ grant_type: 'client_credentials', client_id: 'nope', client_secret: 'x' });
    const secret = await post({ grant_type: 'client_credentials', client_id: emu.credentials.clientId, client_secret: 'x' });
    const password = await post({ grant_type: 'password', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret, username: emu.credentials.username, password: 'bad' });
    expect([unknown.json, secret.json, password.json]).toEqual([
      { error: 'invalid_client_id', error_description: 'client identifier invalid' },
      { error: 'invalid_client', error_description: 'invalid client credentials' },
      { error: 'invalid_grant', error_description: 'authentication failure' },
    ]);
  });

  it(`client credentials returns access_token, instance_url, id, token_type, issued_at, signature — ${DOCS.clientCredentials}`, async () => {
    const conn = new Connection({ oauth2: new OAuth2({ loginUrl: emu.url, clientId: emu.credentials.clientId, clientSecret: emu.credentials.clientSecret }), version: '62.0' });
    await conn.authorize({ grant_type: 'client_credentials' });
    expect(conn.instanceUrl).toBe(emu.url);
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(3);
  });

  it(`JWT bearer checks the RS256 signature, iss, sub, aud and exp — ${DOCS.jwt}`, async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwtEmu = await startEmulator({ clients: [{ clientId: 'app', jwtPublicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() }] });
    try {
      const make = (aud: string) => {
        const h = Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url');
        const b = Buffer.from(JSON.stringify({ iss: 'app', sub: jwtEmu.credentials.username, aud, exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
        return `${h}.${b}.${sign('RSA-SHA256', Buffer.from(`${h}.${b}`), keys.privateKey).toString('base64url')}`;
      };
      const post = (assertion: string) => raw(jwtEmu, 'POST', '/services/oauth2/token', new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect((await post(make('https://login.salesforce.com'))).status).toBe(200);
      expect((await post(make('https://elsewhere.example'))).json).toEqual({ error: 'invalid_grant', error_description: 'audience is invalid' });
    } finally {
      await jwtEmu.stop();
    }
  });

  it(`URIs beyond 16,384 bytes are refused with 414 — ${DOCS.uriLength}`, async () => {
    expect((await raw(emu, 'GET', `/services/data/v62.0/query?q=${'x'.repeat(17_000)}`)).status).toBe(414);
  });

  it(`deleting a master deletes its detail records — ${DOCS.masterDetail}`, async () => {
    const score = emu.admin.insert('Score__c', { Name: 'S', SW_Id__c: 's' });
    emu.admin.insert('Prospect_Score__c', { Name: 'PS', Key__c: 'k', Score__c: score });
    await connect(emu).sobject('Score__c').destroy(score);
    expect(emu.admin.records('Prospect_Score__c')).toEqual([]);
  });

  it(`ids are 18 characters: key prefix, and a case-safety checksum suffix — ${DOCS.ids}`, async () => {
    const id = emu.admin.insert('Account', { Name: 'A' });
    expect(id).toMatch(/^001\w{15}$/);
    expect(id.slice(15)).toBe(idChecksum(id.slice(0, 15)));
    // Known pair from Salesforce documentation examples: 001A0000006Vm9r → 001A0000006Vm9rIAC.
    expect(toId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
  });

  it(`request-level errors are [{message, errorCode}] with the HTTP status, 401 for an invalid session — ${DOCS.restErrors}`, async () => {
    const res = await raw(emu, 'GET', '/services/data/v62.0/limits', undefined, { Authorization: 'Bearer nope' });
    expect([res.status, res.json]).toEqual([401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]]);
  });
});
