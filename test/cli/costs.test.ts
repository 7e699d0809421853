/**
 * `perpvol costs`: the table a trader reads and --json, on a data folder with a hand-computed
 * fixture (a Hyperliquid account whose fee facts are asked at a closed port, so the tier table
 * stands in), grouped per exchange and per day, and a bad flag refused with what to write.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API_METHODS } from '../../src-shared/contract.ts';
import { openStore } from '../../src-main/store/open-store.ts';
import { makeTempDir } from '../sync/fixtures/sync-harness.ts';
import { runPerpvol } from '../support/perpvol-cli.ts';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('perpvol costs', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  const yesterday = Date.now() - DAY_MS;

  before(async () => {
    dir = await makeTempDir('perpvol-cli-costs-');
    env = { PERPVOL_DATA_DIR: dir.path, PERPVOL_MASTER_KEY: '', PERPVOL_DATABASE_URL: '' };
    const store = await openStore({ dataDir: dir.path });
    await store.accounts.create({
      id: 'hl', exchange: 'hyperliquid', label: 'Main', baseUrl: 'http://127.0.0.1:9', identity: `0x${'ef'.repeat(20)}`, permissions: {}, warnings: [], createdAt: 1,
    });
    const fill = (tradeId: string, notionalUsd: number, fee: string, liquidity: 'maker' | 'taker' | null) => ({
      exchange: 'hyperliquid' as const, tradeId, orderId: null, symbol: 'BTC', kind: 'perpetual' as const, underlying: 'BTC', side: 'sell' as const,
      price: String(notionalUsd), qty: '1', notionalMicros: notionalUsd * 1_000_000, fee, feeCurrency: 'USDC', feeMicros: Math.round(Number(fee) * 1e6), liquidity, ts: yesterday,
    });
    // maker 100,000 at 0.015 % (15), taker 300,000 at 0.045 % (135), 100,000 imported without a side (45): 195 on 500,000 = 390 per $1M
    await store.fills.importFills('hl', [fill('m', 100_000, '15', 'maker'), fill('t', 300_000, '135', 'taker'), fill('x', 100_000, '45', null)]);
    await store.close();
  });
  after(async () => {
    await dir.remove();
  });

  test('--json prints the API answer', async () => {
    const run = await runPerpvol(['costs', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    const costs = API_METHODS.costs.output.parse(JSON.parse(run.stdout));
    const [hl] = costs.rows;
    assert.deepEqual([hl?.exchange, hl?.volumeUsd, hl?.feesUsd, hl?.feesPerMillionUsd, hl?.makerShare, hl?.unknownSideVolumeUsd], ['hyperliquid', 500_000, 195, 390, 0.25, 100_000]);
  });

  test('the table shows fees per $1M, rates, maker share and the tier, with notes on what is not in them', async () => {
    const run = await runPerpvol(['costs'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^EXCHANGE\s+VOLUME \(USD\)\s+FEES \(USD\)\s+PER \$1M\s+MAKER RATE\s+TAKER RATE\s+MAKER SHARE\s+TIER\s+VS TIER\s+TRADES$/m);
    assert.match(run.stdout, /^Hyperliquid\s+500,000\.00\s+195\.00\s+390\.00\s+0\.015%\s+0\.045%\s+25\.0%\s+\S.*\s+3$/m);
    assert.match(run.stdout, /^Total\s+500,000\.00\s+195\.00\s+390\.00/m);
    assert.match(run.stdout, /Hyperliquid: 100,000\.00 of volume has no maker\/taker side; its 45\.00 of fees are in FEES/);
    assert.match(run.stdout, /cheapest for your mix \(25\.0% maker/);
  });

  test('--group-by day lists the days; a bad --group-by is refused with the choices', async () => {
    const run = await runPerpvol(['costs', '--group-by', 'day', '--from', day(yesterday), '--to', day(yesterday)], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^DATE\\s+VOLUME \\(USD\\).*\\n${day(yesterday)}\\s+500,000\\.00\\s+195\\.00`, 'm'));
    const bad = await runPerpvol(['costs', '--group-by', 'symbol'], env);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /Allowed choices are exchange, account, day/);
  });
});
