/**
 * Reading Leads and Contacts for SendRecordUpdates: one paged query per object, keyset on Id so
 * a retried attempt resumes after the last record it settled, with the owner's e-mail taken
 * through the `Owner` relationship (no per-record User query).
 */
import { z } from 'zod';
import { ContractError } from '../../errors';
import { Contact, Lead, User } from '../../salesforce/names';
import { soqlDateTime, soqlString } from '../../salesforce/soql';
import { formatIssuePath } from '../../saleswings/zod-issues';
import { FINGERPRINT_FIELD, TRACKED_FIELDS } from '../../sync/fingerprint';
import { type PushCandidate, type PushObject } from '../../sync/push-plan';

const NAMES = { Lead, Contact } as const;

const SCAN_FIELDS = ['Id', ...TRACKED_FIELDS, `Owner.${User.Email}`, FINGERPRINT_FIELD];

/**
 * `object`'s records that are linked to a prospect or were sent before (they hold a
 * fingerprint, so an unlink is news for SalesWings), modified since `since` when given, after
 * `after` in Id order. Converted Leads are read-only history: their Contact is the record now.
 */
export function scanQuery(object: PushObject, since: string | undefined, after: string | null): string {
  const names = NAMES[object];
  const where = [`(${names.ProspectId} != null OR ${names.SwSyncFingerprint} != null)`];
  if (object === 'Lead') where.push(`${Lead.IsConverted} = false`);
  // SystemModstamp is indexed on every object and also moves for system changes
  // (LastModifiedDate does not), so no change is missed.
  if (since !== undefined) where.push(`${names.SystemModstamp} >= ${soqlDateTime(since)}`);
  if (after !== null) where.push(`Id > ${soqlString(after)}`);
  return `SELECT ${SCAN_FIELDS.join(', ')} FROM ${object} WHERE ${where.join(' AND ')} ORDER BY Id`;
}

const text = z.string().nullable();
const rowSchema = z.object({
  Id: z.string().min(15).max(18),
  Email: text,
  // A checkbox is never null in Salesforce; tolerate it so one odd row does not stop the step.
  SW_Favorite__c: z.boolean().nullable(),
  FirstName: text,
  LastName: text,
  OwnerId: text,
  Owner: z.object({ Email: text.optional() }).nullish(),
  Prospect_Id__c: text,
  SW_Sync_Fingerprint__c: text,
});

/** One queried row as a push candidate; a row of the wrong shape is a contract violation. */
export function toCandidate(object: PushObject, row: unknown): PushCandidate {
  const checked = rowSchema.safeParse(row);
  if (!checked.success) {
    const id = typeof (row as { Id?: unknown } | null)?.Id === 'string' ? (row as { Id: string }).Id : 'unknown';
    const issue = checked.error.issues[0];
    throw new ContractError(`${object} query row ${id}: ${formatIssuePath(issue.path)}: ${issue.message}`, { code: 'BAD_QUERY_ROW' });
  }
  const { Id, Owner, ...fields } = checked.data;
  return { id: Id, fields, ownerEmail: Owner?.Email ?? null };
}
