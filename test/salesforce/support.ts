/**
 * Shared set-up of the gateway integration tests: an emulated org on loopback HTTP and a
 * gateway on it, driving the real jsforce client.
 */
import {
  startSalesforceEmulator,
  type SalesforceEmulator,
  type SalesforceEmulatorOptions,
} from '../../src/emulators/salesforce';
import { createSalesforceGateway, type SalesforceGateway, type SalesforceGatewayOptions } from '../../src/salesforce/gateway';

export type Emulator = SalesforceEmulator;

/** An emulated org with short Bulk and event delays. */
export function startEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  return startSalesforceEmulator({ bulkProcessingDelayMs: 20, eventDeliveryDelayMs: 5, ...options });
}

/** The caught error of a promise; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { type?: string; code?: string; retryable?: boolean; retryAfterMs?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** Fast retries: tests must not wait seconds for backoff. */
export const FAST: Pick<SalesforceGatewayOptions, 'http' | 'writes' | 'bulk'> = {
  http: { maxRetries: 1, minRetryDelayMs: 20 },
  writes: { retry: { baseDelayMs: 20, maxDelayMs: 80 } },
  bulk: { pollIntervalMs: 20, maxPollIntervalMs: 100 },
};

/** A gateway on the emulator, logged in with the client-credentials grant. */
export function gatewayFor(emu: Emulator, options: Partial<SalesforceGatewayOptions> = {}): Promise<SalesforceGateway> {
  return createSalesforceGateway({
    connection: {
      authMode: 'client_credentials',
      loginUrl: emu.url,
      clientId: emu.credentials.clientId,
      clientSecret: emu.credentials.clientSecret,
    },
    ...FAST,
    ...options,
    writes: { ...FAST.writes, ...options.writes },
  });
}

/** API calls the emulated org counted, by kind. */
export function callsByKind(emu: Emulator): Record<string, number> {
  return emu.admin.counters().byKind;
}

/** Records of an object in the emulated org, keyed by a field. */
export function byField<T extends Record<string, unknown>>(records: T[], field: string): Map<unknown, T> {
  return new Map(records.map((r) => [r[field], r]));
}
