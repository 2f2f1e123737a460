/**
 * The HTTP front: routes `/services/oauth2/*`, `/id/*`, `/services/data[/vXX.X/*]` and the
 * admin API under `/__emulator/`. For REST calls it applies, in order: URI length (414 beyond
 * 16,384 bytes), authentication (401 INVALID_SESSION_ID), the daily allocation (403
 * REQUEST_LIMIT_EXCEEDED), injected 503s, counting, latency; then it adds
 * `Sforce-Limit-Info: api-usage=used/max` to the answer.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm
 */
import http from 'node:http';
import type { Org } from '../org';
import type { Sessions } from '../sessions';
import { ApiError, JSON_TYPE, json, type ApiRequest, type Reply, type Route } from './api-types';
import { handleRevoke, handleToken, identity, type OAuthDeps } from './oauth';
import { SUPPORTED_VERSIONS, versionsList } from './limits-routes';

/** Salesforce's limit for the URI plus headers. */
export const MAX_URI_BYTES = 16_384;

export interface ServerDeps extends OAuthDeps {
  org: Org;
  sessions: Sessions;
  routes: Route[];
  admin(method: string, path: string, query: URLSearchParams, body: Buffer): Promise<Reply>;
}

const SESSION_EXPIRED = new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

function send(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: string | Buffer | undefined;
  if (reply.body !== undefined && reply.body !== null && reply.status !== 204) {
    if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) payload = reply.body;
    else payload = JSON.stringify(reply.body);
    headers['Content-Type'] = reply.contentType ?? JSON_TYPE;
  } else if (reply.body === null && reply.status !== 204) {
    payload = 'null';
    headers['Content-Type'] = reply.contentType ?? JSON_TYPE;
  }
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function errorReply(error: unknown): Reply {
  if (error instanceof ApiError) return json(error.status, error.toBody());
  const message = error instanceof Error ? error.message : String(error);
  return json(500, [{ message: `An unexpected error occurred: ${message}`, errorCode: 'UNKNOWN_EXCEPTION' }]);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function matchRoute(routes: Route[], method: string, subPath: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(subPath);
    if (m) return { route, params: m.slice(1) };
  }
  return undefined;
}

/** Whether some route exists for the path with another method (405 instead of 404). */
function pathKnown(routes: Route[], subPath: string): boolean {
  return routes.some((r) => r.pattern.test(subPath));
}

export function createHttpServer(deps: ServerDeps): http.Server {
  const handle = async (req: http.IncomingMessage): Promise<Reply> => {
    const rawUrl = req.url ?? '/';
    if (Buffer.byteLength(rawUrl) > MAX_URI_BYTES) return { status: 414, body: 'URI Too Long', contentType: 'text/plain' };
    const url = new URL(rawUrl, 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    const path = url.pathname;

    if (path.startsWith('/__emulator/')) return deps.admin(method, path.slice('/__emulator'.length), url.searchParams, body);

    if (path === '/services/oauth2/token' && method === 'POST') {
      deps.org.counters.increment('oauth-token');
      const form = new URLSearchParams(body.toString('utf8'));
      return handleToken(deps, form, req.headers.authorization);
    }
    if (path === '/services/oauth2/revoke') {
      deps.org.counters.increment('oauth-revoke');
      const form = method === 'POST' ? new URLSearchParams(body.toString('utf8')) : url.searchParams;
      return handleRevoke(deps, form.get('token'));
    }
    const idMatch = /^\/id\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)\/?$/.exec(path);
    if (idMatch) {
      deps.org.counters.increment('identity');
      return identity(deps, deps.sessions.authenticate(req.headers.authorization), idMatch[1], idMatch[2]);
    }
    if (path === '/services/data' || path === '/services/data/') {
      deps.org.counters.increment('versions');
      // The versions root needs no session and carries no Sforce-Limit-Info header.
      return json(200, versionsList());
    }

    const api = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
    if (!api) return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    const version = api[1];
    const subPath = api[2] ?? '/';
    const session = deps.sessions.authenticate(req.headers.authorization);
    if (!session) return json(401, SESSION_EXPIRED.toBody());
    const limitHeader = () => ({ 'Sforce-Limit-Info': `api-usage=${deps.org.counters.total}/${deps.org.dailyApiLimit}` });
    const withLimit = (reply: Reply): Reply => ({ ...reply, headers: { ...(reply.headers ?? {}), ...limitHeader() } });

    if (!SUPPORTED_VERSIONS.includes(version)) return withLimit(json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]));
    const matched = matchRoute(deps.routes, method, subPath);
    if (!matched) {
      if (pathKnown(deps.routes, subPath)) return withLimit(json(405, [{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed. Allowed are other methods` }]));
      return withLimit(json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]));
    }
    const { org } = deps;
    const limit = Math.min(org.dailyApiLimit, org.faults.requestLimitAfter ?? Number.POSITIVE_INFINITY);
    if (org.counters.total >= limit) {
      return withLimit(json(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]));
    }
    const unavailable = org.faults.takeUnavailable(matched.route.kind, method, subPath);
    if (unavailable !== undefined) {
      return withLimit(json(unavailable, [{ message: 'Service temporarily unavailable, please try again later.', errorCode: 'SERVER_UNAVAILABLE' }]));
    }
    org.counters.increment(matched.route.kind);
    const latency = org.faults.latencyMs + org.faults.baseLatencyMs;
    if (latency > 0) await sleep(latency);
    const apiRequest: ApiRequest = { method, path: subPath, query: url.searchParams, headers: req.headers, body, version, userId: session.userId, params: matched.params, internal: false };
    try {
      return withLimit(await matched.route.handler(apiRequest));
    } catch (error) {
      return withLimit(errorReply(error));
    }
  };

  const server = http.createServer({ maxHeaderSize: 1024 * 1024 }, (req, res) => {
    handle(req)
      .then((reply) => send(res, reply))
      .catch((error: unknown) => send(res, errorReply(error)));
  });
  return server;
}

/** Runs a Composite subrequest through the same routes: synchronous, uncounted, no faults. */
export function internalDispatch(routes: Route[]) {
  return (method: string, url: string, body: unknown, headers: Record<string, string>, parent: ApiRequest): Reply => {
    const parsed = new URL(url, 'http://emulator');
    const api = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(parsed.pathname);
    const subPath = api ? api[2] ?? '/' : parsed.pathname;
    const matched = matchRoute(routes, method, subPath);
    if (!matched || !matched.route.compositeAllowed) return json(400, [{ errorCode: 'INVALID_API_INPUT', message: `${method} ${url} is not supported in a composite request` }]);
    const lowerHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) lowerHeaders[k.toLowerCase()] = v;
    const request: ApiRequest = {
      method,
      path: subPath,
      query: parsed.searchParams,
      headers: { ...parent.headers, ...lowerHeaders },
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      version: api ? api[1] : parent.version,
      userId: parent.userId,
      params: matched.params,
      internal: true,
    };
    try {
      const reply = matched.route.handler(request);
      if (reply instanceof Promise) throw new Error(`${method} ${url} cannot run inside a composite request`);
      if (reply.status === 201 && reply.body && typeof reply.body === 'object' && 'id' in reply.body) {
        return { ...reply, headers: { Location: `/services/data/v${request.version}${subPath.replace(/\/$/, '')}/${String((reply.body as { id: unknown }).id)}` } };
      }
      return reply;
    } catch (error) {
      return errorReply(error);
    }
  };
}
