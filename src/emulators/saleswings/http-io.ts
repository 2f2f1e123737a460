/**
 * node:http plumbing shared by the API and admin routes: JSON bodies in and out, and
 * the contract's error body `{error, message}`.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type z } from 'zod';
import { formatZodError } from '../../saleswings/zod-issues';

/** Largest request body accepted (a 200-record POST is about 60 KB; a dataset load is larger). */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

/** An answer other than 2xx, raised by a handler. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
    ...headers,
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, { error: error.error, message: error.message }, error.headers);
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError(413, 'payload_too_large', `request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body and validates it; 400 naming the field path when it does not fit. */
export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>, limit?: number): Promise<T> {
  const text = await readBody(req, limit);
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'request body is not valid JSON');
  }
  if (parsed === undefined) throw new ApiError(400, 'invalid_request', 'request body is required');
  const result = schema.safeParse(parsed);
  if (!result.success) throw new ApiError(400, 'invalid_request', formatZodError(result.error, parsed));
  return result.data;
}

/** Validates query parameters; unknown parameters are refused so client typos surface. */
export function parseQuery<T>(params: URLSearchParams, schema: z.ZodType<T>, known: readonly string[]): T {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!known.includes(key)) throw new ApiError(400, 'invalid_request', `unknown query parameter ${key}`);
    raw[key] = value;
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new ApiError(400, 'invalid_request', formatZodError(result.error));
  return result.data;
}
