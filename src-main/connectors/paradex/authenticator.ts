/**
 * How a Paradex client gets the bearer token for private GETs. Two ways, one interface: a signing
 * key logs in for 5-minute JWTs (signed-login.ts), a read-only token is the bearer itself
 * (readonly-token-auth.ts). The client never needs to know which.
 */
import type { PerpvolError } from '../../core/errors.ts';
import type { ExchangeAnswer, ExchangeRequest } from '../http/exchange-http-client.ts';

/**
 * What an authenticator may ask of the client: raw requests and the chain id (both public). `send`
 * hands back every final answer whatever its status (only transient ones are retried, rate limits
 * waited out), so a login can read a refusal and try the other path.
 */
export interface ParadexTransport {
  send(request: ExchangeRequest, signal: AbortSignal): Promise<ExchangeAnswer>;
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
  refused(response: ExchangeAnswer, account: string): PerpvolError;
}
