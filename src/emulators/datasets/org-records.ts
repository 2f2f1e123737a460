/**
 * Salesforce records that go with a SalesWings dataset: the Users, Accounts, Contacts, Leads
 * and Opportunities of an org the sync runs against. Lead and Contact emails match the
 * dataset's prospects in other letter cases and with stray spaces (matching is trimmed and
 * case-insensitive), some emails appear on two Leads, converted Leads are included (never
 * written by the sync), and some records match no prospect at all.
 *
 * ## Reference convention (for whatever loads these records)
 *
 * Records are plain field maps by Salesforce API name, **without `Id`**. Fields whose name
 * starts with `_` are not Salesforce fields; a loader must not send them:
 *
 * - `_key` — a key unique across the whole `OrgRecords` set (`user-001`, `account-0001`,
 *   `contact-000001`, `lead-000001`, `opportunity-0001`). The loader remembers the Id it
 *   created for each key.
 * - `_<role>Key` — a reference to another record by its `_key`; the loader sets the
 *   Salesforce field named in `ORG_RECORD_REFERENCES` to the Id created for that key:
 *   `_ownerKey` → `OwnerId` (User), `_accountKey` → `AccountId` (Account),
 *   `_convertedContactKey` → `ConvertedContactId` (Contact), `_convertedAccountKey` →
 *   `ConvertedAccountId` (Account).
 *
 * Load the objects in `ORG_RECORD_LOAD_ORDER` (every reference points to an earlier object)
 * and use `toSalesforceFields` to resolve a record. Converted Leads carry `IsConverted: true`,
 * `Status: 'Closed - Converted'` and `ConvertedDate`, which are read-only through the API:
 * they are fixtures for an emulator's store, not rows an API client could insert.
 */
import { type Prospect } from '../../saleswings/contract';
import { type Dataset } from '../saleswings/dataset';
import { seededRandom, type Seed, type SeededRandom } from '../saleswings/seeded-random';

export type OrgObjectName = 'User' | 'Account' | 'Contact' | 'Lead' | 'Opportunity';

/** Field values by API name, plus `_`-prefixed local keys (see the module comment). */
export type OrgRecord = Record<string, string | number | boolean | null>;

export interface OrgRecords {
  User: OrgRecord[];
  Account: OrgRecord[];
  Contact: OrgRecord[];
  Lead: OrgRecord[];
  Opportunity: OrgRecord[];
  /**
   * For tests: per prospect id, the `_key`s of the records whose email equals the prospect's
   * (trimmed, case-insensitive). `leads` are unconverted Leads only; converted ones are listed
   * apart because the sync must leave them alone. Prospects without any match are absent.
   */
  matches: Record<string, { leads: string[]; convertedLeads: string[]; contacts: string[] }>;
}

export interface OrgRecordsOptions {
  seed: Seed;
  /** Share of prospects with an email that get a Lead; default 0.5. */
  leadShare?: number;
  /** Share of prospects with an email that get a Contact; default 0.4. */
  contactShare?: number;
  /** Share of those Leads that are converted (with the Contact the conversion made); default 0.1. */
  convertedShare?: number;
  /** Share of those Leads that get a second Lead with the same email; default 0.05. */
  duplicateShare?: number;
  /** Extra Leads and Contacts matching no prospect, as a share of the matched ones; default 0.1. */
  unmatchedShare?: number;
  /** Whether some emails carry surrounding spaces (not only other letter cases); default false, because Salesforce rejects them in Email fields (the emulator too). */
  whitespaceVariants?: boolean;
  /** Number of Accounts; default one per 4 Contacts (at least 1). */
  accounts?: number;
  /** Opportunities per Account; default 1. */
  opportunitiesPerAccount?: number;
}

/** Objects in an order where every `_…Key` reference points to an object loaded earlier. */
export const ORG_RECORD_LOAD_ORDER: readonly OrgObjectName[] = ['User', 'Account', 'Contact', 'Lead', 'Opportunity'];

/** Per object: local reference key → the Salesforce field it fills and the object it names. */
export const ORG_RECORD_REFERENCES: Readonly<Record<OrgObjectName, Readonly<Record<string, { field: string; target: OrgObjectName }>>>> = {
  User: {},
  Account: { _ownerKey: { field: 'OwnerId', target: 'User' } },
  Contact: { _ownerKey: { field: 'OwnerId', target: 'User' }, _accountKey: { field: 'AccountId', target: 'Account' } },
  Lead: {
    _ownerKey: { field: 'OwnerId', target: 'User' },
    _convertedContactKey: { field: 'ConvertedContactId', target: 'Contact' },
    _convertedAccountKey: { field: 'ConvertedAccountId', target: 'Account' },
  },
  Opportunity: { _ownerKey: { field: 'OwnerId', target: 'User' }, _accountKey: { field: 'AccountId', target: 'Account' } },
};

/**
 * A record as Salesforce fields: local keys dropped, references replaced by the Ids
 * `idOfKey` returns (it must know every key of the objects loaded before).
 */
export function toSalesforceFields(objectName: OrgObjectName, record: OrgRecord, idOfKey: (key: string) => string | undefined): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  const references = ORG_RECORD_REFERENCES[objectName];
  for (const [name, value] of Object.entries(record)) {
    if (!name.startsWith('_')) {
      out[name] = value;
      continue;
    }
    const reference = references[name];
    if (!reference || value === null) continue;
    const id = idOfKey(String(value));
    if (id === undefined) throw new Error(`${objectName} ${String(record._key)}: ${name} names ${String(value)}, which was not loaded`);
    out[reference.field] = id;
  }
  return out;
}

const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark Industries', "Wayne's Hardware", 'Müller & Söhne', 'Café Lumière', 'Hooli', 'Vandelay Imports'];
const STAGES = ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];

const key = (prefix: string, n: number, width: number) => `${prefix}-${String(n).padStart(width, '0')}`;

/** Same address in another form: letter case changed, maybe wrapped in spaces. */
/**
 * Whether Salesforce would store the address in an Email field without Email Address
 * Internationalization: the local part from Salesforce's documented character set
 * (letters, digits and .!#$%&'*\/=?^_+-`{|}~), an ASCII domain. Anything else is rejected with
 * INVALID_EMAIL_ADDRESS (spaces, backslashes, unicode…).
 */
export function isStorableSalesforceEmail(email: string): boolean {
  return /^[A-Za-z0-9.!#$%&'*/=?^_+\-`{|}~]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(email);
}

function emailVariant(rng: SeededRandom, email: string, whitespace: boolean): string {
  const trimmed = email.trim();
  let variant: string;
  switch (rng.int(0, 3)) {
    case 0:
      variant = trimmed;
      break;
    case 1:
      variant = trimmed.toLowerCase();
      break;
    case 2:
      variant = trimmed.toUpperCase();
      break;
    default:
      variant = trimmed.charAt(0).toUpperCase() + trimmed.slice(1).toLowerCase();
  }
  return whitespace && rng.chance(0.15) ? ` ${variant} ` : variant;
}

const normalise = (email: string) => email.trim().toLowerCase();

export function generateOrgRecords(dataset: Dataset, options: OrgRecordsOptions): OrgRecords {
  const rng = seededRandom(options.seed);
  const whitespace = options.whitespaceVariants ?? false;

  const ownerEmails = [...new Set(dataset.prospects.map((p) => p.ownerEmail).filter((e): e is string => !!e))].sort();
  if (ownerEmails.length === 0) ownerEmails.push('owner@sales.example.test');
  const users: OrgRecord[] = ownerEmails.map((email, i) => {
    const local = email.split('@')[0];
    const [first, last] = local.split('.');
    return {
      _key: key('user', i + 1, 3),
      Username: `${local}@org.example.test`,
      Email: email,
      FirstName: first.charAt(0).toUpperCase() + first.slice(1),
      LastName: last ? last.charAt(0).toUpperCase() + last.slice(1) : 'Owner',
      IsActive: true,
    };
  });
  const ownerKeyByEmail = new Map(users.map((u) => [String(u.Email), String(u._key)]));
  const ownerOf = (email: string | null | undefined) => (email && ownerKeyByEmail.get(email)) || String(rng.pick(users)._key);

  const leads: OrgRecord[] = [];
  const contacts: OrgRecord[] = [];
  /** Contacts made by a Lead conversion, with the Account key they must get. */
  const conversions: { contact: OrgRecord; lead: OrgRecord }[] = [];
  type Person = Pick<Prospect, 'firstName' | 'lastName' | 'ownerEmail'>;
  const person = (p: Person) => ({
    FirstName: p.firstName === null ? null : p.firstName.slice(0, 40),
    LastName: (p.lastName ?? 'Unknown').slice(0, 80),
  });
  const newLead = (p: Person, email: string | null): OrgRecord => {
    const lead: OrgRecord = {
      _key: key('lead', leads.length + 1, 6),
      _ownerKey: ownerOf(p.ownerEmail),
      ...person(p),
      Company: rng.pick(COMPANIES),
      Email: email,
      Status: 'Open - Not Contacted',
    };
    leads.push(lead);
    return lead;
  };
  const newContact = (p: Person, email: string | null): OrgRecord => {
    const contact: OrgRecord = { _key: key('contact', contacts.length + 1, 6), _ownerKey: ownerOf(p.ownerEmail), ...person(p), Email: email };
    contacts.push(contact);
    return contact;
  };

  // Salesforce rejects some addresses SalesWings may hold (INVALID_EMAIL_ADDRESS, e.g. a
  // backslash); such prospects get no Lead/Contact, as in a real org.
  const withEmail = dataset.prospects
    .filter((p) => p.email !== null && isStorableSalesforceEmail(p.email.trim()))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const prospect of withEmail) {
    const email = prospect.email as string;
    if (rng.chance(options.leadShare ?? 0.5)) {
      const lead = newLead(prospect, emailVariant(rng, email, whitespace));
      if (rng.chance(options.convertedShare ?? 0.1)) {
        Object.assign(lead, { IsConverted: true, Status: 'Closed - Converted', ConvertedDate: '2024-11-15' });
        const contact = newContact(prospect, emailVariant(rng, email, whitespace));
        lead._convertedContactKey = contact._key;
        conversions.push({ contact, lead });
      } else if (rng.chance(options.duplicateShare ?? 0.05)) {
        newLead(prospect, emailVariant(rng, email, whitespace));
      }
    }
    if (rng.chance(options.contactShare ?? 0.4)) newContact(prospect, emailVariant(rng, email, whitespace));
  }

  const unmatched = Math.round((leads.length + contacts.length) * (options.unmatchedShare ?? 0.1));
  const stranger: Person = { firstName: 'No', lastName: 'Match', ownerEmail: null };
  for (let i = 0; i < unmatched; i += 1) {
    const email = rng.chance(0.2) ? null : `nomatch.${i + 1}@unmatched.example.test`;
    if (i % 2 === 0) newLead(stranger, email);
    else newContact(stranger, email);
  }

  const accountCount = Math.max(1, options.accounts ?? Math.round(contacts.length / 4));
  const accounts: OrgRecord[] = Array.from({ length: accountCount }, (_, i) => ({
    _key: key('account', i + 1, 4),
    _ownerKey: String(rng.pick(users)._key),
    Name: `${COMPANIES[i % COMPANIES.length]} ${Math.floor(i / COMPANIES.length) + 1}`,
  }));
  for (const contact of contacts) {
    // One Contact in ten has no Account (a "private" contact); roll-ups must skip it.
    if (rng.chance(0.9)) contact._accountKey = String(rng.pick(accounts)._key);
  }
  for (const { contact, lead } of conversions) {
    contact._accountKey = contact._accountKey ?? String(rng.pick(accounts)._key);
    lead._convertedAccountKey = contact._accountKey;
  }

  const perAccount = options.opportunitiesPerAccount ?? 1;
  const opportunities: OrgRecord[] = accounts.flatMap((account, a) =>
    Array.from({ length: perAccount }, (_, k) => ({
      _key: key('opportunity', a * perAccount + k + 1, 4),
      _accountKey: String(account._key),
      _ownerKey: String(account._ownerKey),
      Name: `${String(account.Name)} – Deal ${k + 1}`,
      StageName: rng.pick(STAGES),
      CloseDate: `2025-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      Amount: rng.int(1, 500) * 1000,
    })),
  );

  return { User: users, Account: accounts, Contact: contacts, Lead: leads, Opportunity: opportunities, matches: matchesOf(dataset, leads, contacts) };
}

function matchesOf(dataset: Dataset, leads: OrgRecord[], contacts: OrgRecord[]): OrgRecords['matches'] {
  const prospectsByEmail = new Map<string, string[]>();
  for (const prospect of dataset.prospects) {
    if (prospect.email === null || prospect.email.trim() === '') continue;
    const list = prospectsByEmail.get(normalise(prospect.email)) ?? [];
    list.push(prospect.id);
    prospectsByEmail.set(normalise(prospect.email), list);
  }
  const matches: OrgRecords['matches'] = {};
  const add = (record: OrgRecord, side: 'leads' | 'convertedLeads' | 'contacts') => {
    if (typeof record.Email !== 'string') return;
    for (const id of prospectsByEmail.get(normalise(record.Email)) ?? []) {
      matches[id] ??= { leads: [], convertedLeads: [], contacts: [] };
      matches[id][side].push(String(record._key));
    }
  };
  for (const lead of leads) add(lead, lead.IsConverted === true ? 'convertedLeads' : 'leads');
  for (const contact of contacts) add(contact, 'contacts');
  return matches;
}
