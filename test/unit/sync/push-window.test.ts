import { pushWindow } from '../../../src/sync/push-window';

describe('pushWindow', () => {
  it('starts at the latest run whose push step completed, less the overlap', () => {
    const window = pushWindow({
      full: false,
      overlapSeconds: 300,
      runs: [
        { startedAt: '2025-01-02T10:00:00.000Z', pushStatus: 'Failed' },
        { startedAt: '2025-01-02T09:55:00.000Z', pushStatus: 'CompletedWithErrors' },
        { startedAt: '2025-01-02T09:50:00.000Z', pushStatus: 'Completed' },
      ],
    });
    expect(window).toEqual({ since: '2025-01-02T09:50:00.000Z', basis: 'since-last-run' });
  });

  it('reads Salesforce date-times and ignores the order of the log', () => {
    const window = pushWindow({
      full: false,
      overlapSeconds: 0,
      runs: [
        { startedAt: '2025-01-02T08:00:00.000+0000', pushStatus: 'Completed' },
        { startedAt: '2025-01-02T09:00:00.000+0000', pushStatus: 'Completed' },
      ],
    });
    expect(window.since).toBe('2025-01-02T09:00:00.000Z');
  });

  it('scans everything when no run completed its push (skipped, failed or unreadable)', () => {
    const window = pushWindow({
      full: false,
      overlapSeconds: 300,
      runs: [
        { startedAt: '2025-01-02T10:00:00.000Z', pushStatus: 'Skipped' },
        { startedAt: '2025-01-02T09:00:00.000Z', pushStatus: undefined },
        { startedAt: null, pushStatus: 'Completed' },
        { startedAt: 'not a date', pushStatus: 'Completed' },
      ],
    });
    expect(window).toEqual({ basis: 'no-completed-run' });
  });

  it('scans everything on a full sync', () => {
    expect(pushWindow({ full: true, overlapSeconds: 300, runs: [{ startedAt: '2025-01-02T10:00:00.000Z', pushStatus: 'Completed' }] })).toEqual({
      basis: 'full-sync',
    });
  });
});
