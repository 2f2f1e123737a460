/**
 * jsforce `Connection` factory for every auth mode the product supports (reference §1.2–1.3).
 *
 * - The API version is always set explicitly (jsforce still defaults to 50.0; collections
 *   upsert and the `created` flag need ≥46.0).
 * - Grants without a refresh token (client credentials, JWT bearer, password) get a `refreshFn`
 *   that re-runs the grant: jsforce calls it on a 401 and replays the request.
 * - A session is refreshed at most once between two successful responses: if the replayed
 *   request is rejected again the token endpoint is not hammered — the call fails as AuthError.
 */
import { Connection, OAuth2, type TokenResponse } from 'jsforce';
import { z } from 'zod';
import { AuthError } from '../errors';
import { buildJwtAssertion, loadPrivateKey } from './jwt-assertion';
import { classifySalesforceError } from './errors';

/** API version sent on every request unless configured otherwise. */
export const DEFAULT_API_VERSION = '62.0';

const url = z.url({ protocol: /^https?$/ });
const secret = z.string().min(1);
const common = {
  /** REST API version, e.g. `62.0`. */
  version: z.string().regex(/^\d{2,3}\.0$/).optional(),
};

/** Settings of one org connection; `authMode` selects the OAuth flow. */
export const salesforceConnectionOptionsSchema = z.discriminatedUnion('authMode', [
  z.object({ authMode: z.literal('access_token'), instanceUrl: url, accessToken: secret, ...common }),
  z.object({
    authMode: z.literal('client_credentials'),
    /** The org's My Domain URL: client credentials does not accept login.salesforce.com. */
    loginUrl: url,
    clientId: secret,
    clientSecret: secret,
    ...common,
  }),
  z.object({
    authMode: z.literal('jwt'),
    loginUrl: url,
    clientId: secret,
    username: secret,
    /** PEM-encoded RSA private key (`\n` escapes accepted, as in environment variables). */
    privateKey: secret,
    /** `aud` claim; defaults to `loginUrl`. */
    audience: url.optional(),
    ...common,
  }),
  z.object({
    authMode: z.literal('refresh_token'),
    loginUrl: url,
    clientId: secret,
    clientSecret: secret.optional(),
    refreshToken: secret,
    /** A still-valid session saves the initial refresh. */
    instanceUrl: url.optional(),
    accessToken: secret.optional(),
    ...common,
  }),
  z.object({
    /** Deprecated by Salesforce; kept for orgs and the emulator that still allow it. */
    authMode: z.literal('password'),
    loginUrl: url,
    clientId: secret,
    clientSecret: secret,
    username: secret,
    password: secret,
    ...common,
  }),
]);

/** Connection settings (configuration maps environment variables onto this). */
export type SalesforceConnectionOptions =
  | z.infer<typeof salesforceConnectionOptionsSchema>
  /** An already-built connection, e.g. in tests. */
  | { authMode: 'connection'; connection: Connection };

export type AuthMode = SalesforceConnectionOptions['authMode'];

/** Refresh bookkeeping of one connection (see `sessionStateOf`). */
export interface SessionState {
  /** Why the last refresh failed; jsforce replaces it by a generic message. */
  lastRefreshError?: unknown;
  /** Refreshes since the last successful response. */
  refreshesSinceSuccess: number;
  /** Successful refreshes. */
  refreshes: number;
  /** When the last refresh was attempted (ms since epoch). */
  lastRefreshAt?: number;
  /** The integration user's Id, from the token response's identity URL (unknown for a bare access token). */
  userId?: string;
}

/** `https://login.salesforce.com/id/<org id>/<user id>` → the user id. */
export function userIdOf(identityUrl: string | undefined): string | undefined {
  const match = identityUrl ? /\/id\/[A-Za-z0-9]{15,18}\/([A-Za-z0-9]{15,18})\/?$/.exec(identityUrl) : null;
  return match?.[1];
}

/** A second refresh within this window without a success in between is refused. */
const REFRESH_LOOP_WINDOW_MS = 60_000;

const sessions = new WeakMap<Connection, SessionState>();

/** The refresh bookkeeping of a connection (created on first use). */
export function sessionStateOf(conn: Connection): SessionState {
  let state = sessions.get(conn);
  if (!state) {
    state = { refreshesSinceSuccess: 0, refreshes: 0 };
    sessions.set(conn, state);
  }
  return state;
}

export interface ConnectionHooks {
  /** Called before each request to the token endpoint (counted as `auth`). */
  onTokenRequest?: () => void;
}

type Grant = () => Promise<TokenResponse>;

function tokenClient(loginUrl: string, clientId?: string, clientSecret?: string): OAuth2 {
  return new OAuth2({ loginUrl: loginUrl.replace(/\/+$/, ''), clientId, clientSecret });
}

function grantFor(options: Exclude<SalesforceConnectionOptions, { authMode: 'connection' | 'access_token' }>): Grant {
  switch (options.authMode) {
    case 'client_credentials': {
      const oauth2 = tokenClient(options.loginUrl, options.clientId, options.clientSecret);
      return () => oauth2.requestToken({ grant_type: 'client_credentials' });
    }
    case 'jwt': {
      const key = loadPrivateKey(options.privateKey);
      // No client id/secret on the client: jsforce would add them to the form, and the JWT
      // grant authenticates by the assertion alone.
      const oauth2 = tokenClient(options.loginUrl);
      return () =>
        oauth2.requestToken({
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: buildJwtAssertion({
            clientId: options.clientId,
            username: options.username,
            audience: options.audience ?? options.loginUrl,
            privateKey: key,
          }),
        });
    }
    case 'refresh_token': {
      const oauth2 = tokenClient(options.loginUrl, options.clientId, options.clientSecret);
      let refreshToken = options.refreshToken;
      return async () => {
        const token = await oauth2.refreshToken(refreshToken);
        // Orgs with refresh-token rotation return a new one each time.
        if (token.refresh_token) refreshToken = token.refresh_token;
        return token;
      };
    }
    case 'password': {
      const oauth2 = tokenClient(options.loginUrl, options.clientId, options.clientSecret);
      return () => oauth2.authenticate(options.username, options.password);
    }
  }
}

/**
 * Opens a connection: runs the grant once (unless a session is given) and installs the refresh
 * function. Token failures are classified (`invalid_grant` → AuthError, 5xx → TransientError).
 */
export async function createSalesforceConnection(
  options: SalesforceConnectionOptions,
  hooks: ConnectionHooks = {},
): Promise<Connection> {
  if (options.authMode === 'connection') return options.connection;
  const version = options.version ?? DEFAULT_API_VERSION;
  if (options.authMode === 'access_token') {
    // No way to obtain a new token: a 401 surfaces as AuthError.
    return new Connection({ instanceUrl: options.instanceUrl, accessToken: options.accessToken, version });
  }

  const rawGrant = grantFor(options);
  const grant: Grant = async () => {
    hooks.onTokenRequest?.();
    return rawGrant();
  };

  let session: { instanceUrl: string; accessToken: string };
  let userId: string | undefined;
  if (options.authMode === 'refresh_token' && options.instanceUrl && options.accessToken) {
    session = { instanceUrl: options.instanceUrl, accessToken: options.accessToken };
  } else {
    try {
      const token = await grant();
      session = { instanceUrl: token.instance_url, accessToken: token.access_token };
      userId = userIdOf(token.id);
    } catch (error) {
      throw classifySalesforceError(error, { operation: `${options.authMode} login` });
    }
  }

  const conn = new Connection({
    ...session,
    version,
    refreshFn: (c, callback) => {
      const state = sessionStateOf(c);
      // Refreshed moments ago and still rejected: the new token is not accepted either.
      if (state.refreshesSinceSuccess >= 1 && Date.now() - (state.lastRefreshAt ?? 0) < REFRESH_LOOP_WINDOW_MS) {
        // The token obtained by the previous refresh was rejected too: stop here.
        const error = new AuthError('Salesforce rejected a freshly issued session', { code: 'INVALID_SESSION_ID' });
        state.lastRefreshError = error;
        callback(error);
        return;
      }
      state.refreshesSinceSuccess += 1;
      state.lastRefreshAt = Date.now();
      grant().then(
        (token) => {
          state.lastRefreshError = undefined;
          state.refreshes += 1;
          if (token.instance_url) c.instanceUrl = token.instance_url;
          callback(null, token.access_token, token);
        },
        (error: Error) => {
          state.lastRefreshError = error;
          callback(error);
        },
      );
    },
  });
  if (userId) sessionStateOf(conn).userId = userId;
  return conn;
}
