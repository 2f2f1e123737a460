/**
 * The emulator's object model: what an org's metadata says about each sObject and field.
 * Names here are the names the API exposes (namespace prefix already applied).
 */

/** Describe field types the emulator understands (the `type` of a describe field). */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'url'
  | 'phone'
  | 'picklist'
  | 'boolean'
  | 'double'
  | 'int'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference';

export interface PicklistValue {
  value: string;
  label: string;
  defaultValue: boolean;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  custom: boolean;
  /** Characters for text types (0 for non-text). */
  length: number;
  precision?: number;
  scale?: number;
  /** Writable on insert by API users. */
  createable: boolean;
  /** Writable on update by API users. */
  updateable: boolean;
  /** Value required on insert (REQUIRED_FIELD_MISSING). */
  required: boolean;
  nillable: boolean;
  unique: boolean;
  externalId: boolean;
  caseSensitive: boolean;
  idLookup: boolean;
  defaultValue?: string | number | boolean | null;
  defaultedOnCreate: boolean;
  picklistValues?: PicklistValue[];
  restrictedPicklist?: boolean;
  referenceTo?: string[];
  /** Relationship name used in SOQL paths (`Account`, `Prospect__r`). */
  relationshipName?: string;
  /** Name of the child relationship on the referenced object (`Contacts`, `Prospect_Tags__r`). */
  childRelationshipName?: string;
  /** Master-detail field (cascade delete, required master). */
  masterDetail?: boolean;
  relationshipOrder?: number;
  reparentable?: boolean;
  /** What happens to this lookup when its parent is deleted. */
  deleteConstraint?: 'SetNull' | 'Restrict' | 'Cascade';
  /** Auto-number display format, e.g. `JOB-{0000000}`. */
  autoNumberFormat?: string;
  /** Secondary index for `=`/`IN` lookups (Email on Lead/Contact, references, external ids). */
  indexed: boolean;
}

export type ObjectKind = 'standard' | 'custom' | 'event';

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  kind: ObjectKind;
  /** Fields by exact API name. */
  fields: Map<string, FieldDef>;
  /** Lower-cased API name → field, for case-insensitive lookups. */
  fieldsLower: Map<string, FieldDef>;
  sharingModel?: string;
  /** Rows can be read but not written through the API (User in this emulator). */
  readOnly?: boolean;
}

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string;
  cascadeDelete: boolean;
  restrictedDelete: boolean;
}

/** Builds a field with the defaults most fields share. */
export function field(partial: Partial<FieldDef> & Pick<FieldDef, 'name' | 'type'>): FieldDef {
  const isText = isTextType(partial.type);
  return {
    label: partial.name,
    custom: partial.name.endsWith('__c'),
    length: isText ? 255 : 0,
    createable: true,
    updateable: true,
    required: false,
    nillable: true,
    unique: false,
    externalId: false,
    caseSensitive: false,
    idLookup: false,
    defaultedOnCreate: false,
    indexed: false,
    ...partial,
  };
}

export function addField(obj: ObjectDef, def: FieldDef): void {
  obj.fields.set(def.name, def);
  obj.fieldsLower.set(def.name.toLowerCase(), def);
}

export function newObject(partial: Omit<ObjectDef, 'fields' | 'fieldsLower'>, fields: FieldDef[] = []): ObjectDef {
  const obj: ObjectDef = { ...partial, fields: new Map(), fieldsLower: new Map() };
  for (const f of fields) addField(obj, f);
  return obj;
}

/** Text-like types whose values are strings with a length limit. */
export function isTextType(type: FieldType): boolean {
  return type === 'string' || type === 'textarea' || type === 'email' || type === 'url' || type === 'phone' || type === 'picklist';
}

export function isNumericType(type: FieldType): boolean {
  return type === 'double' || type === 'int' || type === 'currency' || type === 'percent';
}
