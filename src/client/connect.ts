/**
 * Temporal connections from the validated settings (address, namespace, TLS / API key), for the
 * CLI and the worker. A failure to connect becomes an error that says how to start Temporal.
 * Clients get the payload codec when encryption is configured, so they read what encrypted
 * workers write (and write what they can read).
 */
import fs from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { type DataConverter } from '@temporalio/common';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { createDataConverter } from '../codec/data-converter';
import { type EncryptionSettings } from '../codec/encryption-keys';
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

export interface ConnectClientOptions {
  /** `settings.worker.encryption`: payloads are encrypted/decrypted with these keys. */
  encryption?: EncryptionSettings;
  /** A data converter to use as is (takes precedence over `encryption`). */
  dataConverter?: DataConverter;
}

export async function connectClient(settings: TemporalSettings, options: ConnectClientOptions = {}): Promise<Client> {
  // Built before connecting: a malformed key is a configuration error, not an unreachable server.
  const dataConverter = options.dataConverter ?? createDataConverter(options.encryption);
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
  return new Client({ connection, namespace: settings.namespace, ...(dataConverter ? { dataConverter } : {}) });
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
