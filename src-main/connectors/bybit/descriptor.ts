/** Bybit, as Perpvol knows it (kit/exchange-descriptor.ts): the data, and the adapter's entry points. */
import { apiKeyCredential } from '../kit/api-key-credential.ts';
import { defineExchange } from '../kit/exchange-descriptor.ts';
import { BYBIT_MAINNET_ORIGIN, BYBIT_TESTNET_ORIGIN, FEE_TIER_WINDOW_DAYS, FEE_TIERS_URL } from './constants.ts';
import { createBybitConnector } from './connector.ts';
import { bybitRowReader, looksLikeBybit } from './csv-export.ts';
import { createBybitFillStream } from './fill-stream.ts';
import { classifyBybitSymbol } from './symbols.ts';

export const bybit = defineExchange({
  info: {
    id: 'bybit',
    label: 'Bybit',
    helpUrl: 'https://www.bybit.com/app/user/api-management',
    origins: { main: BYBIT_MAINNET_ORIGIN, test: BYBIT_TESTNET_ORIGIN },
    credentials: [
      apiKeyCredential(
        'In Bybit → API Management, create a system-generated key with "Read-Only" access (Unified Trading: Orders and Positions). ' +
          'Perpvol never needs withdraw or transfer permission. Bybit serves two years of fills.',
        'e.g. Xy12…',
      ),
    ],
    colors: {
      own: { light: '#d97706', dark: '#f59e0b' }, // amber (600 / 500: amber-400 reads as yellow on a dark page)
      accounts: [{ light: '#92400e', dark: '#fcd34d' }, { light: '#f59e0b', dark: '#b45309' }, { light: '#78350f', dark: '#fde68a' }],
    },
  },
  credentialHint: 'Bybit needs {"apiKey", "apiSecret"} of a read-only API key',
  // A time horizon: older fills are missing only if the account traded then; its export (csv) imports them.
  // No gap note names the export: a horizon never pushes fills out between two syncs.
  history: { limit: { kind: 'years', years: 2 }, exportPath: null },
  feeTier: {
    windowDays: FEE_TIER_WINDOW_DAYS,
    // The contract VIP ladder counts derivatives: dated futures as well as perpetuals.
    kinds: ['perpetual', 'dated_future'],
    counts:
      'Bybit counts 30-day derivatives volume (perpetuals and futures) of the main account with its sub-accounts, refreshed daily ' +
      'at 07:00 UTC; an asset balance can also grant a level. Perpvol counts the perpetual and dated-futures fills of the accounts ' +
      'you added here (the other exchanges: perpetuals only).',
    docsUrl: FEE_TIERS_URL,
    table: {
      asOf: '2026-12-01',
      // "Perpetual & Futures Contracts Trading" rates per VIP level; "The VIP level is determined based
      // on either your asset balance or your trading volume over the past 30 days".
      source: FEE_TIERS_URL,
      note:
        'Rates from Bybit\'s fee page; the 30-day derivatives-volume thresholds are the ones Bybit has published for its VIP ' +
        'program and may have changed — Bybit\'s API reports your actual level and rates, which win.',
      tiers: [
        { name: 'VIP 0', volumeUsd: 0, takerRate: 0.00055, makerRate: 0.0002 },
        { name: 'VIP 1', volumeUsd: 10_000_000, takerRate: 0.0004, makerRate: 0.00018 },
        { name: 'VIP 2', volumeUsd: 25_000_000, takerRate: 0.000375, makerRate: 0.00016 },
        { name: 'VIP 3', volumeUsd: 50_000_000, takerRate: 0.00035, makerRate: 0.00014 },
        { name: 'VIP 4', volumeUsd: 100_000_000, takerRate: 0.00032, makerRate: 0.00012 },
        { name: 'VIP 5', volumeUsd: 250_000_000, takerRate: 0.00032, makerRate: 0.0001 },
        { name: 'Supreme VIP', volumeUsd: 500_000_000, takerRate: 0.0003, makerRate: 0 },
      ],
    },
  },
  stream: {
    // https://bybit-exchange.github.io/docs/v5/ws/connect — "WebSocket private stream … /v5/private"; mainnet stream.bybit.com, testnet stream-testnet.bybit.com
    path: '/v5/private',
    origins: { [BYBIT_MAINNET_ORIGIN]: 'wss://stream.bybit.com', [BYBIT_TESTNET_ORIGIN]: 'wss://stream-testnet.bybit.com' },
  },
  classifySymbol: classifyBybitSymbol,
  connector: (context) => createBybitConnector(context),
  fillStream: createBybitFillStream,
  csv: {
    format: 'bybit',
    guidance: 'On bybit.com open Orders → Derivatives → Trade History and export it',
    timeZoneHelp: "Bybit's header names its zone (Transaction Time(UTC+8)); set this only if the file says otherwise.",
    looksLike: looksLikeBybit,
    plan: async (headers, _file, options) => ({ read: bybitRowReader(headers, { offsetMinutes: options.offsetMinutes }) }),
  },
});
