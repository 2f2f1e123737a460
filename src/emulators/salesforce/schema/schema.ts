/**
 * The org's schema as the API exposes it: standard objects plus the SFDX source, with the
 * optional namespace prefix applied to every custom object, custom field and custom
 * relationship name (`saleswings__Prospect__c`, `saleswings__Prospect__r`,
 * `saleswings__Prospect_Tags__r`). Lookups of names are case-insensitive, as in SOQL and DML.
 */
import { base62 } from './ids';
import { addField, field, newObject, type ChildRelationship, type FieldDef, type ObjectDef } from './model';
import { readSfdxObjects, type SourceObject } from './sfdx-loader';
import { ownerField, standardObjects, systemFields } from './standard-objects';

export class Schema {
  readonly objects = new Map<string, ObjectDef>();
  private readonly lower = new Map<string, ObjectDef>();
  private readonly byPrefix = new Map<string, ObjectDef>();
  private readonly children = new Map<string, ChildRelationship[]>();
  /** Parent relationship name (lower-case) → reference field, per object. */
  private readonly parents = new Map<string, Map<string, FieldDef>>();

  constructor(
    objects: ObjectDef[],
    /** Namespace without the trailing `__`; empty for none. */
    readonly namespace: string,
  ) {
    for (const obj of objects) {
      this.objects.set(obj.name, obj);
      this.lower.set(obj.name.toLowerCase(), obj);
      this.byPrefix.set(obj.keyPrefix, obj);
    }
    for (const obj of objects) {
      const parents = new Map<string, FieldDef>();
      for (const f of obj.fields.values()) {
        if (f.type !== 'reference' || !f.relationshipName) continue;
        parents.set(f.relationshipName.toLowerCase(), f);
      }
      this.parents.set(obj.name, parents);
    }
    for (const obj of objects) {
      for (const f of obj.fields.values()) {
        if (f.type !== 'reference' || !f.referenceTo || !f.childRelationshipName) continue;
        for (const target of f.referenceTo) {
          const list = this.children.get(target) ?? [];
          list.push({
            childSObject: obj.name,
            field: f.name,
            relationshipName: f.childRelationshipName,
            cascadeDelete: f.deleteConstraint === 'Cascade',
            restrictedDelete: f.deleteConstraint === 'Restrict',
          });
          this.children.set(target, list);
        }
      }
    }
  }

  /** Case-insensitive object lookup. */
  get(name: string): ObjectDef | undefined {
    return this.lower.get(name.toLowerCase());
  }

  /** Case-insensitive field lookup. */
  field(obj: ObjectDef, name: string): FieldDef | undefined {
    return obj.fieldsLower.get(name.toLowerCase());
  }

  objectForId(id: string): ObjectDef | undefined {
    return this.byPrefix.get(id.slice(0, 3));
  }

  /** The reference field behind a parent relationship name (`Account`, `Prospect__r`). */
  parentRelationship(obj: ObjectDef, relationshipName: string): FieldDef | undefined {
    return this.parents.get(obj.name)?.get(relationshipName.toLowerCase());
  }

  childRelationships(obj: ObjectDef): ChildRelationship[] {
    return this.children.get(obj.name) ?? [];
  }

  childRelationship(obj: ObjectDef, relationshipName: string): ChildRelationship | undefined {
    const lower = relationshipName.toLowerCase();
    return this.childRelationships(obj).find((c) => c.relationshipName.toLowerCase() === lower);
  }

  /** Applies the namespace prefix to a custom name from the SFDX source (`Prospect__c`). */
  ns(name: string): string {
    return applyNamespace(name, this.namespace);
  }
}

/** `Prospect__c` → `saleswings__Prospect__c`; standard names are returned unchanged. */
export function applyNamespace(name: string, namespace: string): string {
  if (!namespace || !/__(c|e|r)$/.test(name)) return name;
  if (name.startsWith(`${namespace}__`)) return name;
  return `${namespace}__${name}`;
}

const STANDARD_CHILD_RELATIONSHIPS: Record<string, string> = {
  'Contact.AccountId': 'Contacts',
  'Opportunity.AccountId': 'Opportunities',
};

function namespaced(def: FieldDef, namespace: string): FieldDef {
  const out: FieldDef = { ...def, name: applyNamespace(def.name, namespace) };
  if (def.type === 'reference' && def.referenceTo) {
    out.referenceTo = def.referenceTo.map((r) => applyNamespace(r, namespace));
    // Custom relationship: the parent path is the field name with __r; the child
    // relationship is the declared name with __r.
    out.relationshipName = out.name.replace(/__c$/, '__r');
    out.childRelationshipName = applyNamespace(`${def.relationshipName}__r`, namespace);
  }
  return out;
}

function customObject(source: SourceObject, keyPrefix: string, namespace: string): ObjectDef {
  const meta = source.meta!;
  const isEvent = source.name.endsWith('__e');
  const name = applyNamespace(source.name, namespace);
  if (isEvent) {
    const readOnly = { createable: false, updateable: false, nillable: false, defaultedOnCreate: true };
    return newObject({ name, label: meta.label, labelPlural: meta.pluralLabel, keyPrefix, kind: 'event' }, [
      field({ name: 'ReplayId', label: 'Replay ID', type: 'string', length: 255, ...readOnly }),
      field({ name: 'EventUuid', label: 'Event UUID', type: 'string', length: 36, ...readOnly }),
      field({ name: 'CreatedDate', label: 'Created Date', type: 'datetime', ...readOnly }),
      field({ name: 'CreatedById', label: 'Created By ID', type: 'reference', length: 18, ...readOnly, referenceTo: ['User'], relationshipName: 'CreatedBy' }),
      ...source.fields.map((f) => namespaced(f, namespace)),
    ]);
  }
  const hasMaster = source.fields.some((f) => f.masterDetail);
  const nameField = meta.nameField ?? { label: 'Name', type: 'Text' };
  const autoNumber = nameField.type === 'AutoNumber';
  const fields = [...systemFields()];
  // Master-detail children inherit ownership from the master: no OwnerId.
  if (!hasMaster) fields.push(ownerField());
  fields.push(
    field({
      name: 'Name',
      label: nameField.label,
      type: 'string',
      length: 80,
      custom: false,
      idLookup: true,
      indexed: true,
      // A custom object's text Name defaults to the record id when omitted.
      defaultedOnCreate: true,
      createable: !autoNumber,
      updateable: !autoNumber,
      nillable: autoNumber ? false : true,
      autoNumberFormat: autoNumber ? nameField.displayFormat ?? '{0}' : undefined,
    }),
  );
  fields.push(...source.fields.map((f) => namespaced(f, namespace)));
  return newObject({ name, label: meta.label, labelPlural: meta.pluralLabel, keyPrefix, kind: 'custom', sharingModel: meta.sharingModel }, fields);
}

/** Builds the schema from the built-in standard objects and the SFDX source at `sfdxPath`. */
export function loadSchema(sfdxPath: string, namespace = ''): Schema {
  const objects = standardObjects();
  for (const obj of objects) {
    for (const f of obj.fields.values()) {
      const rel = STANDARD_CHILD_RELATIONSHIPS[`${obj.name}.${f.name}`];
      if (rel) f.childRelationshipName = rel;
    }
  }
  const sources = readSfdxObjects(sfdxPath);
  let customIndex = 0;
  let eventIndex = 0;
  for (const source of sources) {
    if (source.meta) {
      const isEvent = source.name.endsWith('__e');
      // Stable key prefixes in the a0X…/e0X… style real orgs assign.
      const prefix = isEvent ? `e0${base62(10 + eventIndex++, 1)}` : `a${base62(Math.floor((10 + customIndex) / 62), 1)}${base62((10 + customIndex++) % 62, 1)}`;
      objects.push(customObject(source, prefix, namespace));
      continue;
    }
    const std = objects.find((o) => o.name === source.name);
    if (!std) throw new Error(`SFDX source adds fields to ${source.name}, which the emulator does not know`);
    for (const f of source.fields) addField(std, namespaced(f, namespace));
  }
  return new Schema(objects, namespace);
}
