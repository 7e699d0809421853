/**
 * Paradex read-only tokens as the docs describe them (api-authentication.mdx, "Readonly Access"):
 * long-lived bearer tokens created in the UI (Key Management → Read-only → "+ Add New Key", with a
 * name and an expiration), GET-only, revocable at any time. The docs call them "special JWT Tokens
 * with extended expiry dates"; the official SDK also allows for opaque tokens (no `exp` claim), so
 * the simulator can issue either.
 */
import { randomBytes } from 'node:crypto';
import type { SimJwtIssuer } from './sim-auth.ts';

export interface SimReadonlyToken {
  token: string;
  account: string;
  /** ms epoch (an opaque token expires too; only the client cannot read when). */
  expiresAtMs: number;
  revoked: boolean;
}

export type ReadonlyTokenCheck =
  | { ok: true; account: string }
  | { ok: false; status: number; error: string; message: string };

export class SimReadonlyTokens {
  private readonly byToken = new Map<string, SimReadonlyToken>();
  private nextId = 1;

  constructor(private readonly jwt: SimJwtIssuer) {}

  /** A token for `account` expiring at `expiresAtMs`; `opaque` leaves out the JWT shape (no readable exp). */
  issue(account: string, expiresAtMs: number, issuedAtMs: number, opaque = false): string {
    const jti = `ro-${this.nextId++}`;
    const token = opaque
      ? `pdx_ro_${randomBytes(24).toString('hex')}`
      : this.jwt.issue({
          sub: account,
          iat: Math.floor(issuedAtMs / 1000),
          exp: Math.floor(expiresAtMs / 1000),
          token_kind: 'readonly',
          jti,
        });
    this.byToken.set(token, { token, account, expiresAtMs, revoked: false });
    return token;
  }

  /** The Delete button on the Read-only tab. */
  revoke(token: string): void {
    const entry = this.byToken.get(token);
    if (entry) entry.revoked = true;
  }

  isReadonly(token: string): boolean {
    return this.byToken.has(token);
  }

  /** Whether this bearer may make this request now. Read-only tokens are "restricted to GET requests". */
  check(token: string, method: string, nowMs: number): ReadonlyTokenCheck {
    const entry = this.byToken.get(token);
    if (!entry) return { ok: false, status: 401, error: 'INVALID_TOKEN', message: 'invalid bearer jwt: token is malformed' };
    if (entry.revoked) return { ok: false, status: 401, error: 'INVALID_TOKEN', message: 'invalid bearer jwt: token has been revoked' };
    if (entry.expiresAtMs <= nowMs) return { ok: false, status: 401, error: 'INVALID_TOKEN', message: 'invalid bearer jwt: token is expired' };
    if (method !== 'GET') {
      return { ok: false, status: 403, error: 'FORBIDDEN', message: 'read-only tokens can only be used for GET requests' };
    }
    return { ok: true, account: entry.account };
  }
}
