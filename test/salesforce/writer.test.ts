/**
 * Writer behaviour the emulator cannot provoke (it injects no faults into Composite
 * subrequests and always answers with well-formed bodies): a scripted transport stands in for
 * the HTTP layer and records what the writer sends.
 */
import { ContractError, ErrorType, TransientError, ValidationError } from '../../src/errors';
import { type SalesforceHttp, type SendRequest } from '../../src/salesforce/http';
import { ApiUsageTracker, type CallKind } from '../../src/salesforce/limits';
import { createNamespace } from '../../src/salesforce/namespace';
import { SalesforceWriter } from '../../src/salesforce/writer';

interface Sent {
  kind: CallKind;
  request: SendRequest;
}

type Responder = (sent: Sent, call: number) => unknown;

function scriptedWriter(respond: Responder): { writer: SalesforceWriter; sent: Sent[] } {
  const sent: Sent[] = [];
  const http = {
    usage: new ApiUsageTracker(),
    basePath: '/services/data/v62.0',
    async send(kind: CallKind, _operation: string, request: SendRequest): Promise<unknown> {
      const entry = { kind, request };
      sent.push(entry);
      const answer = respond(entry, sent.length);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as SalesforceHttp;
  const writer = new SalesforceWriter(http, createNamespace(''), { retry: { baseDelayMs: 1, maxDelayMs: 2 } });
  return { writer, sent };
}

const ok = (n: number) => Array.from({ length: n }, (_v, i) => ({ id: `a0${i}`, success: true, errors: [] }));
const ids = (n: number) => Array.from({ length: n }, (_v, i) => `001000000000${String(i).padStart(3, '0')}AAA`);

describe('composite subrequest failures', () => {
  it('a subrequest that failed transiently is sent again for its records only (idempotent update)', async () => {
    const { writer, sent } = scriptedWriter((entry) => {
      if (entry.kind === 'composite') {
        return {
          compositeResponse: [
            { referenceId: 'chunk0', httpStatusCode: 200, body: ok(200) },
            { referenceId: 'chunk1', httpStatusCode: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'try later' }] },
          ],
        };
      }
      const body = entry.request.body as { records: unknown[] };
      return ok(body.records.length);
    });
    const results = await writer.update('Lead', ids(250).map((Id) => ({ Id, Tags__c: 'x' })));
    expect(results.every((r) => r.success)).toBe(true);
    expect(sent.map((s) => s.kind)).toEqual(['composite', 'collections']);
    expect((sent[1].request.body as { records: unknown[] }).records).toHaveLength(50);
  });

  it('a create whose subrequest failed is reported, never re-sent (it may have gone through)', async () => {
    const { writer, sent } = scriptedWriter(() => ({
      compositeResponse: [
        { referenceId: 'chunk0', httpStatusCode: 200, body: ok(200) },
        { referenceId: 'chunk1', httpStatusCode: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'try later' }] },
      ],
    }));
    const results = await writer.create('Lead', Array.from({ length: 250 }, (_v, i) => ({ LastName: `L${i}` })));
    expect(results.slice(0, 200).every((r) => r.success)).toBe(true);
    expect(results.slice(200).every((r) => !r.success && r.errors[0].code === 'REQUEST_FAILED')).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('a subrequest rejected as invalid fails the write with a ValidationError', async () => {
    const { writer } = scriptedWriter(() => ({
      compositeResponse: [
        { referenceId: 'chunk0', httpStatusCode: 400, body: [{ errorCode: 'INVALID_FIELD', message: 'No such column Foo__c' }] },
        { referenceId: 'chunk1', httpStatusCode: 200, body: ok(50) },
      ],
    }));
    const error = await writer.update('Lead', ids(250).map((Id) => ({ Id, Foo__c: 1 }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('INVALID_FIELD');
  });

  it('a result list of the wrong length is a ContractError', async () => {
    const { writer } = scriptedWriter(() => ok(1));
    await expect(writer.update('Lead', ids(3).map((Id) => ({ Id })))).rejects.toBeInstanceOf(ContractError);
  });
});

describe('independent writes together (writeAll)', () => {
  it('a subrequest that failed transiently is sent again for its own write only; the others keep their first results', async () => {
    const { writer, sent } = scriptedWriter((entry) => {
      if (entry.kind === 'composite') {
        return {
          compositeResponse: [
            { referenceId: 'chunk0', httpStatusCode: 200, body: ok(2) },
            { referenceId: 'chunk1', httpStatusCode: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'try later' }] },
          ],
        };
      }
      return ok((entry.request.body as { records: unknown[] }).records.length);
    });
    const [leads, tags] = await writer.writeAll([
      { request: { operation: 'update', object: 'Lead', records: ids(2).map((Id) => ({ Id, Tags__c: 'x' })) } },
      { request: { operation: 'upsert', object: 'SW_Tag__c', externalIdField: 'SW_Id__c', records: [{ SW_Id__c: 't1', Name: 'T' }] } },
    ]);
    expect(leads.every((r) => r.success)).toBe(true);
    expect(tags).toMatchObject([{ success: true, index: 0 }]);
    expect(sent.map((s) => s.kind)).toEqual(['composite', 'collections']);
    expect(sent[1].request.path).toBe('/composite/sobjects/SW_Tag__c/SW_Id__c');
  });

  it('a call carrying a create is not re-sent after it failed as a whole (the create may have gone through): the failure reaches the caller', async () => {
    const { writer, sent } = scriptedWriter(() => new TransientError('socket hang up'));
    await expect(
      writer.writeAll([
        { request: { operation: 'create', object: 'SW_Tag__c', records: [{ Name: 'T' }] } },
        { request: { operation: 'update', object: 'Lead', records: ids(1).map((Id) => ({ Id, Tags__c: 'x' })) } },
      ]),
    ).rejects.toBeInstanceOf(TransientError);
    expect(sent.map((s) => s.kind)).toEqual(['composite']);

    // Idempotent writes only: the same call is sent again.
    let calls = 0;
    const retried = scriptedWriter((entry) => {
      calls += 1;
      if (calls === 1) return new TransientError('socket hang up');
      const body = entry.request.body as { compositeRequest: Array<{ body: { records: unknown[] } }> };
      return { compositeResponse: body.compositeRequest.map((sub, i) => ({ referenceId: `chunk${i}`, httpStatusCode: 200, body: ok(sub.body.records.length) })) };
    });
    const [tags, leads] = await retried.writer.writeAll([
      { request: { operation: 'upsert', object: 'SW_Tag__c', externalIdField: 'SW_Id__c', records: [{ SW_Id__c: 't', Name: 'T' }] } },
      { request: { operation: 'update', object: 'Lead', records: ids(1).map((Id) => ({ Id, Tags__c: 'x' })) } },
    ]);
    expect([...tags, ...leads].every((r) => r.success)).toBe(true);
    expect(retried.sent.map((s) => s.kind)).toEqual(['composite', 'composite']);
  });
});

describe('request shapes', () => {
  it('sends updates with lower-case id and type attributes, upserts without Id, deletes as an id list', async () => {
    const { writer, sent } = scriptedWriter((entry) => {
      const body = entry.request.body as { records?: unknown[] } | undefined;
      return ok(body?.records?.length ?? 2);
    });
    await writer.update('Lead', [{ Id: ids(1)[0], Tags__c: 'x' }]);
    await writer.upsert('Prospect__c', 'SW_Id__c', [{ Id: ids(1)[0], SW_Id__c: 'p1', Name: 'P' }]);
    await writer.delete('Lead', ids(2));
    expect(sent[0].request).toMatchObject({
      method: 'PATCH',
      path: '/composite/sobjects',
      body: { allOrNone: false, records: [{ attributes: { type: 'Lead' }, id: ids(1)[0], Tags__c: 'x' }] },
      headers: { 'Sforce-Auto-Assign': 'FALSE' },
    });
    expect(sent[1].request).toMatchObject({
      method: 'PATCH',
      path: '/composite/sobjects/Prospect__c/SW_Id__c',
      body: { allOrNone: false, records: [{ attributes: { type: 'Prospect__c' }, SW_Id__c: 'p1', Name: 'P' }] },
    });
    expect((sent[1].request.body as { records: Record<string, unknown>[] }).records[0].Id).toBeUndefined();
    expect(sent[2].request).toMatchObject({ method: 'DELETE', path: `/composite/sobjects?ids=${ids(2).join(',')}&allOrNone=false` });
  });

  it('reports records failing the local precheck without sending them', async () => {
    const { writer, sent } = scriptedWriter(() => ok(1));
    const results = await writer.upsert('Prospect__c', 'SW_Id__c', [{ Name: 'no key' }, { SW_Id__c: '', Name: 'empty key' }, { SW_Id__c: 'p', Name: 'ok' }]);
    expect(results.map((r) => (r.success ? 'ok' : r.errors[0].code))).toEqual(['MISSING_EXTERNAL_ID', 'MISSING_EXTERNAL_ID', 'ok']);
    expect((sent[0].request.body as { records: unknown[] }).records).toHaveLength(1);
  });

  it('refuses an upsert without a key field', async () => {
    const { writer } = scriptedWriter(() => ok(1));
    const error = await writer.write({ operation: 'upsert', object: 'Prospect__c', records: [{ Name: 'x' }] }).catch((e: unknown) => e);
    expect((error as { type: string }).type).toBe(ErrorType.Contract);
  });
});
