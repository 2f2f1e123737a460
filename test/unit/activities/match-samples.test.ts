/**
 * The prospects a dry run would match travel in the step report: kept by the match tally, carried
 * through merges, capped so a large org's plan stays a small history payload.
 */
import { tallyOf } from '../../../src/activities/match/match-activities';
import { StepTally } from '../../../src/activities/support/step-result';
import { type MatchProspectResult } from '../../../src/activities/types';
import { MAX_MATCH_SAMPLES, mergeResults, emptyResult } from '../../../src/workflows/report';

const outcome = (prospectId: string, status: MatchProspectResult['status'], recordIds: string[] = []): MatchProspectResult => ({
  prospectId,
  side: 'Contact',
  status,
  attempts: 1,
  matchedRecordIds: recordIds,
  created: 0,
  updated: recordIds.length,
  deleted: 0,
  failures: [],
});

test('a dry-run tally keeps the matched prospects with their records, and only those', () => {
  const result = tallyOf([outcome('p1', 'Matched', ['003A', '003B']), outcome('p2', 'No Match'), outcome('p3', 'Failed', ['003C'])], 50, true);
  expect(result.matches).toEqual([{ prospectId: 'p1', side: 'Contact', recordIds: ['003A', '003B'] }]);
  expect(result.details).toEqual({ matched: 1, noMatch: 1, failed: 1 });
});

test('a real run reports figures only', () => {
  expect(tallyOf([outcome('p1', 'Matched', ['003A'])], 50).matches).toBeUndefined();
});

test(`merges keep the first ${MAX_MATCH_SAMPLES} samples, in order`, () => {
  const many = Array.from({ length: 40 }, (_, i) => outcome(`p${i}`, 'Matched', [`003${i}`]));
  const first = tallyOf(many, 50, true);
  const second = tallyOf(many.map((o) => ({ ...o, prospectId: `q${o.prospectId}` })), 50, true);

  const merged = mergeResults(first, second);
  expect(merged.matches).toHaveLength(MAX_MATCH_SAMPLES);
  expect(merged.matches?.[0].prospectId).toBe('p0');
  expect(merged.matches?.[40].prospectId).toBe('qp0');
  expect(mergeResults(emptyResult(), emptyResult())).not.toHaveProperty('matches');

  const tally = StepTally.from(first);
  tally.merge(second);
  expect(tally.result().matches).toEqual(merged.matches);
  expect(tally.result().examined).toBe(80);
});
