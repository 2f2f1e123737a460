import {
  generateOrgRecords,
  isStorableSalesforceEmail,
  ORG_RECORD_LOAD_ORDER,
  ORG_RECORD_REFERENCES,
  toSalesforceFields,
  type OrgRecords,
} from '../../../src/emulators/datasets/org-records';
import { generateDataset } from '../../../src/emulators/saleswings/generator';

const normalise = (email: unknown) => (typeof email === 'string' ? email.trim().toLowerCase() : null);

describe('generateOrgRecords', () => {
  const dataset = generateDataset({ seed: 8, prospects: 1_000 });
  const org = generateOrgRecords(dataset, { seed: 8 });
  const prospectEmails = new Set(dataset.prospects.map((p) => normalise(p.email)).filter(Boolean));

  test('the same seed gives the same records', () => {
    expect(generateOrgRecords(dataset, { seed: 8 })).toEqual(org);
  });

  test('Lead and Contact emails match prospects in other letter cases, are stored as Salesforce accepts them, and some match nothing', () => {
    const records = [...org.Lead, ...org.Contact];
    const matching = records.filter((r) => prospectEmails.has(normalise(r.Email)));
    const unmatched = records.filter((r) => !prospectEmails.has(normalise(r.Email)));

    expect(matching.length).toBeGreaterThan(700);
    // Salesforce rejects surrounding spaces and backslashes in Email fields: none are generated.
    expect(records.every((r) => r.Email === null || isStorableSalesforceEmail(String(r.Email)))).toBe(true);
    const exactly = new Set(dataset.prospects.map((p) => p.email));
    expect(matching.filter((r) => !exactly.has(r.Email as string)).length).toBeGreaterThan(100);
    expect(unmatched.length).toBeGreaterThan(50);
    expect(unmatched.some((r) => r.Email === null)).toBe(true);
  });

  test('some emails sit on two Leads, and converted Leads come with the Contact and Account of their conversion', () => {
    const leadsByEmail = new Map<string, number>();
    for (const lead of org.Lead) {
      const email = normalise(lead.Email);
      if (email && lead.IsConverted !== true) leadsByEmail.set(email, (leadsByEmail.get(email) ?? 0) + 1);
    }
    const converted = org.Lead.filter((l) => l.IsConverted === true);
    const contactKeys = new Map(org.Contact.map((c) => [c._key, c]));

    expect([...leadsByEmail.values()].filter((n) => n >= 2).length).toBeGreaterThan(5);
    expect(converted.length).toBeGreaterThan(20);
    for (const lead of converted) {
      const contact = contactKeys.get(lead._convertedContactKey as string);
      expect(lead.Status).toBe('Closed - Converted');
      expect(normalise(contact?.Email)).toBe(normalise(lead.Email));
      expect(lead._convertedAccountKey).toBe(contact?._accountKey);
    }
  });

  test('every reference names a record of the right object that loads earlier; required fields are present', () => {
    const keysOf = (name: keyof OrgRecords) => new Set((org[name] as { _key: unknown }[]).map((r) => r._key));
    ORG_RECORD_LOAD_ORDER.forEach((objectName, position) => {
      for (const record of org[objectName]) {
        for (const [local, reference] of Object.entries(ORG_RECORD_REFERENCES[objectName])) {
          if (record[local] === undefined || record[local] === null) continue;
          expect(ORG_RECORD_LOAD_ORDER.indexOf(reference.target)).toBeLessThan(position);
          expect(keysOf(reference.target).has(record[local])).toBe(true);
        }
      }
    });
    expect(org.Lead.every((l) => typeof l.LastName === 'string' && typeof l.Company === 'string')).toBe(true);
    expect(org.Contact.every((c) => typeof c.LastName === 'string')).toBe(true);
    expect(org.Opportunity.every((o) => o.Name && o.StageName && /^\d{4}-\d{2}-\d{2}$/.test(String(o.CloseDate)))).toBe(true);
    expect(org.User.map((u) => u.Email).sort()).toEqual([...new Set(dataset.prospects.map((p) => p.ownerEmail).filter(Boolean))].sort());
    expect(org.Contact.some((c) => c._accountKey === undefined)).toBe(true);
    expect(org.Opportunity).toHaveLength(org.Account.length);
  });

  test('matches list, per prospect, the records whose email equals its email', () => {
    const leadByKey = new Map(org.Lead.map((l) => [l._key, l]));
    const contactByKey = new Map(org.Contact.map((c) => [c._key, c]));
    const byId = new Map(dataset.prospects.map((p) => [p.id, p]));

    expect(Object.keys(org.matches).length).toBeGreaterThan(500);
    for (const [prospectId, match] of Object.entries(org.matches)) {
      const email = normalise(byId.get(prospectId)?.email);
      for (const key of match.leads) expect([normalise(leadByKey.get(key)?.Email), leadByKey.get(key)?.IsConverted]).toEqual([email, undefined]);
      for (const key of match.convertedLeads) expect(leadByKey.get(key)?.IsConverted).toBe(true);
      for (const key of match.contacts) expect(normalise(contactByKey.get(key)?.Email)).toBe(email);
    }
  });

  test('toSalesforceFields drops local keys and resolves references to loaded Ids', () => {
    const contact = org.Contact.find((c) => c._accountKey !== undefined) ?? {};
    const ids = new Map([[String(contact._accountKey), '001000000000001AAA'], [String(contact._ownerKey), '005000000000001AAA']]);

    const fields = toSalesforceFields('Contact', contact, (key) => ids.get(key));

    expect(fields).toEqual({ FirstName: contact.FirstName, LastName: contact.LastName, Email: contact.Email, AccountId: '001000000000001AAA', OwnerId: '005000000000001AAA' });
    expect(() => toSalesforceFields('Contact', contact, () => undefined)).toThrow(/^Contact contact-\d+: _ownerKey names user-\d+, which was not loaded$/);
  });
});
