/**
 * The signed assertion of the OAuth 2.0 JWT bearer flow. jsforce passes an assertion through
 * but does not build one (reference §1.3), so we sign it with node:crypto: RS256 over
 * `{iss: consumer key, sub: username, aud: login host, exp}`. Salesforce accepts an `exp` at
 * most three minutes ahead.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { ConfigError } from '../errors';

export interface JwtAssertionOptions {
  /** Consumer key of the connected app (`iss`). */
  clientId: string;
  /** Salesforce username the token is issued for (`sub`). */
  username: string;
  /** `https://login.salesforce.com`, `https://test.salesforce.com` or the site URL (`aud`). */
  audience: string;
  /** PEM-encoded RSA private key matching the certificate uploaded to the connected app. */
  privateKey: string | KeyObject;
  /** Seconds until `exp`; default 180 (the most Salesforce allows). */
  lifetimeSeconds?: number;
  /** Clock, for tests. */
  now?: () => number;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Parses the signing key once; a bad key is a configuration problem, named without its value. */
export function loadPrivateKey(pem: string | KeyObject): KeyObject {
  if (typeof pem !== 'string') return pem;
  try {
    const key = createPrivateKey({ key: pem.replace(/\\n/g, '\n'), format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return key;
  } catch {
    throw new ConfigError('Invalid Salesforce JWT signing key', [
      { path: 'privateKey', message: 'must be a PEM-encoded RSA private key' },
    ]);
  }
}

/** Builds and signs the RS256 assertion for `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`. */
export function buildJwtAssertion(options: JwtAssertionOptions): string {
  const key = loadPrivateKey(options.privateKey);
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      iss: options.clientId,
      sub: options.username,
      aud: options.audience.replace(/\/+$/, ''),
      exp: nowSeconds + (options.lifetimeSeconds ?? 180),
    }),
  );
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), key);
  return `${header}.${claims}.${base64url(signature)}`;
}
