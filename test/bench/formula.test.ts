/**
 * The benchmark's own arithmetic, without running anything: how statements are grouped into
 * query shapes, the minimum-call formula, and the command-line options.
 */
import { computeMinimum } from '../../bench/api-minimum';
import { soqlShape, type ReadRecord, type WriteRecord } from '../../bench/metering';
import { DEFAULT_BENCH_OPTIONS, parseBenchArgs } from '../../bench/options';

test('statements differing only in literals, IN lists and keyset cursors share one shape', () => {
  expect(soqlShape("SELECT Id FROM Lead WHERE Email IN ('a@x.test', 'b@x.test') AND Lead_Sync_Attempts__c < 30")).toBe('SELECT Id FROM Lead WHERE Email IN ? AND Lead_Sync_Attempts__c < ?');
  const first = soqlShape("SELECT Id FROM Contact WHERE Prospect_Id__c != null ORDER BY Id LIMIT 2000");
  expect(soqlShape("SELECT Id FROM Contact WHERE Prospect_Id__c != null AND Id > '003000000000001AAA' ORDER BY Id LIMIT 2000")).toBe(first);
  expect(soqlShape("SELECT Id FROM Contact WHERE Id > '003000000000001AAA' ORDER BY Id")).toBe('SELECT Id FROM Contact ORDER BY Id');
  expect(soqlShape('SELECT COUNT() FROM Lead WHERE SystemModstamp >= 2026-11-27T10:00:00.000Z')).toBe('SELECT COUNT() FROM Lead WHERE SystemModstamp >= ?');
});

test('the minimum counts changed rows per object in pages of 200 and rows per query shape in pages of 2,000', () => {
  const read = (shape: string, rows: number, pages: number, method: ReadRecord['method'] = 'queryAll'): ReadRecord => ({ step: 'S', method, shape, rows, pages, calls: pages });
  const reads = [read('A', 1500, 1), read('A', 1500, 1), read('B', 0, 1), read('C', 0, 0, 'queryByIn'), read('D', 0, 1, 'count'), read('E', 0, 2, 'countMany')];
  const writes: WriteRecord[] = [
    { step: 'S', object: 'Prospect__c', operation: 'upsert', records: 450 },
    { step: 'S', object: 'Prospect__c', operation: 'update', records: 450 },
    { step: 'S', object: 'Child__c', operation: 'delete', records: 10 },
  ];
  // Child__c lost 30 rows, 20 of them by a cascade the sync did not ask for.
  const minimum = computeMinimum({ Prospect__c: { created: 400, updated: 50, deleted: 0 }, Child__c: { created: 0, updated: 0, deleted: 30 }, Other__c: { created: 5, updated: 0, deleted: 0 } }, reads, writes);
  expect(minimum.writes).toEqual([
    { object: 'Child__c', created: 0, updated: 0, deleted: 30, sent: 10, calls: 1, sentCalls: 1 },
    { object: 'Prospect__c', created: 400, updated: 50, deleted: 0, sent: 900, calls: 3, sentCalls: 5 },
  ]);
  expect(Object.fromEntries(minimum.reads.map((r) => [r.shape, [r.reads, r.rows, r.calls, r.minimum]]))).toEqual({ A: [2, 3000, 2, 2], B: [1, 0, 1, 1], C: [1, 0, 0, 0], D: [1, 0, 1, 1], E: [1, 0, 2, 2] });
  expect(minimum).toMatchObject({ writeCalls: 4, writeCallsForSent: 6, readCalls: 6, total: 10 });
});

test('command-line options have the documented defaults and a bad value names its option', () => {
  expect(parseBenchArgs([])).toEqual(DEFAULT_BENCH_OPTIONS);
  expect(parseBenchArgs(['--prospects', '10000', '--strategy', 'batch', '--latency', '50', '--no-direct', '--json', 'out.json'])).toMatchObject({
    prospects: 10_000,
    strategy: 'batch',
    latencyMs: 50,
    direct: false,
    json: 'out.json',
  });
  expect(() => parseBenchArgs(['--strategy', 'fastest'])).toThrow(/strategy/);
  expect(() => parseBenchArgs(['--prospects', '1k'])).toThrow(/not a number: 1k/);
});
