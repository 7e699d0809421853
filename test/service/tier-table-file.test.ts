import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SHIPPED_TIER_TABLES } from '../../src-main/service/tiers/shipped-tier-tables.ts';
import { loadTierTables } from '../../src-main/service/tiers/tier-table-file.ts';
import { TierTablesSchema } from '../../src-main/service/tiers/tier-table-schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'perpvol-tier-tables-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const MY_WOOX = {
  woox: {
    asOf: '2026-11-20',
    source: 'my notes from the WOO X fee page',
    tiers: [
      { name: 'Tier 0', volumeUsd: 0, makerRate: 0.0002, takerRate: 0.0005 },
      { name: 'Tier 1', volumeUsd: 1_000_000, makerRate: 0.00018, takerRate: 0.00045 },
    ],
  },
};

describe('tier tables', () => {
  it('ships a valid table for every exchange, each dated and sourced', () => {
    const parsed = TierTablesSchema.parse(SHIPPED_TIER_TABLES);
    for (const exchange of ['bybit', 'woox', 'hyperliquid', 'paradex'] as const) {
      assert.match(parsed[exchange]!.asOf, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(parsed[exchange]!.source, /^https:\/\//);
    }
  });

  it('uses the shipped tables when there is no file', async () => {
    const { tables, error } = await loadTierTables(join(dir, 'absent.json'));
    assert.equal(error, null);
    assert.equal(tables.bybit.fromFile, false);
    assert.deepEqual(tables.hyperliquid.tiers.map((tier) => tier.name), SHIPPED_TIER_TABLES.hyperliquid.tiers.map((tier) => tier.name));
  });

  it('replaces only the exchanges the user’s file lists', async () => {
    const { tables, error } = await loadTierTables(file('mine.json', MY_WOOX));
    assert.equal(error, null);
    assert.equal(tables.woox.fromFile, true);
    assert.equal(tables.woox.asOf, '2026-11-20');
    assert.deepEqual(tables.woox.tiers.map((tier) => tier.name), ['Tier 0', 'Tier 1']);
    assert.equal(tables.bybit.fromFile, false);
  });

  const refusals: [string, unknown, RegExp][] = [
    ['not JSON', '{"woox": [', /is not valid JSON/],
    ['a percent written as a rate', { woox: { ...MY_WOOX.woox, tiers: [{ name: 'T', volumeUsd: 0, makerRate: 0.02, takerRate: 0.05 }] } }, /woox\.tiers\.0\.makerRate: rates are fractions of notional: write 0\.00045 for 0\.045 %/],
    ['thresholds that do not rise', { woox: { ...MY_WOOX.woox, tiers: [MY_WOOX.woox.tiers[1], MY_WOOX.woox.tiers[0]] } }, /woox\.tiers\.1\.volumeUsd: must be above the previous tier's 1000000 \(list tiers from lowest to highest\)/],
    ['a tier listed twice', { woox: { ...MY_WOOX.woox, tiers: [MY_WOOX.woox.tiers[0], { ...MY_WOOX.woox.tiers[1], name: 'tier 0' }] } }, /"tier 0" is listed twice/],
    ['an unknown exchange', { bitmex: MY_WOOX.woox }, /bitmex/],
    ['a date that is not a day', { woox: { ...MY_WOOX.woox, asOf: 'last week' } }, /woox\.asOf: use a UTC date as YYYY-MM-DD/],
  ];
  for (const [what, content, message] of refusals) {
    it(`refuses a file with ${what}, says where and what to write, and keeps the shipped tables`, async () => {
      const path = file(`bad-${what.replace(/\W+/g, '-')}.json`, content);
      const { tables, error } = await loadTierTables(path);
      assert.equal(error?.code, 'tier_table_invalid');
      assert.ok(error.message.includes(path), error.message);
      assert.match(error.message, message);
      assert.match(error.message, /Perpvol uses its own tables until you fix the file or delete it/);
      assert.equal(tables.woox.fromFile, false);
    });
  }
});
