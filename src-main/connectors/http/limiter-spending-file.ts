/**
 * What this data dir's rate limiters sent in the last minutes (`rate-limits.json`, docs/exchanges.md,
 * "Rate limits"), so a restarted Perpvol keeps to the windows the exchange still counts. Why not
 * "assume every window spent after a restart": a quick restart would wait a whole window (a minute on
 * Hyperliquid — longer than adding an account may take) even when the previous run sent almost
 * nothing. An unreadable record counts every window as spent; no record means nothing was sent.
 *
 * A send is written down BEFORE it goes out (a kill right after sending is covered), stamped
 * IN_FLIGHT_ALLOWANCE_MS later than the send: the exchange counts a request when it arrives. Writes
 * are small and synchronous; failing to write only loses the record (a 429 is then handled like one
 * caused by another program), never a sync.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface SpendingLog {
  /** [time, weight] of sends under `key` that may still count in a window of `windowMs` at `now`. */
  spentRecently(key: string, now: number, windowMs: number): [number, number][];
  /** Called just before a request under `key` (a limit of `windowMs` windows) goes out. */
  noteSend(key: string, weight: number, now: number, windowMs: number): void;
  /** The send noted at `notedAt` never reached the exchange: its weight no longer counts. */
  forgetSend(key: string, weight: number, notedAt: number): void;
}

export const SPENDING_FILE_NAME = 'rate-limits.json';

/** Longest plausible delay between sending a request and the exchange counting it. */
export const IN_FLIGHT_ALLOWANCE_MS = 2_000;
/** Sends this close together are kept as one entry (the later time, both weights): fewer, smaller writes. */
const MERGE_WITHIN_MS = 100;
/** Entries older than this cannot matter to any limit we keep (the longest window is a minute). */
const KEEP_MS = 5 * 60_000;
/** "Spent" when the record is unreadable: more than any budget holds. */
const WHOLE_WINDOW = Number.MAX_SAFE_INTEGER;

type Entries = [number, number][];
/** The file: `[time, weight]` pairs per limiter key (`version` is written for later layouts, not read). */
const SpendingRecord = z.object({ limiters: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))).default({}) });

export class SpendingFile implements SpendingLog {
  private readonly path: string;
  private readonly entries = new Map<string, Entries>();
  /** Set when an existing record could not be read: every window counts as spent from that moment. */
  private unreadableAt: number | null = null;

  constructor(dataDir: string, now: number) {
    this.path = join(dataDir, SPENDING_FILE_NAME);
    this.load(now);
  }

  spentRecently(key: string, now: number, windowMs: number): [number, number][] {
    const recent: [number, number][] = (this.entries.get(key) ?? []).map(([at, weight]) => [at, weight]);
    if (this.unreadableAt !== null) recent.push([this.unreadableAt, WHOLE_WINDOW]);
    return recent.filter(([at]) => at + windowMs > now);
  }

  noteSend(key: string, weight: number, now: number, windowMs: number): void {
    const at = now + IN_FLIGHT_ALLOWANCE_MS;
    // Only what can still count in this limit's window is kept: the record stays a few entries long.
    const list = (this.entries.get(key) ?? []).filter(([sent]) => sent + windowMs > now);
    const last = list.at(-1);
    if (last && at - last[0] <= MERGE_WITHIN_MS) {
      last[0] = Math.max(last[0], at);
      last[1] += weight;
    } else {
      list.push([at, weight]);
    }
    this.entries.set(key, list);
    this.prune(now);
    this.save();
  }

  forgetSend(key: string, weight: number, notedAt: number): void {
    const list = this.entries.get(key);
    if (!list) return;
    // The send was noted at notedAt + the allowance, perhaps merged into an entry stamped later:
    // take its weight back from the newest entries that can hold it.
    let left = weight;
    for (let i = list.length - 1; i >= 0 && left > 0; i -= 1) {
      const entry = list[i]!;
      if (entry[0] < notedAt + IN_FLIGHT_ALLOWANCE_MS) break;
      const taken = Math.min(entry[1], left);
      entry[1] -= taken;
      left -= taken;
    }
    const kept = list.filter(([, w]) => w > 0);
    if (kept.length === 0) this.entries.delete(key);
    else this.entries.set(key, kept);
    this.save();
  }

  private load(now: number): void {
    try {
      const record = SpendingRecord.parse(JSON.parse(readFileSync(this.path, 'utf8')));
      for (const [key, list] of Object.entries(record.limiters)) this.entries.set(key, list);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.unreadableAt = now;
    }
    this.prune(now);
  }

  private prune(now: number): void {
    for (const [key, list] of this.entries) {
      const kept = list.filter(([at]) => at > now - KEEP_MS);
      if (kept.length === 0) this.entries.delete(key);
      else this.entries.set(key, kept);
    }
  }

  private save(): void {
    const limiters = Object.fromEntries(this.entries);
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify({ version: 1, limiters })}\n`, { mode: 0o600 });
      renameSync(temp, this.path);
    } catch {
      // Best effort (data dir removed, disk full): the limits themselves still hold in this process.
    }
  }
}
