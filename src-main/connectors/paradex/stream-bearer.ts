/**
 * The bearer a Paradex WebSocket `auth` takes: the same token the REST API takes
 * (https://docs.paradex.trade/ws/general-information/authentication — "The JWT (bearer) token is
 * obtained from the POST /auth endpoint"). A read-only token is its own bearer (checked for expiry
 * first, so an expired one says so); a private key logs in exactly as the REST connector does
 * (account-client.ts: the subkey path POST /v1/auth/{public key} or the main key's POST /v1/auth,
 * the one the account remembers first). A fresh JWT per connection, since "after the initial
 * authentication, you do not need to re-authenticate your WebSocket connection for the lifetime
 * of the connection".
 */
import type { StreamContext } from '../stream/fill-stream.ts';
import { createParadexAccountClient } from './account-client.ts';

export async function paradexStreamBearer(context: StreamContext, signal: AbortSignal, clock: () => number = Date.now): Promise<string> {
  const { client } = createParadexAccountClient({ baseUrl: context.baseUrl, credentials: context.credentials, facts: context.permissions }, { clock });
  return client.auth.token(signal);
}
