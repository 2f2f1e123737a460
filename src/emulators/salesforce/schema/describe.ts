/**
 * Describe output (`/sobjects`, `/sobjects/X/describe`) in the shape the REST API returns,
 * limited to the properties clients use.
 */
import type { FieldDef, ObjectDef } from './model';
import type { Schema } from './schema';

function objectUrls(version: string, name: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function objectSummary(obj: ObjectDef, version: string) {
  const writable = !obj.readOnly;
  return {
    name: obj.name,
    label: obj.label,
    labelPlural: obj.labelPlural,
    keyPrefix: obj.keyPrefix,
    custom: obj.kind !== 'standard',
    customSetting: false,
    createable: writable,
    updateable: writable && obj.kind !== 'event',
    deletable: writable && obj.kind !== 'event',
    queryable: obj.kind !== 'event',
    searchable: obj.kind !== 'event',
    triggerable: true,
    urls: objectUrls(version, obj.name),
  };
}

export function describeField(f: FieldDef) {
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    soapType: soapType(f),
    length: f.length,
    precision: f.precision ?? 0,
    scale: f.scale ?? 0,
    custom: f.custom,
    nillable: f.nillable,
    unique: f.unique,
    externalId: f.externalId,
    idLookup: f.idLookup,
    caseSensitive: f.caseSensitive,
    createable: f.createable,
    updateable: f.updateable,
    defaultedOnCreate: f.defaultedOnCreate,
    defaultValue: f.defaultValue ?? null,
    autoNumber: f.autoNumberFormat !== undefined,
    calculated: false,
    filterable: true,
    sortable: f.type !== 'textarea' || f.length <= 255,
    groupable: f.type !== 'textarea' && f.type !== 'double' && f.type !== 'currency',
    referenceTo: f.referenceTo ?? [],
    relationshipName: f.type === 'reference' ? f.relationshipName ?? null : null,
    relationshipOrder: f.relationshipOrder ?? null,
    cascadeDelete: f.masterDetail === true,
    writeRequiresMasterRead: false,
    restrictedPicklist: f.restrictedPicklist === true,
    picklistValues: (f.picklistValues ?? []).map((v) => ({ active: true, defaultValue: v.defaultValue, label: v.label, validFor: null, value: v.value })),
    extraTypeInfo: f.type === 'textarea' && f.length > 255 ? 'plaintextarea' : null,
  };
}

function soapType(f: FieldDef): string {
  switch (f.type) {
    case 'id':
    case 'reference':
      return 'tns:ID';
    case 'boolean':
      return 'xsd:boolean';
    case 'double':
    case 'currency':
    case 'percent':
      return 'xsd:double';
    case 'int':
      return 'xsd:int';
    case 'date':
      return 'xsd:date';
    case 'datetime':
      return 'xsd:dateTime';
    default:
      return 'xsd:string';
  }
}

export function describeSObject(schema: Schema, obj: ObjectDef, version: string) {
  return {
    ...objectSummary(obj, version),
    fields: [...obj.fields.values()].map(describeField),
    childRelationships: schema.childRelationships(obj).map((c) => ({
      childSObject: c.childSObject,
      field: c.field,
      relationshipName: c.relationshipName,
      cascadeDelete: c.cascadeDelete,
      restrictedDelete: c.restrictedDelete,
      deprecatedAndHidden: false,
      junctionIdListNames: [],
      junctionReferenceTo: [],
    })),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All records', name: 'everything' }],
  };
}

export function describeGlobal(schema: Schema, version: string) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: [...schema.objects.values()].map((o) => objectSummary(o, version)),
  };
}

export function basicInfo(obj: ObjectDef, version: string) {
  return { objectDescribe: objectSummary(obj, version), recentItems: [] };
}
