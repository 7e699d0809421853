/**
 * The bearer a Paradex WebSocket `auth` takes: the same JWT the REST API takes
 * (https://docs.paradex.trade/ws/general-information/authentication — "The JWT (bearer) token is
 * obtained from the POST /auth endpoint"). With a private key Perpvol logs in through the REST
 * client; a fresh JWT per connection, since "after the initial authentication, you do not need to
 * re-authenticate your WebSocket connection for the lifetime of the connection".
 */
import type { StreamContext } from '../stream/fill-stream.ts';
import { normalizeAccountAddress, normalizeStarkPrivateKey } from './auth-signature.ts';
import { ParadexClient } from './client.ts';
import { PARADEX_MAINNET_URL } from './constants.ts';

export async function paradexStreamBearer(context: StreamContext, signal: AbortSignal): Promise<string> {
  const readonlyToken = context.credentials['readonlyToken']?.trim();
  if (readonlyToken) return readonlyToken;
  const client = new ParadexClient({
    baseUrl: context.baseUrl ?? PARADEX_MAINNET_URL,
    account: normalizeAccountAddress(context.credentials['address'] ?? ''),
    privateKeyHex: normalizeStarkPrivateKey(context.credentials['privateKey'] ?? ''),
    clock: Date.now,
  });
  return client.token(signal);
}
