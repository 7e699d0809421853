/**
 * Bad exchange answers end to end: the headless server over loopback, each exchange's simulator
 * answering a 404 page, a 200 HTML page, 200 JSON of the wrong shape, JSON cut off on every try, or
 * nothing at all (a hung socket), and accounts pointed at a closed port or a host that does not
 * resolve. Adding an account, replacing its key and a sync pass each end with the documented
 * status and error code — 502, 504 — never a 500; an answer cut off now and then is fetched again
 * and the sync still adds up to the exchange's truth.
 *
 * Every case has its own simulator and server and they run side by side: the hung-socket cases
 * wait out the real 15-second answer timeout.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import type { ExchangeId } from '../../src-main/core/exchange.ts';
import { microsToUsd } from '../../src-main/core/usd.ts';
import { DEFAULT_RETRY } from '../../src-main/connectors/http/exchange-http-client.ts';
import { startBybitSimulator } from '../sim/bybit/simulator.ts';
import { truthTotals } from '../sim/demo/truth-totals.ts';
import { startHyperliquidSimulator } from '../sim/hyperliquid/simulator.ts';
import { startParadexSimulator } from '../sim/paradex/index.ts';
import type { FaultKind, SimAccount, SimulatorHandle } from '../sim/simulator.ts';
import { startWooxSimulator } from '../sim/woox/simulator.ts';
import { startTestServer, type HttpAnswer, type TestServer } from './harness.ts';

interface Subject {
  sim: SimulatorHandle;
  account: SimAccount;
  /** A second key of the same exchange account, for a rotation (null: nothing to rotate). */
  otherKey: Record<string, string> | null;
}

const SMALL = { fillsPerAccount: 120, days: 20 };

const SUBJECTS: Record<ExchangeId, (seed: number) => Promise<Subject>> = {
  hyperliquid: async (seed) => {
    const sim = await startHyperliquidSimulator({ seed, ...SMALL });
    return { sim, account: sim.accounts[0]!, otherKey: null };
  },
  bybit: async (seed) => {
    const sim = await startBybitSimulator({ seed, ...SMALL, accounts: 1 });
    return { sim, account: sim.accounts[0]!, otherKey: sim.addKey(0, {}) };
  },
  woox: async (seed) => {
    // WOO X keys belong to one account each; the rotation below fails at the key check either way,
    // and the second account's key keeps its own 10-per-minute budget for the account routes.
    const sim = await startWooxSimulator({ seed, ...SMALL, accounts: 2 });
    return { sim, account: sim.accounts[0]!, otherKey: sim.accounts[1]!.credentials };
  },
  paradex: async (seed) => {
    const sim = await startParadexSimulator({ seed, ...SMALL, accounts: 2 });
    const account = sim.accounts[1]!;
    return { sim, account, otherKey: { address: account.address, privateKey: account.subkeys[1]!.privateKey } };
  },
};

type Outcome = { status: number; code: string };

/** Faults the simulator answers with, each on every request it reaches (the first is a route that must exist). */
const FAULTS: { fault: FaultKind; count: number; outcome: Outcome }[] = [
  { fault: 'not_found', count: 1, outcome: { status: 502, code: 'unexpected_answer' } },
  { fault: 'html_page', count: 1, outcome: { status: 502, code: 'unexpected_answer' } },
  { fault: 'wrong_shape', count: 1, outcome: { status: 502, code: 'malformed_response' } },
  { fault: 'truncated_json', count: 100, outcome: { status: 502, code: 'malformed_response' } },
  { fault: 'hang', count: 1, outcome: { status: 504, code: 'exchange_timeout' } },
];

const UNREACHABLE: Outcome = { status: 502, code: 'exchange_unreachable' };
/** DEFAULT_RETRY.rateLimitedWindows: rate-limit answers in a row that a request waits out. */
const RATE_LIMITED_WINDOWS = DEFAULT_RETRY.rateLimitedWindows;

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function addBody(exchange: ExchangeId, subject: Subject, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    exchange,
    label: `${exchange} under test`,
    credentials: subject.account.credentials,
    baseUrl: subject.sim.baseUrl,
    allowWithdrawalPermission: true,
    ...extra,
  };
}

function assertOutcome(answer: HttpAnswer, expected: Outcome, what: string): void {
  assert.notEqual(answer.status, 500, `${what}: never a 500 (${answer.text})`);
  assert.equal(answer.status, expected.status, `${what}: ${answer.text}`);
  assert.equal(answer.json?.error?.code, expected.code, `${what}: ${answer.text}`);
}

/** Starts a sync of one account and waits (polling the API) until its pass has ended. */
async function syncToEnd(server: TestServer, accountId: string): Promise<{ state: string; error: { code: string; message: string } | null }> {
  assert.equal((await server.call('POST', '/api/v1/sync', { body: { accountIds: [accountId] } })).status, 202);
  for (;;) {
    const status = (await server.call('GET', '/api/v1/sync')).json.accounts.find((entry: { accountId: string }) => entry.accountId === accountId);
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function withCase(exchange: ExchangeId, seed: number, run: (server: TestServer, subject: Subject) => Promise<void>): Promise<void> {
  const subject = await SUBJECTS[exchange](seed);
  const server = await startTestServer();
  try {
    await run(server, subject);
  } finally {
    await server.close();
    await subject.sim.close();
  }
}

const EXCHANGES: ExchangeId[] = ['bybit', 'woox', 'hyperliquid', 'paradex'];

describe('bad exchange answers give their documented status, never a 500', { concurrency: true }, () => {
  let seed = 100;
  for (const exchange of EXCHANGES) {
    for (const { fault, count, outcome } of FAULTS) {
      const caseSeed = seed++;
      const where = exchange === 'hyperliquid' ? 'on add' : 'on add, on key rotation';
      test(`${exchange}: ${fault} → ${outcome.status} ${outcome.code} ${where} and in a sync pass`, async () => {
        await withCase(exchange, caseSeed, async (server, subject) => {
          subject.sim.injectFaults(fault, count);
          assertOutcome(await server.call('POST', '/api/v1/accounts', { body: addBody(exchange, subject) }), outcome, 'add account');

          // Faults left over (the cut-off answers the retries did not use) are dropped: the account is added normally.
          subject.sim.clearFaults();
          const added = await server.call('POST', '/api/v1/accounts', { body: addBody(exchange, subject) });
          assert.equal(added.status, 201, added.text);

          if (subject.otherKey) {
            subject.sim.injectFaults(fault, count);
            const rotated = await server.call('POST', `/api/v1/accounts/${added.json.id}/credentials`, { body: { credentials: subject.otherKey } });
            assertOutcome(rotated, outcome, 'replace key');
            subject.sim.clearFaults();
          }

          subject.sim.injectFaults(fault, count);
          const pass = await syncToEnd(server, added.json.id);
          assert.equal(pass.state, 'error');
          assert.equal(pass.error?.code, outcome.code, pass.error?.message);
          const account = (await server.call('GET', `/api/v1/accounts/${added.json.id}`)).json;
          assert.equal(account.status, 'error');
          assert.equal(account.lastError.code, outcome.code);
        });
      });
    }

    for (const [what, baseUrl] of [
      ['a closed port', closedPortUrl],
      ['a host that does not resolve', async () => 'http://perpvol-exchange-test.invalid'],
    ] as const) {
      const caseSeed = seed++;
      test(`${exchange}: ${what} → 502 exchange_unreachable on add and in a sync pass`, async () => {
        await withCase(exchange, caseSeed, async (server, subject) => {
          const url = await baseUrl();
          assertOutcome(await server.call('POST', '/api/v1/accounts', { body: addBody(exchange, subject, { baseUrl: url }) }), UNREACHABLE, 'add account');
          const added = await server.call('POST', '/api/v1/accounts', { body: addBody(exchange, subject, { baseUrl: url, validate: false }) });
          assert.equal(added.status, 201, added.text);
          const pass = await syncToEnd(server, added.json.id);
          assert.equal(pass.error?.code, UNREACHABLE.code, pass.error?.message);
          assert.match(pass.error?.message ?? '', /could not be reached/);
        });
      });
    }

    // Hyperliquid sends no reset time: its 429 is waited out for a whole minute (connector tests cover it on a short window).
    if (exchange !== 'hyperliquid') {
      const limitSeed = seed++;
      test(`${exchange}: a 429 is waited out and the pass continues; still refused after ${RATE_LIMITED_WINDOWS} windows in a row, the sync says so`, async () => {
        await withCase(exchange, limitSeed, async (server, subject) => {
          const added = await server.call('POST', '/api/v1/accounts', { body: addBody(exchange, subject) });
          assert.equal(added.status, 201, added.text);
          subject.sim.injectFaults('rate_limit', RATE_LIMITED_WINDOWS);
          const waited = await syncToEnd(server, added.json.id);
          assert.equal(waited.state, 'done', waited.error?.message);
          const summary = (await server.call('GET', '/api/v1/volume/summary')).json;
          assert.equal(summary.byExchange[exchange]?.allTime.volumeUsd, microsToUsd(truthTotals([{ exchange, account: subject.account }]).volumeMicros));

          subject.account.trade(3);
          subject.sim.injectFaults('rate_limit', RATE_LIMITED_WINDOWS + 1);
          const refused = await syncToEnd(server, added.json.id);
          assert.equal(refused.state, 'error');
          assert.equal(refused.error?.code, 'rate_limited');
          assert.match(refused.error?.message ?? '', new RegExp(`"too many requests" to GET \\S+ ${RATE_LIMITED_WINDOWS + 1} times in a row`));
          assert.match(refused.error?.message ?? '', /another program/);
        });
      });
    }

    const caseSeed = seed++;
    test(`${exchange}: answers cut off or dropped now and then are fetched again, and the sync adds up to the truth`, async () => {
      await withCase(exchange, caseSeed, async (server, subject) => {
        subject.sim.injectFaults('truncated_json', 2);
        const added = await server.call('POST', '/api/v1/accounts', { body: addBody(exchange, subject) });
        assert.equal(added.status, 201, added.text);
        subject.sim.injectFaults('truncated_json', 1);
        subject.sim.injectFaults('reset', 1);
        subject.sim.injectFaults('truncated_json', 1);
        const pass = await syncToEnd(server, added.json.id);
        assert.equal(pass.state, 'done', pass.error?.message);
        const summary = (await server.call('GET', `/api/v1/volume/summary`)).json;
        const truth = truthTotals([{ exchange, account: subject.account }]);
        assert.equal(summary.byExchange[exchange]?.allTime.volumeUsd, microsToUsd(truth.volumeMicros));
        assert.equal(subject.sim.stats().rateLimited, 0);
      });
    });
  }
});
