/**
 * Hyperliquid, as Perpvol knows it (kit/exchange-descriptor.ts): the data, and the connector, which
 * reads an address's perp fills through the public info endpoint.
 */
import type { HttpTuning } from '../http/exchange-http-client.ts';
import type { Connector, ConnectorContext } from '../kit/connector.ts';
import { defineExchange } from '../kit/exchange-descriptor.ts';
import { checkHyperliquidAddress, FEE_TIER_WINDOW_DAYS, fetchHyperliquidFeeTiers, fetchReportedVolume, parseAddress } from './account.ts';
import { HYPERLIQUID_MAINNET_URL, HYPERLIQUID_TESTNET_URL, HyperliquidInfoClient } from './client.ts';
import { looksLikeHyperliquid, planHyperliquidImport } from './csv-export.ts';
import { createHyperliquidFillStream } from './fill-stream.ts';
import { classifyHyperliquidSymbol } from './normalize.ts';
import { hyperliquidPages, SERVED_FILLS_CAP } from './pages.ts';

export function createHyperliquidConnector(context: ConnectorContext, options: HttpTuning = {}): Connector {
  let client: HyperliquidInfoClient | undefined;
  // Checked on use, so a bad address surfaces as a bad_input error of the call that needed it.
  const connect = () => {
    const address = parseAddress(context.credentials);
    return [(client ??= new HyperliquidInfoClient(context.baseUrl, options)), address] as const;
  };
  return {
    exchange: 'hyperliquid',
    async *pages(cursor, pageOptions) {
      yield* hyperliquidPages(...connect(), cursor, pageOptions);
    },
    checkCredential: async (signal) => checkHyperliquidAddress(...connect(), signal),
    reportedVolume: async (signal) => fetchReportedVolume(...connect(), signal, Date.now()),
    feeTierFacts: async (signal, now) => fetchHyperliquidFeeTiers(...connect(), signal, now),
  };
}

const FEES_PAGE = 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees';

export const hyperliquid = defineExchange({
  info: {
    id: 'hyperliquid',
    label: 'Hyperliquid',
    helpUrl: 'https://app.hyperliquid.xyz/portfolio',
    origins: { main: HYPERLIQUID_MAINNET_URL, test: HYPERLIQUID_TESTNET_URL },
    credentials: [
      {
        id: 'address',
        label: 'Wallet address',
        called: 'an address',
        kinds: [],
        fields: [
          {
            name: 'address',
            label: 'Wallet address',
            secret: false,
            placeholder: '0x…',
            pattern: '^0x[0-9a-fA-F]{40}$',
            message: 'a Hyperliquid address is 0x followed by 40 hex digits',
          },
        ],
        help:
          'Only your public address is needed — Hyperliquid serves fill history without a key. Use a sub-account or vault address to track ' +
          'it on its own. Hyperliquid keeps only your 10,000 most recent fills.',
      },
    ],
    colors: {
      own: { light: '#0d9488', dark: '#2dd4bf' }, // teal
      accounts: [{ light: '#115e59', dark: '#99f6e4' }, { light: '#2dd4bf', dark: '#0f766e' }, { light: '#134e4a', dark: '#5eead4' }],
    },
  },
  credentialHint: 'Hyperliquid needs {"address"}: your 0x wallet, sub-account or vault address',
  // A count: the date is where the 10,000th fill fell, so older fills certainly exist — and a burst of
  // more than 10,000 fills between two syncs pushes synced-around fills out of reach (a history gap).
  history: { limit: { kind: 'recent_fills', fills: SERVED_FILLS_CAP }, exportPath: 'app.hyperliquid.xyz → Portfolio → Trade History → Export as CSV' },
  // userFees.dailyUserVlm counts spot and sub-accounts too, the portfolio's perpAllTime fills older
  // than the 10,000 served: both cover ours, so only ours above them is unexplained.
  selfCheck: {
    figures: [
      { figure: 'daily', expect: 'covers_ours' },
      { figure: 'all_time', expect: 'covers_ours' },
    ],
    kinds: ['perpetual'],
    toleranceMicros: 10_000n,
  },
  publicIdentity: (credentials) => credentials['address']?.toLowerCase() ?? null,
  feeTier: {
    windowDays: FEE_TIER_WINDOW_DAYS,
    kinds: ['perpetual'],
    counts:
      'Hyperliquid counts 14-day weighted volume — perps plus twice your spot volume, your sub-accounts included, vaults apart — ' +
      'assessed daily in UTC. Perpvol counts the perp fills of the addresses you added here.',
    docsUrl: FEES_PAGE,
    table: {
      asOf: '2026-12-01',
      // "Perps fee tiers … 14d weighted volume … Tier 0 … >$5M … >$7B" (Taker / Maker per tier).
      source: FEES_PAGE,
      note: 'Base rates before HYPE-staking and referral discounts; your own rates come from userFees.',
      tiers: [
        { name: 'Tier 0', volumeUsd: 0, takerRate: 0.00045, makerRate: 0.00015 },
        { name: 'Tier 1', volumeUsd: 5_000_000, takerRate: 0.0004, makerRate: 0.00012 },
        { name: 'Tier 2', volumeUsd: 25_000_000, takerRate: 0.00035, makerRate: 0.00008 },
        { name: 'Tier 3', volumeUsd: 100_000_000, takerRate: 0.0003, makerRate: 0.00004 },
        { name: 'Tier 4', volumeUsd: 500_000_000, takerRate: 0.00028, makerRate: 0 },
        { name: 'Tier 5', volumeUsd: 2_000_000_000, takerRate: 0.00026, makerRate: 0 },
        { name: 'Tier 6', volumeUsd: 7_000_000_000, takerRate: 0.00024, makerRate: 0 },
      ],
    },
  },
  // https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket — `wss://api.hyperliquid.xyz/ws`, REST and WebSocket on one host.
  stream: { path: '/ws', origins: {} },
  classifySymbol: classifyHyperliquidSymbol,
  connector: (context) => createHyperliquidConnector(context),
  fillStream: createHyperliquidFillStream,
  csv: {
    format: 'hyperliquid',
    guidance: 'On app.hyperliquid.xyz open Portfolio → Trade History and press Export as CSV',
    timeZoneHelp:
      "Hyperliquid writes times in your browser's time zone; Perpvol reads them as UTC unless you give the offset here (it tells you the right one if they do not line up).",
    looksLike: looksLikeHyperliquid,
    plan: planHyperliquidImport,
  },
});
