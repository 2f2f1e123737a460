/**
 * Shared set-up for the emulator tests: an emulated org per test file and jsforce connections
 * to it, exactly as production code connects.
 */
import { Connection } from 'jsforce';
import { idChecksum } from '../../../src/emulators/salesforce/schema/ids';
import { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from '../../../src/emulators/salesforce';

export type { SalesforceEmulator };

export async function startEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  return startSalesforceEmulator({ bulkProcessingDelayMs: 20, eventDeliveryDelayMs: 5, ...options });
}

export function connect(emu: SalesforceEmulator, token = emu.accessToken): Connection {
  return new Connection({ instanceUrl: emu.url, accessToken: token, version: '62.0' });
}

/** Raw REST call through jsforce (path relative to /services/data/v62.0). */
export function rest<T = unknown>(conn: Connection, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  return conn.request<T>({
    method: method as 'GET',
    url: `/services/data/v62.0${path}`,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** Plain fetch, for status codes and headers jsforce hides. */
export async function raw(emu: SalesforceEmulator, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${emu.accessToken}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Caught error of a promise (fails the test when it resolves). */
export async function rejection(promise: PromiseLike<unknown>): Promise<Error & { errorCode?: string; name: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string };
  }
  throw new Error('expected the call to fail');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A well-formed 18-character id of `prefix` that no record has. */
export function unusedId(prefix: string): string {
  const id15 = `${prefix}5g0000ZZZZZZZ`.slice(0, 15);
  return id15 + idChecksum(id15);
}
