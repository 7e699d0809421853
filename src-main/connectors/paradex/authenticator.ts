/**
 * How a Paradex client gets the bearer token for private GETs. Two ways, one interface: a signing
 * key logs in for 5-minute JWTs (signed-login.ts), a read-only token is the bearer itself
 * (readonly-token-auth.ts). The client never needs to know which.
 */
import type { PerpvolError } from '../../core/errors.ts';
import type { ExchangeRequest, ExchangeResponse } from '../http/exchange-http-client.ts';

/** What an authenticator may ask of the client: raw requests and the chain id (both public). */
export interface ParadexTransport {
  send(request: ExchangeRequest, signal: AbortSignal): Promise<ExchangeResponse>;
  starknetChainId(signal: AbortSignal): Promise<string>;
}

export interface ParadexAuthenticator {
  /** A bearer token for the next private request; throws a PerpvolError when there can be none. */
  token(signal: AbortSignal): Promise<string>;
  /**
   * Paradex answered 401 to `token`. True when asking for a fresh one may help (a new login),
   * false when nothing will (a read-only token is what it is).
   */
  renew(token: string): boolean;
  /** The error for a 401 that renewing did not cure. */
  refused(response: ExchangeResponse, account: string): PerpvolError;
}
