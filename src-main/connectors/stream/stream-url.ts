/**
 * Where an account's private stream lives (docs/live-updates.md, "Stream URL"): the account's own override;
 * else, for a REST origin the exchange documents, the stream host it documents beside it (mainnet
 * and testnet differ in host, not only in scheme); else the same origin as `baseUrl` with ws:// for
 * http:// and wss:// for https://, on the exchange's documented path — a proxy or a simulator serves
 * both on one origin.
 */
import { badInput } from '../../core/errors.ts';

/** Placeholder in WOO X's path, filled with the account's application id. */
export const APPLICATION_ID_PLACEHOLDER = '{application_id}';

/** WOO X's still holds APPLICATION_ID_PLACEHOLDER unless the override fills it. */
export function resolveStreamUrl(
  mainOrigin: string,
  place: { path: string; origins: Readonly<Record<string, string>> },
  baseUrl: string | null,
  streamUrl: string | null,
): string {
  if (streamUrl) return checkStreamUrl(streamUrl);
  const origin = new URL(baseUrl ?? mainOrigin).origin;
  const streamOrigin = place.origins[origin] ?? origin.replace(/^http/, 'ws');
  return `${streamOrigin}${place.path}`;
}

/** A stream URL as a user typed it: ws:// or wss:// only (http(s) is turned into its ws twin). */
export function checkStreamUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(text);
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw invalid(text);
  // URL escapes the braces of the WOO X placeholder; keep it readable and fillable.
  return url.href.replace(encodeURI(APPLICATION_ID_PLACEHOLDER), APPLICATION_ID_PLACEHOLDER);
}

function invalid(text: string) {
  return badInput('invalid_stream_url', `"${text}" is not a WebSocket URL; use ws://host/path or wss://host/path (or leave streamUrl out for the exchange's own).`);
}
