/** WOO X, as Perpvol knows it (kit/exchange-descriptor.ts): the data, and the adapter's entry points. */
import { apiKeyCredential, apiKeyPair } from '../kit/api-key-credential.ts';
import type { Connector, ConnectorContext } from '../kit/connector.ts';
import { defineExchange } from '../kit/exchange-descriptor.ts';
import { APPLICATION_ID_PLACEHOLDER } from '../stream/stream-url.ts';
import { TRADING_FEE_PATH, WOOX_MAINNET_ORIGIN, WOOX_STAGING_ORIGIN, WooxClient, type WooxClientOptions } from './client.ts';
import { checkWooxCredential } from './credential.ts';
import { createWooxFillStream } from './fill-stream.ts';
import { classifyWooxSymbol } from './normalize.ts';
import { walkTransactions, type WooxPaging } from './paging.ts';
import { tradingFeeSchema } from './schemas.ts';

const FEE_TIERS_URL = 'https://support.woox.io/hc/en-us/articles/44469977475481--My-WOO';

/** Knobs for tests and tools; production uses the defaults (documented limits and page sizes). */
export interface WooxConnectorOptions {
  client?: Omit<WooxClientOptions, 'baseUrl' | 'key'>;
  paging?: WooxPaging;
}

export function createWooxConnector(context: ConnectorContext, options: WooxConnectorOptions = {}): Connector {
  const key = apiKeyPair(
    context.credentials,
    'credentials_incomplete',
    'A WOO X account needs an API key and its secret (WOO X → Account → API Management; a Read-only key is enough).',
  );
  const client = new WooxClient({ ...options.client, baseUrl: context.baseUrl ?? WOOX_MAINNET_ORIGIN, key });
  return {
    exchange: 'woox',
    pages: (cursor, pageOptions) => walkTransactions(client, cursor, pageOptions, options.paging),
    checkCredential: (signal) => checkWooxCredential(client, key.apiKey, signal),
    async feeTierFacts(signal) {
      // Read on a perpetual: WOO X's futures rates are per account tier, not per symbol.
      const answer = await client.get(TRADING_FEE_PATH, [['symbol', 'PERP_BTC_USDT']], tradingFeeSchema, signal);
      return {
        tierName: null,
        takerRate: basisPointsToRate(answer.data.takerFee),
        makerRate: basisPointsToRate(answer.data.makerFee),
        ladder: null,
        reportedVolumeMicros: null,
        windowDays: null,
      };
    },
  };
}

/**
 * "4.5" basis points → 0.00045 (the docs' example answers "10" for 0.10 %). Shifting the exponent of
 * the decimal text gives the double nearest the exact value (4.5 / 10000 would give 0.00045000000000000004).
 */
export function basisPointsToRate(text: string): number {
  return Number(`${text.trim()}e-4`);
}

export const woox = defineExchange({
  info: {
    id: 'woox',
    label: 'WOO X',
    helpUrl: 'https://x.woo.org/en/account/sub-account',
    origins: { main: WOOX_MAINNET_ORIGIN, test: WOOX_STAGING_ORIGIN },
    credentials: [apiKeyCredential('In WOO X → Account → API Management, create a key with the "Read" permission only (no trading, no withdrawal).')],
    colors: {
      own: { light: '#2563eb', dark: '#60a5fa' }, // blue
      accounts: [{ light: '#1e3a8a', dark: '#bfdbfe' }, { light: '#60a5fa', dark: '#1d4ed8' }, { light: '#1e40af', dark: '#93c5fd' }],
    },
  },
  credentialHint: 'WOO X needs {"apiKey", "apiSecret"} of a read-only API key',
  // Two years, and no export Perpvol reads (csv: null): its notes say plainly that older fills cannot be counted.
  history: { limit: { kind: 'years', years: 2 }, exportPath: null },
  feeTier: {
    windowDays: 30,
    kinds: ['perpetual'],
    counts:
      'WOO X sets fees from your WOO holdings (My WOO tier) together with 30-day trading volume, updated daily at 00:00 UTC. ' +
      'Perpvol counts the perp fills of the accounts you added here.',
    docsUrl: FEE_TIERS_URL,
    table: {
      asOf: '2026-12-01',
      // WOO X's fees depend on the "My WOO" holding tier (≥ 1,800 … ≥ 1,000,000 WOO) together with
      // 30-day volume; it publishes no volume ladder Perpvol could confirm, so only the base rates.
      source: FEE_TIERS_URL,
      note:
        'Base futures rates only: WOO X combines your WOO holdings with 30-day volume and its ladder could not be confirmed. ' +
        'Your actual rates come from WOO X\'s API; add the ladder of your holding tier to tier-tables.json to see the next tier.',
      tiers: [{ name: 'Base', volumeUsd: 0, takerRate: 0.0005, makerRate: 0.0002 }],
    },
  },
  stream: {
    // https://docs.woox.io/#websocket-api-v2 — private stream `/v2/ws/private/stream/{application_id}`; REST api.woox.io / api.staging.woox.io, streams wss.woox.io / wss.staging.woox.io
    path: `/v2/ws/private/stream/${APPLICATION_ID_PLACEHOLDER}`,
    origins: { [WOOX_MAINNET_ORIGIN]: 'wss://wss.woox.io', [WOOX_STAGING_ORIGIN]: 'wss://wss.staging.woox.io' },
  },
  classifySymbol: classifyWooxSymbol,
  connector: (context) => createWooxConnector(context),
  fillStream: createWooxFillStream,
  csv: null,
  csvRefusal: "its export format could not be confirmed; WOO X's API serves your last two years of fills, which a sync already stores",
});
