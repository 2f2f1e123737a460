import { ApiBudgetError } from '../../src/errors';
import { ApiUsageTracker } from '../../src/salesforce/limits';

describe('API budget guard', () => {
  it('lets calls through until the org reports its usage', () => {
    const tracker = new ApiUsageTracker({ reserveShare: 0.5 });
    expect(() => tracker.beforeCall('query')).not.toThrow();
    expect(tracker.usage()).toBeUndefined();
  });

  it('refuses the call that would eat into a reserved share', () => {
    const tracker = new ApiUsageTracker({ reserveShare: 0.2 });
    tracker.observeHeader('api-usage=798/1000');
    expect(() => tracker.beforeCall('query')).not.toThrow(); // 202 left, 200 reserved
    tracker.recordCall('query');
    expect(() => tracker.beforeCall('collections')).not.toThrow(); // 201 left
    tracker.recordCall('collections');
    let error: unknown;
    try {
      tracker.beforeCall('query'); // 200 left: the next call would leave 199
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiBudgetError);
    expect((error as ApiBudgetError).code).toBe('API_BUDGET_RESERVE');
    expect((error as ApiBudgetError).retryable).toBe(false);
  });

  it('uses the larger of the share and the absolute reserve', () => {
    const tracker = new ApiUsageTracker({ reserveShare: 0.01, reserveCalls: 500 });
    tracker.observeHeader('api-usage=500/1000');
    expect(() => tracker.beforeCall('query')).toThrow(ApiBudgetError);
  });

  it('never blocks token requests', () => {
    const tracker = new ApiUsageTracker({ reserveCalls: 10 });
    tracker.observeHeader('api-usage=1000/1000');
    expect(() => tracker.beforeCall('auth')).not.toThrow();
  });

  it('adds calls answered without the header (Bulk) to the last reported usage', () => {
    const tracker = new ApiUsageTracker();
    tracker.observeHeader('api-usage=10/100');
    tracker.recordCall('bulk');
    tracker.recordCall('bulk');
    expect(tracker.usage()).toEqual({ used: 12, limit: 100, remaining: 88, unreported: 2 });
    tracker.observeHeader('api-usage=13/100');
    expect(tracker.usage()).toEqual({ used: 13, limit: 100, remaining: 87, unreported: 0 });
  });

  it('reads DailyApiRequests from /limits', () => {
    const tracker = new ApiUsageTracker();
    tracker.observeLimits({ DailyApiRequests: { Max: 15000, Remaining: 14000 } });
    expect(tracker.usage()?.used).toBe(1000);
  });

  it('counts calls by kind and records by path', () => {
    const tracker = new ApiUsageTracker();
    tracker.recordCall('auth');
    tracker.recordCall('query');
    tracker.recordCall('queryMore');
    tracker.recordCall('composite');
    tracker.recordRecords('collections', 1000);
    const stats = tracker.stats();
    expect(stats.calls).toMatchObject({ auth: 1, query: 1, queryMore: 1, composite: 1, bulk: 0 });
    expect(stats.total).toBe(3);
    expect(stats.records).toEqual({ collections: 1000, bulk: 0 });
  });

  it('rejects nonsensical reserves', () => {
    expect(() => new ApiUsageTracker({ reserveShare: 1.5 })).toThrow(RangeError);
  });
});
