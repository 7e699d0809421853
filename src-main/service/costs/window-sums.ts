/**
 * Volume over a rolling window ending on any day, in O(1) per day: prefix sums over a dense run of
 * days. The costs answer asks it for every day of a range with fills (730 days × 4 exchanges), where
 * summing each window afresh would cost a window's worth of work per day.
 */
import { daysBetween, type DayString } from '../../core/days.ts';

export class WindowSums {
  /** Day → its place in the run (strings, not dates: no date parsing per lookup). */
  private readonly index = new Map<DayString, number>();
  /** prefix[i] = Σ volume of the first i days from `from`. */
  private readonly prefix: bigint[];

  constructor(daily: readonly { day: DayString; volumeMicros: bigint }[], from: DayString, to: DayString) {
    const run = daysBetween(from, to);
    run.forEach((day, i) => this.index.set(day, i));
    const volumes = new Array<bigint>(run.length).fill(0n);
    for (const row of daily) {
      const index = this.index.get(row.day);
      if (index !== undefined) volumes[index] = volumes[index]! + row.volumeMicros;
    }
    this.prefix = [0n];
    for (const volume of volumes) this.prefix.push(this.prefix[this.prefix.length - 1]! + volume);
  }

  /** Σ volume of the `days` days ending on `day` (a day of the run), `day` included; days before the run count 0. */
  endingOn(day: DayString, days: number): bigint {
    const end = this.index.get(day);
    if (end === undefined) throw new RangeError(`${day} is not a day of this run`);
    const last = Math.min(end, this.prefix.length - 2);
    const first = Math.max(end - days + 1, 0);
    return last < first ? 0n : this.prefix[last + 1]! - this.prefix[first]!;
  }
}
