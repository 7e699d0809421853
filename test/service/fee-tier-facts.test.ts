import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PerpvolError } from '../../src-main/core/errors.ts';
import type { Connector, FeeTierFacts } from '../../src-main/connectors/kit/connector.ts';
import type { SecretStore } from '../../src-main/secrets/secret-store.ts';
import { FACTS_FRESH_MS, FAILURE_RETRY_MS, FeeTierFactsSource } from '../../src-main/service/tiers/fee-tier-facts.ts';
import type { AccountRecord } from '../../src-main/store/store.ts';

const FACTS: FeeTierFacts = { tierName: 'VIP 1', makerRate: 0.0002, takerRate: 0.0005, ladder: null, reportedVolumeMicros: null, windowDays: null };

function account(id: string, createdAt: number): AccountRecord {
  return {
    id, exchange: 'bybit', label: id, baseUrl: null, streamUrl: null, identity: null, permissions: {}, createdAt, status: 'ok',
    lastSyncAt: null, lastError: null, warnings: [], removedAt: null,
  };
}

const secrets = { get: async (id: string) => ({ apiKey: id, apiSecret: 's' }) } as unknown as SecretStore;

/** Connectors that answer per API key: a function of the call count, so tests can script them. */
function source(answer: (apiKey: string, signal: AbortSignal) => Promise<FeeTierFacts>, clock: { now: number }, timeoutMs?: number, readDeadlineMs?: number) {
  const calls: string[] = [];
  const facts = new FeeTierFactsSource({
    secrets,
    now: () => clock.now,
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(readDeadlineMs ? { readDeadlineMs } : {}),
    createConnector: (_exchange, context): Connector => ({
      exchange: 'bybit',
      async *pages() {},
      checkCredential: async () => ({ identity: null, canWithdrawOrTransfer: false, permissions: {}, warnings: [] }),
      feeTierFacts: (signal) => {
        calls.push(context.credentials.apiKey!);
        return answer(context.credentials.apiKey!, signal);
      },
    }),
  });
  return { facts, calls };
}

describe('the exchange’s fee-tier facts', () => {
  it('are asked once and kept for a while, by one request however many callers wait', async () => {
    const clock = { now: 0 };
    const { facts, calls } = source(async () => FACTS, clock);
    const accounts = [account('a', 1)];
    const [one, two] = await Promise.all([facts.get('bybit', accounts), facts.get('bybit', accounts)]);
    assert.deepEqual(one, { facts: FACTS, error: null });
    assert.equal(two, one);
    clock.now = FACTS_FRESH_MS - 1;
    await facts.get('bybit', accounts);
    assert.equal(calls.length, 1);
    clock.now = FACTS_FRESH_MS;
    await facts.get('bybit', accounts);
    assert.equal(calls.length, 2, 'asked again once stale');
    await facts.get('bybit', [...accounts, account('b', 2)]);
    assert.equal(calls.length, 3, 'asked again when the accounts change');
  });

  it('come from the oldest account that can tell, and a failure is an error value, asked again sooner', async () => {
    const clock = { now: 0 };
    const refused = new PerpvolError('credentials_rejected', 'permission_denied', 'no fee rate for you');
    const { facts, calls } = source(async (key) => {
      if (key === 'old') throw refused;
      return FACTS;
    }, clock);
    assert.deepEqual(await facts.get('bybit', [account('new', 2), account('old', 1)]), { facts: FACTS, error: null });
    assert.deepEqual(calls, ['old', 'new']);
    const { facts: failing, calls: failingCalls } = source(async () => Promise.reject(refused), clock);
    assert.deepEqual(await failing.get('bybit', [account('old', 1)]), { facts: null, error: { code: 'permission_denied', message: 'no fee rate for you' } });
    clock.now += FAILURE_RETRY_MS;
    await failing.get('bybit', [account('old', 1)]);
    assert.equal(failingCalls.length, 2);
  });

  it('give up on an exchange that does not answer in time, saying so', async () => {
    const { facts } = source(
      (_key, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
      { now: 0 },
      50,
    );
    const outcome = await facts.get('bybit', [account('a', 1)]);
    assert.equal(outcome.facts, null);
    assert.equal(outcome.error?.code, 'exchange_timeout');
    assert.match(outcome.error!.message, /Bybit did not tell your fee tier within 1 s; Perpvol used its tier table/);
  });

  it('an unreachable exchange is asked through one account, not each of its 20, and the answer says since when it is unreachable', async () => {
    const clock = { now: Date.UTC(2026, 11, 7, 13, 5) };
    const offline = new PerpvolError('exchange_unavailable', 'exchange_unreachable', 'Bybit could not be reached at https://api.bybit.com (ECONNREFUSED)');
    const { facts, calls } = source(async () => Promise.reject(offline), clock);
    const accounts = Array.from({ length: 20 }, (_, i) => account(`acc${i}`, i));
    const outcome = await facts.get('bybit', accounts);
    assert.deepEqual(calls, ['acc0']);
    assert.equal(outcome.facts, null);
    assert.equal(outcome.error?.code, 'exchange_unreachable');
    assert.equal(outcome.error?.message, 'Bybit has been unreachable since 2026-12-07 13:05 UTC: Bybit could not be reached at https://api.bybit.com (ECONNREFUSED)');
    clock.now += FAILURE_RETRY_MS;
    const later = await facts.get('bybit', accounts);
    assert.match(later.error!.message, /^Bybit has been unreachable since 2026-12-07 13:05 UTC/, 'still since the first failure');
  });

  it('an exchange that stops answering: the answer does not wait for it, and shows what it said last, with when', async () => {
    const clock = { now: Date.UTC(2026, 11, 7, 12, 0) };
    let hang = false;
    const { facts } = source((_key, signal) => (hang ? new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))) : Promise.resolve(FACTS)), clock, 60_000, 30);
    const accounts = [account('a', 1)];
    assert.deepEqual(await facts.get('bybit', accounts), { facts: FACTS, error: null });
    hang = true;
    clock.now += FACTS_FRESH_MS;
    // The exchange never answers within this test (its own 60 s limit): an answer at all is the read deadline at work.
    const outcome = await facts.get('bybit', accounts);
    assert.deepEqual(outcome.facts, FACTS);
    assert.equal(outcome.error?.code, 'exchange_timeout');
    assert.equal(outcome.error?.message, 'Bybit did not tell your fee tier within 1 s; showing what it said at 2026-12-07 12:00 UTC and keeps asking.');
    facts.clear();
  });

  it('before the exchange ever answered, the waiting answer falls back on the tier table', async () => {
    const { facts } = source((_key, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))), { now: 0 }, 60_000, 30);
    const outcome = await facts.get('bybit', [account('a', 1)]);
    assert.equal(outcome.facts, null);
    assert.match(outcome.error!.message, /did not tell your fee tier within 1 s; Perpvol used its tier table and keeps asking/);
  });
});
