/**
 * The simulators' truth is only worth something if the product's money and day code does not
 * compute it: nothing under test/sim/ may import src-main/core, and the truth arithmetic agrees with
 * plain definitions on its own.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { divText, microsText, mulText, notionalOf, productMicros, readDecimal, roundTo, usdMicros } from './truth/decimal.ts';
import { TruthLedger } from './truth/ledger.ts';
import { utcDayOf } from './truth/utc-day.ts';

const SIM_ROOT = fileURLToPath(new URL('.', import.meta.url));
const CORE = resolve(SIM_ROOT, '../../src-main/core');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const pattern of [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s+['"]([^'"]+)['"]/gm]) {
    for (const match of text.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

describe('the simulators’ truth is independent of the product', () => {
  it('no file under test/sim imports src-main/core', () => {
    const offenders: string[] = [];
    for (const file of sources(SIM_ROOT)) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = resolve(file, '..', specifier);
        if (target === CORE || target.startsWith(`${CORE}/`)) offenders.push(`${relative(SIM_ROOT, file)} → ${specifier}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('truth decimals round half away from zero and multiply, divide and print exactly', () => {
    assert.deepEqual(readDecimal('-1.5e-7'), { digits: -15n, places: 8 });
    assert.equal(roundTo(readDecimal('0.0000015'), 6), 2n);
    assert.equal(roundTo(readDecimal('-0.0000015'), 6), -2n);
    assert.equal(roundTo(readDecimal('0.0000014999'), 6), 1n);
    assert.equal(notionalOf('64123.5', '-0.123'), 7_887_190_500n);
    assert.equal(usdMicros('2.5E3'), 2_500_000_000n);
    assert.equal(productMicros('0.0000039', '64000'), 249_600n);
    assert.equal(mulText('0.1', '0.2', 8), '0.02');
    assert.equal(divText('6400', '64000', 8), '0.1');
    assert.equal(divText('1', '3', 4), '0.3333');
    assert.equal(divText('2', '3', 4), '0.6667');
    assert.equal(microsText(-420n), '-0.000420');
    assert.throws(() => readDecimal('e5'));
  });

  it('truth days are the UTC calendar days a plain Date gives, at every edge', () => {
    const edges = [0, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 2, 1), Date.UTC(2100, 1, 28, 12), Date.UTC(1999, 11, 31, 23, 59, 59, 999)];
    for (let ms = Date.UTC(2019, 0, 1); ms < Date.UTC(2029, 0, 1); ms += 86_400_000 * 3 + 12_345) edges.push(ms);
    for (const ms of edges) assert.equal(utcDayOf(ms), new Date(ms).toISOString().slice(0, 10), String(ms));
  });

  it('a truth ledger keeps kinds apart and fees without a price out of the USD sum', () => {
    const ledger = new TruthLedger();
    const ts = Date.UTC(2025, 0, 1, 12);
    ledger.add({ ts, kind: 'perpetual', notionalMicros: 10n, maker: true, fee: { usdMicros: 1n } });
    ledger.add({ ts, kind: 'dated_future', notionalMicros: 20n, maker: false, fee: { usdMicros: 2n } });
    ledger.add({ ts, kind: 'perpetual', notionalMicros: 40n, maker: false, fee: { token: 'DIME', amount: '0.5' } });
    assert.deepEqual([...ledger.perDay()], [['2025-01-01', { volumeMicros: 50, makerMicros: 10, takerMicros: 40, feesMicros: 1, trades: 2 }]]);
    assert.deepEqual([...ledger.perDay(['perpetual', 'dated_future'])], [['2025-01-01', { volumeMicros: 70, makerMicros: 10, takerMicros: 60, feesMicros: 3, trades: 3 }]]);
    assert.deepEqual([...ledger.unpricedFees()], [['DIME', { amount: '0.5', fills: 1 }]]);
  });
});
