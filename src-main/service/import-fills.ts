/**
 * The volume service's import: an exchange's own CSV export fills the history its API no longer
 * serves (Hyperliquid: only the 10,000 most recent fills; Bybit: two years). Parsing is all or
 * nothing (one bad row names its line and column and nothing is stored); the fills then go through
 * the store's page path in one transaction, so the rollups count each new fill once and the sync
 * cursor never moves: the next sync continues exactly where it was.
 */
import type { ImportFillsInput, ImportFillsResult } from '../../src-shared/schemas.ts';
import { badInput } from '../core/errors.ts';
import { EXCHANGE_LABELS } from '../core/exchange.ts';
import type { Fill } from '../core/fill.ts';
import { parseUtcOffset } from '../import/csv-time.ts';
import { HYPERLIQUID_CSV_ID_PREFIX } from '../import/hyperliquid-csv.ts';
import { planHyperliquidOverlap, type ApiFillKey } from '../import/hyperliquid-overlap.ts';
import { parseTradeCsv } from '../import/parse-trade-csv.ts';
import type { AccountRecord, Store } from '../store/store.ts';

/** How far a time-zone slip can move a row: the overlap check looks this far past the file's last row. */
const MAX_ZONE_SHIFT_MS = 14 * 3_600_000;

export async function importFillsFromCsv(store: Store, account: AccountRecord, input: ImportFillsInput): Promise<ImportFillsResult> {
  const parsed = parseTradeCsv(input.csv, {
    exchange: account.exchange,
    format: input.format ?? 'auto',
    offsetMinutes: input.utcOffset === undefined ? null : parseUtcOffset(input.utcOffset),
    ...(input.dateOrder ? { dateOrder: input.dateOrder } : {}),
  });
  const fills = parsed.tradeIds === 'derived' ? (await leaveApiFillsToSync(store, account, parsed.fills)).toImport : parsed.fills;
  const result = await store.fills.importFills(account.id, fills);
  const span = timeSpan(parsed.fills);
  return {
    imported: result.inserted,
    // already stored, or served by the API (stored by the sync): either way counted once, not here
    duplicates: parsed.fills.length - result.inserted,
    skipped: parsed.skipped,
    days: result.days,
    from: span ? new Date(span.from).toISOString() : null,
    to: span ? new Date(span.to).toISOString() : null,
  };
}

/** Fills without the exchange's ids: only what the API no longer serves may be imported (hyperliquid-overlap.ts). */
async function leaveApiFillsToSync(store: Store, account: AccountRecord, fills: Fill[]) {
  const state = await store.syncState.get(account.id);
  if (!state?.backfillDone) {
    throw badInput(
      'import_needs_sync',
      `Sync this ${EXCHANGE_LABELS[account.exchange]} account once before importing its CSV: its export has no trade ids, so Perpvol needs the synced fills to tell which rows the API still serves. Nothing was imported.`,
    );
  }
  const syncedFrom = state.coveredFrom;
  if (syncedFrom === null || fills.length === 0) return planHyperliquidOverlap(fills, null, state.coveredTo, []);
  const newest = timeSpan(fills)?.to ?? syncedFrom;
  const apiFills: ApiFillKey[] = [];
  for await (const f of store.fills.stream({ accountId: account.id, fromMs: Math.floor(syncedFrom / 1000) * 1000, toMs: newest + MAX_ZONE_SHIFT_MS })) {
    if (!f.tradeId.startsWith(HYPERLIQUID_CSV_ID_PREFIX)) apiFills.push(f);
  }
  return planHyperliquidOverlap(fills, syncedFrom, state.coveredTo, apiFills);
}

/** Oldest and newest fill time (a loop: spreading 100,000 times into Math.max overflows the stack). */
function timeSpan(fills: Fill[]): { from: number; to: number } | null {
  if (fills.length === 0) return null;
  let from = Infinity;
  let to = -Infinity;
  for (const f of fills) {
    from = Math.min(from, f.ts);
    to = Math.max(to, f.ts);
  }
  return { from, to };
}
