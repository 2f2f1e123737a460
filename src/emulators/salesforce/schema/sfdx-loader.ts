/**
 * Reads the project's SFDX source (`force-app/main/default/objects/**`) into object and field
 * definitions: custom objects, platform events and custom fields on standard objects. The
 * metadata XML is the same the org deploys, so the emulator's schema cannot drift from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { field, type FieldDef, type PicklistValue } from './model';

/** One object as found in the source, before namespacing and system fields. */
export interface SourceObject {
  name: string;
  /** Absent for standard objects that only receive custom fields. */
  meta?: {
    label: string;
    pluralLabel: string;
    sharingModel?: string;
    eventType?: string;
    nameField?: { label: string; type: string; displayFormat?: string };
  };
  fields: FieldDef[];
}

type Xml = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'value' || name === 'referenceTo',
});

function str(node: Xml, key: string): string | undefined {
  const v = node[key];
  return v === undefined || v === null ? undefined : String(v);
}

function bool(node: Xml, key: string): boolean {
  return str(node, key) === 'true';
}

function num(node: Xml, key: string): number | undefined {
  const v = str(node, key);
  return v === undefined ? undefined : Number(v);
}

function readXml(file: string, root: string): Xml {
  const parsed = parser.parse(fs.readFileSync(file, 'utf8')) as Xml;
  const node = parsed[root];
  if (!node || typeof node !== 'object') throw new Error(`${file}: expected a <${root}> document`);
  return node as Xml;
}

function picklistValues(node: Xml): { values: PicklistValue[]; restricted: boolean } {
  const valueSet = (node.valueSet ?? {}) as Xml;
  const definition = (valueSet.valueSetDefinition ?? {}) as Xml;
  const values = ((definition.value ?? []) as Xml[]).map((v) => ({
    value: String(v.fullName),
    label: str(v, 'label') ?? String(v.fullName),
    defaultValue: bool(v, 'default'),
  }));
  return { values, restricted: bool(valueSet, 'restricted') };
}

/** Converts one `<CustomField>` to a field definition (un-namespaced names). */
export function parseCustomField(node: Xml, file: string): FieldDef {
  const name = str(node, 'fullName');
  const type = str(node, 'type');
  if (!name || !type) throw new Error(`${file}: <fullName> and <type> are required`);
  const label = str(node, 'label') ?? name;
  const common = {
    name,
    label,
    custom: true,
    externalId: bool(node, 'externalId'),
    unique: bool(node, 'unique'),
    caseSensitive: bool(node, 'caseSensitive'),
    required: bool(node, 'required'),
  };
  const keyed = common.externalId || common.unique;
  const base = { ...common, nillable: !common.required, idLookup: keyed, indexed: keyed };
  switch (type) {
    case 'Text':
      return field({ ...base, type: 'string', length: num(node, 'length') ?? 255 });
    case 'TextArea':
      return field({ ...base, type: 'textarea', length: 255 });
    case 'LongTextArea':
    case 'Html':
      return field({ ...base, type: 'textarea', length: num(node, 'length') ?? 32768 });
    case 'Email':
      return field({ ...base, type: 'email', length: 80 });
    case 'Url':
      return field({ ...base, type: 'url', length: 255 });
    case 'Phone':
      return field({ ...base, type: 'phone', length: 40 });
    case 'Checkbox':
      // Checkboxes are never null: they default to their <defaultValue>.
      return field({ ...base, type: 'boolean', nillable: false, defaultedOnCreate: true, defaultValue: str(node, 'defaultValue') === 'true' });
    case 'Number':
    case 'Currency':
    case 'Percent': {
      const dv = str(node, 'defaultValue');
      return field({
        ...base,
        type: type === 'Number' ? 'double' : type === 'Currency' ? 'currency' : 'percent',
        precision: num(node, 'precision') ?? 18,
        scale: num(node, 'scale') ?? 0,
        defaultValue: dv === undefined ? undefined : Number(dv),
        defaultedOnCreate: dv !== undefined,
      });
    }
    case 'Date':
      return field({ ...base, type: 'date' });
    case 'DateTime':
      return field({ ...base, type: 'datetime' });
    case 'Picklist': {
      const { values, restricted } = picklistValues(node);
      const dv = values.find((v) => v.defaultValue);
      return field({ ...base, type: 'picklist', length: 255, picklistValues: values, restrictedPicklist: restricted, defaultValue: dv?.value, defaultedOnCreate: dv !== undefined });
    }
    case 'Lookup':
    case 'MasterDetail': {
      const referenceTo = ((node.referenceTo ?? []) as unknown[]).map(String);
      const relationshipName = str(node, 'relationshipName');
      if (referenceTo.length === 0 || !relationshipName) throw new Error(`${file}: a ${type} field needs <referenceTo> and <relationshipName>`);
      const master = type === 'MasterDetail';
      const reparentable = master ? bool(node, 'reparentableMasterDetail') : true;
      return field({
        ...base,
        type: 'reference',
        length: 18,
        referenceTo,
        // Child relationship name as declared; the parent path (`X__r`) is derived in the schema.
        relationshipName,
        masterDetail: master,
        relationshipOrder: master ? num(node, 'relationshipOrder') ?? 0 : undefined,
        reparentable,
        required: master || common.required,
        nillable: !(master || common.required),
        updateable: reparentable,
        deleteConstraint: master ? 'Cascade' : ((str(node, 'deleteConstraint') ?? 'SetNull') as FieldDef['deleteConstraint']),
        indexed: true,
      });
    }
    default:
      throw new Error(`${file}: field type ${type} is not supported by the emulator`);
  }
}

/** Reads every object folder under `<sfdxPath>/force-app/main/default/objects`. */
export function readSfdxObjects(sfdxPath: string): SourceObject[] {
  const objectsDir = path.join(sfdxPath, 'force-app', 'main', 'default', 'objects');
  if (!fs.existsSync(objectsDir)) throw new Error(`SFDX source not found: ${objectsDir}`);
  const result: SourceObject[] = [];
  for (const name of fs.readdirSync(objectsDir).sort()) {
    const dir = path.join(objectsDir, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const source: SourceObject = { name, fields: [] };
    const metaFile = path.join(dir, `${name}.object-meta.xml`);
    if (fs.existsSync(metaFile)) {
      const node = readXml(metaFile, 'CustomObject');
      const nameField = node.nameField as Xml | undefined;
      source.meta = {
        label: str(node, 'label') ?? name,
        pluralLabel: str(node, 'pluralLabel') ?? name,
        sharingModel: str(node, 'sharingModel'),
        eventType: str(node, 'eventType'),
        nameField: nameField ? { label: str(nameField, 'label') ?? 'Name', type: str(nameField, 'type') ?? 'Text', displayFormat: str(nameField, 'displayFormat') } : undefined,
      };
    }
    const fieldsDir = path.join(dir, 'fields');
    if (fs.existsSync(fieldsDir)) {
      for (const file of fs.readdirSync(fieldsDir).sort()) {
        if (!file.endsWith('.field-meta.xml')) continue;
        const full = path.join(fieldsDir, file);
        source.fields.push(parseCustomField(readXml(full, 'CustomField'), full));
      }
    }
    result.push(source);
  }
  return result;
}
