import { generateKeyPairSync, verify } from 'node:crypto';
import { ConfigError } from '../../src/errors';
import { buildJwtAssertion } from '../../src/salesforce/jwt-assertion';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('JWT bearer assertion', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  const assertion = buildJwtAssertion({
    clientId: 'consumer-key',
    username: 'integration@example.com',
    audience: 'https://login.salesforce.com/',
    privateKey: pem,
    now: () => now,
  });
  const [header, claims, signature] = assertion.split('.');

  it('carries iss, sub, aud and an exp three minutes ahead', () => {
    expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(decode(claims)).toEqual({
      iss: 'consumer-key',
      sub: 'integration@example.com',
      aud: 'https://login.salesforce.com',
      exp: now / 1000 + 180,
    });
  });

  it('is signed RS256 with the configured key', () => {
    const valid = verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url'));
    expect(valid).toBe(true);
  });

  it('accepts a key whose newlines are escaped, as environment variables hold them', () => {
    const escaped = pem.replace(/\n/g, '\\n');
    const other = buildJwtAssertion({ clientId: 'c', username: 'u', audience: 'https://test.salesforce.com', privateKey: escaped });
    expect(other.split('.')).toHaveLength(3);
  });

  it('reports an unusable key as a configuration problem without echoing it', () => {
    let caught: unknown;
    try {
      buildJwtAssertion({ clientId: 'c', username: 'u', audience: 'a', privateKey: 'not-a-key-SECRET' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([{ path: 'privateKey', message: 'must be a PEM-encoded RSA private key' }]);
    expect((caught as Error).message).not.toContain('SECRET');
  });
});
