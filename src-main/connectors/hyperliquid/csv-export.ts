/**
 * Hyperliquid's Trade History CSV export (docs/import.md, "Importing an exchange's CSV export
 * (history the API no longer serves)"). Times are as the web app shows them ("06/01/2025 - 17:38:42":
 * day or month first by the browser's locale, to the second, no zone); `dir` is "Open Long" /
 * "Close Short" / "Long > Short" / … for perps and "Buy" / "Sell" for spot.
 *
 * The export has NO trade id. Each fill gets one derived from what the row says (its second, coin,
 * side, price, size and fee, plus its rank among identical rows), so importing the same file twice
 * stores nothing twice. Which rows an import takes when the account is also synced rests on what a
 * completed backfill guarantees: the API served every fill from the oldest it still had
 * (`syncedFrom`) on. Rows after that second are matched against its stored fills only to check that
 * the file's times line up (a time-zone slip would shift days); rows in that second are matched as
 * a multiset (the 10,000-fill cut can fall inside a second). A history gap is like the time before
 * `syncedFrom`, its edge seconds like that second. Export times are whole seconds: every comparison
 * is by second.
 *
 * First, a pass over the file's time column decides which way slashed dates go (unless the user
 * said), finds its newest time and whether rows are in time order.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { formatDecimal, parseDecimal } from '../../core/decimal.ts';
import { badInput } from '../../core/errors.ts';
import type { Fill, Side } from '../../core/fill.ts';
import type { HistoryGap } from '../../core/history-gap.ts';
import type { CsvFormat, RowReader, SyncedHistory } from '../kit/csv-format.ts';
import { decimalCell, findColumn, findColumns, type CsvRow } from '../kit/csv/csv-table.ts';
import { formatUtcOffset, parseCsvTime, TimeColumnScan, type DateOrder } from '../kit/csv/csv-time.ts';
import { normalizeFill } from './normalize.ts';

/** Prefix of derived trade ids: never a Hyperliquid tid (those are integers). */
const HYPERLIQUID_CSV_ID_PREFIX = 'hl-csv-';
const COLUMNS = { time: ['time'], coin: ['coin'], dir: ['dir'], px: ['px'], sz: ['sz'], fee: ['fee'], feeToken: ['feetoken'] };

export function looksLikeHyperliquid(headers: readonly string[]): boolean {
  return ['time', 'coin', 'dir', 'px', 'sz'].every((name) => findColumn(headers, [name]) >= 0);
}

/** The export's columns in a file's header; missing ones are named. */
const hyperliquidColumns = (headers: readonly string[]) =>
  findColumns(headers, "Hyperliquid's Trade History export", COLUMNS, { optional: ['feeToken'] });

const RowSchema = z.object({
  time: z.string().min(1, 'the time is empty'),
  coin: z.string().min(1, 'the coin is empty'),
  dir: z.string().min(1, 'the direction is empty'),
  px: decimalCell,
  sz: decimalCell,
  fee: decimalCell,
});

/** A decimal string in one spelling for comparisons: "68000.0" = "68000", ".5" = "0.5", "+1" = "1". */
const canonicalDecimal = (text: string): string => formatDecimal(parseDecimal(text));
const second = (ms: number) => Math.floor(ms / 1000);

/**
 * The side of a fill from its `dir`. Perps: opening a long, closing a short and flipping short to
 * long buy; the mirror images sell; a liquidated long sells. Spot: Buy / Sell.
 */
export function sideOfDirection(dir: string): Side | null {
  const d = dir.trim().toLowerCase().replace(/\s+/g, ' ');
  if (d === 'buy' || d === 'open long' || d === 'close short' || d === 'short > long' || /liquidat.* short$/.test(d)) return 'buy';
  if (d === 'sell' || d === 'open short' || d === 'close long' || d === 'long > short' || /liquidat.* long$/.test(d)) return 'sell';
  return null;
}

/**
 * Reads the file's rows one at a time, once the date order is known. Keeps the count of identical
 * rows seen so far, which their derived trade ids depend on.
 */
export function hyperliquidRowReader(
  headers: readonly string[],
  options: {
    offsetMinutes: number;
    dateOrder: DateOrder | null;
    /**
     * The file's rows are in time order (either way), as the web app exports them: identical rows
     * then share one second's run of rows, so the count of identical rows starts afresh with each
     * second and never grows with the file.
     */
    sortedByTime?: boolean;
  },
): RowReader {
  const columns = hyperliquidColumns(headers);
  const rank = new Map<string, number>();
  let rankSecond: number | null = null;

  return (row: CsvRow) => {
    const c = columns.cells(row);
    const r = columns.check(RowSchema, c, row.line);
    const ts = parseCsvTime(r.time, options);
    if (ts === null) throw columns.invalid(row.line, 'time', `${JSON.stringify(r.time)} is not a time Perpvol can read`);
    const side = sideOfDirection(r.dir);
    if (side === null) throw columns.invalid(row.line, 'dir', `unknown direction ${JSON.stringify(r.dir)}`);
    // The connector's own rules (perp check, notional, fee token valuation) on the row as the API would send it.
    const feeToken = c.feeToken || 'USDC';
    const normalized = normalizeFill({ coin: r.coin, px: r.px, sz: r.sz, side: side === 'buy' ? 'B' : 'A', time: ts, oid: 0, tid: 0, crossed: false, fee: r.fee, feeToken });
    // spot, or a HIP-3 perp quoted in a token that is no USD stablecoin (no dollar notional): not imported
    if (!('fill' in normalized)) return 'skipped';
    const at = second(ts);
    if (options.sortedByTime && at !== rankSecond) {
      rank.clear();
      rankSecond = at;
    }
    const key = [at, r.coin, side, canonicalDecimal(r.px), canonicalDecimal(r.sz), canonicalDecimal(r.fee)].join('|');
    const nth = rank.get(key) ?? 0;
    rank.set(key, nth + 1);
    const tradeId = `${HYPERLIQUID_CSV_ID_PREFIX}${createHash('sha256').update(`${key}|${nth}`).digest('hex').slice(0, 32)}`;
    return { ...normalized.fill, tradeId, orderId: null, liquidity: null };
  };
}

export type ApiFillKey = Pick<Fill, 'ts' | 'symbol' | 'side' | 'price' | 'qty'>;

/** Below this many comparable rows, a few unmatched ones prove nothing. */
const MIN_ROWS_TO_JUDGE = 5;
const MAX_UNMATCHED_SHARE = 0.2;
const QUARTER_HOUR_S = 900;
/** The farthest a time zone is from UTC: how far a zone slip can move a row. */
const MAX_ZONE_SHIFT_S = 14 * 3600;

const matchKey = (f: ApiFillKey) => `${f.symbol}|${f.side}|${canonicalDecimal(f.price)}|${canonicalDecimal(f.qty)}`;

/**
 * take() says whether a fill of the file is imported; finish(), after the last row, refuses the
 * file when its times do not line up. `apiFills`: the account's stored API fills from the second of
 * `syncedFrom` on (imported ones excluded); `syncedTo`: up to when the last sync looked (rows after
 * it cannot be checked yet).
 */
export class HyperliquidOverlapPlanner {
  private readonly boundary: number | null;
  private readonly stored = new Map<string, number>();
  private readonly unmatched: Fill[] = [];
  private readonly gaps: { from: number; to: number }[];
  private checked = 0;

  constructor(
    syncedFrom: number | null,
    private readonly syncedTo: number | null,
    private readonly apiFills: ApiFillKey[],
    gaps: readonly HistoryGap[] = [],
  ) {
    this.boundary = syncedFrom === null ? null : second(syncedFrom);
    this.gaps = gaps.map((gap) => ({ from: second(gap.from), to: second(gap.to) }));
    for (const f of apiFills) {
      const key = `${second(f.ts)}|${matchKey(f)}`;
      this.stored.set(key, (this.stored.get(key) ?? 0) + 1);
    }
  }

  take(fill: Fill): boolean {
    if (this.boundary === null) return true;
    const s = second(fill.ts);
    if (s < this.boundary) return true;
    const key = `${s}|${matchKey(fill)}`;
    const twins = this.stored.get(key) ?? 0;
    const inGap = this.gaps.some((gap) => gap.from <= s && s <= gap.to);
    if (twins > 0) {
      this.stored.set(key, twins - 1);
      if (s > this.boundary && !inGap) this.checked++;
      return false;
    }
    if (s === this.boundary || inGap) return true;
    if (this.syncedTo !== null && s <= second(this.syncedTo)) {
      this.checked++;
      this.unmatched.push(fill);
    }
    return false;
  }

  finish(): void {
    const { checked, unmatched } = this;
    if (checked >= MIN_ROWS_TO_JUDGE && unmatched.length > checked * MAX_UNMATCHED_SHARE) {
      throw timesDoNotLineUp(unmatched.length, checked, likelyShift(unmatched, this.apiFills));
    }
  }
}

/** The whole-quarter-hour shift that makes most unmatched rows meet an API fill, in seconds. */
function likelyShift(unmatched: Fill[], apiFills: ApiFillKey[]): number | null {
  const secondsByKey = new Map<string, number[]>();
  for (const f of apiFills) {
    const list = secondsByKey.get(matchKey(f)) ?? [];
    list.push(second(f.ts));
    secondsByKey.set(matchKey(f), list);
  }
  const votes = new Map<number, number>();
  for (const fill of unmatched) {
    for (const apiSecond of secondsByKey.get(matchKey(fill)) ?? []) {
      const shift = second(fill.ts) - apiSecond;
      if (shift !== 0 && shift % QUARTER_HOUR_S === 0 && Math.abs(shift) <= MAX_ZONE_SHIFT_S) votes.set(shift, (votes.get(shift) ?? 0) + 1);
    }
  }
  let best: [number, number] | null = null;
  for (const entry of votes) if (!best || entry[1] > best[1]) best = entry;
  return best && best[1] >= unmatched.length / 2 ? best[0] : null;
}

function timesDoNotLineUp(unmatched: number, checked: number, shiftSeconds: number | null): Error {
  const hint =
    shiftSeconds === null
      ? 'Check that the file is this account\'s export and that its times are UTC (or pass the offset they are in with --utc-offset, REST "utcOffset").'
      : `Its times look ${formatUtcOffset(shiftSeconds / 60)} off UTC — your browser's time zone, probably: import again with --utc-offset ${formatUtcOffset(shiftSeconds / 60)} (REST "utcOffset").`;
  return badInput(
    'import_times_mismatch',
    `${unmatched.toLocaleString('en-US')} of ${checked.toLocaleString('en-US')} rows in the period Perpvol already synced from Hyperliquid match no synced fill. ${hint} Nothing from this file was imported.`,
  );
}

export const planHyperliquidImport: CsvFormat['plan'] = async (headers, file, options) => {
  const offsetMinutes = options.offsetMinutes ?? 0;
  const timeAt = hyperliquidColumns(headers).at.time;
  const scan = new TimeColumnScan(offsetMinutes);
  let line = 0;
  for await (const row of file.rows()) {
    if (line++ > 0) scan.see(row.cells[timeAt] ?? ''); // line 0 is the header
  }
  const times = scan.result(options.dateOrder);
  const read = hyperliquidRowReader(headers, { offsetMinutes, dateOrder: times.dateOrder, sortedByTime: times.sorted });
  const planner = await overlapPlanner(options.synced, options.exchangeLabel, times.newest);
  return { read, take: (fill) => planner.take(fill), finish: () => planner.finish() };
};

/** The synced fills from the oldest one the API served onwards: what the file's rows are matched against. */
async function overlapPlanner(synced: SyncedHistory, label: string, newest: number | null): Promise<HyperliquidOverlapPlanner> {
  const state = await synced.state();
  if (!state?.backfillDone) {
    throw badInput(
      'import_needs_sync',
      `Sync this ${label} account once before importing its CSV: its export has no trade ids, so Perpvol needs the synced fills to tell which rows the API still serves. Nothing was imported.`,
    );
  }
  const syncedFrom = state.coveredFrom;
  if (syncedFrom === null || newest === null) return new HyperliquidOverlapPlanner(null, state.coveredTo, []);
  const apiFills: ApiFillKey[] = [];
  // as far past the file's last row as a zone slip can move it
  for await (const f of synced.fills(Math.floor(syncedFrom / 1000) * 1000, newest + MAX_ZONE_SHIFT_S * 1000)) {
    if (!f.tradeId.startsWith(HYPERLIQUID_CSV_ID_PREFIX)) apiFills.push({ ts: f.ts, symbol: f.symbol, side: f.side, price: f.price, qty: f.qty });
  }
  return new HyperliquidOverlapPlanner(syncedFrom, state.coveredTo, apiFills, state.historyGaps);
}
