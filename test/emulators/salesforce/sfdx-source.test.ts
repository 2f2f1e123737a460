/**
 * The SFDX source in salesforce/ must implement docs/data-model.md exactly: every object and
 * field with its type, length, flags, picklist values and relationships. The table rows of the
 * data-model page are parsed and compared with the schema the emulator loads from the XML.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { loadSchema } from '../../../src/emulators/salesforce/schema/schema';
import type { FieldDef } from '../../../src/emulators/salesforce/schema/model';

const root = path.resolve(__dirname, '../../..');
const sfdx = path.join(root, 'salesforce');
const schema = loadSchema(sfdx);
const doc = fs.readFileSync(path.join(root, 'docs/data-model.md'), 'utf8');

interface Row {
  object: string;
  field: string;
  spec: string;
}

function tableRows(): Row[] {
  const rows: Row[] = [];
  let object: string | undefined;
  const lastSpecs = new Map<string, string>();
  for (const line of doc.split('\n')) {
    const heading = /^### `([A-Za-z_]+__[ce])`/.exec(line);
    if (heading) object = heading[1];
    if (line.startsWith('## Fields added to standard objects')) object = undefined;
    const cells = line.split('|').map((c) => c.trim());
    if (!object || cells.length < 4 || !cells[1].startsWith('`')) continue;
    const names = [...cells[1].matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1]);
    for (const name of names) {
      let spec = cells[2];
      const asOn = /^as on `([A-Za-z_]+)`/.exec(spec);
      if (asOn) spec = lastSpecs.get(`${asOn[1]}.${name}`) ?? spec;
      if (spec === 'Picklist (restricted): same values') spec = lastSpecs.get(`${object}.Lead_Sync_Status__c`)!;
      lastSpecs.set(`${object}.${name}`, spec);
      rows.push({ object, field: name, spec });
    }
  }
  for (const line of doc.slice(doc.indexOf('## Fields added to standard objects')).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !cells[2].startsWith('`')) continue;
    for (const object of cells[1].split(',').map((s) => s.trim())) rows.push({ object, field: cells[2].replace(/`/g, ''), spec: cells[3] });
  }
  return rows;
}

function expectField(f: FieldDef, spec: string): void {
  const text = /^Text\((\d+)\)/.exec(spec);
  const long = /^LongTextArea\((\d+)\)/.exec(spec);
  const num = /^Number\((\d+),(\d+)\)/.exec(spec);
  const url = /^Url\((\d+)\)/.exec(spec);
  if (text) expect({ type: f.type, length: f.length }).toEqual({ type: 'string', length: Number(text[1]) });
  else if (long) expect({ type: f.type, length: f.length }).toEqual({ type: 'textarea', length: Number(long[1]) });
  else if (num) expect({ type: f.type, precision: f.precision, scale: f.scale }).toEqual({ type: 'double', precision: Number(num[1]), scale: Number(num[2]) });
  else if (url) expect({ type: f.type, length: f.length }).toEqual({ type: 'url', length: Number(url[1]) });
  else if (spec.startsWith('Checkbox')) expect({ type: f.type, defaultValue: f.defaultValue }).toEqual({ type: 'boolean', defaultValue: false });
  else if (spec.startsWith('DateTime')) expect(f.type).toBe('datetime');
  else if (spec.startsWith('Email')) expect(f.type).toBe('email');
  else if (spec.startsWith('AutoNumber')) expect({ type: f.type, format: f.autoNumberFormat, createable: f.createable }).toEqual({ type: 'string', format: /`(.+)`/.exec(spec)![1], createable: false });
  else if (spec.startsWith('Picklist (restricted)')) {
    expect({ type: f.type, restricted: f.restrictedPicklist }).toEqual({ type: 'picklist', restricted: true });
    expect(f.picklistValues!.map((v) => v.value)).toEqual([...spec.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
  } else if (spec.startsWith('Master-Detail')) {
    const m = /→ `([A-Za-z_]+)` \(relationship `([A-Za-z_]+)`(?:, order (\d))?\)/.exec(spec)!;
    expect({ type: f.type, masterDetail: f.masterDetail, referenceTo: f.referenceTo, child: f.childRelationshipName, required: f.required }).toEqual({
      type: 'reference', masterDetail: true, referenceTo: [m[1]], child: `${m[2]}__r`, required: true,
    });
    if (m[3] !== undefined) expect(f.relationshipOrder).toBe(Number(m[3]));
  } else if (spec.startsWith('Lookup')) {
    const m = /→ `([A-Za-z_]+)`, SetNull \(relationship `([A-Za-z_]+)`\)/.exec(spec)!;
    expect({ type: f.type, masterDetail: f.masterDetail, referenceTo: f.referenceTo, child: f.childRelationshipName, deleteConstraint: f.deleteConstraint }).toEqual({
      type: 'reference', masterDetail: false, referenceTo: [m[1]], child: `${m[2]}__r`, deleteConstraint: 'SetNull',
    });
  } else throw new Error(`unparsed spec ${spec}`);
  expect(f.externalId).toBe(spec.includes('External ID'));
  expect(f.unique).toBe(spec.includes('Unique'));
  const dv = /default (\d+)/.exec(spec);
  if (dv) expect(f.defaultValue).toBe(Number(dv[1]));
}

describe('SFDX source implements docs/data-model.md', () => {
  const rows = tableRows();

  it('finds every object and field of the data model', () => {
    expect(rows.length).toBeGreaterThan(120);
    const objects = new Set(rows.map((r) => r.object));
    expect([...objects].sort()).toEqual(
      ['Account', 'Account_Score__c', 'Contact', 'Lead', 'Opportunity', 'Page_Prospect__c', 'Page__c', 'Prospect_Score_Instance__c', 'Prospect_Score__c', 'Prospect__c', 'SW_Account_Tag_Segment_Trigger__c', 'SW_Apex_Job__c', 'SW_Match__e', 'SW_Opportunity_Score__c', 'SW_Opportunity_Tag__c', 'SW_Prospect_Tag__c', 'SW_Tag_Segment_Trigger__c', 'SW_Tag__c', 'Score__c', 'Website_Visit__c'].sort(),
    );
  });

  it.each(tableRows().map((r) => [`${r.object}.${r.field}`, r] as const))('%s has the documented type and flags', (_name, row) => {
    const obj = schema.get(row.object);
    expect(obj).toBeDefined();
    const f = obj!.fields.get(row.field);
    expect(f).toBeDefined();
    if (row.field === 'Name' && row.spec.startsWith('Text(80)')) {
      expect({ type: f!.type, length: f!.length }).toEqual({ type: 'string', length: 80 });
      return;
    }
    expectField(f!, row.spec);
  });

  it('declares no custom field that the data model does not list', () => {
    const documented = new Set(tableRows().map((r) => `${r.object}.${r.field}`));
    const extra: string[] = [];
    for (const obj of schema.objects.values()) {
      for (const f of obj.fields.values()) if (f.custom && !documented.has(`${obj.name}.${f.name}`)) extra.push(`${obj.name}.${f.name}`);
    }
    expect(extra).toEqual([]);
  });

  it('uses ControlledByParent on master-detail children and the event settings on SW_Match__e', () => {
    const parser = new XMLParser();
    const objectsDir = path.join(sfdx, 'force-app/main/default/objects');
    for (const obj of schema.objects.values()) {
      if (obj.kind !== 'custom') continue;
      const meta = parser.parse(fs.readFileSync(path.join(objectsDir, obj.name, `${obj.name}.object-meta.xml`), 'utf8')).CustomObject;
      const hasMaster = [...obj.fields.values()].some((f) => f.masterDetail);
      expect([obj.name, meta.sharingModel]).toEqual([obj.name, hasMaster ? 'ControlledByParent' : 'ReadWrite']);
    }
    const event = parser.parse(fs.readFileSync(path.join(objectsDir, 'SW_Match__e/SW_Match__e.object-meta.xml'), 'utf8')).CustomObject;
    expect([event.eventType, event.publishBehavior]).toEqual(['HighVolume', 'PublishAfterCommit']);
    const project = JSON.parse(fs.readFileSync(path.join(sfdx, 'sfdx-project.json'), 'utf8'));
    expect([project.namespace, project.sourceApiVersion]).toEqual(['', '62.0']);
  });

  it('keeps master-detail fields free of required/deleteConstraint and lookups on SetNull in the XML', () => {
    const objectsDir = path.join(sfdx, 'force-app/main/default/objects');
    for (const objDir of fs.readdirSync(objectsDir)) {
      const fieldsDir = path.join(objectsDir, objDir, 'fields');
      if (!fs.existsSync(fieldsDir)) continue;
      for (const file of fs.readdirSync(fieldsDir)) {
        const xml = fs.readFileSync(path.join(fieldsDir, file), 'utf8');
        if (xml.includes('<type>MasterDetail</type>')) {
          expect([file, xml.includes('<required>'), xml.includes('<deleteConstraint>'), xml.includes('<relationshipOrder>')]).toEqual([file, false, false, true]);
        }
        if (xml.includes('<type>Lookup</type>')) expect([file, xml.includes('<deleteConstraint>SetNull</deleteConstraint>')]).toEqual([file, true]);
      }
    }
  });

  it('ships the subscriber as an Apex trigger on SW_Match__e with its handler', () => {
    const base = path.join(sfdx, 'force-app/main/default');
    const trigger = fs.readFileSync(path.join(base, 'triggers/SWMatchEventTrigger.trigger'), 'utf8');
    expect(trigger).toMatch(/trigger SWMatchEventTrigger on SW_Match__e \(after insert\)/);
    const handler = fs.readFileSync(path.join(base, 'classes/SWMatchEventHandler.cls'), 'utf8');
    expect(handler).toContain('Database.update(updates, false)');
    expect(handler).toContain("code + ': ' + message + ' (' + recordId + ')'");
    for (const meta of ['triggers/SWMatchEventTrigger.trigger-meta.xml', 'classes/SWMatchEventHandler.cls-meta.xml', 'classes/SWMatchEventHandlerTest.cls-meta.xml']) {
      expect(fs.readFileSync(path.join(base, meta), 'utf8')).toContain('<apiVersion>62.0</apiVersion>');
    }
  });
});
