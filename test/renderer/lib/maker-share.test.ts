import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DayVolume } from '../../../src-shared/schemas.ts';
import { makerShare } from '../../../src-renderer/src/lib/maker-share.ts';

const day = (date: string, volumeUsd: number, makerVolumeUsd = 0): DayVolume => ({ date, volumeUsd, makerVolumeUsd, takerVolumeUsd: volumeUsd - makerVolumeUsd, feesUsd: 0, trades: 1 });

describe('maker share', () => {
  it('is maker volume over all volume, or none without volume', () => {
    assert.equal(makerShare([day('2026-03-01', 300, 100), day('2026-03-02', 100, 100)]), 0.5);
    assert.equal(makerShare([day('2026-03-01', 0)]), null);
  });

  it('counts only volume with a known side: fills imported without one (Hyperliquid CSV) are left out', () => {
    // 400 maker + 100 taker + 500 without a side: 400 ÷ 500, not 400 ÷ 1,000
    const imported: DayVolume = { date: '2026-03-03', volumeUsd: 1_000, makerVolumeUsd: 400, takerVolumeUsd: 100, feesUsd: 0, trades: 3 };
    assert.equal(makerShare([imported]), 0.8);
    assert.equal(makerShare([{ ...imported, makerVolumeUsd: 0, takerVolumeUsd: 0 }]), null, 'no side known at all: no share');
  });
});
