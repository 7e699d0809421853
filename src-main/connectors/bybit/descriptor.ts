/**
 * Bybit, as Perpvol knows it (kit/exchange-descriptor.ts): the data, and the adapter's entry points. Its
 * connector reads a unified account's perpetual and futures executions (linear and inverse) for the
 * last two years, then keeps up incrementally, and checks what a key may do.
 */
import { apiKeyCredential, apiKeyPair } from '../kit/api-key-credential.ts';
import type { Connector, ConnectorContext } from '../kit/connector.ts';
import { defineExchange } from '../kit/exchange-descriptor.ts';
import { checkBybitKey, fetchBybitFeeTiers } from './account.ts';
import { BYBIT_MAINNET_ORIGIN, BybitClient, type BybitClientOptions } from './client.ts';
import { bybitRowReader, looksLikeBybit } from './csv-export.ts';
import { createBybitFillStream } from './fill-stream.ts';
import { bybitInstrumentCatalog, type BybitInstrumentCatalog } from './instruments.ts';
import { classifyBybitSymbol } from './normalize.ts';
import { bybitExecutionPages, type ExecutionsRequest } from './paging.ts';
import { EXECUTION_LIST_PATH, ExecutionListResultSchema, type ExecutionListResult } from './schemas.ts';

/** https://bybit-exchange.github.io/docs/v5/guide — the testnet's REST base endpoint. */
const BYBIT_TESTNET_ORIGIN = 'https://api-testnet.bybit.com';
const FEE_TIERS_URL = 'https://www.bybit.com/en/help-center/article/Trading-Fee-Structure';
/** https://bybit-exchange.github.io/docs/v5/order/execution — limit "[1, 100]. Default: 50". */
const MAX_PAGE_LIMIT = 100;

/** Knobs for tests and tools; the app uses the defaults (documented limits, mainnet pacing). */
export interface BybitConnectorOptions extends Pick<BybitClientOptions, 'limiter' | 'retry' | 'timeoutMs' | 'clock'> {
  /** Rows per request, 1–100 (default 100, the documented maximum). */
  pageLimit?: number;
  /** What each symbol is (default: the shared instruments-info catalog of the account's origin). */
  instruments?: BybitInstrumentCatalog;
}

export function createBybitConnector(context: ConnectorContext, options: BybitConnectorOptions = {}): Connector {
  const key = apiKeyPair(context.credentials, 'missing_credentials', 'A Bybit account needs an API key and its API secret (create a read-only key on Bybit).');
  const client = new BybitClient({ ...options, baseUrl: context.baseUrl, ...key, uid: context.identity ?? null });
  const pageLimit = Math.min(MAX_PAGE_LIMIT, Math.max(1, options.pageLimit ?? MAX_PAGE_LIMIT));

  async function fetchExecutions({ query, from, to, pageCursor }: ExecutionsRequest, signal: AbortSignal): Promise<ExecutionListResult> {
    return client.get(
      EXECUTION_LIST_PATH,
      [
        ['category', query.category],
        ['settleCoin', query.settleCoin ?? undefined],
        ['startTime', from!],
        ['endTime', to],
        ['limit', pageLimit],
        ['cursor', pageCursor ?? undefined],
      ],
      ExecutionListResultSchema,
      'a list of executions',
      signal,
    );
  }

  const instruments = { catalog: options.instruments ?? bybitInstrumentCatalog(client.origin), client };

  return {
    exchange: 'bybit',
    pages: (cursor, pageOptions) => bybitExecutionPages(fetchExecutions, cursor, pageOptions, instruments),
    checkCredential: (signal) => checkBybitKey(client, signal),
    feeTierFacts: (signal) => fetchBybitFeeTiers(client, signal),
  };
}

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
    windowDays: 30,
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
