import { accountTags, fieldsOf, seedAccount, seedContact, writeCalls } from './fixtures';
import { rollupActivity, rollupInput, useRollupStack } from './step-fixtures';

const ACCOUNT_FIELDS = ['Tags__c', 'Lead_Score__c', 'Last_Visit__c', 'Temperature__c'];

describe('AggregateTags', () => {
  const { stack, defs } = useRollupStack();
  const aggregateTags = rollupActivity(stack, 'aggregateTags');
  const input = rollupInput('AggregateTags', { studio: { accountAggregation: true } });

  it('gives each account one tag per distinct tag of its contacts, counting the contacts carrying it', async () => {
    const acme = seedAccount(stack.sf, 'Acme');
    const globex = seedAccount(stack.sf, 'Globex');
    seedContact(stack.sf, defs, acme, { tags: ['pricing', 'demo'] });
    seedContact(stack.sf, defs, acme, { tags: ['pricing'] });
    seedContact(stack.sf, defs, acme, {});
    seedContact(stack.sf, defs, globex, { tags: ['webinar'] });

    const result = await aggregateTags(input());

    expect(accountTags(stack.sf, acme)).toEqual({
      [`${acme}:pricing`]: { name: 'Pricing', contacts: 2, tag: defs.tags.pricing },
      [`${acme}:demo`]: { name: 'Demo', contacts: 1, tag: defs.tags.demo },
    });
    expect(accountTags(stack.sf, globex)).toEqual({ [`${globex}:webinar`]: { name: 'Webinar', contacts: 1, tag: defs.tags.webinar } });
    expect(fieldsOf(stack.sf, 'Account', acme, ['Tags__c'])).toEqual({ Tags__c: 'Demo;Pricing' });
    expect(fieldsOf(stack.sf, 'Account', globex, ['Tags__c'])).toEqual({ Tags__c: 'Webinar' });
    expect(result).toEqual(expect.objectContaining({ examined: 2, created: 3, updated: 2, deleted: 0, failed: 0 }));
    expect(result.details).toEqual(expect.objectContaining({ accountTagsCreated: 3, accountsUpdated: 2, accountsWithTags: 2, pages: 1 }));
  });

  it('writes the latest visit and the highest lead score of the contacts to the account', async () => {
    const acme = seedAccount(stack.sf);
    seedContact(stack.sf, defs, acme, { leadScore: 40, lastVisit: '2024-03-01T10:00:00.000+0000' });
    seedContact(stack.sf, defs, acme, { leadScore: 75.5, lastVisit: '2024-05-02T08:30:00.000+0000' });
    seedContact(stack.sf, defs, acme, { leadScore: null, lastVisit: null });

    await aggregateTags(input());

    expect(fieldsOf(stack.sf, 'Account', acme, ACCOUNT_FIELDS)).toEqual({
      Tags__c: null,
      Lead_Score__c: 75.5,
      Last_Visit__c: '2024-05-02T08:30:00.000+0000',
      Temperature__c: null,
    });
  });

  it('sums the lead scores when the score aggregation is SUM', async () => {
    const acme = seedAccount(stack.sf);
    seedContact(stack.sf, defs, acme, { leadScore: 40 });
    seedContact(stack.sf, defs, acme, { leadScore: 2.25 });

    await aggregateTags(input({}, { studio: { accountAggregation: true, scoreAggregation: 'SUM' } }));

    expect(fieldsOf(stack.sf, 'Account', acme, ['Lead_Score__c'])).toEqual({ Lead_Score__c: 42.25 });
  });

  it('deletes the account tag of a tag no contact carries any more and lowers the counts of the others', async () => {
    const acme = seedAccount(stack.sf);
    const first = seedContact(stack.sf, defs, acme, { tags: ['pricing', 'demo'] });
    seedContact(stack.sf, defs, acme, { tags: ['pricing'] });
    await aggregateTags(input());

    stack.sf.admin.delete([first.tagCopies.demo as string, first.tagCopies.pricing as string]);
    const result = await aggregateTags(input());

    expect(accountTags(stack.sf, acme)).toEqual({ [`${acme}:pricing`]: { name: 'Pricing', contacts: 1, tag: defs.tags.pricing } });
    expect(fieldsOf(stack.sf, 'Account', acme, ['Tags__c'])).toEqual({ Tags__c: 'Pricing' });
    expect(result).toEqual(expect.objectContaining({ created: 0, updated: 2, deleted: 1, failed: 0 }));
  });

  it('empties an account whose contacts left it', async () => {
    const acme = seedAccount(stack.sf);
    const other = seedAccount(stack.sf, 'Other');
    const contact = seedContact(stack.sf, defs, acme, { tags: ['demo'], leadScore: 10, lastVisit: '2024-01-01T00:00:00.000+0000' });
    await aggregateTags(input());

    stack.sf.admin.update('Contact', { Id: contact.id, AccountId: other });
    await aggregateTags(input());

    expect(accountTags(stack.sf, acme)).toEqual({});
    expect(fieldsOf(stack.sf, 'Account', acme, ['Tags__c', 'Lead_Score__c', 'Last_Visit__c'])).toEqual({ Tags__c: null, Lead_Score__c: null, Last_Visit__c: null });
    expect(Object.keys(accountTags(stack.sf, other))).toEqual([`${other}:demo`]);
    expect(fieldsOf(stack.sf, 'Account', other, ['Tags__c', 'Lead_Score__c'])).toEqual({ Tags__c: 'Demo', Lead_Score__c: 10 });
  });

  it('writes only the Account fields of the configured mappings', async () => {
    const acme = seedAccount(stack.sf, 'Acme', { Lead_Score__c: 1 });
    seedContact(stack.sf, defs, acme, { tags: ['demo'], leadScore: 90 });

    await aggregateTags(input({}, { fieldMappings: { Account: [{ source: 'tags', target: 'Industry' }] } }));

    expect(fieldsOf(stack.sf, 'Account', acme, ['Industry', 'Tags__c', 'Lead_Score__c'])).toEqual({ Industry: 'Demo', Tags__c: null, Lead_Score__c: 1 });
  });

  it('writes nothing on a second run over unchanged data', async () => {
    const acme = seedAccount(stack.sf);
    seedContact(stack.sf, defs, acme, { tags: ['pricing', 'demo'], leadScore: 12.5, lastVisit: '2024-05-02T08:30:00.000+0000' });
    seedContact(stack.sf, defs, seedAccount(stack.sf, 'Globex'), { tags: ['webinar'] });
    await aggregateTags(input());
    stack.sf.admin.resetCounters();

    const result = await aggregateTags(input());

    expect(result).toEqual(expect.objectContaining({ examined: 2, created: 0, updated: 0, deleted: 0, failed: 0 }));
    expect(writeCalls(stack.sf)).toEqual({});
    // Per page: Accounts, tag counts, contact figures, stored account tags (+ the definitions).
    expect(stack.sf.admin.counters().byKind).toEqual({ query: 5 });
  });

  it('dry run writes nothing and reports what it would write', async () => {
    const acme = seedAccount(stack.sf);
    seedContact(stack.sf, defs, acme, { tags: ['pricing', 'demo'], leadScore: 5 });
    stack.sf.admin.insert('SW_Account_Tag_Segment_Trigger__c', { Name: 'Webinar', Key__c: `${acme}:webinar`, Account__c: acme, Tag__c: defs.tags.webinar, Contact_Count__c: 3 });
    stack.sf.admin.resetCounters();

    const result = await aggregateTags(input({ dryRun: true }));

    expect(accountTags(stack.sf, acme)).toEqual({ [`${acme}:webinar`]: { name: 'Webinar', contacts: 3, tag: defs.tags.webinar } });
    expect(fieldsOf(stack.sf, 'Account', acme, ['Tags__c', 'Lead_Score__c'])).toEqual({ Tags__c: null, Lead_Score__c: null });
    expect(writeCalls(stack.sf)).toEqual({});
    expect(result).toEqual(expect.objectContaining({ examined: 1, created: 2, updated: 1, deleted: 1, failed: 0 }));
  });

  it('reports an account rejected by a validation rule and still writes the others', async () => {
    const blocked = seedAccount(stack.sf, 'Blocked');
    const acme = seedAccount(stack.sf, 'Acme');
    seedContact(stack.sf, defs, blocked, { tags: ['demo'], leadScore: 95 });
    seedContact(stack.sf, defs, acme, { tags: ['demo'], leadScore: 20 });
    stack.sf.admin.addValidationRule({ object: 'Account', name: 'Score_Cap', condition: 'Lead_Score__c > 90', message: 'Lead score above 90 needs approval' });

    const result = await aggregateTags(input());

    expect(fieldsOf(stack.sf, 'Account', acme, ['Tags__c', 'Lead_Score__c'])).toEqual({ Tags__c: 'Demo', Lead_Score__c: 20 });
    expect(fieldsOf(stack.sf, 'Account', blocked, ['Tags__c', 'Lead_Score__c'])).toEqual({ Tags__c: null, Lead_Score__c: null });
    // The account tag rows do not depend on the Account update.
    expect(Object.keys(accountTags(stack.sf, blocked))).toEqual([`${blocked}:demo`]);
    expect(result).toEqual(expect.objectContaining({ created: 2, updated: 1, failed: 1 }));
    expect(result.errors).toEqual([{ recordId: blocked, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Lead score above 90 needs approval' }]);
  });

  it('refuses to delete most account tags of a large table unless forced', async () => {
    const acme = seedAccount(stack.sf);
    const stale = Array.from({ length: 150 }, (_, i) => ({ Name: `Old ${i}`, Key__c: `${acme}:old-${i}`, Account__c: acme, Tag__c: defs.tags.demo, Contact_Count__c: 1 }));
    stack.sf.admin.insert('SW_Account_Tag_Segment_Trigger__c', stale);

    await expect(aggregateTags(input())).rejects.toMatchObject({ code: 'DELETION_GUARD' });
    expect(Object.keys(accountTags(stack.sf, acme))).toHaveLength(150);

    const forced = await aggregateTags(input({ force: true }));
    expect(accountTags(stack.sf, acme)).toEqual({});
    expect(forced.deleted).toBe(150);
  });
});
