/**
 * The codec server speaks Temporal's codec protocol: decode and encode with the JSON wire
 * format, CORS for the Web UI's origin, the namespace check, the optional bearer token, and clear
 * errors for bad input — and the CLI starts it with the configured key.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, KEY_ID_METADATA } from '../../src/codec/aes-gcm-codec';
import { payloadsFromJson, payloadsToJson } from '../../src/codec/wire-format';
import { startCodecServer, type CodecServer } from '../../src/client/codec-server';
import { freePort } from '../../src/dev/dev-server';

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = randomBytes(32).toString('base64');
const codec = new AesGcmPayloadCodec({ keyId: 'k1', key: KEY });
const UI = 'http://localhost:8233';
const TOKEN = 'codec-test-token';

let open: CodecServer;
let guarded: CodecServer;

beforeAll(async () => {
  open = await startCodecServer({ codec, namespace: 'default' });
  guarded = await startCodecServer({ codec, namespace: 'default', authToken: TOKEN });
});

afterAll(async () => {
  await open?.close();
  await guarded?.close();
});

async function post(server: CodecServer, route: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', origin: UI, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

const values = (json: unknown) => payloadsFromJson(json).map((p) => defaultPayloadConverter.fromPayload(p));

test('POST /decode returns the plain payloads of encrypted ones, and passes plain ones through', async () => {
  const encrypted = await codec.encode([defaultPayloadConverter.toPayload({ email: 'a.b@example.com' })]);
  const plain = defaultPayloadConverter.toPayload({ created: 3 });
  const res = await post(open, '/decode', payloadsToJson([...encrypted, plain]));
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe(UI);
  expect(values(res.json)).toEqual([{ email: 'a.b@example.com' }, { created: 3 }]);
});

test('POST /encode returns payloads encrypted with the current key that the codec decrypts', async () => {
  const res = await post(open, '/encode', payloadsToJson([defaultPayloadConverter.toPayload('signal input')]));
  expect(res.status).toBe(200);
  const [payload] = payloadsFromJson(res.json);
  expect(Buffer.from(payload.metadata?.[KEY_ID_METADATA] as Uint8Array).toString()).toBe('k1');
  const [decoded] = await codec.decode([payload]);
  expect(defaultPayloadConverter.fromPayload(decoded)).toBe('signal input');
});

test('the namespace segment of the CLI endpoint template is accepted, another namespace is refused', async () => {
  const encrypted = await codec.encode([defaultPayloadConverter.toPayload(42)]);
  const ok = await post(open, '/default/decode', payloadsToJson(encrypted));
  expect(values(ok.json)).toEqual([42]);
  const other = await post(open, '/decode', payloadsToJson(encrypted), { 'x-namespace': 'payments' });
  expect(other.status).toBe(403);
  expect(other.json.error).toContain('serves namespace default');
});

test('a CORS preflight from the Web UI origin is answered with the allowed methods and headers; other origins are refused', async () => {
  const preflight = await fetch(`${open.url}/decode`, {
    method: 'OPTIONS',
    headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(UI);
  expect(preflight.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
  expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-namespace');
  expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');

  const foreign = await fetch(`${open.url}/decode`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
  expect(foreign.status).toBe(403);
  expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
});

test('with a bearer token configured, requests without it are refused and preflights still pass', async () => {
  const encrypted = await codec.encode([defaultPayloadConverter.toPayload('x')]);
  expect((await post(guarded, '/decode', payloadsToJson(encrypted))).status).toBe(401);
  expect((await post(guarded, '/decode', payloadsToJson(encrypted), { authorization: 'Bearer wrong' })).status).toBe(401);
  const ok = await post(guarded, '/decode', payloadsToJson(encrypted), { authorization: `Bearer ${TOKEN}` });
  expect(values(ok.json)).toEqual(['x']);
  const preflight = await fetch(`${guarded.url}/decode`, { method: 'OPTIONS', headers: { origin: UI, 'access-control-request-method': 'POST' } });
  expect(preflight.status).toBe(204);
});

test('bad requests get a status and a message naming the problem', async () => {
  const notJson = await post(open, '/decode', '{not json');
  expect(notJson).toMatchObject({ status: 400, json: { error: 'the body is not valid JSON' } });
  const badField = await post(open, '/decode', { payloads: [{ metadata: { encoding: 'ok' }, data: '***' }] });
  expect(badField.status).toBe(400);
  expect(badField.json.error).toContain('payloads.0.data: expected base64');

  const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload('x')]);
  const altered = Buffer.from(encrypted.data as Uint8Array);
  altered[20] ^= 0xff;
  const tampered = await post(open, '/decode', payloadsToJson([{ metadata: encrypted.metadata, data: new Uint8Array(altered) }]));
  expect(tampered).toMatchObject({ status: 422, json: { type: 'ContractError', code: 'PAYLOAD_TAMPERED' } });

  const unknownPath = await post(open, '/metrics', {});
  expect(unknownPath.status).toBe(404);
  const get = await fetch(`${open.url}/decode`);
  expect(get.status).toBe(405);
});

test('`saleswings-sync codec-server` serves the configured key, and an earlier key from a file, until SIGTERM', async () => {
  const port = await freePort();
  const oldKey = randomBytes(32).toString('base64');
  const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codec-key-')), 'old.key');
  fs.writeFileSync(keyFile, `${oldKey}\n`, { mode: 0o600 });
  const args = ['codec-server', '--port', String(port), '--decryption-key', `k0=${keyFile}`];
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'run-ts.js'), path.join(ROOT, 'src', 'client', 'cli.ts'), ...args], {
    env: { ...process.env, PAYLOAD_ENCRYPTION_KEY: KEY, PAYLOAD_ENCRYPTION_KEY_ID: 'k1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk) => {
        stdout += String(chunk);
        if (stdout.includes('Web UI:')) resolve();
      });
      void exited.then((code) => reject(new Error(`codec-server exited (${code}): ${stderr}`)));
    });
    expect(stdout).toContain(`Codec server on http://127.0.0.1:${port} (namespace default, key k1, k0 (decrypt only))`);
    expect(stdout).not.toContain(KEY);
    expect(stdout).not.toContain(oldKey);
    const current = await codec.encode([defaultPayloadConverter.toPayload({ name: 'Jane' })]);
    const earlier = await new AesGcmPayloadCodec({ keyId: 'k0', key: oldKey }).encode([defaultPayloadConverter.toPayload({ name: 'John' })]);
    const server = { url: `http://127.0.0.1:${port}`, port, close: async () => undefined };
    const res = await post(server, '/decode', payloadsToJson([...current, ...earlier]));
    expect(values(res.json)).toEqual([{ name: 'Jane' }, { name: 'John' }]);
    // New payloads are always encrypted with the current key.
    const encoded = await post(server, '/encode', payloadsToJson([defaultPayloadConverter.toPayload('x')]));
    expect(Buffer.from(payloadsFromJson(encoded.json)[0].metadata?.[KEY_ID_METADATA] as Uint8Array).toString()).toBe('k1');
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
  }
  expect(await exited).toBe(0);
}, 60_000);
