/**
 * Starts and stops `temporal server start-dev` for tests, the embedded `npm start` stack and
 * benchmarks: free ports, every custom search attribute registered, a readiness wait that shows
 * the server's last log lines when it fails, and a clean stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { ensureTemporalCli } from './temporal-cli';

/** A search attribute definition (`defineSearchAttributeKey` result). */
export interface SearchAttributeKey {
  name: string;
  type: SearchAttributeType;
}

export interface DevServerOptions {
  /** Path of the Temporal CLI; provisioned into `.tools/` when omitted. */
  executable?: string;
  /** gRPC port; a free one when omitted. */
  port?: number;
  /** Web UI port; `false` runs headless; a free one when omitted. */
  uiPort?: number | false;
  /** SQLite file for state kept across restarts; in memory when omitted. */
  dbFilename?: string;
  namespace?: string;
  /** Extra search attributes beyond the product's own. */
  searchAttributes?: readonly SearchAttributeKey[];
  /** `--dynamic-config-value KEY=JSON` entries, e.g. lowered history limits in tests. */
  dynamicConfig?: Record<string, unknown>;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** How long to wait for the server to answer; default 60 s (a cold 2-core machine is slow). */
  startTimeoutMs?: number;
  /** Receives every line the server prints. */
  onLog?: (line: string) => void;
}

export interface DevServer {
  address: string;
  namespace: string;
  port: number;
  uiPort?: number;
  /** Web UI address, when the UI runs. */
  uiUrl?: string;
  pid: number;
  stop(): Promise<void>;
}

const CLI_TYPE_NAMES: Record<SearchAttributeType, string> = {
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

/** `--search-attribute` values for the CLI (also used by the compose setup docs). */
export function searchAttributeFlags(keys: readonly SearchAttributeKey[] = ALL_SEARCH_ATTRIBUTES): string[] {
  return keys.map((key) => `${key.name}=${CLI_TYPE_NAMES[key.type]}`);
}

/** Asks the OS for a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the last lines a process printed, for error messages. */
class LogTail {
  private readonly lines: string[] = [];
  private partial = '';
  constructor(private readonly limit: number, private readonly onLine?: (line: string) => void) {}
  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      if (!line.trim()) continue;
      this.lines.push(line);
      if (this.lines.length > this.limit) this.lines.shift();
      this.onLine?.(line);
    }
  }
  text(): string {
    return [...this.lines, this.partial].filter(Boolean).join('\n');
  }
}

async function waitUntilReady(
  address: string,
  namespace: string,
  expected: readonly SearchAttributeKey[],
  child: ChildProcess,
  deadline: number,
): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.workflowService.getSystemInfo({});
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = expected.filter((key) => !(key.name in (customAttributes ?? {})));
      if (missing.length === 0) return;
      lastError = new Error(`search attributes not registered yet: ${missing.map((k) => k.name).join(', ')}`);
    } catch (error) {
      lastError = error;
    } finally {
      await connection?.close().catch(() => undefined);
    }
    await sleep(250);
  }
  throw new Error(`not ready before the timeout (${(lastError as Error | undefined)?.message ?? 'no answer'})`);
}

/**
 * Starts a dev server and resolves once it answers and has every search attribute registered.
 * On failure the error carries the server's last log lines.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const executable = options.executable ?? ensureTemporalCli().path;
  const namespace = options.namespace ?? 'default';
  const port = options.port ?? (await freePort());
  const uiPort = options.uiPort === false ? undefined : options.uiPort ?? (await freePort());
  const keys = [...ALL_SEARCH_ATTRIBUTES, ...(options.searchAttributes ?? [])];

  const args = [
    'server',
    'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--namespace', namespace,
    '--log-level', options.logLevel ?? 'warn',
    // The SDK's own test harness passes these; updates are used by the CLI's status commands.
    '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    // Eager activity dispatch: an activity the workflow schedules comes back in the same
    // workflow-task response when the worker has a free slot, skipping a task-queue round trip
    // (measured here: ~100 ms → ~36 ms per sequential activity). Off by default on the server.
    '--dynamic-config-value', 'system.enableActivityEagerExecution=true',
  ];
  if (uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  if (options.dbFilename) {
    fs.mkdirSync(path.dirname(options.dbFilename), { recursive: true });
    // WAL and relaxed fsync: what Temporal's own CI uses for a file-backed dev server.
    args.push('--db-filename', options.dbFilename, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF');
  }
  for (const flag of searchAttributeFlags(keys)) args.push('--search-attribute', flag);
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }

  const tail = new LogTail(40, options.onLog);
  const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => tail.push(chunk));
  child.stderr?.on('data', (chunk) => tail.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => tail.push(`spawn error: ${error.message}\n`));

  const address = `127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitUntilReady(address, namespace, keys, child, Date.now() + (options.startTimeoutMs ?? 60_000));
  } catch (error) {
    await stop();
    throw new Error(
      `Temporal dev server (${executable} ${args.slice(0, 2).join(' ')}) did not start on ${address}: ${(error as Error).message}\n` +
        `Last server output:\n${tail.text() || '(nothing)'}`,
    );
  }

  return {
    address,
    namespace,
    port,
    uiPort,
    uiUrl: uiPort === undefined ? undefined : `http://127.0.0.1:${uiPort}`,
    pid: child.pid ?? -1,
    stop,
  };
}
