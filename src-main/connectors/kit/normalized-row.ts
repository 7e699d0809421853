import type { Fill } from '../../core/fill.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';

/**
 * What one exchange row is, as every connector's normalize function says it — for a page of REST
 * history and for a single row of a live stream alike:
 * - `fill`: a trade of the user's on a perpetual or dated future, counted;
 * - `unclassified`: an execution Perpvol cannot decide about (an execution type or market it does
 *   not know), kept aside, never counted, shown as an account warning with its count;
 * - `ignored`: a row that is not volume by a decision made on purpose (funding, settlement, spot,
 *   options…), with the reason, so nothing disappears without one.
 */
export type NormalizedRow = { fill: Fill } | { unclassified: UnclassifiedExecution } | { ignored: string };

/** A page's rows sorted into the fills to count and the executions to keep aside. */
export function sortRows(rows: Iterable<NormalizedRow>): { fills: Fill[]; unclassified: UnclassifiedExecution[] } {
  const fills: Fill[] = [];
  const unclassified: UnclassifiedExecution[] = [];
  for (const row of rows) {
    if ('fill' in row) fills.push(row.fill);
    else if ('unclassified' in row) unclassified.push(row.unclassified);
  }
  return { fills, unclassified };
}
