/**
 * Every auth mode against the emulated org's OAuth endpoint, with the real jsforce client,
 * and the refresh-once behaviour on an expired session.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Connection } from 'jsforce';
import { ErrorType } from '../../src/errors';
import { createSalesforceGateway, type SalesforceGateway } from '../../src/salesforce/gateway';
import { type SalesforceConnectionOptions, salesforceConnectionOptionsSchema } from '../../src/salesforce/connection';
import { callsByKind, FAST, rejection, startEmulator, type Emulator } from './support';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const JWT_CLIENT = 'jwt-connected-app';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ clients: [{ clientId: JWT_CLIENT, jwtPublicKeyPem: PUBLIC_PEM }] });
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => {
  emu.admin.reset();
  emu.admin.insert('Lead', { LastName: 'Known', Company: 'Acme', Email: 'known@example.com' });
});

async function readLeads(gateway: SalesforceGateway): Promise<string[]> {
  const leads = await gateway.queryAll<{ Email: string }>('SELECT Email FROM Lead');
  return leads.map((l) => l.Email);
}

function optionsFor(mode: SalesforceConnectionOptions['authMode']): SalesforceConnectionOptions {
  const { clientId, clientSecret, username, password } = emu.credentials;
  switch (mode) {
    case 'access_token':
      return { authMode: 'access_token', instanceUrl: emu.url, accessToken: emu.accessToken };
    case 'client_credentials':
      return { authMode: 'client_credentials', loginUrl: emu.url, clientId, clientSecret };
    case 'password':
      return { authMode: 'password', loginUrl: emu.url, clientId, clientSecret, username, password };
    case 'jwt':
      return { authMode: 'jwt', loginUrl: emu.url, clientId: JWT_CLIENT, username, privateKey: PRIVATE_PEM };
    case 'refresh_token':
      return { authMode: 'refresh_token', loginUrl: emu.url, clientId, clientSecret, refreshToken: emu.admin.createRefreshToken() };
    case 'connection':
      return { authMode: 'connection', connection: new Connection({ instanceUrl: emu.url, accessToken: emu.accessToken, version: '62.0' }) };
  }
}

describe('connecting', () => {
  it.each(['access_token', 'client_credentials', 'password', 'jwt', 'refresh_token', 'connection'] as const)(
    '%s mode reads the org with API version 62.0',
    async (mode) => {
      const gateway = await createSalesforceGateway({ connection: optionsFor(mode), ...FAST });
      expect(gateway.connection.version).toBe('62.0');
      expect(await readLeads(gateway)).toEqual(['known@example.com']);
    },
  );

  it('uses a configured API version', async () => {
    const gateway = await createSalesforceGateway({ connection: { ...optionsFor('client_credentials'), version: '61.0' } as SalesforceConnectionOptions, ...FAST });
    expect(gateway.connection.version).toBe('61.0');
    expect(await readLeads(gateway)).toEqual(['known@example.com']);
  });

  it('validates connection settings with the exported schema, naming the field', () => {
    const parsed = salesforceConnectionOptionsSchema.safeParse({ authMode: 'client_credentials', loginUrl: 'not a url', clientId: 'x' });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['loginUrl', 'clientSecret']));
  });

  it('reports a wrong client secret as a non-retryable AuthError without the secret', async () => {
    const error = await rejection(
      createSalesforceGateway({ connection: { ...optionsFor('client_credentials'), clientSecret: 'wrong-SECRET-value' } as SalesforceConnectionOptions }),
    );
    expect(error.type).toBe(ErrorType.Auth);
    expect(error.code).toBe('invalid_client');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('wrong-SECRET-value');
  });

  it('reports a JWT signed with another key as invalid_grant', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const error = await rejection(
      createSalesforceGateway({ connection: { ...optionsFor('jwt'), privateKey: other } as SalesforceConnectionOptions }),
    );
    expect(error.type).toBe(ErrorType.Auth);
    expect(error.code).toBe('invalid_grant');
  });

  it('counts token requests as auth calls, outside the API total', async () => {
    const gateway = await createSalesforceGateway({ connection: optionsFor('client_credentials'), ...FAST });
    await readLeads(gateway);
    const stats = gateway.stats();
    expect(stats.calls.auth).toBe(1);
    expect(stats.calls.query).toBe(1);
    expect(stats.total).toBe(1);
  });
});

describe('expired sessions', () => {
  it.each(['client_credentials', 'jwt', 'password', 'refresh_token'] as const)(
    '%s: an expired session is refreshed once and the call succeeds',
    async (mode) => {
      const gateway = await createSalesforceGateway({ connection: optionsFor(mode), ...FAST });
      await readLeads(gateway);
      emu.admin.resetCounters();
      emu.admin.expireSessions();
      expect(await readLeads(gateway)).toEqual(['known@example.com']);
      expect(gateway.stats().sessionRefreshes).toBe(1);
      expect(callsByKind(emu)['oauth-token']).toBe(1);
      // Only the replayed query: the emulator rejects the expired session before counting the call.
      expect(callsByKind(emu).query).toBe(1);
    },
  );

  it('concurrent calls on an expired session share one refresh', async () => {
    const gateway = await createSalesforceGateway({ connection: optionsFor('client_credentials'), ...FAST });
    await readLeads(gateway);
    emu.admin.resetCounters();
    emu.admin.expireSessions();
    const results = await Promise.all([readLeads(gateway), readLeads(gateway), readLeads(gateway)]);
    expect(results).toEqual([['known@example.com'], ['known@example.com'], ['known@example.com']]);
    expect(callsByKind(emu)['oauth-token']).toBe(1);
  });

  it('a session that expires again later is refreshed again', async () => {
    const gateway = await createSalesforceGateway({ connection: optionsFor('client_credentials'), ...FAST });
    emu.admin.expireSessions();
    await readLeads(gateway);
    emu.admin.expireSessions();
    expect(await readLeads(gateway)).toEqual(['known@example.com']);
    expect(gateway.stats().sessionRefreshes).toBe(2);
  });

  it('a session rejected right after its refresh fails as AuthError instead of refreshing in a loop', async () => {
    const gateway = await createSalesforceGateway({ connection: optionsFor('client_credentials'), ...FAST });
    await readLeads(gateway);
    // Every newly issued token is revoked at once: the replay is rejected too.
    gateway.connection.on('refresh', () => emu.admin.expireSessions());
    emu.admin.resetCounters();
    emu.admin.expireSessions();
    const error = await rejection(readLeads(gateway));
    expect(error.type).toBe(ErrorType.Auth);
    expect(callsByKind(emu)['oauth-token']).toBe(1);
  });

  it('access_token mode cannot refresh: the call fails with a non-retryable AuthError', async () => {
    const gateway = await createSalesforceGateway({ connection: optionsFor('access_token'), ...FAST });
    emu.admin.expireSessions();
    const error = await rejection(readLeads(gateway));
    expect(error.type).toBe(ErrorType.Auth);
    expect(error.code).toBe('INVALID_SESSION_ID');
    expect(error.retryable).toBe(false);
  });

  it('a refresh token revoked meanwhile surfaces as AuthError (invalid_grant)', async () => {
    const gateway = await createSalesforceGateway({
      connection: { ...optionsFor('refresh_token'), refreshToken: 'not-a-known-refresh-token', instanceUrl: emu.url, accessToken: emu.accessToken } as SalesforceConnectionOptions,
      ...FAST,
    });
    expect(await readLeads(gateway)).toEqual(['known@example.com']);
    emu.admin.expireSessions();
    const error = await rejection(readLeads(gateway));
    expect(error.type).toBe(ErrorType.Auth);
    expect(error.code).toBe('invalid_grant');
  });
});
