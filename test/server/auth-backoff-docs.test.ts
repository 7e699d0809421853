/**
 * docs/security.md tells users how guessing tokens slows down and then locks an address out. The
 * schedule stated there is computed here by driving the server's real back-off (its default
 * policy, a hand-held clock) wrong token by wrong token, so the text cannot drift from what the
 * server does — it once listed delays "up to 4 s" although the 10th wrong token is already the
 * lockout and no answer ever waits longer than 2 s.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AuthBackoff } from '../../src-main/server/auth-backoff.ts';

const ADDRESS = '203.0.113.7';
const MINUTE = 60_000;

function securityDocBullet(): string {
  const text = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
  const start = text.indexOf('- **Guessing tokens slows down, then stops.**');
  assert.ok(start >= 0, 'docs/security.md has no "Guessing tokens slows down, then stops." bullet');
  const end = text.indexOf('\n- **', start + 1);
  return text.slice(start, end === -1 ? undefined : end).replace(/\s+/g, ' ');
}

interface Schedule {
  /** What each wrong token in a row waits before its 401, up to the one that locks. */
  delaysMs: number[];
  /** Which wrong token in a row locks the address out (1-based). */
  lockingFailure: number;
  /** The length of the 1st, 2nd, … lockout of the same address. */
  lockoutsMs: number[];
  /** Quiet time (whole minutes) after which an address's lockouts start again from the first length. */
  forgetAfterMs: number;
}

/** Wrong tokens until one locks the address: the delays before it and the lockout it caused. */
function failUntilLocked(backoff: AuthBackoff): { delaysMs: number[]; lockMs: number } {
  const delaysMs: number[] = [];
  for (let attempt = 1; attempt <= 1_000; attempt++) {
    const failure = backoff.failed(ADDRESS);
    if (failure.locked) return { delaysMs, lockMs: failure.retryAfterMs };
    delaysMs.push(failure.delayMs);
  }
  throw new Error('1,000 wrong tokens in a row never locked the address out');
}

function observedSchedule(): Schedule {
  let clock = Date.UTC(2026, 0, 1);
  const backoff = new AuthBackoff(undefined, () => clock);
  const first = failUntilLocked(backoff);
  const lockoutsMs = [first.lockMs];
  for (let i = 0; i < 7; i++) {
    clock += lockoutsMs.at(-1)! + 1; // the lockout has ended; the count of wrong tokens starts again
    const next = failUntilLocked(backoff);
    assert.deepEqual(next.delaysMs, first.delaysMs, 'after a lockout the wrong tokens are counted from the start again');
    lockoutsMs.push(next.lockMs);
  }
  // The shortest quiet time since the locking wrong token, in whole minutes, after which the next
  // lockout is the first length again (the address's record was forgotten).
  let forgetAfterMs = -1;
  for (let quiet = first.lockMs / MINUTE; quiet <= 24 * 60 && forgetAfterMs < 0; quiet++) {
    let t = Date.UTC(2026, 0, 1);
    const fresh = new AuthBackoff(undefined, () => t);
    failUntilLocked(fresh);
    t += quiet * MINUTE;
    if (failUntilLocked(fresh).lockMs === lockoutsMs[0]) forgetAfterMs = quiet * MINUTE;
  }
  assert.ok(forgetAfterMs > 0, 'an address is never forgotten within a day');
  return { delaysMs: first.delaysMs, lockingFailure: first.delaysMs.length + 1, lockoutsMs, forgetAfterMs };
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
const seconds = (ms: number) => `${ms / 1000} s`;
const minutes = (ms: number) => `${ms / MINUTE} min`;
const list = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

describe('docs/security.md states the failed-token back-off the server applies', () => {
  const schedule = observedSchedule();
  const bullet = securityDocBullet();

  test('which wrong tokens are answered at once, and how long each further one waits', () => {
    const free = schedule.delaysMs.findIndex((ms) => ms > 0);
    assert.ok(free > 0, 'the first wrong token already waits');
    const delayed = schedule.delaysMs.slice(free);
    const phrase =
      `the 1st to ${ordinal(free)} are answered at once; ` +
      `the ${list(delayed.map((_, i) => ordinal(free + i + 1)))} wait ${list(delayed.map(seconds))} before their 401`;
    assert.ok(bullet.includes(phrase), `docs/security.md should say: "${phrase}"\nit says: ${bullet}`);
  });

  test('which wrong token locks the address out, and for how long each lockout lasts', () => {
    const [first, ...later] = schedule.lockoutsMs;
    const lockPhrase = `the ${ordinal(schedule.lockingFailure)} locks that address out for ${seconds(first!)}`;
    assert.ok(bullet.includes(lockPhrase), `docs/security.md should say: "${lockPhrase}"\nit says: ${bullet}`);
    const cap = later.at(-1)!;
    const rising = later.slice(0, later.indexOf(cap));
    const laterPhrase = `the next lockouts last ${rising.map(minutes).join(', ')}, then ${minutes(cap)} each`;
    assert.ok(bullet.includes(laterPhrase), `docs/security.md should say: "${laterPhrase}"\nit says: ${bullet}`);
    // Forgotten only after MORE than the stated time: the minute before it still counts.
    const stated = schedule.forgetAfterMs - MINUTE;
    const forgetPhrase = `no wrong token for more than ${stated === 60 * MINUTE ? 'an hour' : minutes(stated)}`;
    assert.ok(bullet.includes(forgetPhrase), `docs/security.md should say: "${forgetPhrase}"\nit says: ${bullet}`);
  });

  test('names no wait the server never makes', () => {
    const real = new Set([...schedule.delaysMs, ...schedule.lockoutsMs].map(seconds));
    for (const figure of bullet.match(/\b\d+(\.\d+)? s\b/g) ?? []) {
      assert.ok(real.has(figure), `docs/security.md names a wait of ${figure}, which the back-off never makes (it makes ${[...real].join(', ')})`);
    }
  });
});
