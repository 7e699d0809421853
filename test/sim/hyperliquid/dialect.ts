/**
 * The points userFillsByTime leaves open, one switch each, so the connector can be proven right
 * under every reading. The info endpoint page
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint) says only
 * "Returns at most 2000 fills per response and only the 10000 most recent fills are available" and
 * "use the last returned timestamp as the next startTime for pagination"; startTime is inclusive
 * (as that advice needs, and as e.g. docs.chainstack.com/reference/hyperliquid-info-user-fills-by-time
 * states), while third-party pages disagree on endTime ("inclusive" there, "[startTime, endTime)"
 * at goldrush.dev). The SDK (hyperliquid-python-sdk, Info.user_fills_by_time) sends
 * aggregateByTime false unless asked; what the server does when it is left out is not written.
 */

export interface HyperliquidDialect {
  /** Which fills of a range holding more than 2,000 are answered: the oldest from startTime, or the newest up to endTime. */
  capKeeps: 'oldest' | 'newest';
  /** The order of the rows in an answer. */
  order: 'ascending' | 'descending';
  endTime: 'inclusive' | 'exclusive';
  /** aggregateByTime when a request leaves it out. */
  aggregateByDefault: boolean;
}

export const DOCUMENTED_HYPERLIQUID_DIALECT: HyperliquidDialect = {
  capKeeps: 'oldest',
  order: 'ascending',
  endTime: 'inclusive',
  aggregateByDefault: false,
};

/** Every combination (16). */
export function allHyperliquidDialects(): HyperliquidDialect[] {
  const out: HyperliquidDialect[] = [];
  for (const capKeeps of ['oldest', 'newest'] as const) {
    for (const order of ['ascending', 'descending'] as const) {
      for (const endTime of ['inclusive', 'exclusive'] as const) {
        for (const aggregateByDefault of [false, true]) out.push({ capKeeps, order, endTime, aggregateByDefault });
      }
    }
  }
  return out;
}

export function describeHyperliquidDialect(dialect: HyperliquidDialect): string {
  return `capKeeps=${dialect.capKeeps} order=${dialect.order} endTime=${dialect.endTime} aggregateByDefault=${dialect.aggregateByDefault}`;
}
