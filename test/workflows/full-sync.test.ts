/**
 * A first full sync of a generated dataset, end to end: Temporal dev server, real worker,
 * jsforce and undici over HTTP against both emulators.
 */
import { roundTo } from '../../src/sync/values';
import { seedBoth, useTestStack } from '../helpers/stack';
import { withSyncWorker } from '../helpers/sync-worker';
import { useTemporalEnvironment } from '../helpers/temporal';
import { WRITE_KINDS, onlyIngestAndMatch, orgData } from '../helpers/sync-options';

const env = useTemporalEnvironment();
const stack = useTestStack();

const byField = <T extends Record<string, unknown>>(rows: T[], field: string) => new Map(rows.map((r) => [r[field] as string, r]));

test('a first full sync creates exactly the expected records, and a second run with no changes writes nothing', async () => {
  const { dataset, org, ids } = seedBoth(stack, { seed: 11, prospects: 60, tags: 8, scores: 3, activitiesPerProspect: 0 }, { leadShare: 0.5, contactShare: 0.3, convertedShare: 0.1, duplicateShare: 0.1 });
  const idOf = (key: string) => ids.get(key) as string;

  await withSyncWorker(env, stack, onlyIngestAndMatch({ matching: { coalesceWaitMs: 200 } }), async (harness) => {
    const first = await harness.run();
    expect(first.steps.flatMap((s) => s.errors)).toEqual([]);
    expect(first.status).toBe('Completed');
    expect(first.mode).toBe('Full');

    // Definitions: exactly SalesWings' tags and scores.
    const tags = stack.sf.admin.query('SELECT Id, SW_Id__c, Name, Archived__c FROM SW_Tag__c');
    expect(new Set(tags.map((t) => t.SW_Id__c))).toEqual(new Set(dataset.tags.map((t) => t.id)));
    const scores = stack.sf.admin.query('SELECT Id, SW_Id__c, Name FROM Score__c');
    expect(new Set(scores.map((s) => s.SW_Id__c))).toEqual(new Set(dataset.scores.map((s) => s.id)));

    // Prospects with their tags and scores.
    const prospects = byField(stack.sf.admin.query('SELECT Id, SW_Id__c, Lifecycle__c, Sync_Status__c, Lead_Sync_Status__c, Contact_Sync_Status__c, Lead_Sync_Attempts__c, Lead_Score__c FROM Prospect__c'), 'SW_Id__c');
    expect(prospects.size).toBe(dataset.prospects.length);
    const prospectTags = stack.sf.admin.query('SELECT Key__c FROM SW_Prospect_Tag__c');
    expect(new Set(prospectTags.map((t) => t.Key__c))).toEqual(new Set(dataset.prospects.flatMap((p) => p.tags.map((t) => `${p.id}:${t.tagId}`))));
    const prospectScores = stack.sf.admin.query('SELECT Key__c, Value__c FROM Prospect_Score__c');
    expect(prospectScores).toHaveLength(dataset.prospects.reduce((n, p) => n + p.scores.length, 0));

    const leads = byField(stack.sf.admin.query('SELECT Id, Email, IsConverted, Prospect_Id__c, Lead_Score__c, Temperature__c, SW_Favorite__c, Tags__c FROM Lead'), 'Id');
    const contacts = byField(stack.sf.admin.query('SELECT Id, Email, Prospect_Id__c, Lead_Score__c, Temperature__c, SW_Favorite__c FROM Contact'), 'Id');
    const leadTagCopies = stack.sf.admin.query('SELECT Key__c, Lead__c FROM SW_Tag_Segment_Trigger__c WHERE Lead__c != null');
    const contactScoreCopies = stack.sf.admin.query('SELECT Key__c, Contact__c, Value__c FROM Prospect_Score_Instance__c WHERE Contact__c != null');

    let matchedLeads = 0;
    for (const prospect of dataset.prospects) {
      const stored = prospects.get(prospect.id) as Record<string, unknown>;
      const match = org.matches[prospect.id] ?? { leads: [], convertedLeads: [], contacts: [] };
      if (prospect.lifecycle !== 'Active') {
        expect(stored.Sync_Status__c).toBe('Processed');
        continue;
      }
      expect(stored.Sync_Status__c).toBe('Processed');
      expect(stored.Lead_Sync_Status__c).toBe(match.leads.length > 0 ? 'Matched' : 'No Match');
      expect(stored.Contact_Sync_Status__c).toBe(match.contacts.length > 0 ? 'Matched' : 'No Match');
      for (const key of match.leads) {
        matchedLeads += 1;
        const lead = leads.get(idOf(key)) as Record<string, unknown>;
        expect(lead.Prospect_Id__c).toBe(prospect.id);
        expect(lead.Lead_Score__c).toBe(roundTo(prospect.leadScore));
        expect(lead.Temperature__c).toBe(prospect.temperature);
        expect(lead.SW_Favorite__c).toBe(prospect.favorite);
        const copies = leadTagCopies.filter((c) => c.Lead__c === lead.Id).map((c) => c.Key__c);
        expect(new Set(copies)).toEqual(new Set(prospect.tags.map((t) => `${lead.Id as string}:${t.tagId}`)));
      }
      for (const key of match.convertedLeads) {
        // Converted leads are read-only: never written.
        expect((leads.get(idOf(key)) as Record<string, unknown>).Prospect_Id__c).toBeNull();
      }
      for (const key of match.contacts) {
        const contact = contacts.get(idOf(key)) as Record<string, unknown>;
        expect(contact.Prospect_Id__c).toBe(prospect.id);
        expect(contactScoreCopies.filter((c) => c.Contact__c === contact.Id)).toHaveLength(prospect.scores.length);
      }
    }
    expect(matchedLeads).toBeGreaterThan(5);
    // Several leads with one email are all updated (the generator makes duplicates).
    expect(Object.values(org.matches).some((m) => m.leads.length > 1)).toBe(true);

    // Second run: incremental, nothing changed → no data write at all (the run's own SW Apex
    // Job record is the only write).
    stack.sf.admin.resetCounters();
    const before = orgData(stack);
    const second = await harness.run();
    expect(orgData(stack)).toBe(before);
    expect(second.mode).toBe('Incremental');
    expect(second.status).toBe('Completed');
    const kinds = stack.sf.admin.counters().byKind;
    const writes = Object.entries(kinds).filter(([kind]) => WRITE_KINDS.some((w) => kind.startsWith(w)));
    expect(writes).toEqual([['collections-upsert', 1]]);
    expect(second.steps.reduce((n, s) => n + s.created + s.updated + s.deleted, 0)).toBe(0);
    expect(stack.sf.admin.query('SELECT Id FROM SW_Apex_Job__c')).toHaveLength(2);
  });
});
