/**
 * Loads generated org records (users, accounts, contacts, leads with converted ones,
 * opportunities) into the Salesforce emulator as a person editing the org would, resolving the
 * records' local keys to the Ids the emulator assigns. Used by tests, the demo stack and
 * benchmarks.
 */
import { type SalesforceEmulator } from '../salesforce';
import { ORG_RECORD_LOAD_ORDER, toSalesforceFields, type OrgRecords } from './org-records';

/** Salesforce Ids of the loaded records, by their `_key`. */
export type LoadedIds = Map<string, string>;

export interface LoadOptions {
  /**
   * Date the records as created and last modified at this instant (an org whose data predates
   * the sync) instead of now. Tests that edit "as a person" after loading keep the default.
   */
  asOf?: string;
  chunkSize?: number;
}

export function loadOrgRecords(emulator: SalesforceEmulator, records: OrgRecords, options: LoadOptions = {}): LoadedIds {
  const chunkSize = options.chunkSize ?? 2000;
  const dated = options.asOf ? { CreatedDate: options.asOf, LastModifiedDate: options.asOf, SystemModstamp: options.asOf } : {};
  const ids: LoadedIds = new Map();
  for (const object of ORG_RECORD_LOAD_ORDER) {
    const list = records[object];
    for (let start = 0; start < list.length; start += chunkSize) {
      const chunk = list.slice(start, start + chunkSize);
      // The emulator's admin surface may set read-only fields (IsConverted, ConvertedDate), as a
      // fixture for a converted Lead needs.
      const fields = chunk.map((r) => ({ ...toSalesforceFields(object, r, (key) => ids.get(key)), ...dated }));
      const inserted = emulator.admin.insert(object, fields) as string[];
      chunk.forEach((r, i) => ids.set(String(r._key), inserted[i]));
    }
  }
  return ids;
}
