/**
 * The codec server: lets the Temporal Web UI and CLI show encrypted payloads decrypted, with
 * the keys staying here (the Temporal service never sees them; the browser sees plain data only
 * for the workflows its user opens).
 *
 * Temporal's codec server protocol: `POST /decode` and `POST /encode` (also under a namespace
 * segment, `/{namespace}/decode`, for the CLI's `--codec-endpoint` templating) with the JSON
 * wire format of src/codec/wire-format.ts; the UI sends `X-Namespace` and, when configured to
 * pass it, the user's access token. The UI calls it from the browser, so it answers CORS for
 * the UI's origin.
 *
 *   saleswings-sync codec-server --port 8888
 *   temporal server start-dev --ui-codec-endpoint http://127.0.0.1:8888
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Logger, type PayloadCodec } from '@temporalio/common';
import { type Command } from 'commander';
import { AesGcmPayloadCodec } from '../codec/aes-gcm-codec';
import { type EncryptionKeySetting, type EncryptionSettings } from '../codec/encryption-keys';
import { payloadsFromJson, payloadsToJson } from '../codec/wire-format';
import { waitForStopSignal } from '../dev/stop-signal';
import { ConfigError, SyncError, ValidationError } from '../errors';
import { type CliContext } from './cli-context';

/** Web UI origins of the dev server (8233) and of the compose setup (8080). */
export const DEFAULT_UI_ORIGINS = ['http://localhost:8233', 'http://127.0.0.1:8233', 'http://localhost:8080', 'http://127.0.0.1:8080'];

/** A history page decoded at once can hold many payloads of up to 2 MB each. */
const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
const DEFAULT_ALLOWED_HEADERS = 'content-type, x-namespace, authorization';
const ROUTE = /^(?:\/([^/]+))?\/(encode|decode)\/?$/;

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback by default: the codec server decrypts for whoever reaches it. */
  host?: string;
  /** Browser origins allowed to call it (CORS); `*` allows any. Default: the local Web UIs. */
  allowedOrigins?: readonly string[];
  /** When set, every encode/decode request needs `Authorization: Bearer <token>`. */
  authToken?: string;
  /** When set, requests for another namespace (X-Namespace or path) are refused. */
  namespace?: string;
  maxBodyBytes?: number;
  /** Request log (method, route, status, payload count — never payload content). */
  logger?: Logger;
}

export interface CodecServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Constant-time comparison (hashes first, so lengths never leak either). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpProblem(413, `request body exceeds ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function corsHeaders(req: http.IncomingMessage, allowed: readonly string[]): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return {};
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
}

/** Starts the codec server; resolves once it listens. */
export function startCodecServer(options: CodecServerOptions): Promise<CodecServer> {
  const allowed = options.allowedOrigins ?? DEFAULT_UI_ORIGINS;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  async function handle(req: http.IncomingMessage, cors: Record<string, string>): Promise<{ status: number; body?: unknown; count?: number }> {
    const path = new URL(req.url ?? '/', 'http://codec').pathname;
    const route = ROUTE.exec(path);
    if (!route) throw new HttpProblem(404, `unknown path ${path}: POST /encode or /decode`);
    if (req.method === 'OPTIONS') {
      // Preflight: the browser asks before sending X-Namespace/Authorization cross-origin.
      if (!cors['access-control-allow-origin']) throw new HttpProblem(403, 'origin not allowed');
      return { status: 204 };
    }
    if (req.method !== 'POST') throw new HttpProblem(405, 'only POST is supported');
    if (options.authToken !== undefined && !bearerMatches(req.headers.authorization, options.authToken)) {
      throw new HttpProblem(401, 'missing or wrong bearer token');
    }
    const header = req.headers['x-namespace'];
    const namespace = route[1] ? decodeURIComponent(route[1]) : typeof header === 'string' ? header : undefined;
    if (options.namespace && namespace && namespace !== options.namespace) {
      throw new HttpProblem(403, `this codec server serves namespace ${options.namespace}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req, maxBody));
    } catch (error) {
      if (error instanceof HttpProblem) throw error;
      throw new HttpProblem(400, 'the body is not valid JSON');
    }
    const payloads = payloadsFromJson(json);
    const result = route[2] === 'encode' ? await options.codec.encode(payloads) : await options.codec.decode(payloads);
    return { status: 200, body: payloadsToJson(result), count: payloads.length };
  }

  const server = http.createServer((req, res) => {
    const cors = corsHeaders(req, allowed);
    const preflight = req.method === 'OPTIONS' && cors['access-control-allow-origin'] !== undefined;
    const headers: Record<string, string> = {
      ...cors,
      ...(preflight
        ? {
            'access-control-allow-methods': 'POST, OPTIONS',
            'access-control-allow-headers': req.headers['access-control-request-headers'] ?? DEFAULT_ALLOWED_HEADERS,
            'access-control-max-age': '600',
          }
        : {}),
    };
    const reply = (status: number, body?: unknown, count?: number) => {
      options.logger?.[status >= 500 ? 'error' : status >= 400 ? 'warn' : 'debug']('codec request', {
        method: req.method,
        path: req.url?.split('?')[0],
        status,
        ...(count !== undefined ? { payloads: count } : {}),
      });
      if (body === undefined) res.writeHead(status, headers).end();
      else res.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    handle(req, cors).then(
      ({ status, body, count }) => reply(status, body, count),
      (error: unknown) => {
        if (error instanceof HttpProblem) reply(error.status, { error: error.message });
        // A malformed body, an unknown key id, a payload that fails authentication: the caller's
        // data is wrong, not the server.
        else if (error instanceof ValidationError) reply(400, { error: error.message });
        else if (error instanceof SyncError) reply(422, { error: error.message, type: error.type, code: error.code });
        else reply(500, { error: 'internal error' });
      },
    );
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port, address } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

interface CodecServerCommandOptions {
  port: string;
  host: string;
  origin?: string[];
  authTokenFile?: string;
  decryptionKey?: string[];
}

function readSecretFile(option: string, file: string): string {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ConfigError('Invalid option:', [{ path: option, message: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  if (!content) throw new ConfigError('Invalid option:', [{ path: option, message: `${file} is empty` }]);
  return content;
}

/** `--decryption-key <id>=<file>`: keys stay in files, never on the command line (visible in `ps`). */
function decryptionKeys(values: readonly string[] = []): EncryptionKeySetting[] {
  return values.map((value) => {
    const at = value.indexOf('=');
    if (at < 1) throw new ConfigError('Invalid option:', [{ path: '--decryption-key', message: `expected <key id>=<file>, got "${value}"` }]);
    return { keyId: value.slice(0, at), key: readSecretFile('--decryption-key', value.slice(at + 1)) };
  });
}

/** `saleswings-sync codec-server`: serves the codec with the configured keys until SIGINT/SIGTERM. */
export function registerCodecServerCommand(program: Command, ctx: CliContext): void {
  program
    .command('codec-server')
    .description('decrypt payloads for the Temporal Web UI and CLI with the configured PAYLOAD_ENCRYPTION_KEY (docs/security.md)')
    .option('--port <port>', 'port to listen on', '8888')
    .option('--host <host>', 'address to bind (0.0.0.0 in a container)', '127.0.0.1')
    .option('--origin <url...>', `Web UI origins allowed to call it (default: ${DEFAULT_UI_ORIGINS.join(', ')})`)
    .option('--auth-token-file <file>', 'require `Authorization: Bearer <token>` with the token in this file')
    .option('--decryption-key <id=file...>', 'an earlier key (after a rotation) that still decrypts: its key id and the file holding it (base64)')
    .addHelpText('after', '\nExample:\n  saleswings-sync codec-server --port 8888\n  temporal server start-dev --ui-codec-endpoint http://127.0.0.1:8888')
    .action(async (opts: CodecServerCommandOptions) => {
      const { settings } = ctx.config();
      if (!settings.worker.encryption) {
        throw new ConfigError('The codec server needs the payload encryption key:', [{ path: 'PAYLOAD_ENCRYPTION_KEY', message: 'not set' }]);
      }
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError('Invalid option:', [{ path: '--port', message: 'expected a port number' }]);
      const authToken = opts.authTokenFile ? readSecretFile('--auth-token-file', opts.authTokenFile) : undefined;
      const configured: EncryptionSettings = settings.worker.encryption;
      const older = [...(configured.decryptionKeys ?? []), ...decryptionKeys(opts.decryptionKey)];
      const codec = new AesGcmPayloadCodec({ ...configured, decryptionKeys: older });
      const server = await startCodecServer({
        codec,
        port,
        host: opts.host,
        allowedOrigins: opts.origin,
        authToken,
        namespace: settings.temporal.namespace,
      });
      const keys = [codec.currentKeyId, ...older.map((k) => `${k.keyId} (decrypt only)`)].join(', ');
      ctx.out(`Codec server on ${server.url} (namespace ${settings.temporal.namespace}, key ${keys}${authToken ? ', bearer token required' : ''}).`);
      ctx.out(`Web UI: temporal server start-dev --ui-codec-endpoint ${server.url}   or   TEMPORAL_CODEC_ENDPOINT=${server.url}`);
      await waitForStopSignal();
      await server.close();
    });
}
