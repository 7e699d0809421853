import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import { paradexApiBaseUrl } from '../../../src-main/connectors/paradex/account-client.ts';
import { createParadexConnector } from '../../../src-main/connectors/paradex/descriptor.ts';
import { simKey } from '../../sim/paradex/sim-auth.ts';
import { startParadexSimulator, type ParadexSimulatorHandle } from '../../sim/paradex/index.ts';
import { FillCollector, sortedDays } from '../fill-collector.ts';
import { fastOptions } from './support.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

describe('Paradex base URL, pasted with or without /v1', () => {
  let sim: ParadexSimulatorHandle;
  before(async () => {
    sim = await startParadexSimulator({ seed: 41, fillsPerAccount: 120, days: 10, now: () => NOW });
  });
  after(() => sim.close());

  it('puts every call under /v1 whichever form was given, keeping a proxy prefix', () => {
    assert.equal(paradexApiBaseUrl('https://api.prod.paradex.trade'), 'https://api.prod.paradex.trade/v1');
    assert.equal(paradexApiBaseUrl('https://api.prod.paradex.trade/'), 'https://api.prod.paradex.trade/v1');
    assert.equal(paradexApiBaseUrl('https://api.prod.paradex.trade/v1'), 'https://api.prod.paradex.trade/v1');
    assert.equal(paradexApiBaseUrl('https://api.prod.paradex.trade/v1/'), 'https://api.prod.paradex.trade/v1');
    assert.equal(paradexApiBaseUrl('http://127.0.0.1:8080/paradex'), 'http://127.0.0.1:8080/paradex/v1');
  });

  for (const form of ['origin', 'origin/', 'origin/v1'] as const) {
    it(`syncs exactly with the base URL written as ${form}`, async () => {
      const baseUrl = form === 'origin' ? sim.origin : form === 'origin/' ? `${sim.origin}/` : sim.baseUrl;
      for (const account of sim.accounts) {
        const collector = new FillCollector();
        await collector.run(createParadexConnector({ baseUrl, credentials: account.credentials }, fastOptions(() => NOW)), NOW);
        assert.deepEqual(sortedDays(collector.daily()), sortedDays(account.truth()));
      }
    });

    it(`answers a wrong private key with 422 paradex_invalid_signature (not 502) with the base URL written as ${form}`, async () => {
      const baseUrl = form === 'origin' ? sim.origin : form === 'origin/' ? `${sim.origin}/` : sim.baseUrl;
      const credentials = { address: sim.accounts[0]!.address, privateKey: simKey(`base-url/${form}`).privateKey };
      try {
        await createParadexConnector({ baseUrl, credentials }, fastOptions(() => NOW)).checkCredential(AbortSignal.timeout(10_000));
        assert.fail('a wrong key must be refused');
      } catch (error) {
        assert.ok(error instanceof PerpvolError);
        assert.equal(error.code, 'paradex_invalid_signature');
        assert.equal(error.httpStatus, 422);
      }
    });
  }
});
