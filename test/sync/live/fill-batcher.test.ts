/**
 * The batcher between a stream and the store: a burst becomes one commit, commits of one account
 * never overlap and land in arrival order, and closing (shutdown, account removed) writes what
 * arrived instead of dropping it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Fill } from '../../../src-main/core/fill.ts';
import type { StreamedRows } from '../../../src-main/connectors/stream/fill-stream.ts';
import { FillBatcher } from '../../../src-main/sync/live/fill-batcher.ts';

const fill = (tradeId: string): Fill => ({ tradeId }) as Fill;
const rows = (fills: Fill[]): StreamedRows => ({ fills, unclassified: [], bustedTradeIds: [] });
const failOnError = (error: unknown): never => assert.fail(String(error));

describe('streamed fills on their way to the store', () => {
  test('a burst within the window is one commit', async () => {
    const commits: string[][] = [];
    const batcher = new FillBatcher(async ({ fills }) => void commits.push(fills.map((f) => f.tradeId)), failOnError, 50);
    batcher.add(rows([fill('1')]));
    batcher.add(rows([fill('2'), fill('3')]));
    await batcher.flush();
    assert.deepEqual(commits, [['1', '2', '3']]);
  });

  test('commits never overlap and land in the order the fills arrived', async () => {
    const log: string[] = [];
    let release!: () => void;
    const slowFirst = new Promise<void>((resolve) => (release = resolve));
    const batcher = new FillBatcher(async ({ fills }) => {
      const ids = fills.map((f) => f.tradeId).join();
      log.push(`start ${ids}`);
      if (ids === 'a') await slowFirst;
      log.push(`end ${ids}`);
    }, failOnError, 10);
    batcher.add(rows([fill('a')]));
    const first = batcher.flush();
    batcher.add(rows([fill('b')]));
    const second = batcher.flush();
    release();
    await Promise.all([first, second]);
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b']);
  });

  test('closing writes what arrived, then takes nothing more', async () => {
    const committed: string[] = [];
    const batcher = new FillBatcher(async ({ fills }) => void committed.push(...fills.map((f) => f.tradeId)), failOnError, 60_000);
    batcher.add(rows([fill('x'), fill('y')]));
    await batcher.close(); // long before the 60 s window would have run out
    assert.deepEqual(committed, ['x', 'y']);
    batcher.add(rows([fill('z')]));
    await batcher.flush();
    assert.deepEqual(committed, ['x', 'y']);
  });

  test('a bust or a kept-aside execution with no fill is committed too', async () => {
    const commits: StreamedRows[] = [];
    const batcher = new FillBatcher(async (committed) => void commits.push(committed), failOnError, 10);
    batcher.add({ fills: [], unclassified: [], bustedTradeIds: ['b-1'] });
    await batcher.flush();
    assert.deepEqual(commits, [{ fills: [], unclassified: [], bustedTradeIds: ['b-1'] }]);
  });

  test('a failed commit is reported and the next one still runs', async () => {
    const errors: unknown[] = [];
    const committed: string[] = [];
    const batcher = new FillBatcher(async ({ fills }) => {
      if (fills[0]!.tradeId === 'bad') throw new Error('disk full');
      committed.push(...fills.map((f) => f.tradeId));
    }, (error) => errors.push(error), 10);
    batcher.add(rows([fill('bad')]));
    await batcher.flush();
    batcher.add(rows([fill('good')]));
    await batcher.flush();
    assert.equal(errors.length, 1);
    assert.deepEqual(committed, ['good']);
  });
});
