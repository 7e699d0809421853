import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getStarkKey, verify } from '@scure/starknet';
import { authMessageHash, felt, signAuthHeaders, starkPublicKey } from '../../../src-main/connectors/paradex/credential.ts';
import { simAuthMessageHash, simKey, verifiesWith, parseSignatureHeader } from '../../sim/paradex/sim-auth.ts';

const ACCOUNT = '0x04a3c9f3b2e8d0c1a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718';

describe('SNIP-12 revision 0 felts', () => {
  it('reads felts like the reference libraries: digits and hex as numbers, other text as short strings', () => {
    assert.equal(felt('1'), 1n);
    assert.equal(felt('0x10'), 16n);
    assert.equal(felt(''), 0n);
    assert.equal(felt(1_732_600_000), 1_732_600_000n);
    assert.equal(felt('POST'), 0x504f5354n);
    assert.equal(felt('PRIVATE_SN_PARACLEAR_MAINNET'), BigInt(`0x${Buffer.from('PRIVATE_SN_PARACLEAR_MAINNET').toString('hex')}`));
    assert.throws(() => felt('x'.repeat(32)), RangeError);
    assert.throws(() => felt('é'), RangeError);
  });
});

describe('Paradex POST /v1/auth signature', () => {
  it('hashes as the general SNIP-12 revision-0 encoder did, which reproduced the starknet.js typed-data vectors', () => {
    // Values of the encoder Perpvol used before the fixed message was spelled out (chain ids as short strings and as hex).
    const golden: [string, string][] = [
      ['PRIVATE_SN_PARACLEAR_MAINNET', '5c8293a3efb8d2811b93ab8d86a67618e3e5f09cebc15e37416739fe3964cc4'],
      ['PRIVATE_SN_POTC_SEPOLIA', '3dbc4e16de903ea66926ba6000b90b3eee8d7a9d27762bbfbdbe1c5c5d1dafc'],
      ['0x1', '30cbc39e1f008d966e1d2a1c663b7bb3e87b70c329ee9aca1d32e923304dec4'],
    ];
    for (const [chainId, hash] of golden) {
      assert.equal(authMessageHash({ account: ACCOUNT, chainId, timestampS: 1_732_600_000, expirationS: 1_732_601_800 }).toString(16), hash);
    }
  });

  it('hashes exactly like the simulator’s independently spelled-out computation', () => {
    for (const chainId of ['PRIVATE_SN_PARACLEAR_MAINNET', 'PRIVATE_SN_POTC_SEPOLIA']) {
      const ours = authMessageHash({ account: ACCOUNT, chainId, timestampS: 1_732_600_000, expirationS: 1_732_601_800 });
      assert.equal(ours, simAuthMessageHash(chainId, BigInt(ACCOUNT), 1_732_600_000n, 1_732_601_800n));
    }
  });

  it('produces ["r","s"] decimal headers that verify against the Stark key and no other key', () => {
    const key = simKey('typed-data-test/key');
    const other = simKey('typed-data-test/other');
    const headers = signAuthHeaders({
      account: ACCOUNT,
      privateKeyHex: key.privateKey.slice(2),
      chainId: 'PRIVATE_SN_PARACLEAR_MAINNET',
      timestampS: 1_732_600_000,
      expirationS: 1_732_601_800,
    });
    assert.equal(headers['PARADEX-STARKNET-ACCOUNT'], ACCOUNT);
    assert.equal(headers['PARADEX-TIMESTAMP'], '1732600000');
    assert.equal(headers['PARADEX-SIGNATURE-EXPIRATION'], '1732601800');
    assert.match(headers['PARADEX-STARKNET-SIGNATURE']!, /^\["\d+","\d+"\]$/);

    const signature = parseSignatureHeader(headers['PARADEX-STARKNET-SIGNATURE']!)!;
    const hash = simAuthMessageHash('PRIVATE_SN_PARACLEAR_MAINNET', BigInt(ACCOUNT), 1_732_600_000n, 1_732_601_800n);
    assert.equal(verifiesWith(signature, hash, key.publicKey), true);
    assert.equal(verifiesWith(signature, hash, other.publicKey), false);
    // And with @scure/starknet's verify on the full public key, without the simulator's helper.
    const [r, s] = (JSON.parse(headers['PARADEX-STARKNET-SIGNATURE']!) as string[]).map(BigInt);
    const compact = `${r!.toString(16).padStart(64, '0')}${s!.toString(16).padStart(64, '0')}`;
    const hashHex = hash.toString(16).padStart(64, '0');
    assert.ok(['02', '03'].some((prefix) => verify(compact, hashHex, `${prefix}${key.publicKey.slice(2)}`, { format: 'compact' })));
  });

  it('derives the public key Paradex registers (the Stark key) from the private key', () => {
    const key = simKey('typed-data-test/key');
    assert.equal(starkPublicKey(key.privateKey.slice(2)), key.publicKey);
    assert.equal(BigInt(starkPublicKey(key.privateKey.slice(2))), BigInt(getStarkKey(key.privateKey.slice(2))));
  });
});
