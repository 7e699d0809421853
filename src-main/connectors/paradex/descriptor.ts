/** Paradex, as Perpvol knows it (kit/exchange-descriptor.ts): the data, and the connector. */
import type { Connector, ConnectorContext } from '../kit/connector.ts';
import { defineExchange } from '../kit/exchange-descriptor.ts';
import type { InstrumentCatalog } from '../kit/instrument-catalog.ts';
import { ParadexClient, PARADEX_MAINNET_URL, PARADEX_TESTNET_URL, type ParadexClientOptions } from './account-client.ts';
import { accountIdentity, checkParadexCredential, FELT, TOKEN_SHAPE } from './credential.ts';
import { FEE_TIER_WINDOW_DAYS, fetchParadexFeeTiers, paradexReportedVolume } from './fee-tiers.ts';
import { paradexFillPages } from './fill-pages.ts';
import { createParadexFillStream } from './fill-stream.ts';
import { classifyParadexSymbol, paradexMarketCatalog } from './markets.ts';

export interface ParadexConnectorOptions extends ParadexClientOptions {
  /** What each market is (default: the shared GET /v1/markets catalog of the account's origin). */
  markets?: InstrumentCatalog;
}

export function createParadexConnector(context: ConnectorContext, options: ParadexConnectorOptions = {}): Connector {
  const client = new ParadexClient(context, options);
  return {
    exchange: 'paradex',
    pages: paradexFillPages(client, options.markets ?? paradexMarketCatalog(client.baseUrl)),
    checkCredential: (signal) => checkParadexCredential(client, signal),
    reportedVolume: (signal) => paradexReportedVolume(client, signal),
    feeTierFacts: (signal) => fetchParadexFeeTiers(client, signal),
  };
}

export const paradex = defineExchange({
  info: {
    id: 'paradex',
    label: 'Paradex',
    helpUrl: 'https://app.paradex.trade/',
    origins: { main: PARADEX_MAINNET_URL, test: PARADEX_TESTNET_URL },
    credentials: [
      {
        id: 'readonly_token',
        label: 'Read-only token (recommended)',
        called: 'a read-only token',
        kinds: ['readonly_token'],
        fields: [
          {
            name: 'readonlyToken',
            label: 'Read-only token',
            secret: true,
            placeholder: 'eyJ…',
            // One long line without spaces; "Bearer " in front, as some tools copy it, is dropped.
            pattern: TOKEN_SHAPE.source,
            dropPrefix: 'Bearer\\s+',
            message:
              'a Paradex read-only token is one long line without spaces (a JWT starting "eyJ"): copy all of it from Paradex → Settings → Key Management → Read-only',
          },
        ],
        // As Paradex documents it: https://docs.paradex.trade/trading/api-authentication, "Creating Readonly Tokens".
        help:
          'Recommended: a read-only token can only read — nothing on this computer could trade or withdraw. In Paradex open Settings → Key Management, ' +
          'choose the "Read-only" tab and click "+ Add New Key"; give it a name and an expiration, then copy the token (it is shown only once) and paste it here. ' +
          'Perpvol shows its expiry date and warns a week before; you can revoke it in Paradex at any time.',
      },
      {
        id: 'subkey',
        label: 'Subkey',
        called: 'an address and private key',
        kinds: ['subkey', 'main_key', 'unknown_key'],
        fields: [
          { name: 'address', label: 'L2 account address', secret: false, placeholder: '0x…', pattern: FELT.source, message: 'a Paradex L2 account address is 0x followed by up to 64 hex digits' },
          { name: 'privateKey', label: 'Subkey private key', secret: true, placeholder: '0x…', pattern: FELT.source, message: 'a Paradex private key is 0x followed by up to 64 hex digits' },
        ],
        help:
          'Your Paradex L2 (Starknet) account address and the private key of a subkey (Settings → Key Management → Subkeys → "+ Add New Key"). ' +
          'A subkey cannot withdraw or transfer, but it can trade; a read-only token is safer.',
      },
    ],
    colors: {
      own: { light: '#7c3aed', dark: '#a78bfa' }, // violet
      accounts: [{ light: '#4c1d95', dark: '#ddd6fe' }, { light: '#a78bfa', dark: '#6d28d9' }, { light: '#5b21b6', dark: '#c4b5fd' }],
    },
  },
  credentialHint:
    'Paradex needs {"readonlyToken"} (recommended: a read-only token from Settings → Key Management → "Read-only" → "+ Add New Key"), ' +
    'or {"address", "privateKey"}: the L2 account address and a subkey\'s private key',
  // Its API serves the whole fill history.
  history: { limit: null, exportPath: null },
  // volume_tiers' "14D volume" counts spot and sub-accounts too (it covers ours); the docs do not say
  // whether today is one of the 14 days, so either reading explains it.
  selfCheck: { figures: [{ figure: 'window', expect: 'covers_ours' }], kinds: ['perpetual'], toleranceMicros: 10_000n, windowEnds: [0, 1] },
  // A read-only token carries its expiry (`exp`); the key check keeps it and the account warns a week before.
  credentialRenewal: {
    name: 'read-only token',
    how: 'Create a new one in Paradex (Settings → Key Management → "Read-only" → "+ Add New Key") and replace this account\'s key with it ("Replace key", or `perpvol accounts rotate <account id> --readonly-token`)',
  },
  publicIdentity: (credentials) => (credentials['address'] ? accountIdentity(credentials['address']) : null),
  feeTier: {
    windowDays: FEE_TIER_WINDOW_DAYS,
    kinds: ['perpetual'],
    counts:
      'Paradex counts 14-day perp and spot volume of the main account with its sub-accounts; Pro (API) orders pay by tier, ' +
      'Retail orders trade free. Perpvol counts the perp fills of the accounts you added here.',
    docsUrl: 'https://docs.paradex.trade/trading/trading-fees',
    table: {
      asOf: '2026-12-01',
      // "Pro … Taker fees … based on your 14D volume … Pro 0 — 0.045% … Pro 4 ≥ 25M 0.035%";
      // "Flat 0.003% (0.3 bps) fee on all Perps and Spot maker orders". Retail orders pay 0 %.
      source: 'https://docs.paradex.trade/trading/trading-fees',
      note: 'The Pro ladder (API orders). Retail (UI) orders trade at 0 % and have no tiers to chase.',
      tiers: [
        { name: 'Pro 0', volumeUsd: 0, takerRate: 0.00045, makerRate: 0.00003 },
        { name: 'Pro 1', volumeUsd: 1_000_000, takerRate: 0.00042, makerRate: 0.00003 },
        { name: 'Pro 2', volumeUsd: 5_000_000, takerRate: 0.00039, makerRate: 0.00003 },
        { name: 'Pro 3', volumeUsd: 10_000_000, takerRate: 0.00037, makerRate: 0.00003 },
        { name: 'Pro 4', volumeUsd: 25_000_000, takerRate: 0.00035, makerRate: 0.00003 },
      ],
    },
  },
  stream: {
    // https://docs.paradex.trade/ws/general-information/introduction — `wss://ws.api.prod.paradex.trade/v1`; REST api.prod / api.testnet, WebSocket ws.api.prod / ws.api.testnet
    path: '/v1',
    origins: { 'https://api.prod.paradex.trade': 'wss://ws.api.prod.paradex.trade', 'https://api.testnet.paradex.trade': 'wss://ws.api.testnet.paradex.trade' },
  },
  classifySymbol: classifyParadexSymbol,
  connector: (context) => createParadexConnector(context),
  fillStream: createParadexFillStream,
  csv: null,
  csvRefusal: "its export format could not be confirmed; Paradex's API serves your whole fill history, which a sync already stores",
});
