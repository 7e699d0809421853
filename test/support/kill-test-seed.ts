/**
 * Every kill test draws its kill points from a seeded generator and prints the seed first, so a
 * failure seen once can be replayed exactly: PERPVOL_TEST_SEED=<seed> npm test -- <file>.
 */
import type { TestContext } from 'node:test';
import { mulberry32 } from '../sim/random-history.ts';

export const TEST_SEED_ENV = 'PERPVOL_TEST_SEED';

export function killTestSeed(t: TestContext, file: string): () => number {
  const given = process.env[TEST_SEED_ENV];
  const seed = given !== undefined && given !== '' ? Number(given) : Date.now() % 1_000_000;
  const line = `kill test seed ${seed} — replay with ${TEST_SEED_ENV}=${seed} npm test -- ${file}`;
  t.diagnostic(line);
  process.stderr.write(`${t.name}: ${line}\n`); // also shown at once, should the test hang
  return mulberry32(seed);
}
