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
});
