import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { connect, raw, startEmulator, type SalesforceEmulator } from './support';

async function admin(emu: SalesforceEmulator, method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${emu.url}/__emulator${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

describe('Admin API over HTTP', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.stop());

  it('loads, updates, reads and deletes records without counting API calls', async () => {
    const created = await admin(emu, 'POST', '/records/Lead', [{ LastName: 'A', Company: 'C', Email: 'a@example.com' }]);
    expect(created.status).toBe(201);
    const [id] = (created.json as { ids: string[] }).ids;
    await admin(emu, 'PATCH', '/records/Lead', [{ Id: id, Title: 'CEO' }]);
    const rows = (await admin(emu, 'GET', '/records/Lead')).json as Array<Record<string, unknown>>;
    expect(rows).toEqual([expect.objectContaining({ Id: id, Title: 'CEO' })]);
    const queried = (await admin(emu, 'GET', `/query?q=${encodeURIComponent("SELECT Email FROM Lead WHERE Title = 'ceo'")}`)).json as { records: unknown[] };
    expect(queried.records).toEqual([expect.objectContaining({ Email: 'a@example.com' })]);
    await admin(emu, 'DELETE', `/records?ids=${id}`);
    expect((await admin(emu, 'GET', '/records/Lead')).json).toEqual([]);
    expect((await admin(emu, 'GET', '/counters')).json).toEqual({ total: 0, byKind: {} });
  });

  it('sets and clears faults, expires sessions, converts leads and resets', async () => {
    expect((await admin(emu, 'PUT', '/faults', { unavailable: [{ kind: 'limits', times: 1 }] })).status).toBe(200);
    expect((await raw(emu, 'GET', '/services/data/v62.0/limits')).status).toBe(503);
    expect((await raw(emu, 'GET', '/services/data/v62.0/limits')).status).toBe(200);
    await admin(emu, 'PUT', '/faults', { requestLimitAfter: 0 });
    expect((await raw(emu, 'GET', '/services/data/v62.0/limits')).status).toBe(403);
    await admin(emu, 'DELETE', '/faults');
    const token = emu.accessToken;
    await admin(emu, 'POST', '/sessions/expire');
    expect((await raw(emu, 'GET', '/services/data/v62.0/limits', undefined, { Authorization: `Bearer ${token}` })).status).toBe(401);
    const [leadId] = ((await admin(emu, 'POST', '/records/Lead', { LastName: 'B', Company: 'C' })).json as { ids: string[] }).ids;
    const converted = (await admin(emu, 'POST', `/leads/${leadId}/convert`, {})).json as { contactId: string };
    expect(converted.contactId).toMatch(/^003/);
    const bad = await admin(emu, 'POST', '/records/Lead', { LastName: 'no company' });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toContain('REQUIRED_FIELD_MISSING');
    await admin(emu, 'POST', '/reset');
    expect((await admin(emu, 'GET', '/records/Lead')).json).toEqual([]);
    expect(((await admin(emu, 'GET', '/records/User')).json as unknown[]).length).toBe(3);
  });

  it('adds validation rules and reports published events', async () => {
    await admin(emu, 'POST', '/validation-rules', { object: 'Lead', name: 'r', condition: "Company = 'Blocked'", message: 'no' });
    const res = (await connect(emu).sobject('Lead').create([{ LastName: 'x', Company: 'Blocked' }])) as Array<{ errors: Array<{ statusCode: string }> }>;
    expect(res[0].errors[0].statusCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    await admin(emu, 'DELETE', '/validation-rules');
    await connect(emu).sobject('SW_Match__e').create({ Prospect_Id__c: 'p', Record_Id__c: 'x', Object_Type__c: 'Lead', Fields__c: '{}' });
    await admin(emu, 'POST', '/events/flush');
    expect(((await admin(emu, 'GET', '/events?sobject=SW_Match__e')).json as Array<{ delivered: boolean }>)).toEqual([expect.objectContaining({ delivered: true })]);
    expect(((await admin(emu, 'GET', '/info')).json as { orgId: string }).orgId).toBe(emu.orgId);
  });
});

describe('Persistence', () => {
  it('writes a snapshot on change and loads it on the next start', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sf-emu-')), 'org.json');
    const first = await startEmulator({ persistFile: file });
    const id = first.admin.insert('Prospect__c', { Name: 'Kept', SW_Id__c: 'p1' });
    first.admin.insert('SW_Apex_Job__c', { Run_Id__c: 'r1' });
    await first.stop();
    expect(fs.existsSync(file)).toBe(true);
    const second = await startEmulator({ persistFile: file });
    try {
      expect(second.admin.records('Prospect__c')).toEqual([expect.objectContaining({ Id: id, Name: 'Kept' })]);
      const [job2] = second.admin.insert('SW_Apex_Job__c', [{ Run_Id__c: 'r2' }]);
      expect(second.admin.records('SW_Apex_Job__c').find((j) => j.Id === job2)!.Name).toBe('JOB-0000002');
      const next = second.admin.insert('Prospect__c', { Name: 'New', SW_Id__c: 'p2' });
      expect(next).not.toBe(id);
    } finally {
      await second.stop();
    }
  });
});

describe('CLI', () => {
  it('prints the URL, credentials and a working token', async () => {
    const child = spawn(process.execPath, ['scripts/run-ts.js', 'src/emulators/salesforce/cli.ts', '--port', '0'], { cwd: path.resolve(__dirname, '../../..') });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no banner: ${text}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('Ctrl-C')) {
            clearTimeout(timer);
            resolve(text);
          }
        });
      });
      const url = /instance\/login URL : (\S+)/.exec(output)![1];
      const token = /access token\s+: (\S+)/.exec(output)![1];
      expect(output).toMatch(/client id\s+: saleswings-emulator-client/);
      const res = await fetch(`${url}/services/data/v62.0/limits`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
  });
});
