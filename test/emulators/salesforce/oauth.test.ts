import { generateKeyPairSync, sign } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import { connect, raw, rejection, startEmulator, type SalesforceEmulator } from './support';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

function assertion(claims: Record<string, unknown>, key = privateKey, alg = 'RS256'): string {
  const head = b64url(JSON.stringify({ alg, typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${b64url(sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key))}`;
}

describe('OAuth 2.0', () => {
  let emu: SalesforceEmulator;
  beforeAll(async () => {
    emu = await startEmulator({
      clients: [{ clientId: 'jwt-app', jwtPublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() }],
      users: [{ username: 'sync@acme.example', password: 's3cret' }, { username: 'other@acme.example' }],
    });
  });
  afterAll(() => emu.stop());

  const oauth2 = () => new OAuth2({ loginUrl: emu.url, clientId: emu.credentials.clientId, clientSecret: emu.credentials.clientSecret });
  const claims = (overrides: Record<string, unknown> = {}) => ({ iss: 'jwt-app', sub: 'sync@acme.example', aud: 'https://login.salesforce.com', exp: Math.floor(Date.now() / 1000) + 180, ...overrides });

  it('issues a token with the client-credentials grant, usable for the API', async () => {
    const conn = new Connection({ oauth2: oauth2(), version: '62.0' });
    const res = await conn.authorize({ grant_type: 'client_credentials' });
    expect(res).toMatchObject({ id: emu.integrationUserId, organizationId: emu.orgId });
    expect(conn.instanceUrl).toBe(emu.url);
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(4);
  });

  it('answers token requests with Salesforce field names', async () => {
    const res = await fetch(`${emu.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret }),
    });
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'id', 'instance_url', 'issued_at', 'scope', 'signature', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', instance_url: emu.url, id: `${emu.url}/id/${emu.orgId}/${emu.integrationUserId}` });
    expect(body.access_token.startsWith(`${emu.orgId.slice(0, 15)}!`)).toBe(true);
  });

  it('rejects a wrong secret as invalid_client and an unknown client as invalid_client_id', async () => {
    const bad = new OAuth2({ loginUrl: emu.url, clientId: emu.credentials.clientId, clientSecret: 'nope' });
    const error = await rejection(new Connection({ oauth2: bad, version: '62.0' }).authorize({ grant_type: 'client_credentials' }));
    expect(error.name).toBe('invalid_client');
    const unknown = new OAuth2({ loginUrl: emu.url, clientId: 'ghost', clientSecret: 'x' });
    expect((await rejection(new Connection({ oauth2: unknown, version: '62.0' }).authorize({ grant_type: 'client_credentials' }))).name).toBe('invalid_client_id');
  });

  it('logs in with the username-password grant and rejects a bad password as invalid_grant', async () => {
    const conn = new Connection({ oauth2: oauth2(), version: '62.0' });
    const info = await conn.login('sync@acme.example', 's3cret');
    expect(info.id).toBe(emu.integrationUserId);
    const error = await rejection(new Connection({ oauth2: oauth2(), version: '62.0' }).login('sync@acme.example', 'wrong'));
    expect(error.name).toBe('invalid_grant');
    expect(error.message).toContain('authentication failure');
  });

  it('accepts a signed RS256 JWT bearer assertion for the subject user', async () => {
    const conn = new Connection({ loginUrl: emu.url, version: '62.0', oauth2: { clientId: 'jwt-app', loginUrl: emu.url } as never });
    const res = await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: assertion(claims({ sub: 'other@acme.example', aud: emu.url })) });
    const otherUser = (await connect(emu).query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'other@acme.example'")).records[0].Id;
    expect(res.id).toBe(otherUser);
    await conn.sobject('Lead').create({ LastName: 'ByJwt', Company: 'C' });
    expect(emu.admin.records('Lead').find((l) => l.LastName === 'ByJwt')!.CreatedById).toBe(otherUser);
  });

  it.each([
    ['a signature from another key', () => assertion(claims(), other.privateKey), 'invalid_grant'],
    ['an expired assertion', () => assertion(claims({ exp: Math.floor(Date.now() / 1000) - 10 })), 'invalid_grant'],
    ['a wrong audience', () => assertion(claims({ aud: 'https://evil.example' })), 'invalid_grant'],
    ['an unknown user', () => assertion(claims({ sub: 'ghost@acme.example' })), 'invalid_grant'],
    ['an unknown issuer', () => assertion(claims({ iss: 'ghost' })), 'invalid_client_id'],
    ['a malformed assertion', () => 'not-a-jwt', 'invalid_grant'],
  ])('rejects a JWT with %s', async (_label, make, code) => {
    const res = await raw(emu, 'POST', '/services/oauth2/token', new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: make() }).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toBe(code);
  });

  it('refreshes with a refresh token and keeps it valid after sessions expire', async () => {
    const refreshToken = emu.admin.createRefreshToken();
    const conn = new Connection({ oauth2: oauth2(), instanceUrl: emu.url, accessToken: emu.accessToken, refreshToken, version: '62.0' });
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    emu.admin.expireSessions();
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(4);
    expect(refreshed).toHaveLength(1);
    expect(conn.accessToken).toBe(refreshed[0]);
  });

  it('revokes tokens: a revoked access token gets 401 INVALID_SESSION_ID', async () => {
    const token = emu.admin.issueToken();
    const res = await fetch(`${emu.url}/services/oauth2/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(token)}` });
    expect(res.status).toBe(200);
    const error = await rejection(connect(emu, token).query('SELECT Id FROM User'));
    expect(error.name).toBe('INVALID_SESSION_ID');
  });

  it('serves the identity URL jsforce calls', async () => {
    const identity = await connect(emu).identity();
    expect(identity).toMatchObject({ user_id: emu.integrationUserId, organization_id: emu.orgId, username: 'sync@acme.example' });
  });
});
