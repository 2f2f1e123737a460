/**
 * docker/temporal/setup-namespace.sh, the compose job that prepares a namespace, run with
 * /bin/sh and the Temporal CLI against the test run's dev server: it creates the namespace,
 * registers the search attributes, is idempotent, and refuses an attribute of another type.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { searchAttributeFlags } from '../../src/dev/dev-server';
import { ensureTemporalCli } from '../../src/dev/temporal-cli';
import { testServerAddress } from '../helpers/temporal';
import { ROOT } from './deployment-files';

const SCRIPT = path.join(ROOT, 'docker/temporal/setup-namespace.sh');
const ATTRIBUTES = searchAttributeFlags().join(' ');

let binDir: string;
let connection: Connection;

beforeAll(async () => {
  // The admin-tools image has the CLI on PATH as `temporal`.
  binDir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-namespace-'));
  fs.symlinkSync(ensureTemporalCli().path, path.join(binDir, 'temporal'));
  connection = await Connection.connect({ address: testServerAddress() });
});

afterAll(async () => {
  await connection?.close();
  fs.rmSync(binDir, { recursive: true, force: true });
});

function runScript(env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync('/bin/sh', [SCRIPT], {
    env: { PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, HOME: binDir, TEMPORAL_ADDRESS: testServerAddress(), ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function customAttributes(namespace: string): Promise<Record<string, string>> {
  const { customAttributes: found } = await connection.operatorService.listSearchAttributes({ namespace });
  // IndexedValueType numbers → the CLI's type names used by the script.
  const names: Record<number, string> = { 1: 'Text', 2: 'Keyword', 3: 'Int', 4: 'Double', 5: 'Bool', 6: 'Datetime', 7: 'KeywordList' };
  return Object.fromEntries(Object.entries(found ?? {}).map(([name, type]) => [name, names[Number(type)]]));
}

describe('docker/temporal/setup-namespace.sh', () => {
  const namespace = `setup-${randomUUID().slice(0, 8)}`;

  it('creates a missing namespace and registers every search attribute with its type', async () => {
    const run = runScript({ NAMESPACE: namespace, NAMESPACE_RETENTION: '24h', SEARCH_ATTRIBUTES: ATTRIBUTES });
    expect(run.output).toContain(`Namespace ${namespace}: creating`);
    expect(run.status).toBe(0);
    const { config } = await connection.workflowService.describeNamespace({ namespace });
    expect(Number(config?.workflowExecutionRetentionTtl?.seconds)).toBe(24 * 3600);
    expect(await customAttributes(namespace)).toMatchObject(Object.fromEntries(searchAttributeFlags().map((f) => f.split('='))));
  });

  it('leaves an already prepared namespace as it is when run again', async () => {
    const before = await customAttributes(namespace);
    const run = runScript({ NAMESPACE: namespace, SEARCH_ATTRIBUTES: ATTRIBUTES });
    expect(run.status).toBe(0);
    expect(run.output).toContain(`Namespace ${namespace}: exists`);
    expect(run.output).not.toContain('creating');
    expect(await customAttributes(namespace)).toEqual(before);
  });

  it('fails, naming the attribute, when one exists with another type', async () => {
    const run = runScript({ NAMESPACE: namespace, SEARCH_ATTRIBUTES: 'SyncMode=Int' });
    expect(run.status).toBe(1);
    expect(run.output).toContain('Search attribute SyncMode exists with another type than Int');
    expect((await customAttributes(namespace)).SyncMode).toBe('Keyword');
  });
});
