/**
 * The read-only token as the bearer of every request. Its expiry is checked before each use, so an
 * expired token fails with "expired on …, create a new one" instead of a bare 401; a 401 before
 * the expiry means the token was revoked (or never valid), and no retry can change that.
 */
import type { ExchangeAnswer } from '../http/exchange-http-client.ts';
import type { ParadexAuthenticator } from './authenticator.ts';
import { tokenExpiredError, tokenRefusedError, type ReadonlyTokenClaims } from './readonly-token.ts';

export class ReadonlyTokenAuth implements ParadexAuthenticator {
  constructor(
    private readonly bearer: string,
    private readonly claims: ReadonlyTokenClaims,
    private readonly clock: () => number,
  ) {}

  async token(): Promise<string> {
    if (this.hasExpired()) throw tokenExpiredError(this.claims.expiresAt!);
    return this.bearer;
  }

  renew(): boolean {
    return false;
  }

  refused(response: ExchangeAnswer): ReturnType<ParadexAuthenticator['refused']> {
    return this.hasExpired() ? tokenExpiredError(this.claims.expiresAt!) : tokenRefusedError(response);
  }

  private hasExpired(): boolean {
    return this.claims.expiresAt !== null && this.clock() >= this.claims.expiresAt;
  }
}
