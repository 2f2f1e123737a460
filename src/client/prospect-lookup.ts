/**
 * `prospect` data from the org: the `Prospect__c` rows for a SalesWings id or an email, and per
 * prospect the Leads and Contacts that carry its id or its email, each explained. Reads only.
 */
import { Contact, Lead, Prospect } from '../salesforce/names';
import { type SalesforceGateway } from '../salesforce/gateway';
import { type SalesforceRecord } from '../salesforce/namespace';
import { soqlString } from '../salesforce/soql';
import { normalizeEmail, sameEmail } from '../sync/email';
import { explainRecord, type ProspectFacts, type RecordExplanation, type RecordFacts, type Side } from './prospect-explain';

export type ProspectQuery = { by: 'id'; value: string } | { by: 'email'; value: string };

/** An argument with `@` is an email (compared trimmed and case-insensitively); anything else a SalesWings id. */
export function parseProspectQuery(input: string): ProspectQuery {
  const trimmed = input.trim();
  return trimmed.includes('@') ? { by: 'email', value: normalizeEmail(trimmed) ?? trimmed } : { by: 'id', value: trimmed };
}

/** More rows than an operator reads; a query hitting it says so. */
export const RECORD_LIMIT = 200;

const PROSPECT_FIELDS = [
  Prospect.Id,
  Prospect.Name,
  Prospect.SwId,
  Prospect.Email,
  Prospect.Lifecycle,
  Prospect.MergedIntoId,
  Prospect.SyncStatus,
  Prospect.SwUpdatedAt,
  Prospect.LastSyncedAt,
  Prospect.LeadSyncStatus,
  Prospect.LeadSyncAttempts,
  Prospect.LeadSyncError,
  Prospect.LeadSyncRun,
  Prospect.ContactSyncStatus,
  Prospect.ContactSyncAttempts,
  Prospect.ContactSyncError,
  Prospect.ContactSyncRun,
];

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

function prospectFacts(r: SalesforceRecord): ProspectFacts {
  return {
    id: String(r.Id),
    swId: String(r[Prospect.SwId]),
    name: str(r[Prospect.Name]),
    email: str(r[Prospect.Email]),
    lifecycle: str(r[Prospect.Lifecycle]),
    mergedIntoId: str(r[Prospect.MergedIntoId]),
    syncStatus: str(r[Prospect.SyncStatus]),
    swUpdatedAt: str(r[Prospect.SwUpdatedAt]),
    lastSyncedAt: str(r[Prospect.LastSyncedAt]),
    sides: {
      Lead: { status: str(r[Prospect.LeadSyncStatus]), attempts: Number(r[Prospect.LeadSyncAttempts] ?? 0), error: str(r[Prospect.LeadSyncError]), run: str(r[Prospect.LeadSyncRun]) },
      Contact: {
        status: str(r[Prospect.ContactSyncStatus]),
        attempts: Number(r[Prospect.ContactSyncAttempts] ?? 0),
        error: str(r[Prospect.ContactSyncError]),
        run: str(r[Prospect.ContactSyncRun]),
      },
    },
  };
}

/** The `Prospect__c` rows for the query: one by SalesWings id; by email possibly several. */
export async function findProspects(gateway: SalesforceGateway, query: ProspectQuery): Promise<ProspectFacts[]> {
  const where = query.by === 'id' ? `${Prospect.SwId} = ${soqlString(query.value)}` : `${Prospect.Email} = ${soqlString(query.value)}`;
  const rows = await gateway.queryAll(`SELECT ${PROSPECT_FIELDS.join(', ')} FROM ${Prospect.object} WHERE ${where} ORDER BY ${Prospect.SwUpdatedAt} DESC NULLS LAST LIMIT ${RECORD_LIMIT}`);
  const facts = rows.map(prospectFacts);
  // SOQL compares case-insensitively; the trimmed comparison is the match steps' own rule.
  return query.by === 'email' ? facts.filter((p) => sameEmail(p.email, query.value)) : facts;
}

function recordFacts(object: Side, r: SalesforceRecord): RecordFacts {
  return {
    object,
    id: String(r.Id),
    name: str(r.Name),
    email: str(r.Email),
    converted: object === 'Lead' && r[Lead.IsConverted] === true,
    convertedContactId: object === 'Lead' ? str(r[Lead.ConvertedContactId]) : null,
    prospectId: str(r[Lead.ProspectId]),
    lastModifiedAt: str(r.LastModifiedDate),
  };
}

/** Leads (converted too) and Contacts that carry the prospect's id or its email. */
export async function relatedRecords(gateway: SalesforceGateway, prospect: ProspectFacts): Promise<RecordFacts[]> {
  const email = normalizeEmail(prospect.email);
  const where = (idField: string, emailField: string) => `${idField} = ${soqlString(prospect.swId)}${email ? ` OR ${emailField} = ${soqlString(email)}` : ''}`;
  const [leads, contacts] = await Promise.all([
    gateway.queryAll(
      `SELECT Id, ${Lead.Name}, ${Lead.Email}, ${Lead.IsConverted}, ${Lead.ConvertedContactId}, ${Lead.ProspectId}, ${Lead.LastModifiedDate} FROM ${Lead.object} ` +
        `WHERE ${where(Lead.ProspectId, Lead.Email)} ORDER BY ${Lead.LastModifiedDate} DESC LIMIT ${RECORD_LIMIT}`,
    ),
    gateway.queryAll(
      `SELECT Id, ${Contact.Name}, ${Contact.Email}, ${Contact.ProspectId}, ${Contact.LastModifiedDate} FROM ${Contact.object} ` +
        `WHERE ${where(Contact.ProspectId, Contact.Email)} ORDER BY ${Contact.LastModifiedDate} DESC LIMIT ${RECORD_LIMIT}`,
    ),
  ]);
  return [...leads.map((r) => recordFacts('Lead', r)), ...contacts.map((r) => recordFacts('Contact', r))];
}

export interface ProspectInOrg {
  prospect: ProspectFacts;
  records: RecordExplanation[];
}

/** Every prospect for the query with its explained Leads and Contacts. */
export async function lookupProspectsInOrg(gateway: SalesforceGateway, query: ProspectQuery, maxAttempts: number): Promise<ProspectInOrg[]> {
  const prospects = await findProspects(gateway, query);
  return Promise.all(
    prospects.map(async (prospect) => ({
      prospect,
      records: (await relatedRecords(gateway, prospect)).map((r) => explainRecord(prospect, r, maxAttempts)),
    })),
  );
}
