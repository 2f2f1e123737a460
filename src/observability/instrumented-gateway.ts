/**
 * A Salesforce gateway that counts what it writes. Every write of every step goes through one
 * of the gateway's write methods and comes back as per-record results, so this single seam
 * counts records written and refused for all steps without touching any of them.
 */
import { type SalesforceGateway } from '../salesforce/gateway';
import { type RecordResult } from '../salesforce/write-result';
import { type SyncMetrics, type WriteLabel } from './metrics';

type WriteMethods = Pick<SalesforceGateway, 'create' | 'update' | 'upsert' | 'delete' | 'write' | 'writeAll' | 'resumeJob' | 'publish'>;

/**
 * The gateway, with its write methods counting results into `metrics`; everything else (reads,
 * describe, limits, stats) is the gateway's own. Object labels are the unprefixed API names the
 * steps use, so a managed-package org and the unmanaged source report the same series.
 */
export function instrumentGateway(gateway: SalesforceGateway, metrics: SyncMetrics): SalesforceGateway {
  const counted = async (object: string, operation: WriteLabel, results: Promise<RecordResult[]>): Promise<RecordResult[]> => {
    const settled = await results;
    metrics.writes(object, operation, settled);
    return settled;
  };
  const writes: WriteMethods = {
    create: (object, records, options) => counted(object, 'create', gateway.create(object, records, options)),
    update: (object, records, options) => counted(object, 'update', gateway.update(object, records, options)),
    upsert: (object, externalIdField, records, options) => counted(object, 'upsert', gateway.upsert(object, externalIdField, records, options)),
    delete: (object, ids, options) => counted(object, 'delete', gateway.delete(object, ids, options)),
    write: (request, options) => counted(request.object, request.event ? 'publish' : request.operation, gateway.write(request, options)),
    writeAll: async (items) => {
      const settled = await gateway.writeAll(items);
      items.forEach(({ request }, i) => metrics.writes(request.object, request.event ? 'publish' : request.operation, settled[i]));
      return settled;
    },
    resumeJob: (jobIds, request, options) => counted(request.object, request.operation, gateway.resumeJob(jobIds, request, options)),
    publish: (eventObject, events, options) => counted(eventObject, 'publish', gateway.publish(eventObject, events, options)),
  };
  return new Proxy(gateway, {
    get(target, property, receiver) {
      if (Object.hasOwn(writes, property)) return writes[property as keyof WriteMethods];
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
