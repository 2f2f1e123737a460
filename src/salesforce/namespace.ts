/**
 * The one place the managed-package prefix is applied. Orgs that run the SalesWings managed
 * package name every package object, field and relationship `saleswings__X__c`; our SFDX source
 * and all code use the unprefixed names of `names.ts`. Outgoing SOQL and records are rewritten
 * here, incoming records are stripped here, and nothing else in the product knows about the
 * prefix.
 *
 * Only package names (`PACKAGE_NAMES`) are prefixed: a customer's own `My_Field__c` and standard
 * names (`Email`) pass unchanged, as do names that already carry any namespace
 * (`other__Field__c`). String literals inside SOQL are never touched.
 */
import { PACKAGE_NAMES } from './names';

/** A record as sent to or received from the REST API. */
export type SalesforceRecord = Record<string, unknown>;

export interface Namespace {
  /** `saleswings__`, or `''` for unnamespaced orgs. */
  readonly prefix: string;
  /** Prefixes one API name if it is a package name (`Email__c` → `saleswings__Email__c`). */
  name(name: string): string;
  /** Prefixes each segment of a dotted path (`Prospect__r.SW_Id__c`). */
  path(path: string): string;
  /** Removes the prefix from one API name received from Salesforce. */
  strip(name: string): string;
  /** Rewrites every package identifier of a SOQL statement, leaving string literals alone. */
  soql(soql: string): string;
  /** Rewrites the keys of an outgoing record, including nested `X__r: { Ext__c: v }` references. */
  outgoing<T extends SalesforceRecord>(record: T): SalesforceRecord;
  /**
   * Strips the prefix from an incoming record: keys, parents, sub-query `records`,
   * `attributes.type`; with `dropAttributes`, leaves the `attributes` out at every level.
   */
  incoming<T = SalesforceRecord>(record: unknown, options?: { dropAttributes?: boolean }): T;
}

/** Normalises `saleswings`, `saleswings__` or empty to the prefix form. */
export function namespacePrefix(namespace: string | undefined): string {
  const ns = (namespace ?? '').trim().replace(/__$/, '');
  if (ns === '') return '';
  if (!/^[A-Za-z][A-Za-z0-9]{0,14}$/.test(ns)) {
    throw new RangeError(`Invalid Salesforce namespace "${ns}": letters and digits only, at most 15 characters`);
  }
  return `${ns}__`;
}

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_.]/;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Creates the namespace rewriter. With an empty namespace every method is the identity (records
 * are still copied by `outgoing`/`incoming` so callers never share mutable state).
 */
export function createNamespace(namespace?: string, packageNames: ReadonlySet<string> = PACKAGE_NAMES): Namespace {
  const prefix = namespacePrefix(namespace);
  // SOQL identifiers are case-insensitive; keep one lookup by lower case.
  const known = new Set([...packageNames].map((n) => n.toLowerCase()));
  const prefixLower = prefix.toLowerCase();

  const name = (n: string): string => (prefix !== '' && known.has(n.toLowerCase()) ? prefix + n : n);
  const path = (p: string): string => (prefix === '' ? p : p.split('.').map(name).join('.'));
  const strip = (n: string): string =>
    prefix !== '' && n.toLowerCase().startsWith(prefixLower) ? n.slice(prefix.length) : n;

  const soql = (statement: string): string => {
    if (prefix === '') return statement;
    let out = '';
    let i = 0;
    while (i < statement.length) {
      const ch = statement[i];
      if (ch === "'") {
        // Copy a string literal verbatim, honouring backslash escapes.
        let j = i + 1;
        while (j < statement.length && statement[j] !== "'") j += statement[j] === '\\' ? 2 : 1;
        out += statement.slice(i, j + 1);
        i = j + 1;
      } else if (IDENTIFIER_START.test(ch) && (i === 0 || !/[A-Za-z0-9_]/.test(statement[i - 1]))) {
        let j = i + 1;
        while (j < statement.length && IDENTIFIER_PART.test(statement[j])) j += 1;
        out += path(statement.slice(i, j));
        i = j;
      } else {
        out += ch;
        i += 1;
      }
    }
    return out;
  };

  const outgoingValue = (value: unknown): unknown => (isPlainObject(value) ? outgoing(value) : value);
  const outgoing = (record: SalesforceRecord): SalesforceRecord => {
    const out: SalesforceRecord = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === 'attributes' && isPlainObject(value)) {
        out.attributes = typeof value.type === 'string' ? { ...value, type: name(value.type) } : { ...value };
      } else {
        out[path(key)] = outgoingValue(value);
      }
    }
    return out;
  };

  const incomingValue = (value: unknown, dropAttributes: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => incomingValue(item, dropAttributes));
    if (!isPlainObject(value)) return value;
    const out: SalesforceRecord = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'attributes' && dropAttributes) continue;
      if (key === 'attributes' && isPlainObject(inner)) {
        out.attributes = typeof inner.type === 'string' ? { ...inner, type: strip(inner.type) } : { ...inner };
      } else {
        out[prefix === '' ? key : key.split('.').map(strip).join('.')] = incomingValue(inner, dropAttributes);
      }
    }
    return out;
  };

  return {
    prefix,
    name,
    path,
    strip,
    soql,
    outgoing: (record) => outgoing(record),
    incoming: <T>(record: unknown, options: { dropAttributes?: boolean } = {}) => incomingValue(record, options.dropAttributes === true) as T,
  };
}
