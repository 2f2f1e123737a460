import { fieldsOf, opportunityCopies, seedAccount, seedContact, seedOpportunity, writeCalls } from './fixtures';
import { rollupActivity, rollupInput, useRollupStack, type OptionOverrides, type RunOverrides } from './step-fixtures';

describe('CreateOpportunityTags / CreateOpportunityScores', () => {
  const { stack, defs } = useRollupStack();
  const studio = (scope: 'all' | 'open' = 'all', extra: Record<string, unknown> = {}) => ({
    accountAggregation: true,
    opportunityTags: true,
    opportunityScores: true,
    opportunityScope: scope,
    ...extra,
  });
  const input = (step: Parameters<typeof rollupInput>[0]) => rollupInput(step, { studio: studio() });
  /** The account steps first, as the workflow runs them. */
  const rollUp = async (opts: OptionOverrides = {}) => {
    await rollupActivity(stack, 'aggregateTags')(input('AggregateTags')({}, opts));
    await rollupActivity(stack, 'aggregateScores')(input('AggregateScores')({}, opts));
  };
  const createTags = (opts: OptionOverrides = {}, run: RunOverrides = {}) => rollupActivity(stack, 'createOpportunityTags')(input('CreateOpportunityTags')(run, opts));
  const createScores = (opts: OptionOverrides = {}, run: RunOverrides = {}) => rollupActivity(stack, 'createOpportunityScores')(input('CreateOpportunityScores')(run, opts));

  /** Acme (tags pricing+demo, fit 30 / intent 5, lead scores 40 and 60) with an open and a closed deal. */
  const seedAcme = () => {
    const acme = seedAccount(stack.sf, 'Acme');
    seedContact(stack.sf, defs, acme, { tags: ['pricing', 'demo'], scores: { fit: 30 }, leadScore: 40 });
    seedContact(stack.sf, defs, acme, { tags: ['pricing'], scores: { intent: 5 }, leadScore: 60 });
    return { acme, open: seedOpportunity(stack.sf, acme, 'Prospecting'), closed: seedOpportunity(stack.sf, acme, 'Closed Won') };
  };

  it("copies the account's tags to each of its opportunities, open and closed", async () => {
    const { open, closed } = seedAcme();
    await rollUp();

    const result = await createTags();

    for (const opportunity of [open, closed]) {
      expect(opportunityCopies(stack.sf, 'SW_Opportunity_Tag__c', opportunity)).toEqual({ [`${opportunity}:pricing`]: 'Pricing', [`${opportunity}:demo`]: 'Demo' });
    }
    const [row] = stack.sf.admin.query(`SELECT Tag__c FROM SW_Opportunity_Tag__c WHERE Key__c = '${open}:demo'`);
    expect(row.Tag__c).toBe(defs.tags.demo);
    expect(result).toEqual(expect.objectContaining({ examined: 2, created: 4, failed: 0 }));
  });

  it('writes the tags and the lead score of the account to its opportunities', async () => {
    const { open, closed } = seedAcme();
    await rollUp();

    await createTags();

    for (const opportunity of [open, closed]) {
      expect(fieldsOf(stack.sf, 'Opportunity', opportunity, ['Tags__c', 'Lead_Score__c'])).toEqual({ Tags__c: 'Demo;Pricing', Lead_Score__c: 60 });
    }
  });

  it("copies the account's scores with their values", async () => {
    const { open, closed } = seedAcme();
    await rollUp();

    const result = await createScores();

    for (const opportunity of [open, closed]) {
      expect(opportunityCopies(stack.sf, 'SW_Opportunity_Score__c', opportunity)).toEqual({ [`${opportunity}:fit`]: 30, [`${opportunity}:intent`]: 5 });
    }
    expect(result).toEqual(expect.objectContaining({ examined: 2, created: 4, updated: 0, failed: 0 }));
  });

  it('writes score mappings to the opportunities', async () => {
    const { open } = seedAcme();
    const opts = { fieldMappings: { Opportunity: [{ source: 'score:fit', target: 'Amount' }] } } as const;
    await rollUp();

    await createScores(opts);

    expect(fieldsOf(stack.sf, 'Opportunity', open, ['Amount', 'Lead_Score__c'])).toEqual({ Amount: 30, Lead_Score__c: null });
  });

  it('with the open-only scope, copies to open opportunities and leaves closed ones as they are', async () => {
    const { open, closed } = seedAcme();
    const frozen = stack.sf.admin.insert('SW_Opportunity_Tag__c', { Name: 'Webinar', Key__c: `${closed}:webinar`, Opportunity__c: closed, Tag__c: defs.tags.webinar });
    const otherAccount = seedAccount(stack.sf, 'Only closed deals');
    seedContact(stack.sf, defs, otherAccount, { tags: ['demo'] });
    const closedElsewhere = seedOpportunity(stack.sf, otherAccount, 'Closed Lost');
    await rollUp();

    const result = await createTags({ studio: studio('open') });

    expect(Object.keys(opportunityCopies(stack.sf, 'SW_Opportunity_Tag__c', open)).sort()).toEqual([`${open}:demo`, `${open}:pricing`]);
    expect(opportunityCopies(stack.sf, 'SW_Opportunity_Tag__c', closed)).toEqual({ [`${closed}:webinar`]: 'Webinar' });
    expect(stack.sf.admin.query(`SELECT Id FROM SW_Opportunity_Tag__c WHERE Id = '${frozen}'`)).toHaveLength(1);
    expect(opportunityCopies(stack.sf, 'SW_Opportunity_Tag__c', closedElsewhere)).toEqual({});
    expect(fieldsOf(stack.sf, 'Opportunity', closed, ['Tags__c'])).toEqual({ Tags__c: null });
    expect(result).toEqual(expect.objectContaining({ examined: 1, created: 2, deleted: 0 }));
    expect(result.details).toEqual(expect.objectContaining({ accounts: 1 }));
  });

  it('deletes copies the account no longer has, and the copies of an opportunity moved to an account without tags', async () => {
    const { acme, open } = seedAcme();
    const moved = seedOpportunity(stack.sf, acme, 'Qualification');
    const bare = seedAccount(stack.sf, 'No tags');
    await rollUp();
    await createTags();
    await createScores();

    // Acme loses its demo tag and its intent score; one deal moves to an account without roll-ups.
    for (const r of stack.sf.admin.query(`SELECT Id FROM SW_Tag_Segment_Trigger__c WHERE Key__c LIKE '%:demo'`)) stack.sf.admin.delete(r.Id as string);
    for (const r of stack.sf.admin.query(`SELECT Id FROM Prospect_Score_Instance__c WHERE Key__c LIKE '%:intent'`)) stack.sf.admin.delete(r.Id as string);
    stack.sf.admin.update('Opportunity', { Id: moved, AccountId: bare });
    await rollUp();
    const tags = await createTags();
    const scores = await createScores();

    expect(opportunityCopies(stack.sf, 'SW_Opportunity_Tag__c', open)).toEqual({ [`${open}:pricing`]: 'Pricing' });
    expect(opportunityCopies(stack.sf, 'SW_Opportunity_Score__c', open)).toEqual({ [`${open}:fit`]: 30 });
    expect(opportunityCopies(stack.sf, 'SW_Opportunity_Tag__c', moved)).toEqual({});
    expect(opportunityCopies(stack.sf, 'SW_Opportunity_Score__c', moved)).toEqual({});
    expect(fieldsOf(stack.sf, 'Opportunity', moved, ['Tags__c', 'Lead_Score__c'])).toEqual({ Tags__c: null, Lead_Score__c: null });
    // 2 demo copies (open, closed) + 2 copies of the moved deal; scores: 2 intent + 2 moved.
    expect(tags).toEqual(expect.objectContaining({ created: 0, deleted: 4, failed: 0 }));
    expect(scores).toEqual(expect.objectContaining({ created: 0, deleted: 4, failed: 0 }));
  });

  it('writes nothing on a second run over unchanged data', async () => {
    seedAcme();
    await rollUp();
    await createTags();
    await createScores();
    stack.sf.admin.resetCounters();

    const tags = await createTags();
    const tagCalls = stack.sf.admin.counters().byKind;
    stack.sf.admin.resetCounters();
    const scores = await createScores();

    expect(tags).toEqual(expect.objectContaining({ examined: 2, created: 0, updated: 0, deleted: 0 }));
    expect(scores).toEqual(expect.objectContaining({ examined: 2, created: 0, updated: 0, deleted: 0 }));
    expect(writeCalls(stack.sf)).toEqual({});
    // Definitions, Accounts with opportunities, Opportunities, account tags, copies, contact figures.
    expect(tagCalls).toEqual({ query: 6 });
    // Without a contact-fed mapping the scores step skips the contact figures.
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 5 });
  });

  it('dry run writes nothing and reports the copies it would create', async () => {
    const { open } = seedAcme();
    await rollUp();
    stack.sf.admin.resetCounters();

    const result = await createTags({}, { dryRun: true });

    expect(opportunityCopies(stack.sf, 'SW_Opportunity_Tag__c', open)).toEqual({});
    expect(writeCalls(stack.sf)).toEqual({});
    expect(result).toEqual(expect.objectContaining({ examined: 2, created: 4, updated: 2 }));
  });

  it('reports an opportunity rejected by a validation rule and still copies its tags', async () => {
    const { open, closed } = seedAcme();
    await rollUp();
    stack.sf.admin.addValidationRule({ object: 'Opportunity', name: 'Closed_Locked', condition: 'IsClosed = true', message: 'Closed deals are locked' });

    const result = await createTags();

    expect(fieldsOf(stack.sf, 'Opportunity', open, ['Tags__c'])).toEqual({ Tags__c: 'Demo;Pricing' });
    expect(fieldsOf(stack.sf, 'Opportunity', closed, ['Tags__c'])).toEqual({ Tags__c: null });
    expect(Object.keys(opportunityCopies(stack.sf, 'SW_Opportunity_Tag__c', closed))).toHaveLength(2);
    expect(result).toEqual(expect.objectContaining({ failed: 1 }));
    expect(result.errors).toEqual([{ recordId: closed, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Closed deals are locked' }]);
  });
});
