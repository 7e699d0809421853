/**
 * Where an account's private stream lives (docs/live-updates.md, "Stream URL"): the account's own override;
 * else, for a REST origin the exchange documents, the stream host it documents beside it (mainnet
 * and testnet differ in host, not only in scheme); else the same origin as `baseUrl` with ws:// for
 * http:// and wss:// for https://, on the exchange's documented path — a proxy or a simulator serves
 * both on one origin.
 */
import { badInput } from '../../core/errors.ts';
import type { ExchangeId } from '../../core/exchange.ts';

/** Placeholder in WOO X's path, filled with the account's application id. */
export const APPLICATION_ID_PLACEHOLDER = '{application_id}';

/** The documented private-stream path on a stream host, per exchange. */
export const STREAM_PATHS: Readonly<Record<ExchangeId, string>> = {
  // https://bybit-exchange.github.io/docs/v5/ws/connect — "WebSocket private stream … /v5/private"
  bybit: '/v5/private',
  // https://docs.woox.io/#websocket-api-v2 — private stream `/v2/ws/private/stream/{application_id}`
  woox: `/v2/ws/private/stream/${APPLICATION_ID_PLACEHOLDER}`,
  // https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket — `wss://api.hyperliquid.xyz/ws`
  hyperliquid: '/ws',
  // https://docs.paradex.trade/ws/general-information/introduction — `wss://ws.api.prod.paradex.trade/v1`
  paradex: '/v1',
};

/** Documented stream origins for documented REST origins (no entry = same origin as the REST one). */
const DOCUMENTED_STREAM_ORIGINS: Readonly<Record<ExchangeId, Readonly<Record<string, string>>>> = {
  // https://bybit-exchange.github.io/docs/v5/ws/connect — mainnet stream.bybit.com, testnet stream-testnet.bybit.com
  bybit: { 'https://api.bybit.com': 'wss://stream.bybit.com', 'https://api-testnet.bybit.com': 'wss://stream-testnet.bybit.com' },
  // WOO X REST api.woox.io / api.staging.woox.io; streams wss.woox.io / wss.staging.woox.io
  woox: { 'https://api.woox.io': 'wss://wss.woox.io', 'https://api.staging.woox.io': 'wss://wss.staging.woox.io' },
  // Hyperliquid serves REST and WebSocket on the same host (mainnet and testnet).
  hyperliquid: {},
  // https://docs.paradex.trade — REST api.prod / api.testnet; WebSocket ws.api.prod / ws.api.testnet
  paradex: {
    'https://api.prod.paradex.trade': 'wss://ws.api.prod.paradex.trade',
    'https://api.testnet.paradex.trade': 'wss://ws.api.testnet.paradex.trade',
  },
};

/** Mainnet REST origins, used when the account has no baseUrl. */
const MAINNET_REST_ORIGINS: Readonly<Record<ExchangeId, string>> = {
  bybit: 'https://api.bybit.com',
  woox: 'https://api.woox.io',
  hyperliquid: 'https://api.hyperliquid.xyz',
  paradex: 'https://api.prod.paradex.trade',
};

/** The URL to dial; WOO X's still holds APPLICATION_ID_PLACEHOLDER unless the override fills it. */
export function resolveStreamUrl(exchange: ExchangeId, baseUrl: string | null, streamUrl: string | null): string {
  if (streamUrl) return checkStreamUrl(streamUrl);
  const origin = new URL(baseUrl ?? MAINNET_REST_ORIGINS[exchange]).origin;
  const documented = DOCUMENTED_STREAM_ORIGINS[exchange][origin];
  const streamOrigin = documented ?? origin.replace(/^http/, 'ws');
  return `${streamOrigin}${STREAM_PATHS[exchange]}`;
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
