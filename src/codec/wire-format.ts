/**
 * The codec server's JSON wire format, as the Temporal Web UI and CLI send it: the proto3 JSON
 * form of `Payloads` — `{ "payloads": [{ "metadata": { "<key>": "<base64>" }, "data": "<base64>" }] }`.
 */
import { type Payload } from '@temporalio/common';
import { z } from 'zod';
import { ValidationError } from '../errors';

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64');

export const payloadsBodySchema = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), base64).nullish(),
      data: base64.nullish(),
    }),
  ),
});

export interface PayloadJson {
  metadata: Record<string, string>;
  data: string;
}

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * Reads a request body.
 * @throws ValidationError naming the field (`payloads.0.data: expected base64`).
 */
export function payloadsFromJson(body: unknown): Payload[] {
  const parsed = payloadsBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`Invalid codec request: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'malformed body'}`);
  }
  return parsed.data.payloads.map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([key, value]) => [key, bytes(value)])),
    data: bytes(p.data ?? ''),
  }));
}

export function payloadsToJson(payloads: readonly Payload[]): { payloads: PayloadJson[] } {
  return {
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? new Uint8Array()).toString('base64')])),
      data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
    })),
  };
}
