import { COUNTED_OBJECTS } from '../../../src/activities/push/count-records';
import { createPushActivities } from '../../../src/activities/push';
import { runActivity, testRun, options, useTestStacks, type TestStack } from '../../helpers/stack';

const AT = new Date('2025-01-02T10:05:00.000Z');

async function count(stack: TestStack, dryRun = false) {
  const activities = createPushActivities({ ...stack.deps(), now: () => AT });
  return runActivity(activities.countRecords, { run: testRun({ connection: 'eu-org', dryRun }), step: 'CountRecords', options: options() });
}

function seed(stack: TestStack): void {
  const admin = stack.sf.admin;
  const [tag1] = admin.insert('SW_Tag__c', [
    { Name: 'Pricing', SW_Id__c: 'tag-001' },
    { Name: 'Webinar', SW_Id__c: 'tag-002' },
  ]);
  admin.insert('Score__c', { Name: 'Interest', SW_Id__c: 'score-01' });
  const prospects = admin.insert('Prospect__c', [
    { Name: 'A', SW_Id__c: 'p0000001', Lifecycle__c: 'Active' },
    { Name: 'B', SW_Id__c: 'p0000002', Lifecycle__c: 'Active' },
    { Name: 'C', SW_Id__c: 'p0000003', Lifecycle__c: 'Deleted' },
  ]);
  admin.insert('SW_Prospect_Tag__c', { Name: 'Pricing', Key__c: 'p0000001:tag-001', Prospect__c: prospects[0], Tag__c: tag1 });
  admin.insert('SW_Apex_Job__c', { Run_Id__c: 'run-1', Mode__c: 'Full', Status__c: 'Completed' });
  // Standard objects are not the package's and are not counted.
  admin.insert('Lead', { LastName: 'Lead', Company: 'Acme' });
}

describe('countRecords', () => {
  const startStack = useTestStacks();

  it("sends one record-counts report with every SalesWings custom object's count", async () => {
    const stack = await startStack();
    seed(stack);

    const result = await count(stack);

    const expected = Object.fromEntries(COUNTED_OBJECTS.map((o) => [o, 0]));
    Object.assign(expected, { SW_Tag__c: 2, Score__c: 1, Prospect__c: 3, SW_Prospect_Tag__c: 1, SW_Apex_Job__c: 1 });
    expect(stack.sw.receivedMetrics()).toEqual([{ kind: 'record-counts', connection: 'eu-org', at: AT.toISOString(), values: expected }]);
    expect(COUNTED_OBJECTS).toHaveLength(15);
    expect(COUNTED_OBJECTS).not.toContain('SW_Match__e');
    expect(result).toMatchObject({ examined: 15, created: 0, updated: 0, failed: 0 });
    expect(result.details).toMatchObject({ Prospect__c: 3, metricsSent: 1 });
    // One COUNT() per object, no records transferred.
    expect(stack.sf.admin.counters().byKind.query).toBe(15);
  });

  it('names the objects as the org does when it runs the managed package', async () => {
    const stack = await startStack({ salesforce: { namespace: 'saleswings' } });
    stack.sf.admin.insert('saleswings__Prospect__c', { Name: 'A', saleswings__SW_Id__c: 'p0000001' });

    await count(stack);

    const [report] = stack.sw.receivedMetrics();
    expect(Object.keys(report.values).every((name) => name.startsWith('saleswings__'))).toBe(true);
    expect(report.values.saleswings__Prospect__c).toBe(1);
  });

  it('counts but sends nothing on a dry run', async () => {
    const stack = await startStack();
    seed(stack);

    const result = await count(stack, true);

    expect(stack.sw.receivedMetrics()).toEqual([]);
    expect(result.details).toMatchObject({ SW_Tag__c: 2 });
    expect(result.details?.metricsSent).toBeUndefined();
  });
});
