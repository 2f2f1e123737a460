/**
 * The Salesforce → SalesWings activities: SendRecordUpdates and the deprecated CountRecords.
 */
import { type ActivityDeps } from '../deps';
import { type SyncActivities } from '../types';
import { countRecords } from './count-records';
import { sendRecordUpdates } from './send-record-updates';

export type PushActivities = Pick<SyncActivities, 'sendRecordUpdates' | 'countRecords'>;

/** `sendRecordUpdates` and `countRecords`, bound to the worker's clients. */
export function createPushActivities(deps: ActivityDeps): PushActivities {
  return {
    sendRecordUpdates: (input) => sendRecordUpdates(deps, input),
    countRecords: (input) => countRecords(deps, input),
  };
}
