import { ValidationError } from '../../../src/errors';
import {
  ALLOWED_TRANSITIONS,
  applyEventReport,
  applyOutcome,
  assertTransition,
  formatRecordError,
  initialSide,
  needsAttempt,
  overallStatus,
  prospectStateFields,
  readSide,
  settleSide,
  type SideState,
} from '../../../src/sync/match-state';

const side = (status: SideState['status'], attempts = 0, error: string | null = null): SideState => ({ status, attempts, error });

describe('needsAttempt', () => {
  it('is true for a Pending or Failed side with attempts left', () => {
    expect(needsAttempt(side('Pending'))).toBe(true);
    expect(needsAttempt(side('Failed', 29))).toBe(true);
  });

  it('is false once 30 attempts are spent', () => {
    expect(needsAttempt(side('Failed', 30))).toBe(false);
    expect(needsAttempt(side('Pending', 30))).toBe(false);
  });

  it('is false for settled sides and sides out of play', () => {
    for (const status of ['Matched', 'No Match', 'Gave Up', null] as const) {
      expect(needsAttempt(side(status))).toBe(false);
    }
  });

  it('honours a configured cap', () => {
    expect(needsAttempt(side('Failed', 3), 3)).toBe(false);
  });
});

describe('applyOutcome', () => {
  it('a successful update matches the side, counts the attempt and clears the error', () => {
    expect(applyOutcome(side('Failed', 4, 'X: y (00Q1)'), { kind: 'matched' })).toEqual(side('Matched', 5, null));
  });

  it('no matching record settles the side as No Match without spending an attempt', () => {
    expect(applyOutcome(side('Pending', 2), { kind: 'no-match' })).toEqual(side('No Match', 2, null));
  });

  it('a failure counts the attempt and keeps the error', () => {
    const error = 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Phone required (00Q1)';
    expect(applyOutcome(side('Pending', 0), { kind: 'failed', error })).toEqual(side('Failed', 1, error));
  });

  it('a prospect whose lead fails validation 30 times is no longer retried', () => {
    let state = initialSide('Active');
    let tries = 0;
    while (needsAttempt(state)) {
      state = applyOutcome(state, { kind: 'failed', error: 'E: no' });
      tries += 1;
    }
    expect(tries).toBe(30);
    expect(state).toEqual(side('Gave Up', 30, 'E: no'));
    expect(overallStatus(state, side('No Match'))).toBe('Processed');
  });

  it('publishing an event counts the attempt and leaves the side Pending', () => {
    expect(applyOutcome(side('Failed', 2, 'E: x'), { kind: 'published' })).toEqual(side('Pending', 3, 'E: x'));
  });

  it('rejects an outcome on a side that is already settled', () => {
    for (const status of ['Matched', 'No Match', 'Gave Up', null] as const) {
      expect(() => applyOutcome(side(status), { kind: 'matched' })).toThrow(ValidationError);
    }
  });
});

describe('applyEventReport', () => {
  it('a reported success matches the side without counting again', () => {
    expect(applyEventReport(side('Pending', 3, 'E: old'), { kind: 'matched' })).toEqual(side('Matched', 3, null));
  });

  it('a reported failure at the cap gives up', () => {
    expect(applyEventReport(side('Pending', 30), { kind: 'failed', error: 'E: no' })).toEqual(side('Gave Up', 30, 'E: no'));
  });

  it('a reported failure below the cap leaves the side Failed for the next run', () => {
    expect(applyEventReport(side('Pending', 5), { kind: 'failed', error: 'E: no' })).toEqual(side('Failed', 5, 'E: no'));
  });
});

describe('transitions', () => {
  it('allow a reset to Pending from every status', () => {
    for (const from of Object.keys(ALLOWED_TRANSITIONS)) {
      expect(ALLOWED_TRANSITIONS[from as keyof typeof ALLOWED_TRANSITIONS]).toContain('Pending');
    }
  });

  it('reject Matched → Failed', () => {
    expect(() => assertTransition('Matched', 'Failed')).toThrow(/illegal match-state transition Matched → Failed/);
  });

  it('reject a side out of play moving straight to Matched', () => {
    expect(() => assertTransition(null, 'Matched')).toThrow(ValidationError);
  });

  it('settleSide turns a Failed side with no attempts left into Gave Up', () => {
    expect(settleSide(side('Failed', 30, 'E: x'))).toEqual(side('Gave Up', 30, 'E: x'));
    expect(settleSide(side('Failed', 29))).toEqual(side('Failed', 29));
  });
});

describe('overallStatus', () => {
  it('is Processed when both sides are settled', () => {
    expect(overallStatus(side('Matched'), side('No Match'))).toBe('Processed');
    expect(overallStatus(side('Gave Up'), side('Matched'))).toBe('Processed');
    expect(overallStatus(side(null), side(null))).toBe('Processed');
  });

  it('is Not Processed while either side is Pending or Failed', () => {
    expect(overallStatus(side('Matched'), side('Pending'))).toBe('Not Processed');
    expect(overallStatus(side('Failed'), side('Matched'))).toBe('Not Processed');
  });
});

describe('prospect fields', () => {
  it('reads a side from Prospect__c, treating a missing counter as 0', () => {
    expect(readSide({ Lead_Sync_Status__c: 'Failed', Lead_Sync_Attempts__c: null, Lead_Sync_Error__c: 'E: x' }, 'Lead')).toEqual(
      side('Failed', 0, 'E: x'),
    );
    expect(readSide({ Contact_Sync_Status__c: 'Bogus', Contact_Sync_Attempts__c: 4 }, 'Contact')).toEqual(side(null, 4));
  });

  it('writes both sides and the derived sync status', () => {
    expect(prospectStateFields(side('Matched', 1), side('Failed', 2, 'E: x'))).toEqual({
      Lead_Sync_Status__c: 'Matched',
      Lead_Sync_Attempts__c: 1,
      Lead_Sync_Error__c: null,
      Contact_Sync_Status__c: 'Failed',
      Contact_Sync_Attempts__c: 2,
      Contact_Sync_Error__c: 'E: x',
      Sync_Status__c: 'Not Processed',
    });
  });
});

describe('formatRecordError', () => {
  it('formats CODE: message (record id)', () => {
    expect(formatRecordError('FIELD_CUSTOM_VALIDATION_EXCEPTION', ' Phone is required ', '00Q000000000001')).toBe(
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Phone is required (00Q000000000001)',
    );
  });

  it('omits the parentheses when there is no record id', () => {
    expect(formatRecordError('UNABLE_TO_LOCK_ROW', 'locked', null)).toBe('UNABLE_TO_LOCK_ROW: locked');
  });

  it('fits the long text area', () => {
    expect(formatRecordError('E', 'x'.repeat(40_000), '00Q1')).toHaveLength(32_768);
  });
});
