import type { Fill } from '../../core/fill.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';

/**
 * What one exchange row is, for a REST page and a live stream alike (docs/adding-an-exchange.md,
 * "Normalization"). `ignored`: not volume on purpose (funding, spot, options…), with the reason, so
 * nothing disappears without one.
 */
export type NormalizedRow = { fill: Fill } | { unclassified: UnclassifiedExecution } | { ignored: string };

