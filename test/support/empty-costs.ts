import type { Costs, CostRow } from '../../src-shared/cost-schemas.ts';

/** A costs answer without any volume, for fakes of the contract. */
export function emptyCosts(): Costs {
  const total: CostRow = {
    key: 'total', label: 'Total', exchange: null, accountId: null, date: null, volumeUsd: 0, makerVolumeUsd: 0, takerVolumeUsd: 0,
    unknownSideVolumeUsd: 0, feesUsd: 0, makerFeesUsd: 0, takerFeesUsd: 0, unknownSideFeesUsd: 0, feesPerMillionUsd: null, makerRate: null,
    takerRate: null, makerShare: null, trades: 0, unpricedFees: [], tier: null, tierCostUsd: null, vsTierUsd: null, tierGap: null, tierNote: null, nextTiers: [],
  };
  return { from: '2026-01-01', to: '2026-01-30', groupBy: 'exchange', kinds: ['perpetual'], rows: [], total, chart: [], cheapest: null };
}
