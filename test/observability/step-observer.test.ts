/**
 * The step observer, run by Temporal's activity machinery (MockActivityEnvironment applies the
 * interceptors as a worker does) with the product's JSON logger: a line when a step starts and
 * one when it ends, with the run id, the activity type and counts only.
 */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { METRIC, SyncMetrics } from '../../src/observability/metrics';
import { StructuredLogger } from '../../src/observability/logger';
import { figuresOf, stepObserver, stepOf } from '../../src/observability/step-observer';
import { FakeMeter } from './fake-meter';

const RUN_ID = 'saleswings-sync-default-2026-11-27T10:05:00Z';
const EMAIL = 'jane.doe@example.com';

function observed(activityType: string, level: 'info' | 'debug' = 'info') {
  const lines: string[] = [];
  const meter = new FakeMeter();
  let flushed = 0;
  const env = new MockActivityEnvironment(
    { activityType, workflowExecution: { workflowId: RUN_ID, runId: 'r-1' }, attempt: 2 },
    {
      logger: new StructuredLogger({ level, format: 'json', write: (line) => lines.push(line) }),
      interceptors: [stepObserver({ metrics: new SyncMetrics(meter), afterActivity: () => (flushed += 1) })],
    },
  );
  return { env, meter, lines, json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), flushed: () => flushed };
}

test('a step logs JSON lines at start and finish with the run id, activity type, step and its figures only', async () => {
  const { env, json, lines, meter, flushed } = observed('getProspects');
  const result = {
    examined: 3,
    created: 2,
    updated: 0,
    deleted: 0,
    failed: 1,
    errors: [{ recordId: 'a0B000000000001', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: `Email ${EMAIL} is not allowed` }],
    details: { prospectsWritten: 3 },
    serverTime: '2026-11-27T10:05:00Z',
  };
  const returned = await env.run(async (_input: unknown) => result, { step: 'GetProspects', run: { runId: RUN_ID }, note: EMAIL });
  expect(returned).toBe(result);

  const [started, finished] = json();
  expect(started).toMatchObject({ level: 'info', msg: 'step started', workflowId: RUN_ID, activityType: 'getProspects', step: 'GetProspects', attempt: 2 });
  expect(finished).toMatchObject({
    level: 'info',
    msg: 'step finished',
    workflowId: RUN_ID,
    activityType: 'getProspects',
    step: 'GetProspects',
    status: 'completed',
    figures: { examined: 3, created: 2, updated: 0, deleted: 0, failed: 1, errors: 1, prospectsWritten: 3 },
  });
  expect(typeof finished.durationMs).toBe('number');
  expect(lines.join('\n')).not.toContain('@');
  expect(lines.join('\n')).not.toContain('a0B000000000001');
  expect(meter.recorded(METRIC.stepDuration, { step: 'GetProspects', status: 'completed' })).toHaveLength(1);
  expect(flushed()).toBe(1);
});

test('a failing step logs its error type, never the message, and records a failed duration', async () => {
  const { env, json, lines, meter, flushed } = observed('aggregateTags');
  const attempt = env.run(async (_input: unknown) => {
    throw ApplicationFailure.nonRetryable(`token rejected for ${EMAIL}`, 'AuthError');
  }, { step: 'AggregateTags' });
  await expect(attempt).rejects.toThrow('token rejected');

  const failed = json().find((l) => l.msg === 'step failed');
  expect(failed).toMatchObject({ level: 'warn', workflowId: RUN_ID, activityType: 'aggregateTags', step: 'AggregateTags', status: 'failed', errorType: 'AuthError', nonRetryable: true });
  expect(JSON.stringify(failed)).not.toContain('token rejected');
  // The SDK's own "Activity failed" line carries the message; the logger masks the email in it.
  expect(json().find((l) => l.msg === 'Activity failed')?.error).toEqual({ name: 'ApplicationFailure', message: 'token rejected for [email]' });
  expect(lines.join('\n')).not.toContain('@');
  expect(meter.recorded(METRIC.stepDuration, { step: 'AggregateTags', status: 'failed' })).toHaveLength(1);
  expect(flushed()).toBe(1);
});

test('finishing a run counts its outcome once', async () => {
  const { env, meter } = observed('finishRun');
  await env.run(async (_input: unknown) => undefined, { report: { status: 'CompletedWithErrors', runId: RUN_ID }, claimedFullSync: false });
  expect(meter.all(METRIC.syncRuns)).toEqual({ 'status=CompletedWithErrors': 1 });
  expect(meter.recorded(METRIC.stepDuration, { step: 'finishRun', status: 'completed' })).toHaveLength(1);
});

test('per-prospect matching logs at debug level, so info logs are not flooded', async () => {
  const info = observed('matchProspect', 'info');
  await info.env.run(async (_input: unknown) => ({ attempts: 1 }), { prospectId: 'p-1' });
  expect(info.lines).toEqual([]);
  const debug = observed('matchProspect', 'debug');
  await debug.env.run(async (_input: unknown) => ({ attempts: 1, matchedRecordIds: ['00Q1', '00Q2'] }), { prospectId: 'p-1' });
  const stepLines = debug.json().filter((l) => String(l.msg).startsWith('step '));
  expect(stepLines.map((l) => [l.level, l.msg, l.step])).toEqual([
    ['debug', 'step started', 'matchProspect'],
    ['debug', 'step finished', 'matchProspect'],
  ]);
  expect(stepLines[1].figures).toEqual({ attempts: 1, matchedRecordIds: 2 });
});

test('step labels come from the input step name, else the activity type; figures keep numbers and list lengths only', () => {
  expect(stepOf('cleanLeads', [{ step: 'CleanLeads' }])).toBe('CleanLeads');
  expect(stepOf('prepareRun', [{ run: {} }])).toBe('prepareRun');
  expect(stepOf('beginRun', [])).toBe('beginRun');
  expect(figuresOf({ status: 'Matched', prospectId: 'p-9', attempts: 2, failures: [{}, {}], details: { gaveUp: 1, note: 'x' } })).toEqual({ attempts: 2, failures: 2, gaveUp: 1 });
  expect(figuresOf(undefined)).toBeUndefined();
  expect(figuresOf('text')).toBeUndefined();
});
