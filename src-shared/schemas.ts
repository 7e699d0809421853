/**
 * The shapes of the public contract (docs/api.md), declared once with zod. REST routes validate
 * and document themselves from these, IPC handlers validate payloads with them, and the renderer
 * and preload take their TypeScript types from them.
 */
import { z } from 'zod';

/** The exchanges this version of Perpvol ships: the type every face is written against. */
export const SHIPPED_EXCHANGE_IDS = ['bybit', 'woox', 'hyperliquid', 'paradex'] as const;
export type ExchangeIdValue = (typeof SHIPPED_EXCHANGE_IDS)[number];

/**
 * An exchange id on the wire. Which ids a server takes is not fixed here but by the exchange
 * registry it was built with (GET /api/v1/exchanges lists them): the schema checks the id's shape,
 * and the service refuses one its registry does not hold (400 unknown_exchange). So an exchange
 * added as one folder and one registry line is accepted by REST, IPC and the CLI without a change
 * to this contract. Its static type names the shipped ones.
 */
export const ExchangeIdSchema = z.union([
  z.enum(SHIPPED_EXCHANGE_IDS),
  z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'an exchange id is lowercase letters and digits, e.g. bybit; GET /api/v1/exchanges lists them'),
]) as unknown as z.ZodType<ExchangeIdValue, ExchangeIdValue>;

export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use a UTC date as YYYY-MM-DD, e.g. 2026-01-31');

export const ErrorInfoSchema = z.object({ code: z.string(), message: z.string() });
export const ErrorBodySchema = z.object({ error: ErrorInfoSchema });

/**
 * How an account's numbers keep up right now (docs/live-updates.md):
 * - `live`: the exchange's private stream is connected; a fill shows within about a second;
 * - `polling`: no stream (refused, down, reconnecting, or the exchange offers none here): Perpvol
 *   asks the exchange's REST API every `pollSeconds` (30 s while a dashboard or the tray is open,
 *   otherwise every sync interval);
 * - `paused`: nothing is fetched for this account (its key was rejected, or this process does not
 *   own the data folder); `detail` says what to do.
 */
export const LiveStateSchema = z.object({
  state: z.enum(['live', 'polling', 'paused']),
  /** Seconds between REST passes while polling; null when live or paused. */
  pollSeconds: z.number().int().nullable(),
  /** Execution time (ISO) of the newest fill Perpvol has seen for this account, from either path. */
  lastFillAt: z.string().nullable(),
  /** Since when (ISO) the account has been in this state. */
  since: z.string(),
  /** Why, in words, when not live ("stream refused: HTTP 404 — reconnecting in 8 s"). */
  detail: z.string().nullable(),
});

/** The codes of `Account.notes`; src-shared/account-notes.ts declares each one's parameters. */
export const ACCOUNT_NOTE_CODES = [
  'history_limited',
  'history_unproven',
  'history_gap',
  'self_check',
  'unclassified_executions',
  'unpriced_fees',
  'credential_expiry',
  'key_can_withdraw',
  'key_not_checked',
  'exchange_notice',
  'legacy_text',
] as const;

/** One of the account's warnings as a typed value: its code, its facts, and the words `warnings` shows. */
export const AccountNoteSchema = z.object({
  code: z.enum(ACCOUNT_NOTE_CODES),
  params: z.record(z.string(), z.unknown()),
  message: z.string(),
});

export const AccountSchema = z.object({
  id: z.string(),
  exchange: ExchangeIdSchema,
  label: z.string(),
  baseUrl: z.string().nullable(),
  createdAt: z.string(),
  status: z.enum(['new', 'syncing', 'ok', 'error']),
  lastSyncAt: z.string().nullable(),
  lastError: ErrorInfoSchema.nullable(),
  /** The account's warnings in words (the `message` of each of `notes`, in the same order). */
  warnings: z.array(z.string()),
  /** The same warnings as typed values, for faces that group or filter them by code. */
  notes: z.array(AccountNoteSchema),
  /** The last 4 characters of the API key id ("…a1b2"), so a user can tell keys apart; never a secret. */
  keyHint: z.string().optional(),
  /** What kind of credential reads the account, where the exchange has several (Paradex). */
  credentialKind: z.enum(['readonly_token', 'subkey', 'main_key', 'unknown_key']).optional(),
  /** When the credential stops working (ISO), where it says (a Paradex read-only token's `exp`). */
  credentialExpiresAt: z.string().optional(),
  /** The private stream URL override (docs/live-updates.md, "Stream URL"); null = the exchange's documented one. */
  streamUrl: z.string().nullable().optional(),
  /** Live or polling, and the newest fill seen; absent where this process keeps no account live (a one-shot CLI). */
  live: LiveStateSchema.optional(),
});

// What each exchange's credentials must be is its descriptor's credential form (exchange-info.ts,
// GET /api/v1/exchanges), checked by checkCredentialForm in the service and the renderer alike.

/**
 * An account's name as the user gives it. Control characters (ESC, newline, NUL, the rest of C0,
 * DEL and C1) are refused: a label is printed in terminals, tables and logs, where an ESC sequence
 * could rewrite what the user sees.
 */
export const LabelSchema = z
  .string()
  .trim()
  .min(1, 'give the account a label')
  .max(100)
  .regex(/^\P{Cc}*$/u, 'the label contains a control character (such as ESC, a newline or NUL); use letters, digits, spaces and punctuation only');

export const AddAccountInputSchema = z.object({
  exchange: ExchangeIdSchema,
  label: LabelSchema,
  credentials: z.record(z.string(), z.string()),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The private WebSocket URL (ws:// or wss://); omitted = the exchange's documented stream (docs/live-updates.md). */
  streamUrl: z.url({ protocol: /^wss?$/ }).optional(),
  validate: z.boolean().optional(),
  /** Accept a key that can withdraw or transfer (not recommended; a warning stays on the account). */
  allowWithdrawalPermission: z.boolean().optional(),
});

/** Replaces an account's key in place (same exchange account; history kept). */
export const RotateCredentialsInputSchema = z.object({
  id: z.string().min(1),
  credentials: z.record(z.string(), z.string()),
  validate: z.boolean().optional(),
  allowWithdrawalPermission: z.boolean().optional(),
});

export const SyncStatusSchema = z.object({
  accountId: z.string(),
  state: z.enum(['idle', 'running', 'done', 'error']),
  progress: z.number().min(0).max(1),
  fillsStored: z.number().int(),
  pagesFetched: z.number().int(),
  syncedFrom: z.string().nullable(),
  syncedTo: z.string().nullable(),
  error: ErrorInfoSchema.nullable(),
});

/** Perpetual futures, or dated (expiring) futures; spot and options are never volume. */
export const InstrumentKindSchema = z.enum(['perpetual', 'dated_future']);

/**
 * Which instrument kinds to count, as a query string says it: `perpetual` (the default when
 * absent), `dated_future`, or both comma-separated (`perpetual,dated_future`).
 */
export const KindsSchema = z
  .string()
  .regex(/^(perpetual|dated_future)(,(perpetual|dated_future))*$/, 'use perpetual, dated_future, or both comma-separated (perpetual,dated_future)');

export const DayVolumeSchema = z.object({
  date: DaySchema,
  volumeUsd: z.number(),
  makerVolumeUsd: z.number(),
  takerVolumeUsd: z.number(),
  feesUsd: z.number(),
  trades: z.number().int(),
});

export const GroupBySchema = z.enum(['exchange', 'account', 'symbol', 'underlying', 'kind']);

export const DailyQuerySchema = z.object({
  from: DaySchema,
  to: DaySchema,
  exchange: ExchangeIdSchema.optional(),
  accountId: z.string().optional(),
  groupBy: GroupBySchema.optional(),
  kinds: KindsSchema.optional(),
});

export const DailySchema = z.object({
  from: DaySchema,
  to: DaySchema,
  currency: z.literal('USD'),
  /** The instrument kinds counted in these numbers. */
  kinds: z.array(InstrumentKindSchema),
  total: z.array(DayVolumeSchema),
  series: z.array(z.object({ key: z.string(), label: z.string(), days: z.array(DayVolumeSchema) })),
});

/** Fees paid in one token Perpvol cannot price in USD: listed in the token, never counted as $0. */
export const UnpricedFeeSchema = z.object({
  currency: z.string(),
  /** Exact decimal sum in that token (negative when rebates outweigh). */
  amount: z.string(),
  fills: z.number().int(),
});

export const WindowSchema = z.object({
  volumeUsd: z.number(),
  /** Fees in USD; fees in tokens without a USD price are in `unpricedFees`, not here. */
  feesUsd: z.number(),
  trades: z.number().int(),
  unpricedFees: z.array(UnpricedFeeSchema),
});
export const WindowsSchema = z.object({
  today: WindowSchema,
  d7: WindowSchema,
  d14: WindowSchema,
  d30: WindowSchema,
  allTime: WindowSchema,
});
export const SummaryQuerySchema = z.object({ kinds: KindsSchema.optional() });

export const SummarySchema = WindowsSchema.extend({
  asOf: z.string(),
  /** The instrument kinds counted in these numbers. */
  kinds: z.array(InstrumentKindSchema),
  byExchange: z.partialRecord(ExchangeIdSchema, WindowsSchema),
  /** The same windows per account id (every account, removed ones whose fills were kept included). */
  byAccount: z.record(z.string(), WindowsSchema),
});

export const FillSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  exchange: ExchangeIdSchema,
  tradeId: z.string(),
  orderId: z.string().nullable(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  price: z.string(),
  qty: z.string(),
  notionalUsd: z.number(),
  fee: z.string(),
  feeCurrency: z.string(),
  /** null only for a fee in a token Perpvol cannot price (fee and feeCurrency say what was paid). */
  feeUsd: z.number().nullable(),
  liquidity: z.enum(['maker', 'taker']).nullable(),
  ts: z.number().int(),
  kind: InstrumentKindSchema,
  /** The asset across exchanges: BTC for BTCUSDT, BTC-USD-PERP, PERP_BTC_USDT… */
  underlying: z.string(),
});

export const FILLS_PAGE_MAX = 1000;
export const FILLS_PAGE_DEFAULT = 200;

export const FillsQuerySchema = z.object({
  accountId: z.string().optional(),
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  limit: z.coerce.number().int().min(1).max(FILLS_PAGE_MAX).optional(),
  cursor: z.string().optional(),
  kinds: KindsSchema.optional(),
});

export const FillsPageSchema = z.object({ fills: z.array(FillSchema), nextCursor: z.string().nullable() });

/** Our count beside the exchange's own, per day and all time, so a user can see when they differ. */
export const ReconciliationDaySchema = z.object({
  date: DaySchema,
  oursUsd: z.number(),
  reportedUsd: z.number(),
  differenceUsd: z.number(),
});
export const AccountReconciliationSchema = z.object({
  accountId: z.string(),
  exchange: ExchangeIdSchema,
  label: z.string(),
  /** When the exchange serves no fills older than this (ISO), the rest must come from a CSV import. */
  historyLimitedBefore: z.string().nullable(),
  reportedAsOf: z.string().nullable(),
  oursAllTimeUsd: z.number(),
  reportedAllTimeUsd: z.number().nullable(),
  /**
   * What the exchange's daily figures count, when that is not this account's perpetual volume
   * (Hyperliquid: "Hyperliquid fee-tier volume (includes spot and sub-accounts)"); null = the same as ours.
   */
  reportedDailyLabel: z.string().nullable(),
  /** Days the exchange reported, oldest first, with our number for the same day. */
  days: z.array(ReconciliationDaySchema),
  /**
   * Stretches the exchange no longer serves although they lie between synced fills (Hyperliquid's
   * 10,000-fill cap crossed between two syncs), until a CSV import covers them: the times (ISO),
   * the UTC days they touch, the exchange's own figure for those days where it reports every one
   * of them, and ours.
   */
  historyGaps: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      fromDay: DaySchema,
      toDay: DaySchema,
      reportedUsd: z.number().nullable(),
      oursUsd: z.number(),
    }),
  ),
  /** Days where ours and the exchange's differ by a cent or more. */
  mismatchedDays: z.number().int(),
  /**
   * Figures the exchange reports over a window (Paradex: its 14-day fee-tier volume from
   * /v1/account/info volume_tiers), each beside our own sum over the same UTC days.
   */
  reportedWindows: z.array(
    z.object({
      key: z.string(),
      /** What the exchange's figure counts, in its terms (e.g. spot and sub-accounts included). */
      label: z.string(),
      /** What our figure beside it counts. */
      oursLabel: z.string(),
      days: z.number().int(),
      /** The UTC days of the window, inclusive, ending the day the exchange reported. */
      from: DaySchema,
      to: DaySchema,
      tier: z.string().nullable(),
      reportedUsd: z.number(),
      oursUsd: z.number(),
      differenceUsd: z.number(),
    }),
  ),
});
export const ReconciliationSchema = z.object({ accounts: z.array(AccountReconciliationSchema) });

/** Largest CSV one import takes (the REST route raises its body limit to match). */
export const IMPORT_CSV_MAX_BYTES = 50 * 1024 * 1024;

/** Fills from an exchange's own CSV export, for history its API no longer serves. */
export const ImportFillsInputSchema = z.object({
  id: z.string().min(1),
  /** Which export the file is, named by its exchange (GET /exchanges `csvImport.format`); `auto` (default) tells by its header. */
  format: z.union([z.literal('auto'), ExchangeIdSchema]).optional(),
  /** The file's text, as exported (BOM, CRLF and quoted fields are fine). */
  csv: z.string().min(1, 'the file is empty').max(IMPORT_CSV_MAX_BYTES, 'the file is larger than 50 MB; split it and import the parts'),
  /** Zone of times the file writes without one, e.g. "+02:00" (default UTC; a zone in the header wins). */
  utcOffset: z.string().max(12).optional(),
  /** For dates like 06/01/2025 when no day in the file is above 12. */
  dateOrder: z.enum(['day-first', 'month-first']).optional(),
});
export const ImportFillsResultSchema = z.object({
  /** Fills stored by this import. */
  imported: z.number().int(),
  /** Perp fills of the file that were already stored, or that the API serves (the sync keeps those). */
  duplicates: z.number().int(),
  /** Rows that are not perp trades (spot, funding, settlement). */
  skipped: z.number().int(),
  /** UTC days whose totals changed. */
  days: z.array(DaySchema),
  /** Time span the file's perp fills cover (ISO), null when it has none. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});

/** How the server was started, as the user typed it: the dashboard names it when the connection is lost. */
export const StartCommandSchema = z.enum(['perpvol serve', 'npm run headless', 'npm run demo', 'npm run perpvol -- serve']);

export const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  /** The command that started this server (absent in the desktop app, which has no server to lose). */
  startedWith: StartCommandSchema.optional(),
});

export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;
export type Account = z.infer<typeof AccountSchema>;
export type ApiAccountNote = z.infer<typeof AccountNoteSchema>;
export type LiveState = z.infer<typeof LiveStateSchema>;
export type AddAccountInput = z.infer<typeof AddAccountInputSchema>;
export type RotateCredentialsInput = z.infer<typeof RotateCredentialsInputSchema>;
export type SyncStatus = z.infer<typeof SyncStatusSchema>;
export type DayVolume = z.infer<typeof DayVolumeSchema>;
export type GroupBy = z.infer<typeof GroupBySchema>;
export type InstrumentKindValue = z.infer<typeof InstrumentKindSchema>;
export type UnpricedFee = z.infer<typeof UnpricedFeeSchema>;
export type SummaryQuery = z.infer<typeof SummaryQuerySchema>;
export type DailyQuery = z.infer<typeof DailyQuerySchema>;
export type Daily = z.infer<typeof DailySchema>;
export type VolumeWindow = z.infer<typeof WindowSchema>;
export type Windows = z.infer<typeof WindowsSchema>;
export type Summary = z.infer<typeof SummarySchema>;
export type ApiFill = z.infer<typeof FillSchema>;
export type FillsQuery = z.infer<typeof FillsQuerySchema>;
export type FillsPage = z.infer<typeof FillsPageSchema>;
export type Health = z.infer<typeof HealthSchema>;
export type StartCommand = z.infer<typeof StartCommandSchema>;
export type AccountReconciliation = z.infer<typeof AccountReconciliationSchema>;
export type Reconciliation = z.infer<typeof ReconciliationSchema>;
export type ImportFillsInput = z.infer<typeof ImportFillsInputSchema>;
export type ImportFillsResult = z.infer<typeof ImportFillsResultSchema>;
