/**
 * The Paradex simulator plays the documented protocol: which login path checks which key,
 * read-only tokens (GET only, expiry, revocation), account/info and the tier table, page_size
 * limits, and nothing outside `/v1`. Requests are made by hand (the connector's signer only signs).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { signAuthHeaders } from '../../../src-main/connectors/paradex/credential.ts';
import { SIM_CHAIN_ID, startParadexSimulator, type ParadexSimulatorHandle } from './index.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 86_400_000;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await request(url, { method: init.method ?? 'GET', headers: init.headers });
  return { status: response.statusCode, body: JSON.parse(await response.body.text()) as Record<string, unknown> };
}

function loginHeaders(address: string, privateKey: string): Record<string, string> {
  const timestampS = Math.floor(NOW / 1000);
  return signAuthHeaders({ account: address, privateKeyHex: privateKey.slice(2), chainId: SIM_CHAIN_ID, timestampS, expirationS: timestampS + 600 });
}

describe('the Paradex simulator', () => {
  let sim: ParadexSimulatorHandle;
  let strict: ParadexSimulatorHandle;
  let capped: ParadexSimulatorHandle;
  before(async () => {
    sim = await startParadexSimulator({ seed: 61, fillsPerAccount: 300, days: 30, now: () => NOW });
    strict = await startParadexSimulator({ seed: 62, fillsPerAccount: 10, days: 5, now: () => NOW, mainKeyOnSubkeyPath: 'reject', unregisteredKeyAnswer: 'not_found' });
    capped = await startParadexSimulator({ seed: 63, fillsPerAccount: 300, days: 30, now: () => NOW, maxPageSize: 100, overMaxPageSize: 'cap' });
  });
  after(async () => {
    await Promise.all([sim.close(), strict.close(), capped.close()]);
  });

  it('serves nothing outside /v1: the bare origin answers 404', async () => {
    assert.equal((await call(`${sim.origin}/system/config`)).status, 404);
    assert.equal((await call(`${sim.baseUrl}/system/config`)).status, 200);
  });

  it('checks only the main key at /v1/auth, and registered subkeys at /v1/auth/{public key}', async () => {
    const account = sim.accounts[1]!;
    const subkey = account.subkeys[0]!;
    const plain = await call(`${sim.baseUrl}/auth`, { method: 'POST', headers: loginHeaders(account.address, subkey.privateKey) });
    assert.equal(plain.status, 401);
    assert.equal(plain.body['error'], 'STARKNET_SIGNATURE_VERIFICATION_FAILED');
    const keyed = await call(`${sim.baseUrl}/auth/${subkey.publicKey}`, { method: 'POST', headers: loginHeaders(account.address, subkey.privateKey) });
    assert.equal(keyed.status, 200);
    assert.equal(typeof keyed.body['jwt_token'], 'string');
    const main = await call(`${sim.baseUrl}/auth`, { method: 'POST', headers: loginHeaders(account.address, account.mainKey.privateKey) });
    assert.equal(main.status, 200);
  });

  it('plays the stricter reading: the main key only at /v1/auth, an unknown public key → 404', async () => {
    const account = strict.accounts[0]!;
    const mainOnKeyPath = await call(`${strict.baseUrl}/auth/${account.mainKey.publicKey}`, { method: 'POST', headers: loginHeaders(account.address, account.mainKey.privateKey) });
    assert.equal(mainOnKeyPath.status, 404);
  });

  it('lets a read-only token GET but never POST, and refuses it once revoked or expired', async () => {
    const token = sim.issueReadonlyToken(0);
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await call(`${sim.baseUrl}/account/info`, { headers: bearer })).status, 200);
    const post = await call(`${sim.baseUrl}/orders`, { method: 'POST', headers: bearer });
    assert.equal(post.status, 403);
    const expired = sim.issueReadonlyToken(0, { expiresAtMs: NOW - 1 });
    assert.equal((await call(`${sim.baseUrl}/fills`, { headers: { authorization: `Bearer ${expired}` } })).status, 401);
    sim.revokeReadonlyToken(token);
    const revoked = await call(`${sim.baseUrl}/fills`, { headers: bearer });
    assert.equal(revoked.status, 401);
    assert.match(String(revoked.body['message']), /revoked/);
  });

  it('answers account/info with kind, public_key, fees and volume_tiers per profile, and the tier table with its 14-day window', async () => {
    const token = sim.issueReadonlyToken(0, { expiresAtMs: NOW + DAY });
    const info = await call(`${sim.baseUrl}/account/info`, { headers: { authorization: `Bearer ${token}` } });
    const [entry] = info.body['results'] as Record<string, unknown>[];
    assert.equal(entry!['kind'], 'main');
    assert.equal(entry!['public_key'], sim.accounts[0]!.mainKey.publicKey);
    assert.match(String((entry!['fees'] as Record<string, string>)['taker_rate']), /^0\.\d+$/);
    const tiers = entry!['volume_tiers'] as Record<string, { tier: string; volume: string }>;
    assert.deepEqual(Object.keys(tiers), ['retail', 'pro']);
    assert.match(tiers['retail']!.tier, /^VIP \d$/);
    assert.match(tiers['pro']!.volume, /^\d+(\.\d+)?$/);
    const table = await call(`${sim.baseUrl}/system/volume-tiers`);
    const rows = table.body['results'] as { kind: string; min_volume_duration: string }[];
    assert.ok(rows.some((row) => row.kind === 'retail') && rows.some((row) => row.kind === 'pro'));
    assert.ok(rows.every((row) => row.min_volume_duration === '14d'));
  });

  it('refuses a page_size above its limit (documented 5000) or caps it silently, per dialect', async () => {
    const token = sim.issueReadonlyToken(0);
    const over = await call(`${sim.baseUrl}/fills?page_size=5001`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(over.status, 400);
    const cappedToken = capped.issueReadonlyToken(0);
    const served = await call(`${capped.baseUrl}/fills?page_size=5000`, { headers: { authorization: `Bearer ${cappedToken}` } });
    assert.equal(served.status, 200);
    assert.equal((served.body['results'] as unknown[]).length, 100);
    assert.equal(typeof served.body['next'], 'string');
  });
});
