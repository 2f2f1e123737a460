/**
 * The reads of the roll-up steps, each one query per page of Accounts (see grouped-query.ts for
 * the rare split): Salesforce counts and aggregates, the worker never reads contact rows.
 */
import { type SalesforceGateway } from '../../salesforce/gateway';
import { type SalesforceRecord } from '../../salesforce/namespace';
import { type ExistingRecord } from '../../sync/align';
import { type ScoreTotals, type TemperatureCount } from '../../sync/rollup-aggregates';
import { type FieldValues } from '../../sync/values';
import { type StoredDefinitions } from '../support/definitions';
import { type AccountPage } from './account-pages';
import { readGrouped } from './grouped-query';

type ByAccount<T> = Map<string, T>;

/** Salesforce Id of a definition → its SalesWings id. */
export function swIdsBySalesforceId(definitions: StoredDefinitions): Map<string, string> {
  return new Map([...definitions].map(([swId, d]) => [d.id, swId]));
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function entry<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** Contacts carrying each tag, per Account and SalesWings tag id (from the contacts' tag copies). */
export async function readTagCounts(
  gateway: SalesforceGateway,
  page: AccountPage,
  swIdOf: ReadonlyMap<string, string>,
): Promise<ByAccount<Map<string, number>>> {
  const rows = await readGrouped(gateway, page, {
    from: 'SW_Tag_Segment_Trigger__c',
    account: 'Contact__r.AccountId',
    select: 'Prospect_Tag__r.Tag__c def, COUNT_DISTINCT(Contact__c) n',
    groupBy: 'Prospect_Tag__r.Tag__c',
    where: 'Prospect_Tag__r.Tag__c != null',
    key: { field: 'Prospect_Tag__r.Tag__c', alias: 'def' },
  });
  const out: ByAccount<Map<string, number>> = new Map();
  for (const row of rows) {
    const swId = swIdOf.get(row.def as string);
    if (swId) entry(out, row.acc as string, () => new Map<string, number>()).set(swId, numberOrNull(row.n) ?? 0);
  }
  return out;
}

/** MAX / SUM / COUNT of the contacts' values per Account and SalesWings score id. */
export async function readScoreTotals(
  gateway: SalesforceGateway,
  page: AccountPage,
  swIdOf: ReadonlyMap<string, string>,
): Promise<ByAccount<Map<string, ScoreTotals>>> {
  const rows = await readGrouped(gateway, page, {
    from: 'Prospect_Score_Instance__c',
    account: 'Contact__r.AccountId',
    select: 'Prospect_Score__r.Score__c def, MAX(Value__c) mx, SUM(Value__c) sm, COUNT(Value__c) n',
    groupBy: 'Prospect_Score__r.Score__c',
    where: 'Value__c != null',
    key: { field: 'Prospect_Score__r.Score__c', alias: 'def' },
  });
  const out: ByAccount<Map<string, ScoreTotals>> = new Map();
  for (const row of rows) {
    const swId = swIdOf.get(row.def as string);
    if (!swId) continue;
    entry(out, row.acc as string, () => new Map<string, ScoreTotals>()).set(swId, {
      max: numberOrNull(row.mx),
      sum: numberOrNull(row.sm),
      count: numberOrNull(row.n) ?? 0,
    });
  }
  return out;
}

/** Contact figures per Account: the lead score totals and the latest visit. */
export interface ContactFigures {
  contactCount: number;
  leadScore?: ScoreTotals | null;
  lastVisitAt?: string | null;
}

/**
 * One row per Account: its contacts, and the totals of the Contact fields the lead score and the
 * last visit come from (each only when asked for).
 */
export async function readContactFigures(
  gateway: SalesforceGateway,
  page: AccountPage,
  fields: { leadScore?: string; lastVisit?: string },
): Promise<ByAccount<ContactFigures>> {
  const select = ['COUNT(Id) contacts'];
  if (fields.leadScore) select.push(`MAX(${fields.leadScore}) lsMax`, `SUM(${fields.leadScore}) lsSum`, `COUNT(${fields.leadScore}) lsCount`);
  if (fields.lastVisit) select.push(`MAX(${fields.lastVisit}) lastVisit`);
  const rows = await readGrouped(gateway, page, { from: 'Contact', account: 'AccountId', select: select.join(', ') });
  const out: ByAccount<ContactFigures> = new Map();
  for (const row of rows) {
    const figures: ContactFigures = { contactCount: numberOrNull(row.contacts) ?? 0 };
    if (fields.leadScore) figures.leadScore = { max: numberOrNull(row.lsMax), sum: numberOrNull(row.lsSum), count: numberOrNull(row.lsCount) ?? 0 };
    if (fields.lastVisit) figures.lastVisitAt = typeof row.lastVisit === 'string' ? row.lastVisit : null;
    out.set(row.acc as string, figures);
  }
  return out;
}

/** Contacts per Account and temperature value (contacts without one are not counted). */
export async function readTemperatureCounts(gateway: SalesforceGateway, page: AccountPage, field: string): Promise<ByAccount<TemperatureCount[]>> {
  const rows = await readGrouped(gateway, page, {
    from: 'Contact',
    account: 'AccountId',
    select: `${field} val, COUNT(Id) n`,
    groupBy: field,
    where: `${field} != null`,
    key: { field, alias: 'val' },
  });
  const out: ByAccount<TemperatureCount[]> = new Map();
  for (const row of rows) {
    entry(out, row.acc as string, () => []).push({ value: typeof row.val === 'string' ? row.val : null, count: numberOrNull(row.n) ?? 0 });
  }
  return out;
}

/** The value at a dotted path of a record as read (`Opportunity__r.AccountId`). */
export function valueAt(record: SalesforceRecord, path: string): unknown {
  let current: unknown = record;
  for (const segment of path.split('.')) {
    current = current !== null && typeof current === 'object' ? (current as SalesforceRecord)[segment] : undefined;
  }
  return current;
}

/**
 * Rows of `object` under the page's Accounts (an Id range on `accountField`, which is read too),
 * as read. Rows of Accounts outside the page are dropped: they belong to another page.
 */
export async function readUnderPage(
  gateway: SalesforceGateway,
  page: AccountPage,
  object: string,
  fields: readonly string[],
  accountField: string,
  where?: string,
): Promise<SalesforceRecord[]> {
  const conditions = [page.range(accountField), where].filter(Boolean).join(' AND ');
  const select = [...new Set(['Id', ...fields, accountField])].join(', ');
  const rows = await gateway.queryAll(`SELECT ${select} FROM ${object} WHERE ${conditions}`);
  return rows.filter((row) => page.has(valueAt(row, accountField)));
}

/** Roll-up rows as alignment input (`Key__c` is the key). */
export function asExisting(rows: readonly SalesforceRecord[]): ExistingRecord[] {
  return rows.map((r) => ({ id: r.Id as string, key: r.Key__c as string, fields: r as FieldValues }));
}
