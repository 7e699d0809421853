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

