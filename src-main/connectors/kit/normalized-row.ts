import { feeValueMicros } from '../../core/fee-value.ts';
import type { Fill } from '../../core/fill.ts';
import { notionalMicros } from '../../core/usd.ts';
import type { UnclassifiedExecution } from '../../core/unclassified-execution.ts';

/**
 * What one exchange row is, for a REST page and a live stream alike (docs/adding-an-exchange.md,
 * "Normalization"). `ignored`: not volume on purpose (funding, spot, options…), with the reason, so
 * nothing disappears without one.
 */
export type NormalizedRow = { fill: Fill } | { unclassified: UnclassifiedExecution } | { ignored: string };

/** A row kept aside with a warning, never counted as dollars; `rawType` says what Perpvol does not know. */
export const keptAside = (execution: Omit<UnclassifiedExecution, 'rawType'>) => (rawType: string): NormalizedRow => ({ unclassified: { ...execution, rawType } });

/** A trade row's fill: notional |price × qty| at par unless the row says otherwise (inverse contracts); the fee valued at the fill's price (core/fee-value.ts), a rebate negative. */
export function tradeFill({ baseCoin, ...trade }: Omit<Fill, 'notionalMicros' | 'feeMicros'> & { notionalMicros?: number; baseCoin: string }): NormalizedRow {
  return {
    fill: {
      ...trade,
      notionalMicros: trade.notionalMicros ?? notionalMicros(trade.price, trade.qty),
      feeMicros: feeValueMicros(trade.fee, trade.feeCurrency, { price: trade.price, baseCoin }),
    },
  };
}
