/**
 * Temporal connections from the validated settings (address, namespace, TLS / API key), for the
 * CLI and the worker. A failure to connect becomes an error that says how to start Temporal.
 */
import fs from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { type TemporalSettings } from '../config/settings';

function tlsOptions(settings: TemporalSettings): ConnectionOptions['tls'] {
  if (!settings.tls && !settings.apiKey) return undefined;
  if (!settings.tls) return true;
  return {
    serverRootCACertificate: settings.tls.caFile ? fs.readFileSync(settings.tls.caFile) : undefined,
    clientCertPair:
      settings.tls.certFile && settings.tls.keyFile
        ? { crt: fs.readFileSync(settings.tls.certFile), key: fs.readFileSync(settings.tls.keyFile) }
        : undefined,
  };
}

export class TemporalUnavailableError extends Error {
  constructor(address: string, cause: unknown) {
    super(
      [
        `Cannot reach Temporal at ${address} (${(cause as Error).message ?? String(cause)}).`,
        'Start the embedded stack with `npm start` (it runs a local Temporal dev server), start one with',
        '`.tools/bin/temporal server start-dev`, or point TEMPORAL_ADDRESS at your cluster.',
      ].join('\n'),
    );
    this.name = 'TemporalUnavailableError';
  }
}

export async function connectClient(settings: TemporalSettings): Promise<Client> {
  let connection: Connection;
  try {
    connection = await Connection.connect({
      address: settings.address,
      tls: tlsOptions(settings),
      apiKey: settings.apiKey,
      connectTimeout: '5s',
    });
    await connection.workflowService.getSystemInfo({});
  } catch (error) {
    throw new TemporalUnavailableError(settings.address, error);
  }
  return new Client({ connection, namespace: settings.namespace });
}

export async function connectWorker(settings: TemporalSettings): Promise<NativeConnection> {
  const options: NativeConnectionOptions = {
    address: settings.address,
    tls: tlsOptions(settings) as NativeConnectionOptions['tls'],
    apiKey: settings.apiKey,
  };
  try {
    return await NativeConnection.connect(options);
  } catch (error) {
    throw new TemporalUnavailableError(settings.address, error);
  }
}
