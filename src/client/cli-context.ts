/**
 * What every CLI command needs: validated configuration and a Temporal client, created lazily so
 * `--help` works without either; and one place that turns failures into documented exit codes.
 */
import { type Client } from '@temporalio/client';
import { loadConfig, type Config } from '../config/load';
import { type Env } from '../config/settings';
import { ConfigError } from '../errors';
import { connectClient, TemporalUnavailableError } from './connect';

/** Exit codes (docs/cli.md). */
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
  /** Writes a line to stderr (errors, hints). */
  err(line: string): void;
  /** Whether stdout is a terminal: progress bars there, plain lines in pipes and logs. */
  readonly isTTY: boolean;
  /** Sets the exit code `runCli` returns when the command itself did not throw. */
  setExitCode(code: number): void;
  /** The code set by the command, if any. */
  exitCode(): number | undefined;
  close(): Promise<void>;
}

/** What tests and embedders may inject; everything defaults to the process's own. */
export interface CliContextOptions {
  out?: (line: string) => void;
  err?: (line: string) => void;
  isTTY?: boolean;
  /** Ready configuration, instead of reading it from the environment. */
  config?: Config;
  /** The environment to read configuration from (default: the process's, read by `loadConfig`). */
  env?: Env;
  /** A connected client; it is not closed by `close()` (its owner closes it). */
  client?: Client;
}

/**
 * The context of one CLI invocation. `createCliContext()` uses stdout/stderr and the environment;
 * a function argument is the stdout writer (kept for callers written before the options).
 */
export function createCliContext(options: CliContextOptions | ((line: string) => void) = {}): CliContext {
  const opts: CliContextOptions = typeof options === 'function' ? { out: options } : options;
  let config: Config | undefined = opts.config;
  let client: Client | undefined = opts.client;
  let owned: Client | undefined;
  let exitCode: number | undefined;
  const readConfig = (): Config => (config ??= opts.env ? loadConfig(opts.env) : loadConfig());
  return {
    config: readConfig,
    async client() {
      if (!client) {
        const { settings } = readConfig();
        // With payload encryption configured, reports and query answers arrive encrypted.
        owned = await connectClient(settings.temporal, { encryption: settings.worker.encryption });
        client = owned;
      }
      return client;
    },
    out: opts.out ?? ((line) => process.stdout.write(`${line}\n`)),
    err: opts.err ?? ((line) => process.stderr.write(`${line}\n`)),
    isTTY: opts.isTTY ?? Boolean(process.stdout.isTTY),
    setExitCode(code) {
      exitCode = code;
    },
    exitCode: () => exitCode,
    async close() {
      await owned?.connection.close();
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
