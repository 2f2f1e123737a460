/**
 * Every Salesforce object, field and relationship name the sync uses, as written in the
 * unnamespaced SFDX source (`salesforce/force-app/main/default/objects/**`, described in
 * docs/data-model.md). Code refers to these constants only; `namespace.ts` adds the
 * `saleswings__` prefix for orgs that run the managed package. A test checks every constant
 * against the SFDX XML, so a renamed field breaks the build rather than a sync.
 *
 * This module is plain data (no I/O): workflows and `src/sync/` may import it.
 */

/** System fields every object has. */
const system = {
  Id: 'Id',
  CreatedDate: 'CreatedDate',
  LastModifiedDate: 'LastModifiedDate',
  SystemModstamp: 'SystemModstamp',
  IsDeleted: 'IsDeleted',
} as const;

/** `SW_Tag__c` — tag definition (GetTags). */
export const SwTag = {
  object: 'SW_Tag__c',
  ...system,
  Name: 'Name',
  SwId: 'SW_Id__c',
  Description: 'Description__c',
  Archived: 'Archived__c',
  SwUpdatedAt: 'SW_Updated_At__c',
} as const;

/** `Score__c` — score definition (GetScores). */
export const SwScore = {
  object: 'Score__c',
  ...system,
  Name: 'Name',
  SwId: 'SW_Id__c',
  Description: 'Description__c',
  SwUpdatedAt: 'SW_Updated_At__c',
} as const;

/** `Prospect__c` — the SalesWings prospect mirror (GetProspects, match steps). */
export const Prospect = {
  object: 'Prospect__c',
  ...system,
  Name: 'Name',
  SwId: 'SW_Id__c',
  Email: 'Email__c',
  FirstName: 'First_Name__c',
  LastName: 'Last_Name__c',
  Lifecycle: 'Lifecycle__c',
  MergedIntoId: 'Merged_Into_Id__c',
  Favorite: 'Favorite__c',
  OwnerEmail: 'Owner_Email__c',
  LeadScore: 'Lead_Score__c',
  Temperature: 'Temperature__c',
  LastVisit: 'Last_Visit__c',
  Tags: 'Tags__c',
  SwUpdatedAt: 'SW_Updated_At__c',
  SyncStatus: 'Sync_Status__c',
  LeadSyncStatus: 'Lead_Sync_Status__c',
  ContactSyncStatus: 'Contact_Sync_Status__c',
  LeadSyncAttempts: 'Lead_Sync_Attempts__c',
  ContactSyncAttempts: 'Contact_Sync_Attempts__c',
  LeadSyncError: 'Lead_Sync_Error__c',
  ContactSyncError: 'Contact_Sync_Error__c',
  /** Workflow id of the run that last attempted the Lead side (an attempt counts once per run). */
  LeadSyncRun: 'Lead_Sync_Run__c',
  ContactSyncRun: 'Contact_Sync_Run__c',
  LastSyncedAt: 'Last_Synced_At__c',
} as const;

/** `SW_Prospect_Tag__c` — a tag held by a prospect. */
export const ProspectTag = {
  object: 'SW_Prospect_Tag__c',
  ...system,
  Name: 'Name',
  Key: 'Key__c',
  Prospect: 'Prospect__c',
  Tag: 'Tag__c',
} as const;

/** `Prospect_Score__c` — a score value of a prospect. */
export const ProspectScore = {
  object: 'Prospect_Score__c',
  ...system,
  Name: 'Name',
  Key: 'Key__c',
  Prospect: 'Prospect__c',
  Score: 'Score__c',
  Value: 'Value__c',
} as const;

/** `Page_Prospect__c` — an activity / page visit of a prospect (GetProspectPages). */
export const ProspectPage = {
  object: 'Page_Prospect__c',
  ...system,
  Name: 'Name',
  SwId: 'SW_Id__c',
  Prospect: 'Prospect__c',
  Kind: 'Kind__c',
  Url: 'Url__c',
  Title: 'Title__c',
  VisitCount: 'Visit_Count__c',
  FirstVisitAt: 'First_Visit_At__c',
  LastVisitAt: 'Last_Visit_At__c',
} as const;

/** `SW_Tag_Segment_Trigger__c` — copy of a prospect tag on a Lead or Contact. */
export const RecordTag = {
  object: 'SW_Tag_Segment_Trigger__c',
  ...system,
  Name: 'Name',
  Key: 'Key__c',
  ProspectTag: 'Prospect_Tag__c',
  Lead: 'Lead__c',
  Contact: 'Contact__c',
} as const;

/** `Prospect_Score_Instance__c` — copy of a prospect score on a Lead or Contact. */
export const RecordScore = {
  object: 'Prospect_Score_Instance__c',
  ...system,
  Name: 'Name',
  Key: 'Key__c',
  ProspectScore: 'Prospect_Score__c',
  Lead: 'Lead__c',
  Contact: 'Contact__c',
  Value: 'Value__c',
} as const;

/** `Website_Visit__c` — copy of a prospect activity on a Lead or Contact. */
export const RecordPage = {
  object: 'Website_Visit__c',
  ...system,
  Name: 'Name',
  Key: 'Key__c',
  ProspectPage: 'Page_Prospect__c',
  Lead: 'Lead__c',
  Contact: 'Contact__c',
  Kind: 'Kind__c',
  Url: 'Url__c',
  Title: 'Title__c',
  VisitCount: 'Visit_Count__c',
  FirstVisitAt: 'First_Visit_At__c',
  LastVisitAt: 'Last_Visit_At__c',
} as const;

/** `SW_Account_Tag_Segment_Trigger__c` — tag roll-up on an Account (AggregateTags). */
export const AccountTag = {
  object: 'SW_Account_Tag_Segment_Trigger__c',
  ...system,
  Name: 'Name',
  Key: 'Key__c',
  Account: 'Account__c',
  Tag: 'Tag__c',
  ContactCount: 'Contact_Count__c',
} as const;

/** `Account_Score__c` — score roll-up on an Account (AggregateScores). */
export const AccountScore = {
  object: 'Account_Score__c',
  ...system,
  Name: 'Name',
  Key: 'Key__c',
  Account: 'Account__c',
  Score: 'Score__c',
  Value: 'Value__c',
} as const;

/** `SW_Opportunity_Tag__c` — an Account tag copied to an Opportunity. */
export const OpportunityTag = {
  object: 'SW_Opportunity_Tag__c',
  ...system,
  Name: 'Name',
  Key: 'Key__c',
  Opportunity: 'Opportunity__c',
  Tag: 'Tag__c',
} as const;

/** `SW_Opportunity_Score__c` — an Account score copied to an Opportunity. */
export const OpportunityScore = {
  object: 'SW_Opportunity_Score__c',
  ...system,
  Name: 'Name',
  Key: 'Key__c',
  Opportunity: 'Opportunity__c',
  Score: 'Score__c',
  Value: 'Value__c',
} as const;

/** `SW_Apex_Job__c` — one record per sync run. */
export const ApexJob = {
  object: 'SW_Apex_Job__c',
  ...system,
  Name: 'Name',
  RunId: 'Run_Id__c',
  Mode: 'Mode__c',
  Status: 'Status__c',
  StartedAt: 'Started_At__c',
  FinishedAt: 'Finished_At__c',
  Watermark: 'Watermark__c',
  Examined: 'Examined__c',
  Modified: 'Modified__c',
  Failed: 'Failed__c',
  Steps: 'Steps__c',
  FirstErrors: 'First_Errors__c',
} as const;

/** `Page__c` — legacy page record (DeletePages). */
export const LegacyPage = {
  object: 'Page__c',
  ...system,
  Name: 'Name',
  ProspectPage: 'Page_Prospect__c',
  RecordPage: 'Website_Visit__c',
} as const;

/** `SW_Match__e` — platform event for "Match Leads/Contacts via Platform Events". */
export const MatchEvent = {
  object: 'SW_Match__e',
  ProspectId: 'Prospect_Id__c',
  RecordId: 'Record_Id__c',
  ObjectType: 'Object_Type__c',
  Fields: 'Fields__c',
} as const;

/** SalesWings fields on Lead and Contact (the match steps write them). */
const personFields = {
  ProspectId: 'Prospect_Id__c',
  SwFavorite: 'SW_Favorite__c',
  LeadScore: 'Lead_Score__c',
  Temperature: 'Temperature__c',
  LastVisit: 'Last_Visit__c',
  Tags: 'Tags__c',
  SwSyncFingerprint: 'SW_Sync_Fingerprint__c',
} as const;

/** Standard `Lead` with the SalesWings fields. */
export const Lead = {
  object: 'Lead',
  ...system,
  Name: 'Name',
  FirstName: 'FirstName',
  LastName: 'LastName',
  Company: 'Company',
  Email: 'Email',
  IsConverted: 'IsConverted',
  ConvertedContactId: 'ConvertedContactId',
  OwnerId: 'OwnerId',
  ...personFields,
} as const;

/** Standard `Contact` with the SalesWings fields. */
export const Contact = {
  object: 'Contact',
  ...system,
  Name: 'Name',
  FirstName: 'FirstName',
  LastName: 'LastName',
  Email: 'Email',
  AccountId: 'AccountId',
  OwnerId: 'OwnerId',
  ...personFields,
} as const;

/** Standard `Account` with the roll-up fields. */
export const Account = {
  object: 'Account',
  ...system,
  Name: 'Name',
  LeadScore: 'Lead_Score__c',
  Temperature: 'Temperature__c',
  LastVisit: 'Last_Visit__c',
  Tags: 'Tags__c',
} as const;

/** Standard `Opportunity` with the roll-up fields. */
export const Opportunity = {
  object: 'Opportunity',
  ...system,
  Name: 'Name',
  AccountId: 'AccountId',
  IsClosed: 'IsClosed',
  StageName: 'StageName',
  CloseDate: 'CloseDate',
  LeadScore: 'Lead_Score__c',
  Tags: 'Tags__c',
} as const;

/** Standard `User` (owner e-mails). */
export const User = {
  object: 'User',
  ...system,
  Name: 'Name',
  Email: 'Email',
} as const;

/** One object's name constants: `object` plus field constants. */
export type ObjectNames = { readonly object: string } & { readonly [field: string]: string };

/** Every object group above, keyed by its API name. */
export const OBJECTS: readonly ObjectNames[] = [
  SwTag,
  SwScore,
  Prospect,
  ProspectTag,
  ProspectScore,
  ProspectPage,
  RecordTag,
  RecordScore,
  RecordPage,
  AccountTag,
  AccountScore,
  OpportunityTag,
  OpportunityScore,
  ApexJob,
  LegacyPage,
  MatchEvent,
  Lead,
  Contact,
  Account,
  Opportunity,
  User,
];

/** A lookup or master-detail field of the package, as declared in the SFDX source. */
export interface RelationshipField {
  /** Object holding the field. */
  object: string;
  /** The field, e.g. `Prospect__c`; its parent path in SOQL is `Prospect__r`. */
  field: string;
  kind: 'Lookup' | 'MasterDetail';
  referenceTo: string;
  /** Child relationship name without `__r`; sub-queries on the parent use `<name>__r`. */
  relationshipName: string;
}

/** Every relationship field of the package (docs/data-model.md). */
export const RELATIONSHIPS: readonly RelationshipField[] = [
  { object: ProspectTag.object, field: ProspectTag.Prospect, kind: 'MasterDetail', referenceTo: Prospect.object, relationshipName: 'Prospect_Tags' },
  { object: ProspectTag.object, field: ProspectTag.Tag, kind: 'Lookup', referenceTo: SwTag.object, relationshipName: 'Prospect_Tags' },
  { object: ProspectScore.object, field: ProspectScore.Prospect, kind: 'Lookup', referenceTo: Prospect.object, relationshipName: 'Prospect_Scores' },
  { object: ProspectScore.object, field: ProspectScore.Score, kind: 'MasterDetail', referenceTo: SwScore.object, relationshipName: 'Prospect_Scores' },
  { object: ProspectPage.object, field: ProspectPage.Prospect, kind: 'Lookup', referenceTo: Prospect.object, relationshipName: 'Prospect_Pages' },
  { object: RecordTag.object, field: RecordTag.ProspectTag, kind: 'MasterDetail', referenceTo: ProspectTag.object, relationshipName: 'Record_Tags' },
  { object: RecordTag.object, field: RecordTag.Lead, kind: 'Lookup', referenceTo: Lead.object, relationshipName: 'SW_Tags' },
  { object: RecordTag.object, field: RecordTag.Contact, kind: 'Lookup', referenceTo: Contact.object, relationshipName: 'SW_Tags' },
  { object: RecordScore.object, field: RecordScore.ProspectScore, kind: 'MasterDetail', referenceTo: ProspectScore.object, relationshipName: 'Record_Scores' },
  { object: RecordScore.object, field: RecordScore.Lead, kind: 'Lookup', referenceTo: Lead.object, relationshipName: 'SW_Scores' },
  { object: RecordScore.object, field: RecordScore.Contact, kind: 'Lookup', referenceTo: Contact.object, relationshipName: 'SW_Scores' },
  { object: RecordPage.object, field: RecordPage.ProspectPage, kind: 'Lookup', referenceTo: ProspectPage.object, relationshipName: 'Record_Pages' },
  { object: RecordPage.object, field: RecordPage.Lead, kind: 'Lookup', referenceTo: Lead.object, relationshipName: 'SW_Pages' },
  { object: RecordPage.object, field: RecordPage.Contact, kind: 'Lookup', referenceTo: Contact.object, relationshipName: 'SW_Pages' },
  { object: AccountTag.object, field: AccountTag.Account, kind: 'MasterDetail', referenceTo: Account.object, relationshipName: 'SW_Account_Tags' },
  { object: AccountTag.object, field: AccountTag.Tag, kind: 'MasterDetail', referenceTo: SwTag.object, relationshipName: 'Account_Tags' },
  { object: AccountScore.object, field: AccountScore.Account, kind: 'MasterDetail', referenceTo: Account.object, relationshipName: 'SW_Account_Scores' },
  { object: AccountScore.object, field: AccountScore.Score, kind: 'MasterDetail', referenceTo: SwScore.object, relationshipName: 'Account_Scores' },
  { object: OpportunityTag.object, field: OpportunityTag.Opportunity, kind: 'MasterDetail', referenceTo: Opportunity.object, relationshipName: 'SW_Opportunity_Tags' },
  { object: OpportunityTag.object, field: OpportunityTag.Tag, kind: 'MasterDetail', referenceTo: SwTag.object, relationshipName: 'Opportunity_Tags' },
  { object: OpportunityScore.object, field: OpportunityScore.Opportunity, kind: 'MasterDetail', referenceTo: Opportunity.object, relationshipName: 'SW_Opportunity_Scores' },
  { object: OpportunityScore.object, field: OpportunityScore.Score, kind: 'MasterDetail', referenceTo: SwScore.object, relationshipName: 'Opportunity_Scores' },
  { object: LegacyPage.object, field: LegacyPage.ProspectPage, kind: 'Lookup', referenceTo: ProspectPage.object, relationshipName: 'Legacy_Pages' },
  { object: LegacyPage.object, field: LegacyPage.RecordPage, kind: 'Lookup', referenceTo: RecordPage.object, relationshipName: 'Legacy_Pages' },
];

/** Parent path of a relationship field in SOQL and records: `Prospect__c` → `Prospect__r`. */
export function parentRelationship(field: string): string {
  return field.endsWith('__c') ? `${field.slice(0, -3)}__r` : field.replace(/Id$/, '');
}

/** Child relationship name for sub-queries: `Prospect_Tags` → `Prospect_Tags__r`. */
export function childRelationship(relationshipName: string): string {
  return `${relationshipName}__r`;
}

/** True for a name defined by a package (`__c` object/field, `__e` event, `__r` relationship). */
function isCustomName(name: string): boolean {
  return /__(c|e|r)$/i.test(name);
}

function collectPackageNames(): ReadonlySet<string> {
  const names = new Set<string>();
  for (const group of OBJECTS) {
    for (const value of Object.values(group)) if (isCustomName(value)) names.add(value);
  }
  for (const rel of RELATIONSHIPS) {
    names.add(parentRelationship(rel.field));
    names.add(childRelationship(rel.relationshipName));
  }
  return names;
}

/**
 * Every custom name of the SalesWings package (objects, fields, parent and child relationship
 * names), unprefixed. Only these receive the namespace prefix; a customer's own `My_Field__c`
 * never does.
 */
export const PACKAGE_NAMES: ReadonlySet<string> = collectPackageNames();
