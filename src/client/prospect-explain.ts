/**
 * Why a Lead or Contact did or did not take a prospect's SalesWings data: a pure reading of the
 * prospect's per-side match state (docs/data-model.md, `Prospect__c`) against the record. The
 * rules mirror the match steps: only unconverted Leads are written; only Active prospects are
 * matched; a side is attempted while Pending or Failed, up to `matching.maxAttempts`; Matched,
 * No Match and Gave Up are final until GetProspects resets the side when the prospect changes.
 */
import { sameEmail } from '../sync/email';

export type Side = 'Lead' | 'Contact';

export interface SideFacts {
  /** `Lead_Sync_Status__c` / `Contact_Sync_Status__c`: Pending, Matched, No Match, Failed, Gave Up, or null. */
  status: string | null;
  attempts: number;
  /** Last error, `CODE: message (record id)`. */
  error: string | null;
  /** Workflow id of the sync run that last attempted the side. */
  run: string | null;
}

export interface ProspectFacts {
  /** Salesforce Id of the `Prospect__c`. */
  id: string;
  /** SalesWings id (`SW_Id__c`): what Leads and Contacts carry in `Prospect_Id__c`. */
  swId: string;
  name: string | null;
  email: string | null;
  lifecycle: string | null;
  mergedIntoId: string | null;
  /** `Not Processed` (a side still to attempt) or `Processed`. */
  syncStatus: string | null;
  swUpdatedAt: string | null;
  lastSyncedAt: string | null;
  sides: Record<Side, SideFacts>;
}

export interface RecordFacts {
  object: Side;
  id: string;
  name: string | null;
  email: string | null;
  /** Leads only. */
  converted: boolean;
  convertedContactId: string | null;
  /** `Prospect_Id__c`. */
  prospectId: string | null;
  lastModifiedAt: string | null;
}

export interface RecordExplanation extends RecordFacts {
  /** Carries this prospect's id in `Prospect_Id__c`. */
  linked: boolean;
  emailMatches: boolean;
  /** The last match of this prospect wrote this record (side Matched, record linked). */
  updated: boolean;
  reason: string;
}

function linkedReason(p: ProspectFacts, r: RecordFacts, maxAttempts: number): { updated: boolean; reason: string } {
  const side = p.sides[r.object];
  const clean = `Clean${r.object}s`;
  const attempts = `attempt ${side.attempts}/${maxAttempts}`;
  if (!sameEmail(r.email, p.email)) return { updated: false, reason: `linked, but its email no longer matches the prospect's: the next ${clean} step disconnects it` };
  if (p.lifecycle !== 'Active') return { updated: false, reason: `linked, but the prospect is ${p.lifecycle ?? 'not Active'}: the next ${clean} step disconnects it` };
  switch (side.status) {
    case 'Matched':
      return { updated: true, reason: `updated${side.run ? ` by ${side.run}` : ''}` };
    case 'Failed':
      return side.error?.includes(r.id)
        ? { updated: false, reason: `linked by an earlier match, but its latest update was rejected (${attempts}): ${side.error}` }
        : { updated: false, reason: `linked by an earlier match; the ${r.object} side failed on another record (${attempts}): ${side.error ?? '—'}` };
    case 'Gave Up':
      return { updated: false, reason: `linked by an earlier match; the ${r.object} side gave up after ${side.attempts}/${maxAttempts} failed attempts (last error: ${side.error ?? '—'})` };
    case 'Pending':
      return side.attempts > 0
        ? { updated: false, reason: "linked; the latest update was published as a platform event and waits for the org's subscriber" }
        : { updated: false, reason: `linked by an earlier match; the prospect changed since and the next MatchProspectsTo${r.object}s step updates it` };
    default:
      return { updated: false, reason: `linked; the ${r.object} side is ${side.status ?? 'not in play'}` };
  }
}

function unlinkedReason(p: ProspectFacts, r: RecordFacts, maxAttempts: number): string {
  const side = p.sides[r.object];
  const attempts = `attempt ${side.attempts}/${maxAttempts}`;
  if (r.prospectId) return `linked to another prospect (${r.prospectId}) with the same email: a record carries the data of one prospect, the one matched last`;
  if (!sameEmail(r.email, p.email)) return 'its email does not match the prospect\'s';
  if (p.lifecycle !== 'Active') {
    const merged = p.lifecycle === 'Merged' && p.mergedIntoId ? ` into ${p.mergedIntoId}` : '';
    return `the prospect is ${p.lifecycle ?? 'not Active'}${merged}: only Active prospects are matched`;
  }
  switch (side.status) {
    case 'Failed':
      return side.error?.includes(r.id)
        ? `its update was rejected (${attempts}): ${side.error}; the next run tries again`
        : `the ${r.object} side failed (${attempts}): ${side.error ?? '—'}; the next run tries again`;
    case 'Gave Up':
      return `gave up after ${side.attempts}/${maxAttempts} failed attempts (last error: ${side.error ?? '—'}); tried again when the prospect changes in SalesWings or a full sync runs`;
    case 'Pending':
      return side.attempts > 0
        ? "the update was published as a platform event and waits for the org's subscriber"
        : `not attempted yet: the next run's MatchProspectsTo${r.object}s step matches it`;
    case 'Matched':
    case 'No Match':
      return (
        `the ${r.object} side was settled (${side.status}${side.run ? ` by ${side.run}` : ''}) before this record carried the email: ` +
        'it is matched when the prospect next changes in SalesWings or a full sync runs'
      );
    default:
      return `the ${r.object} side is not in play (status empty)`;
  }
}

/** Why `record` did or did not take `prospect`'s data. */
export function explainRecord(prospect: ProspectFacts, record: RecordFacts, maxAttempts: number): RecordExplanation {
  const linked = record.prospectId === prospect.swId;
  const emailMatches = sameEmail(record.email, prospect.email);
  if (record.converted) {
    const contact = record.convertedContactId ? ` (its Contact ${record.convertedContactId} is matched instead)` : '';
    return { ...record, linked, emailMatches, updated: false, reason: `converted Lead: read-only, never written${contact}` };
  }
  if (linked) return { ...record, linked, emailMatches, ...linkedReason(prospect, record, maxAttempts) };
  return { ...record, linked, emailMatches, updated: false, reason: unlinkedReason(prospect, record, maxAttempts) };
}
