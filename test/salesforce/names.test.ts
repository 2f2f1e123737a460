/**
 * names.ts against the SFDX source in salesforce/force-app: every constant names a real object
 * or field, every field of the source has a constant, and relationships match their XML.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import {
  OBJECTS,
  PACKAGE_NAMES,
  RELATIONSHIPS,
  childRelationship,
  parentRelationship,
  Lead,
  Prospect,
} from '../../src/salesforce/names';

const OBJECTS_DIR = path.resolve(__dirname, '../../salesforce/force-app/main/default/objects');
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

interface FieldXml {
  fullName: string;
  type: string;
  referenceTo?: string;
  relationshipName?: string;
}

function readField(object: string, field: string): FieldXml | undefined {
  const file = path.join(OBJECTS_DIR, object, 'fields', `${field}.field-meta.xml`);
  if (!fs.existsSync(file)) return undefined;
  return (parser.parse(fs.readFileSync(file, 'utf8')) as { CustomField: FieldXml }).CustomField;
}

function sourceFields(object: string): string[] {
  const dir = path.join(OBJECTS_DIR, object, 'fields');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.field-meta.xml')).map((f) => f.replace('.field-meta.xml', ''));
}

const isCustom = (name: string): boolean => /__(c|e)$/.test(name);

describe('names.ts matches the SFDX source', () => {
  it('reads the SFDX object folders (the source is present)', () => {
    expect(fs.readdirSync(OBJECTS_DIR).length).toBeGreaterThan(10);
  });

  it.each(OBJECTS.filter((o) => isCustom(o.object)).map((o) => [o.object]))('custom object %s has an object-meta.xml', (object) => {
    expect(fs.existsSync(path.join(OBJECTS_DIR, object, `${object}.object-meta.xml`))).toBe(true);
  });

  it.each(OBJECTS.map((o) => [o.object, o] as const))('every custom field constant of %s has a field-meta.xml of that name', (object, group) => {
    const customFields = Object.entries(group).filter(([key, value]) => key !== 'object' && value.endsWith('__c'));
    const missing = customFields.filter(([, field]) => readField(object, field)?.fullName !== field).map(([, f]) => f);
    expect(missing).toEqual([]);
  });

  it('every field in the SFDX source has a constant', () => {
    const known = new Map(OBJECTS.map((o) => [o.object, new Set(Object.values(o))]));
    const folders = fs.readdirSync(OBJECTS_DIR);
    const uncovered: string[] = [];
    for (const object of folders) {
      const constants = known.get(object);
      if (!constants) {
        uncovered.push(object);
        continue;
      }
      for (const field of sourceFields(object)) if (!constants.has(field)) uncovered.push(`${object}.${field}`);
    }
    expect(uncovered).toEqual([]);
  });

  it('every relationship field matches its XML type, target and relationship name', () => {
    const mismatches = RELATIONSHIPS.flatMap((rel) => {
      const xml = readField(rel.object, rel.field);
      const actual = xml && { kind: xml.type, referenceTo: xml.referenceTo, relationshipName: xml.relationshipName };
      const expected = { kind: rel.kind, referenceTo: rel.referenceTo, relationshipName: rel.relationshipName };
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ field: `${rel.object}.${rel.field}`, actual, expected }];
    });
    expect(mismatches).toEqual([]);
  });

  it('every Lookup and MasterDetail field of the source is listed in RELATIONSHIPS', () => {
    const listed = new Set(RELATIONSHIPS.map((r) => `${r.object}.${r.field}`));
    const unlisted: string[] = [];
    for (const object of fs.readdirSync(OBJECTS_DIR)) {
      for (const field of sourceFields(object)) {
        const xml = readField(object, field);
        if ((xml?.type === 'Lookup' || xml?.type === 'MasterDetail') && !listed.has(`${object}.${field}`)) unlisted.push(`${object}.${field}`);
      }
    }
    expect(unlisted).toEqual([]);
  });
});

describe('names.ts matches docs/data-model.md', () => {
  it('every custom object and field the data model names has a constant', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/data-model.md'), 'utf8');
    const named = new Set([...doc.matchAll(/`([A-Za-z_]+__[ce])`/g)].map((m) => m[1]));
    expect(named.size).toBeGreaterThan(40);
    expect([...named].filter((n) => !PACKAGE_NAMES.has(n))).toEqual([]);
  });
});

describe('package names', () => {
  it('include every custom object, field, parent path and child relationship of the package', () => {
    expect(PACKAGE_NAMES.has(Prospect.object)).toBe(true);
    expect(PACKAGE_NAMES.has(Prospect.Email)).toBe(true);
    expect(PACKAGE_NAMES.has(Lead.ProspectId)).toBe(true);
    expect(PACKAGE_NAMES.has('SW_Match__e')).toBe(true);
    expect(PACKAGE_NAMES.has(parentRelationship('Prospect__c'))).toBe(true);
    expect(PACKAGE_NAMES.has(childRelationship('Prospect_Tags'))).toBe(true);
    expect(PACKAGE_NAMES.has('Record_Scores__r')).toBe(true);
  });

  it('exclude standard objects and fields', () => {
    for (const standard of ['Lead', 'Contact', 'Email', 'Name', 'Id', 'AccountId', 'SystemModstamp']) {
      expect(PACKAGE_NAMES.has(standard)).toBe(false);
    }
  });

  it('use the constants the data model names', () => {
    expect(Prospect.object).toBe('Prospect__c');
    expect(Prospect.Email).toBe('Email__c');
    expect(Lead.ProspectId).toBe('Prospect_Id__c');
  });
});
