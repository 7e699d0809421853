/**
 * Paradex's public fee-tier table, GET /v1/system/volume-tiers
 * (https://docs.paradex.trade/api/prod/system/get-volume-tiers): per order classification ("kind":
 * retail, pro) each tier's minimum volume, the window it is judged on (`min_volume_duration`,
 * "14d") and its rates. Read by the fee-tier facts (the ladder) and by the reported 14-day volume
 * (the window), so both read it the same way.
 */
import type { ParadexClient } from './client.ts';
import { VOLUME_TIERS_PATH } from './constants.ts';
import { parseAnswer, volumeTiersSchema } from './schemas.ts';

export type VolumeTierRow = ReturnType<typeof volumeTiersSchema.parse>['results'][number];

const HOURS_PER_DAY = 24;
const DAYS_PER_WEEK = 7;

/** "14d" → 14, "336h" → 14, "2w" → 14; null for anything else (the documented window then stands). */
export function parseWindowDays(duration: string | null | undefined): number | null {
  const match = /^\s*(\d+)\s*([dhw])\s*$/i.exec(duration ?? '');
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  const days = unit === 'd' ? amount : unit === 'w' ? amount * DAYS_PER_WEEK : amount / HOURS_PER_DAY;
  return Number.isInteger(days) && days > 0 ? days : null;
}

/** The table's rows; throws a PerpvolError when it cannot be read (callers decide what stands in). */
export async function fetchVolumeTierTable(client: ParadexClient, signal: AbortSignal): Promise<VolumeTierRow[]> {
  const answer = await client.publicGet(VOLUME_TIERS_PATH, [], signal);
  return parseAnswer(volumeTiersSchema, answer, 'the fee tier table', `GET /v1${VOLUME_TIERS_PATH}`).results;
}

/** The window of one classification's tiers, from the first of its rows that states one. */
export function windowDaysOf(rows: readonly VolumeTierRow[], kind: string): number | null {
  for (const row of rows) {
    if (row.kind?.toLowerCase() !== kind.toLowerCase()) continue;
    const days = parseWindowDays(row.min_volume_duration);
    if (days !== null) return days;
  }
  return null;
}
