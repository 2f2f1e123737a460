import { connect, rest, startEmulator, type SalesforceEmulator } from './support';

type CompositeResponse = { compositeResponse: Array<{ body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }> };

describe('Composite', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  beforeEach(() => emu.admin.reset());
  afterAll(() => emu.stop());

  const collection = (n: number, offset = 0) => ({
    allOrNone: false,
    records: Array.from({ length: n }, (_v, i) => ({ attributes: { type: 'Prospect__c' }, SW_Id__c: `p${offset + i}`, Name: `P${offset + i}` })),
  });

  it('runs five collection upserts (1,000 records) and a query as ONE API call', async () => {
    const conn = connect(emu);
    emu.admin.resetCounters();
    const compositeRequest = [0, 1, 2, 3].map((k) => ({ method: 'PATCH', url: '/services/data/v62.0/composite/sobjects/Prospect__c/SW_Id__c', referenceId: `up${k}`, body: collection(200, k * 200) }));
    compositeRequest.push({ method: 'GET', url: `/services/data/v62.0/query?q=${encodeURIComponent('SELECT COUNT() FROM Prospect__c')}`, referenceId: 'count', body: undefined as never });
    const res = await rest<CompositeResponse>(conn, 'POST', '/composite', { allOrNone: false, compositeRequest });
    expect(res.compositeResponse.map((r) => r.httpStatusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(res.compositeResponse[4].body).toEqual({ totalSize: 800, done: true, records: [] });
    expect(emu.admin.records('Prospect__c')).toHaveLength(800);
    expect(emu.admin.counters().total).toBe(1);
    expect(emu.admin.counters().byKind).toEqual({ composite: 1 });
  });

  it('refuses more than 25 subrequests or more than 5 collections/queries', async () => {
    const conn = connect(emu);
    const six = Array.from({ length: 6 }, (_v, k) => ({ method: 'POST', url: '/services/data/v62.0/composite/sobjects', referenceId: `c${k}`, body: collection(1, k) }));
    await expect(rest(conn, 'POST', '/composite', { compositeRequest: six })).rejects.toMatchObject({ name: 'INVALID_INPUT' });
    const many = Array.from({ length: 26 }, (_v, k) => ({ method: 'GET', url: '/services/data/v62.0/limits', referenceId: `l${k}` }));
    await expect(rest(conn, 'POST', '/composite', { compositeRequest: many })).rejects.toMatchObject({ name: 'INVALID_INPUT' });
    expect(emu.admin.records('Prospect__c')).toHaveLength(0);
  });

  it('passes results to later subrequests through @{ref} and sets Location on creates', async () => {
    const res = await rest<CompositeResponse>(connect(emu), 'POST', '/composite', {
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Acme' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Contact', referenceId: 'contact', body: { LastName: 'Doe', AccountId: '@{acct.id}' } },
        { method: 'GET', url: '/services/data/v62.0/sobjects/Contact/@{contact.id}?fields=AccountId', referenceId: 'read' },
      ],
    });
    const accountId = (res.compositeResponse[0].body as { id: string }).id;
    expect(res.compositeResponse[0].httpStatusCode).toBe(201);
    expect(res.compositeResponse[0].httpHeaders.Location).toBe(`/services/data/v62.0/sobjects/Account/${accountId}`);
    expect(res.compositeResponse[2].body).toMatchObject({ AccountId: accountId });
    expect(emu.admin.records('Contact')[0].AccountId).toBe(accountId);
  });

  it('rolls back every subrequest with allOrNone when one fails (collections included)', async () => {
    const res = await rest<CompositeResponse>(connect(emu), 'POST', '/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Acme' } },
        {
          method: 'POST',
          url: '/services/data/v62.0/composite/sobjects',
          referenceId: 'leads',
          body: { allOrNone: false, records: [{ attributes: { type: 'Lead' }, LastName: 'ok', Company: 'c' }, { attributes: { type: 'Lead' }, LastName: 'no company' }] },
        },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'later', body: { Name: 'Later' } },
      ],
    });
    expect(res.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 200, 400]);
    expect(res.compositeResponse[0].body).toEqual([{ errorCode: 'PROCESSING_HALTED', message: expect.stringContaining('rolled back') }]);
    expect((res.compositeResponse[1].body as Array<{ errors: Array<{ statusCode: string }> }>).map((r) => r.errors[0].statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
    expect(emu.admin.records('Account')).toHaveLength(0);
    expect(emu.admin.records('Lead')).toHaveLength(0);
  });

  it('without allOrNone keeps earlier work and halts only subrequests whose reference failed', async () => {
    const res = await rest<CompositeResponse>(connect(emu), 'POST', '/composite', {
      compositeRequest: [
        { method: 'POST', url: '/services/data/v62.0/sobjects/Lead', referenceId: 'bad', body: { LastName: 'x' } },
        { method: 'PATCH', url: '/services/data/v62.0/sobjects/Lead/@{bad.id}', referenceId: 'dependent', body: { Title: 'y' } },
        { method: 'POST', url: '/services/data/v62.0/sobjects/Account', referenceId: 'good', body: { Name: 'Kept' } },
      ],
    });
    expect(res.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400, 201]);
    expect((res.compositeResponse[1].body as Array<{ errorCode: string }>)[0].errorCode).toBe('PROCESSING_HALTED');
    expect(emu.admin.records('Account').map((a) => a.Name)).toEqual(['Kept']);
  });
});
