/**
 * OAuth 2.0 token endpoint (`/services/oauth2/token`) for the flows the product may use —
 * client credentials, JWT bearer, refresh token, username-password — plus revocation and the
 * identity URL. Token responses and errors have Salesforce's field names and codes
 * (`invalid_client_id`, `invalid_client`, `invalid_grant`), which jsforce surfaces as error names.
 * https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_flow_errors.htm
 */
import { createHmac, createPublicKey, verify } from 'node:crypto';
import type { Org, OrgUser } from '../org';
import type { Sessions, Session } from '../sessions';
import { JSON_TYPE, type Reply } from './api-types';

export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
  jwtPublicKeyPem?: string;
}

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Audiences accepted in JWT assertions besides the emulator's own URL. */
const LOGIN_HOSTS = ['https://login.salesforce.com', 'https://test.salesforce.com'];

class OAuthFailure extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

function oauthError(error: string, description: string, status = 400): Reply {
  return { status, body: { error, error_description: description }, contentType: JSON_TYPE };
}

export interface OAuthDeps {
  org: Org;
  sessions: Sessions;
  clients: Map<string, OAuthClient>;
  baseUrl(): string;
}

function base64UrlDecode(part: string): Buffer {
  return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export function tokenResponse(deps: OAuthDeps, session: Session, client: OAuthClient, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const url = deps.baseUrl();
  const id = `${url}/id/${deps.org.orgId}/${session.userId}`;
  const issuedAt = String(session.issuedAt);
  const signature = createHmac('sha256', client.clientSecret ?? client.clientId).update(id + issuedAt).digest('base64');
  return { access_token: session.token, instance_url: url, id, token_type: 'Bearer', issued_at: issuedAt, signature, scope: 'api refresh_token', ...extra };
}

export function handleToken(deps: OAuthDeps, form: URLSearchParams, authorization: string | undefined): Reply {
  try {
    // Client credentials may also arrive as HTTP Basic authentication.
    if (authorization?.toLowerCase().startsWith('basic ')) {
      const [id, secret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
      if (!form.has('client_id')) form.set('client_id', decodeURIComponent(id ?? ''));
      if (!form.has('client_secret')) form.set('client_secret', decodeURIComponent(secret ?? ''));
    }
    const grant = form.get('grant_type');
    switch (grant) {
      case 'password':
        return passwordGrant(deps, form);
      case 'client_credentials':
        return clientCredentialsGrant(deps, form);
      case 'refresh_token':
        return refreshGrant(deps, form);
      case JWT_BEARER:
        return jwtGrant(deps, form);
      default:
        return oauthError('unsupported_grant_type', 'grant type not supported');
    }
  } catch (error) {
    if (error instanceof OAuthFailure) return oauthError(error.error, error.description, error.status);
    throw error;
  }
}

function client(deps: OAuthDeps, clientId: string | null): OAuthClient {
  const found = clientId ? deps.clients.get(clientId) : undefined;
  if (!found) throw new OAuthFailure('invalid_client_id', 'client identifier invalid');
  return found;
}

function authenticatedClient(deps: OAuthDeps, form: URLSearchParams, secretRequired: boolean): OAuthClient {
  const c = client(deps, form.get('client_id'));
  const secret = form.get('client_secret');
  if ((secretRequired || secret !== null) && c.clientSecret !== undefined && secret !== c.clientSecret) {
    throw new OAuthFailure('invalid_client', 'invalid client credentials');
  }
  return c;
}

function user(deps: OAuthDeps, username: string | null | undefined): OrgUser | undefined {
  return username ? deps.org.users.get(username.toLowerCase()) : undefined;
}

function passwordGrant(deps: OAuthDeps, form: URLSearchParams): Reply {
  const c = authenticatedClient(deps, form, true);
  const u = user(deps, form.get('username'));
  if (!u || u.password !== form.get('password')) throw new OAuthFailure('invalid_grant', 'authentication failure');
  return { status: 200, body: tokenResponse(deps, deps.sessions.issue(u.id, c.clientId), c), contentType: JSON_TYPE };
}

function clientCredentialsGrant(deps: OAuthDeps, form: URLSearchParams): Reply {
  const c = authenticatedClient(deps, form, true);
  // The connected app's "run as" user is the integration user.
  const session = deps.sessions.issue(deps.org.integrationUser.id, c.clientId);
  return { status: 200, body: tokenResponse(deps, session, c, { scope: 'api' }), contentType: JSON_TYPE };
}

function refreshGrant(deps: OAuthDeps, form: URLSearchParams): Reply {
  const c = authenticatedClient(deps, form, false);
  const grant = deps.sessions.findRefresh(form.get('refresh_token') ?? '');
  if (!grant || grant.clientId !== c.clientId) throw new OAuthFailure('invalid_grant', 'expired access/refresh token');
  const session = deps.sessions.issue(grant.userId, c.clientId, grant.token);
  return { status: 200, body: tokenResponse(deps, session, c), contentType: JSON_TYPE };
}

function jwtGrant(deps: OAuthDeps, form: URLSearchParams): Reply {
  const assertion = form.get('assertion') ?? '';
  const parts = assertion.split('.');
  if (parts.length !== 3) throw new OAuthFailure('invalid_grant', 'invalid assertion');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(base64UrlDecode(parts[0]).toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(base64UrlDecode(parts[1]).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new OAuthFailure('invalid_grant', 'invalid assertion');
  }
  if (header.alg !== 'RS256') throw new OAuthFailure('invalid_grant', 'invalid assertion');
  const c = client(deps, typeof claims.iss === 'string' ? claims.iss : null);
  if (c.jwtPublicKeyPem) {
    const ok = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey(c.jwtPublicKeyPem), base64UrlDecode(parts[2]));
    if (!ok) throw new OAuthFailure('invalid_grant', 'invalid assertion');
  }
  const audiences = [...LOGIN_HOSTS, deps.baseUrl()].map((a) => a.replace(/\/$/, ''));
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a.replace(/\/$/, '')))) throw new OAuthFailure('invalid_grant', 'audience is invalid');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) throw new OAuthFailure('invalid_grant', 'expired authorization code');
  const u = user(deps, typeof claims.sub === 'string' ? claims.sub : undefined);
  if (!u) throw new OAuthFailure('invalid_grant', "user hasn't approved this consumer");
  return { status: 200, body: tokenResponse(deps, deps.sessions.issue(u.id, c.clientId), c, { scope: 'api' }), contentType: JSON_TYPE };
}

export function handleRevoke(deps: OAuthDeps, token: string | null): Reply {
  if (!token || !deps.sessions.revoke(token)) return oauthError('unsupported_token_type', 'this token type is not supported');
  return { status: 200 };
}

/** `GET /id/<orgId>/<userId>`: the identity service jsforce's `identity()` calls. */
export function identity(deps: OAuthDeps, session: Session | undefined, orgId: string, userId: string): Reply {
  if (!session) return oauthError('Bad_OAuth_Token', 'Bad_OAuth_Token', 403);
  const row = deps.org.store.table('User').rows.get(userId);
  if (!row || orgId !== deps.org.orgId) return { status: 404, body: 'Bad_Id', contentType: 'text/plain' };
  const url = deps.baseUrl();
  return {
    status: 200,
    contentType: JSON_TYPE,
    body: {
      id: `${url}/id/${orgId}/${userId}`,
      asserted_user: session.userId === userId,
      user_id: userId,
      organization_id: orgId,
      username: row.Username,
      nick_name: String(row.Username).split('@')[0],
      display_name: row.Name,
      email: row.Email,
      first_name: row.FirstName,
      last_name: row.LastName,
      active: row.IsActive,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      urls: {
        rest: `${url}/services/data/v{version}/`,
        sobjects: `${url}/services/data/v{version}/sobjects/`,
        query: `${url}/services/data/v{version}/query/`,
      },
    },
  };
}
