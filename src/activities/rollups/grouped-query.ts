/**
 * Aggregate SOQL over a page of Accounts. Salesforce does not page `GROUP BY` results (no
 * queryMore: a larger result fails with "Aggregate query does not support queryMore(), use LIMIT
 * to restrict the results to a single batch"), so each query asks for at most 2,000 groups. A
 * full answer may be cut: the page's Id range is then halved and each half asked again; a single
 * Account with more groups than that (only possible with over 2,000 definitions) is read in
 * keyset order of its second grouping key.
 */
import { type SalesforceGateway } from '../../salesforce/gateway';
import { type SalesforceRecord } from '../../salesforce/namespace';
import { soqlString } from '../../salesforce/soql';
import { type AccountPage } from './account-pages';

/** Groups one aggregate query returns at most (one query batch). */
export const AGGREGATE_ROW_LIMIT = 2000;

export interface GroupedQuery {
  /** Object queried, e.g. `SW_Tag_Segment_Trigger__c`. */
  readonly from: string;
  /** The Account reference of a row, e.g. `Contact__r.AccountId`; selected as `acc`. */
  readonly account: string;
  /** Further SELECT items (grouped keys with aliases, aggregates with aliases). */
  readonly select: string;
  /** GROUP BY items after the account. */
  readonly groupBy?: string;
  /** Extra condition. */
  readonly where?: string;
  /** The second grouping key and its alias, to page one Account's groups past the limit. */
  readonly key?: { readonly field: string; readonly alias: string };
}

function statement(q: GroupedQuery, range: string, keyAfter: string | undefined, ordered: boolean): string {
  const where = [range, q.where, keyAfter !== undefined && q.key ? `${q.key.field} > ${soqlString(keyAfter)}` : undefined].filter(Boolean).join(' AND ');
  const groupBy = [q.account, q.groupBy].filter(Boolean).join(', ');
  const order = ordered && q.key ? ` ORDER BY ${q.key.field}` : '';
  return `SELECT ${q.account} acc, ${q.select} FROM ${q.from} WHERE ${where} GROUP BY ${groupBy}${order} LIMIT ${AGGREGATE_ROW_LIMIT}`;
}

/**
 * Every group of the page's Accounts (rows whose `acc` is not one of the page's Accounts are
 * dropped). Costs one query per page unless a result is cut.
 */
export async function readGrouped(gateway: SalesforceGateway, page: AccountPage, q: GroupedQuery): Promise<SalesforceRecord[]> {
  const out: SalesforceRecord[] = [];
  const read = async (from: number, to: number): Promise<void> => {
    const range = page.range(q.account, from, to);
    const rows = await gateway.queryAll(statement(q, range, undefined, false));
    if (rows.length < AGGREGATE_ROW_LIMIT) {
      out.push(...rows);
      return;
    }
    if (to > from) {
      const middle = Math.floor((from + to) / 2);
      await read(from, middle);
      await read(middle + 1, to);
      return;
    }
    if (!q.key) {
      out.push(...rows);
      return;
    }
    const alias = q.key.alias;
    let after: string | undefined;
    for (;;) {
      const keyed = await gateway.queryAll(statement(q, range, after, true));
      out.push(...keyed);
      const last = keyed[keyed.length - 1]?.[alias];
      if (keyed.length < AGGREGATE_ROW_LIMIT || typeof last !== 'string') break;
      after = last;
    }
  };
  if (page.ids.length > 0) await read(0, page.ids.length - 1);
  return out.filter((row) => page.has(row.acc));
}
