/**
 * What every CLI command needs: validated configuration and a Temporal client, created lazily so
 * `--help` works without either; and one place that turns failures into documented exit codes.
 */
import { type Client } from '@temporalio/client';
import { loadConfig, type Config } from '../config/load';
import { ConfigError } from '../errors';
import { connectClient, TemporalUnavailableError } from './connect';

/** Exit codes (docs/operations.md). */
export const EXIT = {
  ok: 0,
  /** The operation ran and failed, e.g. a sync run ended Failed. */
  failed: 1,
  /** Bad usage or configuration: nothing was done. */
  config: 2,
  /** Temporal could not be reached. */
  unavailable: 3,
} as const;

export interface CliContext {
  config(): Config;
  client(): Promise<Client>;
  /** Writes a line to stdout (JSON or text). */
  out(line: string): void;
  close(): Promise<void>;
}

export function createCliContext(out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): CliContext {
  let config: Config | undefined;
  let client: Client | undefined;
  return {
    config: () => (config ??= loadConfig()),
    async client() {
      client ??= await connectClient((config ??= loadConfig()).settings.temporal);
      return client;
    },
    out,
    async close() {
      await client?.connection.close();
    },
  };
}

/** The exit code for an error escaping a command, after printing it to stderr. */
export function exitCodeFor(error: unknown, err: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): number {
  if (error instanceof ConfigError) {
    err(error.message);
    return EXIT.config;
  }
  if (error instanceof TemporalUnavailableError) {
    err(error.message);
    return EXIT.unavailable;
  }
  err(`Error: ${(error as Error).message ?? String(error)}`);
  return EXIT.failed;
}
