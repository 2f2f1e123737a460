/**
 * Environment and SyncOptions validation: every problem at once, named by variable or option
 * path, secrets never echoed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load';
import { ConfigError } from '../../../src/errors';

const SECRET = 'sup3r-s3cret-value';

function problemsOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('with nothing set, the defaults apply and the embedded emulators stand in for Salesforce and SalesWings', () => {
  const { settings, syncOptions } = loadConfig({});
  expect(settings.temporal).toEqual({ address: 'localhost:7233', namespace: 'default', taskQueue: 'saleswings-sync' });
  expect(settings.connection).toBe('default');
  expect(settings.salesforce).toBeUndefined();
  expect(settings.saleswings).toBeUndefined();
  expect(syncOptions.schedule.intervalMinutes).toBe(5);
  expect(syncOptions.matching.maxAttempts).toBe(30);
  expect(syncOptions.studio).toMatchObject({ accountAggregation: false, pageVisitSync: false, apexJobThreshold: 100 });
  expect(syncOptions.steps.CountRecords.enabled).toBe(false);
  expect(syncOptions.steps.GetTags.enabled).toBe(true);
});

test('several problems are reported together, each naming its variable', () => {
  const error = problemsOf({
    TEMPORAL_ADDRESS: 'no-port',
    SALESFORCE_AUTH_MODE: 'jwt',
    SALESFORCE_LOGIN_URL: 'not a url',
    LOG_LEVEL: 'chatty',
    SYNC_CONNECTION: 'Has Spaces',
  });
  const paths = error.problems.map((p) => p.path);
  expect(paths).toEqual(
    expect.arrayContaining(['TEMPORAL_ADDRESS', 'SALESFORCE_LOGIN_URL', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_USERNAME', 'SALESFORCE_PRIVATE_KEY', 'LOG_LEVEL', 'SYNC_CONNECTION']),
  );
  expect(error.message).toContain('SALESFORCE_PRIVATE_KEY: required when SALESFORCE_AUTH_MODE=jwt');
});

test('a secret is never echoed, even when it is the invalid value', () => {
  const error = problemsOf({
    SALESFORCE_AUTH_MODE: 'client_credentials',
    SALESFORCE_LOGIN_URL: 'https://login.salesforce.com',
    SALESFORCE_CLIENT_ID: 'id',
    SALESFORCE_CLIENT_SECRET: SECRET,
    SALESFORCE_PRIVATE_KEY: SECRET,
    PAYLOAD_ENCRYPTION_KEY: SECRET,
  });
  expect(error.message).not.toContain(SECRET);
  expect(error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['SALESFORCE_LOGIN_URL', 'SALESFORCE_PRIVATE_KEY', 'PAYLOAD_ENCRYPTION_KEY']));
  expect(JSON.stringify(error.problems)).not.toContain(SECRET);
});

test('secrets can come from files (<NAME>_FILE), and an unreadable file is named', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
  const file = path.join(dir, 'token');
  fs.writeFileSync(file, `${SECRET}\n`);
  const { settings } = loadConfig({ SALESWINGS_API_TOKEN_FILE: file });
  expect(settings.saleswings).toEqual({ apiUrl: 'https://helium.saleswings.pro/salesforce/v2', apiToken: SECRET });
  const error = problemsOf({ SALESWINGS_API_TOKEN_FILE: path.join(dir, 'missing') });
  expect(error.problems).toEqual([{ path: 'SALESWINGS_API_TOKEN_FILE', message: 'cannot read the file (ENOENT)' }]);
});

test('every problem in a SyncOptions file is reported with its path, together with environment problems', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
  const file = path.join(dir, 'options.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      schedule: { intervalMinutes: 0 },
      steps: { GetTags: { batchSize: 0, startToCloseTimeout: 'soon' }, NoSuchStep: {} },
      studio: { opportunityTags: true },
      fieldMappings: { Lead: [{ source: 'leadScore', target: 'A__c' }, { source: 'tags', target: 'a__c' }, { source: 'shoeSize', target: 'B__c' }] },
    }),
  );
  const error = problemsOf({ SYNC_OPTIONS_FILE: file, LOG_FORMAT: 'xml' });
  const paths = error.problems.map((p) => p.path.replace(`${file}.`, ''));
  expect(paths).toEqual(
    expect.arrayContaining([
      'LOG_FORMAT',
      'schedule.intervalMinutes',
      'steps.GetTags.batchSize',
      'steps.GetTags.startToCloseTimeout',
      'steps',
      'studio.opportunityTags',
      'fieldMappings.Lead.1.target',
      'fieldMappings.Lead.2.source',
    ]),
  );
});

test('a SyncOptions file that is not JSON is named with the parse error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
  const file = path.join(dir, 'options.json');
  fs.writeFileSync(file, '{ not json');
  const error = problemsOf({ SYNC_OPTIONS_FILE: file });
  expect(error.problems[0].path).toBe('SYNC_OPTIONS_FILE');
  expect(error.problems[0].message).toContain('is not valid JSON');
});

test('earlier encryption keys are read for decryption after a rotation; a malformed one is named by position, not shown', () => {
  const key = (n: number) => Buffer.alloc(32, n).toString('base64');
  const { settings } = loadConfig({ PAYLOAD_ENCRYPTION_KEY: key(1), PAYLOAD_ENCRYPTION_KEY_ID: 'k2', PAYLOAD_DECRYPTION_KEYS: `k1=${key(2)}, k0=${key(3)}` });
  expect(settings.worker.encryption).toEqual({ key: key(1), keyId: 'k2', decryptionKeys: [{ keyId: 'k1', key: key(2) }, { keyId: 'k0', key: key(3) }] });
  const error = problemsOf({ PAYLOAD_ENCRYPTION_KEY: key(1), PAYLOAD_DECRYPTION_KEYS: `k1=${SECRET}` });
  expect(error.problems).toEqual([{ path: 'PAYLOAD_DECRYPTION_KEYS', message: 'entry 1: expected id=<32 bytes, base64> (value not shown: secret)' }]);
  expect(error.message).not.toContain(SECRET);
});
