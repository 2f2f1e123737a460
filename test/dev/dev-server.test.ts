/**
 * The dev server manager: a real `temporal server start-dev` with every search attribute
 * registered, a real worker running a product workflow on it, a clean stop, and a failure that
 * shows what the server printed.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { startDevServer } from '../../src/dev/dev-server';
import { ensureTemporalCli } from '../../src/dev/temporal-cli';
import { requestFullSyncSignal, stateQuery } from '../../src/workflows/messages';
import { ALL_SEARCH_ATTRIBUTES } from '../../src/workflows/search-attributes';
import { workflowBundle } from '../helpers/sync-worker';

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

test('starts a dev server with the search attributes registered, runs a workflow on it, and stops cleanly', async () => {
  const server = await startDevServer({ uiPort: false });
  try {
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection, namespace: server.namespace });
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: server.namespace });
    for (const key of ALL_SEARCH_ATTRIBUTES) expect(Object.keys(customAttributes ?? {})).toContain(key.name);

    const worker = await Worker.create({
      connection: await NativeConnection.connect({ address: server.address }),
      taskQueue: 'dev-server-test',
      workflowBundle: await workflowBundle(),
    });
    await worker.runUntil(async () => {
      const handle = await client.workflow.start('syncStateWorkflow', { taskQueue: 'dev-server-test', workflowId: 'saleswings-state-devtest', args: [{ connection: 'devtest' }] });
      await handle.signal(requestFullSyncSignal, { reason: 'test', requestedBy: 'dev-server test' });
      const state = await handle.query(stateQuery);
      expect(state.fullSync).toMatchObject({ pending: true, requests: 1, reason: 'test' });
      await handle.terminate('done');
    });
    await connection.close();
  } finally {
    await server.stop();
  }
  expect(await portIsFree(server.port)).toBe(true);
}, 120_000);

test('keeps state in a database file across restarts when one is given', async () => {
  const dbFilename = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-')), 'temporal.sqlite');
  const first = await startDevServer({ uiPort: false, dbFilename });
  const connection = await Connection.connect({ address: first.address });
  await new Client({ connection }).workflow.start('syncStateWorkflow', { taskQueue: 'nobody-polls', workflowId: 'kept-across-restarts', args: [{ connection: 'x' }] });
  await connection.close();
  await first.stop();

  const second = await startDevServer({ uiPort: false, dbFilename });
  try {
    const again = await Connection.connect({ address: second.address });
    const description = await new Client({ connection: again }).workflow.getHandle('kept-across-restarts').describe();
    expect(description.status.name).toBe('RUNNING');
    await again.close();
  } finally {
    await second.stop();
  }
}, 120_000);

test('a server that cannot start fails with its last output in the error', async () => {
  const cli = ensureTemporalCli().path;
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
  const port = (busy.address() as net.AddressInfo).port;
  try {
    await expect(startDevServer({ executable: cli, port, uiPort: false, startTimeoutMs: 20_000 })).rejects.toThrow(/did not start on 127\.0\.0\.1:\d+[\s\S]*Last server output:\n(?!\(nothing\))/);
  } finally {
    busy.close();
  }
}, 60_000);
