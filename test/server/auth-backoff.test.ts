/**
 * Wrong tokens in a row from one address slow down, then lock that address out (429 with
 * Retry-After) for a while; a right token from another address is never affected, and a request
 * without any token is not counted as a guess.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { Agent, request } from 'undici';
import { buildServerApp } from '../../src-main/server/app.ts';
import { AuthBackoff, clientKey, DEFAULT_AUTH_BACKOFF, type AuthBackoffPolicy } from '../../src-main/server/auth-backoff.ts';
import { FakeApi } from './fake-api.ts';
import { TEST_TOKEN } from './harness.ts';

const WRONG = 'wrong-token-0123456789abcdef-0123456789';

describe('failed-auth back-off over HTTP', () => {
  // A small policy with a hand-driven clock: what matters is who is refused, not how long anything takes.
  const policy: AuthBackoffPolicy = { ...DEFAULT_AUTH_BACKOFF, freeFailures: 2, firstDelayMs: 1, maxDelayMs: 2, lockAfter: 5, lockMs: 60_000 };
  let clock = Date.UTC(2026, 0, 1);
  let app: FastifyInstance;
  let url: string;
  // Linux answers on all of 127.0.0.0/8: two loopback source addresses are two clients.
  const attacker = new Agent({ localAddress: '127.0.0.2' });
  const user = new Agent({ localAddress: '127.0.0.1' });

  before(async () => {
    app = await buildServerApp(new FakeApi(), { token: TEST_TOKEN, staticDir: null, authBackoff: policy, now: () => clock });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app.close();
    await attacker.close();
    await user.close();
  });

  const call = async (from: Agent, token: string | null) => {
    const answer = await request(`${url}/api/v1/accounts`, { dispatcher: from, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
    const body = (await answer.body.json()) as { error?: { code: string; message: string } };
    return { status: answer.statusCode, retryAfter: answer.headers['retry-after'], code: body.error?.code, message: body.error?.message };
  };

  test('requests without any token are not guesses: they never lock the address out', async () => {
    for (let i = 0; i < 3 * policy.lockAfter; i += 1) assert.equal((await call(attacker, null)).status, 401);
    assert.equal((await call(attacker, TEST_TOKEN)).status, 200);
  });

  test('wrong tokens in a row get 401 until the lockout, then 429 with Retry-After — even for the right token from that address', async () => {
    for (let i = 1; i < policy.lockAfter; i += 1) assert.equal((await call(attacker, WRONG)).status, 401, `wrong token ${i}`);
    const locked = await call(attacker, WRONG);
    assert.equal(locked.status, 429);
    assert.equal(locked.code, 'too_many_failed_logins');
    assert.equal(locked.retryAfter, '60');
    assert.match(locked.message!, /try again in 60 s/);
    const rightButLocked = await call(attacker, TEST_TOKEN);
    assert.equal(rightButLocked.status, 429, 'a lockout does not look at the token, so it answers no guess');
  });

  test('the right token from another address is unaffected by the lockout', async () => {
    assert.equal((await call(user, TEST_TOKEN)).status, 200);
    assert.equal((await call(attacker, TEST_TOKEN)).status, 429);
  });

  test('after the lockout the address is answered again; the next lockout lasts twice as long', async () => {
    clock += 60_001;
    assert.equal((await call(attacker, TEST_TOKEN)).status, 200);
    for (let i = 1; i < policy.lockAfter; i += 1) assert.equal((await call(attacker, WRONG)).status, 401);
    const again = await call(attacker, WRONG);
    assert.equal(again.status, 429);
    assert.equal(again.retryAfter, '120');
  });
});

describe('AuthBackoff', () => {
  test('the first failures are free, the next ones wait twice as long each, then the address is locked out', () => {
    let now = 0;
    const backoff = new AuthBackoff(DEFAULT_AUTH_BACKOFF, () => now);
    const delays: number[] = [];
    for (let i = 1; i < DEFAULT_AUTH_BACKOFF.lockAfter; i += 1) {
      const failure = backoff.failed('10.0.0.1');
      assert.equal(failure.locked, false);
      delays.push(failure.delayMs);
    }
    assert.deepEqual(delays, [0, 0, 0, 0, 0, 250, 500, 1_000, 2_000]);
    const lock = backoff.failed('10.0.0.1');
    assert.deepEqual([lock.locked, lock.retryAfterMs], [true, 60_000]);
    assert.deepEqual(backoff.check('10.0.0.1'), { locked: true, retryAfterMs: 60_000 });
    assert.deepEqual(backoff.check('10.0.0.2'), { locked: false });
    now += 30_000;
    assert.deepEqual(backoff.check('10.0.0.1'), { locked: true, retryAfterMs: 30_000 });
    now += 30_000;
    assert.deepEqual(backoff.check('10.0.0.1'), { locked: false });
  });

  test('a right token starts the count again; lockouts double up to the cap', () => {
    let now = 0;
    const backoff = new AuthBackoff(DEFAULT_AUTH_BACKOFF, () => now);
    for (let i = 0; i < 4; i += 1) backoff.failed('10.0.0.1');
    backoff.succeeded('10.0.0.1');
    assert.equal(backoff.failed('10.0.0.1').delayMs, 0, 'counting started again after the right token');
    const lockouts: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      let failure = backoff.failed('10.0.0.1');
      while (!failure.locked) failure = backoff.failed('10.0.0.1');
      lockouts.push(failure.retryAfterMs / 60_000);
      now += failure.retryAfterMs;
    }
    assert.deepEqual(lockouts, [1, 2, 4, 8, 15, 15]);
  });

  test('an address quiet for an hour is forgotten', () => {
    let now = 0;
    const backoff = new AuthBackoff(DEFAULT_AUTH_BACKOFF, () => now);
    for (let i = 0; i < 8; i += 1) backoff.failed('10.0.0.1');
    now += DEFAULT_AUTH_BACKOFF.forgetAfterMs + 1;
    assert.equal(backoff.failed('10.0.0.1').delayMs, 0);
  });

  test('IPv6 clients are counted per /64, IPv4-mapped ones as IPv4', () => {
    assert.equal(clientKey('2001:db8:1:2:aaaa::1'), clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    assert.notEqual(clientKey('2001:db8:1:2::1'), clientKey('2001:db8:1:3::1'));
    assert.equal(clientKey('2001:0db8:0001:0002::1'), '2001:db8:1:2::/64');
    assert.equal(clientKey('::1'), '0:0:0:0::/64');
    assert.equal(clientKey('::ffff:192.168.1.5'), '192.168.1.5');
  });

  test('spraying new addresses cannot push a locked-out address out of memory', () => {
    const backoff = new AuthBackoff({ ...DEFAULT_AUTH_BACKOFF, maxAddresses: 3, lockAfter: 2 }, () => 0);
    backoff.failed('10.0.0.1');
    assert.equal(backoff.failed('10.0.0.1').locked, true);
    for (let i = 2; i < 50; i += 1) backoff.failed(`10.0.0.${i}`);
    assert.equal(backoff.check('10.0.0.1').locked, true);
  });
});
