/**
 * OAuth sessions: opaque access tokens in Salesforce's `<org id>!<secret>` form, each bound to
 * a user and a connected app; refresh tokens survive `expireAll()` (which is what a session
 * timeout does), revocation of a refresh token also ends its access tokens.
 */
import { randomBytes } from 'node:crypto';

export interface Session {
  token: string;
  userId: string;
  clientId: string;
  issuedAt: number;
  refreshToken?: string;
}

export interface RefreshGrant {
  token: string;
  userId: string;
  clientId: string;
}

function secret(bytes: number): string {
  return randomBytes(bytes).toString('base64').replace(/[+/=]/g, '').slice(0, bytes);
}

export class Sessions {
  private readonly access = new Map<string, Session>();
  private readonly refresh = new Map<string, RefreshGrant>();

  constructor(private readonly orgId: string) {}

  issue(userId: string, clientId: string, refreshToken?: string): Session {
    const session: Session = { token: `${this.orgId.slice(0, 15)}!${secret(96)}`, userId, clientId, issuedAt: Date.now(), refreshToken };
    this.access.set(session.token, session);
    return session;
  }

  issueRefreshToken(userId: string, clientId: string): RefreshGrant {
    const grant = { token: `5Aep861${secret(80)}`, userId, clientId };
    this.refresh.set(grant.token, grant);
    return grant;
  }

  /** Session for an `Authorization` header value (`Bearer x` or `OAuth x`). */
  authenticate(header: string | undefined): Session | undefined {
    if (!header) return undefined;
    const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim());
    return match ? this.access.get(match[1]) : undefined;
  }

  findRefresh(token: string): RefreshGrant | undefined {
    return this.refresh.get(token);
  }

  /** Revokes an access or refresh token; false when unknown. */
  revoke(token: string): boolean {
    if (this.access.delete(token)) return true;
    if (!this.refresh.delete(token)) return false;
    for (const [key, s] of this.access) if (s.refreshToken === token) this.access.delete(key);
    return true;
  }

  /** Expires every access token (refresh tokens stay valid). */
  expireAll(): void {
    this.access.clear();
  }
}
