/**
 * The SalesWings API emulator: a node:http server that speaks the contract of
 * docs/saleswings-api.md (Bearer auth, keyset-paged prospects, validated requests, the error
 * body), plus fault injection and the `/__admin/` API. Tests start one per file on a free
 * port and drive it in-process through the returned object.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin } from './admin';
import { API_ROUTES } from './api-routes';
import { type ClockSource } from './clock';
import { EmulatorControl } from './control';
import { type Dataset } from './dataset';
import { breakContract, type Fault } from './faults';
import { ApiError, sendError, sendJson } from './http-io';

/** Path prefix of the API, as in the real endpoint `https://helium.saleswings.pro/salesforce/v2`. */
export const API_BASE_PATH = '/salesforce/v2';
const ADMIN_PREFIX = '/__admin';

export interface SalesWingsEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1; the admin API has no auth, so keep it on loopback. */
  host?: string;
  /** Bearer token the API accepts; a random one when omitted. */
  token?: string;
  /** Data to serve from the start; empty when omitted. */
  dataset?: Dataset;
  /** Source of "now" (serverTime, change instants); default the wall clock. */
  clock?: ClockSource;
}

/** A running emulator: its address and token, and the in-process control methods. */
export interface SalesWingsEmulator extends EmulatorControl {
  /** API base URL including `/salesforce/v2`, e.g. `http://127.0.0.1:40123/salesforce/v2`. */
  readonly url: string;
  /** Admin API base URL, e.g. `http://127.0.0.1:40123/__admin`. */
  readonly adminUrl: string;
  readonly port: number;
  readonly token: string;
  stop(): Promise<void>;
}

export async function startSalesWingsEmulator(options: SalesWingsEmulatorOptions = {}): Promise<SalesWingsEmulator> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? `sw-emu-${randomBytes(12).toString('hex')}`;
  const control = new EmulatorControl({ dataset: options.dataset, clock: options.clock });
  const server = createServer((req, res) => {
    void handle(control, token, req, res);
  });
  // Keep-alive longer than clients' idle timeout would make them reuse sockets we are closing.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return Object.assign(control, {
    url: `${origin}${API_BASE_PATH}`,
    adminUrl: `${origin}${ADMIN_PREFIX}`,
    port,
    token,
    stop: () => stopServer(server),
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (.+)$/.exec(header);
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function handle(control: EmulatorControl, token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.local');
  const method = req.method ?? 'GET';
  // A client that timed out and closed its socket makes late writes fail; nothing to report.
  res.on('error', () => undefined);
  try {
    if (url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      await handleAdmin(control, req, res, url.pathname.slice(ADMIN_PREFIX.length));
      return;
    }
  } catch (error) {
    respondWithError(res, error);
    return;
  }

  const now = control.now();
  const path = url.pathname.startsWith(`${API_BASE_PATH}/`) ? url.pathname.slice(API_BASE_PATH.length) : url.pathname;
  const entry = { at: now.toISOString(), method, path, query: url.search.replace(/^\?/, ''), status: 0, fault: undefined as Fault['kind'] | undefined };
  try {
    if (!url.pathname.startsWith(`${API_BASE_PATH}/`)) throw new ApiError(404, 'not_found', `no route ${url.pathname}`);
    if (!authorized(req, token)) throw new ApiError(401, 'unauthorized', 'missing or invalid bearer token');
    const route = API_ROUTES.find((r) => r.path === path && r.method === method);
    if (!route) {
      if (API_ROUTES.some((r) => r.path === path)) throw new ApiError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
      throw new ApiError(404, 'not_found', `no route ${path}`);
    }

    const fault = control.faults.take(method, path);
    entry.fault = fault?.kind;
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.kind === 'latency') await sleep(fault.ms);
    if (fault?.kind === 'status') {
      const headers = fault.retryAfter === undefined ? undefined : { 'retry-after': String(fault.retryAfter) };
      throw new ApiError(fault.status, fault.status >= 500 ? 'service_unavailable' : 'injected_fault', `injected fault (${fault.status})`, headers);
    }
    if (fault?.kind === 'rate-limit') {
      throw new ApiError(429, 'rate_limited', 'too many requests', { 'retry-after': String(fault.retryAfter) });
    }

    let body = await route.handle({ control, req, url, now });
    if (fault?.kind === 'malformed') body = breakContract(`${method} ${path}`, body, fault);
    entry.status = 200;
    if (fault?.kind === 'truncate') sendTruncated(res, body, fault);
    else sendJson(res, 200, body);
  } catch (error) {
    entry.status = respondWithError(res, error);
  } finally {
    control.logRequest(entry);
  }
}

function respondWithError(res: ServerResponse, error: unknown): number {
  const apiError =
    error instanceof ApiError ? error : new ApiError(500, 'internal_error', error instanceof Error ? error.message : String(error));
  // The client may have gone away (a timeout test); there is no one left to answer.
  if (!res.headersSent && !res.destroyed) sendError(res, apiError);
  return apiError.status;
}

function sendTruncated(res: ServerResponse, body: unknown, fault: Extract<Fault, { kind: 'truncate' }>): void {
  const full = Buffer.from(JSON.stringify(body), 'utf8');
  const cut = full.subarray(0, Math.max(1, Math.min(full.length - 1, Math.floor(full.length * fault.fraction))));
  if (fault.mode === 'end') {
    // A complete HTTP message whose JSON stops mid-way.
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(cut.length), connection: 'close' });
    res.end(cut);
    return;
  }
  // Announce the full body, send part of it, drop the connection.
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(full.length) });
  res.write(cut, () => res.socket?.destroy());
}
