/**
 * Built-in standard objects with the fields the sync relies on and realistic required fields,
 * key prefixes and relationship names. Custom fields from the SFDX source are added on top.
 */
import { field, newObject, type FieldDef, type ObjectDef, type PicklistValue } from './model';

/** Fields every queryable sObject carries. */
export function systemFields(): FieldDef[] {
  const readOnly = { createable: false, updateable: false, nillable: false, defaultedOnCreate: true };
  return [
    field({ name: 'Id', label: 'Record ID', type: 'id', length: 18, ...readOnly, idLookup: true, indexed: true }),
    field({ name: 'IsDeleted', label: 'Deleted', type: 'boolean', ...readOnly }),
    field({ name: 'CreatedDate', label: 'Created Date', type: 'datetime', ...readOnly, indexed: true }),
    field({ name: 'CreatedById', label: 'Created By ID', type: 'reference', length: 18, ...readOnly, referenceTo: ['User'], relationshipName: 'CreatedBy', indexed: true }),
    field({ name: 'LastModifiedDate', label: 'Last Modified Date', type: 'datetime', ...readOnly, indexed: true }),
    field({ name: 'LastModifiedById', label: 'Last Modified By ID', type: 'reference', length: 18, ...readOnly, referenceTo: ['User'], relationshipName: 'LastModifiedBy', indexed: true }),
    field({ name: 'SystemModstamp', label: 'System Modstamp', type: 'datetime', ...readOnly, indexed: true }),
  ];
}

export function ownerField(): FieldDef {
  // Owner is writable and defaults to the running user.
  return field({ name: 'OwnerId', label: 'Owner ID', type: 'reference', length: 18, nillable: false, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'Owner', indexed: true, deleteConstraint: 'Restrict' });
}

function picklist(values: string[], defaultValue?: string): PicklistValue[] {
  return values.map((value) => ({ value, label: value, defaultValue: value === defaultValue }));
}

const readOnly = { createable: false, updateable: false } as const;

export const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];
export const LEAD_DEFAULT_STATUS = 'Open - Not Contacted';
export const LEAD_CONVERTED_STATUS = 'Closed - Converted';
export const OPPORTUNITY_STAGES = [
  'Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers',
  'Perception Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost',
];
/** Stages Salesforce's default sales process marks as closed (drives Opportunity.IsClosed). */
export const CLOSED_STAGES: ReadonlyMap<string, { won: boolean }> = new Map([
  ['Closed Won', { won: true }],
  ['Closed Lost', { won: false }],
]);

function emailField(): FieldDef {
  // Email is indexed on Lead and Contact by default and usable as an idLookup.
  return field({ name: 'Email', label: 'Email', type: 'email', length: 80, idLookup: true, indexed: true });
}

function nameParts(): FieldDef[] {
  return [
    field({ name: 'FirstName', label: 'First Name', type: 'string', length: 40 }),
    field({ name: 'LastName', label: 'Last Name', type: 'string', length: 80, required: true, nillable: false }),
    // Compound name: derived from FirstName/LastName, read-only through the API.
    field({ name: 'Name', label: 'Full Name', type: 'string', length: 121, ...readOnly, idLookup: true, indexed: true }),
  ];
}

export function standardObjects(): ObjectDef[] {
  const lead = newObject({ name: 'Lead', label: 'Lead', labelPlural: 'Leads', keyPrefix: '00Q', kind: 'standard' }, [
    ...systemFields(),
    ownerField(),
    ...nameParts(),
    field({ name: 'Company', label: 'Company', type: 'string', length: 255, required: true, nillable: false }),
    emailField(),
    field({ name: 'Title', label: 'Title', type: 'string', length: 128 }),
    field({ name: 'Phone', label: 'Phone', type: 'phone', length: 40 }),
    field({ name: 'Status', label: 'Status', type: 'picklist', length: 255, nillable: false, defaultedOnCreate: true, defaultValue: LEAD_DEFAULT_STATUS, picklistValues: picklist(LEAD_STATUSES, LEAD_DEFAULT_STATUS), restrictedPicklist: false }),
    field({ name: 'IsConverted', label: 'Converted', type: 'boolean', ...readOnly, nillable: false, defaultedOnCreate: true, defaultValue: false }),
    field({ name: 'ConvertedDate', label: 'Converted Date', type: 'date', ...readOnly }),
    field({ name: 'ConvertedContactId', label: 'Converted Contact ID', type: 'reference', length: 18, ...readOnly, referenceTo: ['Contact'], relationshipName: 'ConvertedContact', indexed: true, deleteConstraint: 'SetNull' }),
    field({ name: 'ConvertedAccountId', label: 'Converted Account ID', type: 'reference', length: 18, ...readOnly, referenceTo: ['Account'], relationshipName: 'ConvertedAccount', indexed: true, deleteConstraint: 'SetNull' }),
  ]);

  const contact = newObject({ name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003', kind: 'standard' }, [
    ...systemFields(),
    ownerField(),
    ...nameParts(),
    emailField(),
    field({ name: 'Title', label: 'Title', type: 'string', length: 128 }),
    field({ name: 'Phone', label: 'Business Phone', type: 'phone', length: 40 }),
    // Deleting an Account deletes its Contacts and Opportunities in Salesforce.
    field({ name: 'AccountId', label: 'Account ID', type: 'reference', length: 18, referenceTo: ['Account'], relationshipName: 'Account', indexed: true, deleteConstraint: 'Cascade' }),
  ]);

  const account = newObject({ name: 'Account', label: 'Account', labelPlural: 'Accounts', keyPrefix: '001', kind: 'standard' }, [
    ...systemFields(),
    ownerField(),
    field({ name: 'Name', label: 'Account Name', type: 'string', length: 255, required: true, nillable: false, idLookup: true, indexed: true }),
    field({ name: 'Website', label: 'Website', type: 'url', length: 255 }),
    field({ name: 'Industry', label: 'Industry', type: 'string', length: 255 }),
  ]);

  const opportunity = newObject({ name: 'Opportunity', label: 'Opportunity', labelPlural: 'Opportunities', keyPrefix: '006', kind: 'standard' }, [
    ...systemFields(),
    ownerField(),
    field({ name: 'Name', label: 'Name', type: 'string', length: 120, required: true, nillable: false, idLookup: true, indexed: true }),
    field({ name: 'StageName', label: 'Stage', type: 'picklist', length: 255, required: true, nillable: false, picklistValues: picklist(OPPORTUNITY_STAGES), restrictedPicklist: false }),
    field({ name: 'CloseDate', label: 'Close Date', type: 'date', required: true, nillable: false }),
    field({ name: 'Amount', label: 'Amount', type: 'currency', precision: 18, scale: 2 }),
    field({ name: 'AccountId', label: 'Account ID', type: 'reference', length: 18, referenceTo: ['Account'], relationshipName: 'Account', indexed: true, deleteConstraint: 'Cascade' }),
    field({ name: 'IsClosed', label: 'Closed', type: 'boolean', ...readOnly, nillable: false, defaultedOnCreate: true, defaultValue: false }),
    field({ name: 'IsWon', label: 'Won', type: 'boolean', ...readOnly, nillable: false, defaultedOnCreate: true, defaultValue: false }),
  ]);

  const user = newObject({ name: 'User', label: 'User', labelPlural: 'Users', keyPrefix: '005', kind: 'standard', readOnly: true }, [
    ...systemFields(),
    field({ name: 'Username', label: 'Username', type: 'string', length: 80, required: true, nillable: false, unique: true, idLookup: true, indexed: true }),
    field({ name: 'Email', label: 'Email', type: 'email', length: 128, required: true, nillable: false, indexed: true }),
    field({ name: 'FirstName', label: 'First Name', type: 'string', length: 40 }),
    field({ name: 'LastName', label: 'Last Name', type: 'string', length: 80, required: true, nillable: false }),
    field({ name: 'Name', label: 'Full Name', type: 'string', length: 121, ...readOnly, idLookup: true, indexed: true }),
    field({ name: 'IsActive', label: 'Active', type: 'boolean', nillable: false, defaultedOnCreate: true, defaultValue: true }),
  ]);

  return [lead, contact, account, opportunity, user];
}
