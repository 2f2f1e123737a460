/**
 * Runs the CLI in-process against the test stack: configuration read from an environment that
 * points at the dev server, the harness's task queue and connection, and the Salesforce
 * emulator; stdout and stderr captured.
 */
import { runCli } from '../../src/client/cli';
import { createCliContext, type CliContextOptions } from '../../src/client/cli-context';
import { type Env } from '../../src/config/settings';
import { type TestStack } from '../helpers/stack';
import { type SyncHarness } from '../helpers/sync-worker';
import { testServerAddress } from '../helpers/temporal';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON. */
  json<T = Record<string, unknown>>(): T;
}

/** The environment a deployment of the harness's connection would have. */
export function cliEnv(h: Pick<SyncHarness, 'taskQueue' | 'connection'>, stack?: TestStack, extra: Env = {}): Env {
  return {
    TEMPORAL_ADDRESS: testServerAddress(),
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_TEST_NAMESPACE ?? 'default',
    TEMPORAL_TASK_QUEUE: h.taskQueue,
    SYNC_CONNECTION: h.connection,
    ...(stack
      ? {
          SALESFORCE_AUTH_MODE: 'client_credentials',
          SALESFORCE_LOGIN_URL: stack.sf.url,
          SALESFORCE_CLIENT_ID: stack.sf.credentials.clientId,
          SALESFORCE_CLIENT_SECRET: stack.sf.credentials.clientSecret,
        }
      : {}),
    ...extra,
  };
}

/** Runs `saleswings-sync <argv>` with the given context options; nothing reaches the real stdout. */
export async function cli(argv: string[], options: CliContextOptions): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx = createCliContext({ isTTY: false, ...options, out: (line) => out.push(line), err: (line) => err.push(line) });
  const code = await runCli(argv, ctx);
  const stdout = out.join('\n');
  return { code, stdout, stderr: err.join('\n'), json: <T>() => JSON.parse(stdout) as T };
}

/** Runs the CLI as the harness's deployment, sharing the test's Temporal client. */
export function cliFor(h: SyncHarness, stack?: TestStack, extra: Partial<CliContextOptions> & { env?: Env } = {}) {
  return (argv: string[], more: Partial<CliContextOptions> = {}) => cli(argv, { client: h.client, ...extra, env: cliEnv(h, stack, extra.env), ...more });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(everyMs);
  }
}
