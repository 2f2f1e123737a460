/**
 * `prospect` against a real run: a matched prospect (a converted Lead flagged, a Lead created
 * after the match explained), a prospect whose Lead fails a validation rule, an email shared by
 * two prospects, and the configuration and not-found errors.
 */
import { type ProspectReport } from '../../src/client/prospect-format';
import { matchProspectWorkflowId } from '../../src/workflows/ids';
import { dataset, prospect } from '../helpers/fixtures';
import { useTestStack } from '../helpers/stack';
import { onlyIngestAndMatch } from '../helpers/sync-options';
import { withSyncWorker, type SyncHarness } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';
import { cliFor, waitFor, type CliResult } from './cli-harness';

const env = useTemporalEnvironment();
const stack = useTestStack();
const ids: Record<string, string> = {};

beforeAll(() => {
  stack.sw.load(
    dataset({
      prospects: [
        prospect('p1', 'Ada@Example.com'),
        prospect('p2', 'blocked@example.com'),
        prospect('p3a', 'twin@example.com', { updatedAt: '2026-01-15T09:00:00.000Z' }),
        prospect('p3b', 'TWIN@example.com', { updatedAt: '2026-01-16T09:00:00.000Z' }),
      ],
    }),
  );
  [ids.lead1, ids.converted, ids.blocked, ids.twinLead] = stack.sf.admin.insert('Lead', [
    { LastName: 'Lovelace', Company: 'Analytical', Email: 'ada@example.com' },
    { LastName: 'Lovelace', Company: 'Old', Email: 'ADA@example.com', IsConverted: true, Status: 'Closed - Converted' },
    { LastName: 'Blocked', Company: 'Acme', Email: 'blocked@example.com' },
    { LastName: 'Twin', Company: 'Twins', Email: 'twin@example.com' },
  ]) as string[];
  ids.contact = stack.sf.admin.insert('Contact', { LastName: 'Lovelace', Email: 'ada@example.com' }) as string;
  stack.sf.admin.addValidationRule({ object: 'Lead', name: 'Blocked', condition: "Prospect_Id__c != null AND LastName = 'Blocked'", message: 'Blocked leads cannot be scored' });
});

/** Waits until visibility lists the match workflow runs of the prospect. */
async function prospectJson(run: ReturnType<typeof cliFor>, arg: string, runs: number): Promise<{ result: CliResult; body: ProspectReport }> {
  return waitFor(async () => {
    const result = await run(['prospect', arg, '--json']);
    const body = result.json<ProspectReport>();
    return body.prospects.every((p) => p.matchWorkflow.runs.length >= runs) ? { result, body } : undefined;
  });
}

async function withRun<T>(fn: (h: SyncHarness, run: ReturnType<typeof cliFor>) => Promise<T>): Promise<T> {
  return withSyncWorker(env, stack, onlyIngestAndMatch({ matching: { coalesceWaitMs: 20 } }), async (h) => fn(h, cliFor(h, stack)));
}

test('a matched prospect: its sides, the records updated, the converted Lead flagged, a later Lead explained, and its match workflow runs', async () => {
  await withRun(async (h, run) => {
    await h.run();
    // Created after the Lead side was settled: not matched until the prospect changes.
    ids.lateLead = stack.sf.admin.insert('Lead', { LastName: 'Late', Company: 'Later', Email: 'ada@example.com' }) as string;

    const { result, body } = await prospectJson(run, 'p1', 2);
    expect(result.code).toBe(0);
    expect(body.query).toEqual({ by: 'id', value: 'p1' });
    expect(body.maxAttempts).toBe(30);
    expect(body.prospects).toHaveLength(1);
    const [entry] = body.prospects;
    expect(entry.prospect).toMatchObject({
      swId: 'p1',
      email: 'Ada@Example.com',
      lifecycle: 'Active',
      syncStatus: 'Processed',
      sides: {
        Lead: { status: 'Matched', attempts: 1, error: null },
        Contact: { status: 'Matched', attempts: 1, error: null },
      },
    });
    const byId = new Map(entry.records.map((r) => [r.id, r]));
    expect(byId.get(ids.lead1)).toMatchObject({ object: 'Lead', linked: true, updated: true, converted: false });
    expect(byId.get(ids.lead1)?.reason).toMatch(/^updated by saleswings-sync-/);
    expect(byId.get(ids.contact)).toMatchObject({ object: 'Contact', linked: true, updated: true });
    expect(byId.get(ids.converted)).toMatchObject({ converted: true, linked: false, updated: false });
    expect(byId.get(ids.converted)?.reason).toBe('converted Lead: read-only, never written');
    expect(byId.get(ids.lateLead)).toMatchObject({ linked: false, updated: false, emailMatches: true });
    expect(byId.get(ids.lateLead)?.reason).toContain('the Lead side was settled (Matched by saleswings-sync-');
    expect(entry.records).toHaveLength(4);

    const workflowId = matchProspectWorkflowId(h.connection, 'p1');
    expect(entry.matchWorkflow.workflowId).toBe(workflowId);
    expect(entry.matchWorkflow.url).toBe(`http://localhost:8233/namespaces/default/workflows/${workflowId}`);
    expect(entry.matchWorkflow.runs.map((r) => [r.side, r.outcome, r.attempts, r.executionStatus]).sort()).toEqual([
      ['Contact', 'Matched', 1, 'COMPLETED'],
      ['Lead', 'Matched', 1, 'COMPLETED'],
    ]);
    const leadRun = entry.matchWorkflow.runs.find((r) => r.side === 'Lead');
    expect(leadRun?.matchedRecordIds).toEqual([ids.lead1]);

    const text = await run(['prospect', 'p1', '--ui', 'http://temporal.example:8080/']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Prospect p1  Pat Prospect p1 <Ada@Example.com>');
    expect(text.stdout).toMatch(/Lead {5}Matched {4}attempts 1\/30 {3}last run saleswings-sync-/);
    expect(text.stdout).toContain('Updated (2):');
    expect(text.stdout).toContain('Not updated (2):');
    expect(text.stdout).toContain(`${ids.converted}  Lovelace <ADA@example.com> [CONVERTED]`);
    expect(text.stdout).toContain(`http://temporal.example:8080/namespaces/default/workflows/${workflowId}`);
    expect(text.stdout).toMatch(/Lead · Matched · attempts 1\/30 · records /);
  });
}, 120_000);

test('a prospect whose Lead fails a validation rule: attempts, the error, and the Lead listed as not updated with the rejection', async () => {
  await withRun(async (h, run) => {
    await h.run();
    const { result, body } = await prospectJson(run, 'p2', 1);
    expect(result.code).toBe(0);
    const [entry] = body.prospects;
    expect(entry.prospect).toMatchObject({ swId: 'p2', syncStatus: 'Not Processed', sides: { Lead: { status: 'Failed' }, Contact: { status: 'No Match', attempts: 0 } } });
    const side = entry.prospect.sides.Lead;
    expect(side.attempts).toBeGreaterThanOrEqual(1);
    expect(side.error).toBe(`FIELD_CUSTOM_VALIDATION_EXCEPTION: Blocked leads cannot be scored (${ids.blocked})`);
    expect(side.run).toMatch(new RegExp(`^saleswings-sync-${h.connection}-manual-`));
    expect(entry.records).toHaveLength(1);
    expect(entry.records[0]).toMatchObject({ id: ids.blocked, object: 'Lead', linked: false, updated: false });
    expect(entry.records[0].reason).toBe(`its update was rejected (attempt ${side.attempts}/30): ${side.error}; the next run tries again`);
    const leadRuns = entry.matchWorkflow.runs.filter((r) => r.side === 'Lead');
    expect(leadRuns[0]).toMatchObject({ outcome: 'Failed', attempts: side.attempts, error: side.error });

    const text = await run(['prospect', 'p2']);
    expect(text.stdout).toContain(`Lead     Failed     attempts ${side.attempts}/30`);
    expect(text.stdout).toContain(`last error: ${side.error}`);
    expect(text.stdout).toContain('Updated (0):');
    expect(text.stdout).toContain(`Not updated (1):\n    Lead    ${ids.blocked}  Blocked <blocked@example.com>\n             its update was rejected`);
  });
}, 120_000);

test('an email shared by two prospects lists both, newest first; the Lead carries one and is explained for the other', async () => {
  await withRun(async (h, run) => {
    await h.run();
    const { result, body } = await prospectJson(run, '  Twin@EXAMPLE.com ', 1);
    expect(result.code).toBe(0);
    expect(body.query).toEqual({ by: 'email', value: 'twin@example.com' });
    expect(body.prospects.map((p) => p.prospect.swId)).toEqual(['p3b', 'p3a']);
    const recordOf = (swId: string) => body.prospects.find((p) => p.prospect.swId === swId)?.records.find((r) => r.id === ids.twinLead);
    // Both prospects match the Lead; it carries the one written last (which one depends on how
    // the runs' match batches fell), and the other prospect explains why it is not linked.
    const carried = stack.sf.admin.query(`SELECT Prospect_Id__c FROM Lead WHERE Id = '${ids.twinLead}'`)[0].Prospect_Id__c as string;
    const other = carried === 'p3a' ? 'p3b' : 'p3a';
    expect(['p3a', 'p3b']).toContain(carried);
    expect(recordOf(carried)).toMatchObject({ linked: true, updated: true, prospectId: carried });
    expect(recordOf(other)).toMatchObject({ linked: false, updated: false, prospectId: carried });
    expect(recordOf(other)?.reason).toBe(`linked to another prospect (${carried}) with the same email: a record carries the data of one prospect, the one matched last`);

    const text = await run(['prospect', 'twin@example.com']);
    expect(text.stdout.split('\n').slice(0, 3)).toEqual(['2 prospects have email twin@example.com:', '  p3b  Active  Pat Prospect p3b', '  p3a  Active  Pat Prospect p3a']);
  });
}, 120_000);

test('an unknown prospect exits 1; without Salesforce configuration the command says which variables to set and exits 2', async () => {
  await withRun(async (h, run) => {
    const missing = await run(['prospect', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('No Prospect__c with SW_Id__c = nope: GetProspects has not synced it (yet), or the id differs.');
    const missingJson = await run(['prospect', 'nobody@example.com', '--json']);
    expect(missingJson.code).toBe(1);
    expect(missingJson.json()).toEqual({ query: { by: 'email', value: 'nobody@example.com' }, connection: h.connection, maxAttempts: 30, prospects: [] });

    const unconfigured = cliFor(h);
    const noSalesforce = await unconfigured(['prospect', 'p1']);
    expect(noSalesforce.code).toBe(2);
    expect(noSalesforce.stdout).toBe('');
    expect(noSalesforce.stderr).toContain('`prospect` reads the Salesforce org, but Salesforce is not configured:');
    expect(noSalesforce.stderr).toContain('against the embedded stack (`npm start`) set the Salesforce emulator variables it prints');
    expect(noSalesforce.stderr).toContain('SALESFORCE_LOGIN_URL=<emulator URL>');
  });
});
