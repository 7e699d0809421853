import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getStarkKey, verify } from '@scure/starknet';
import {
  authMessageHash,
  buildAuthTypedData,
  signAuthHeaders,
  starkPublicKey,
} from '../../../src-main/connectors/paradex/auth-signature.ts';
import {
  encodeShortString,
  encodeType,
  structHash,
  toFelt,
  typedDataMessageHash,
  type TypedData,
} from '../../../src-main/connectors/paradex/typed-data.ts';
import { simAuthMessageHash, simKey, verifiesWith, parseSignatureHeader } from '../../sim/paradex/sim-auth.ts';

/** The revision-0 example of starknet.js (__mocks__/typedDataExample.json) and its published hashes. */
const MAIL_EXAMPLE: TypedData = {
  types: {
    StarkNetDomain: [
      { name: 'name', type: 'felt' },
      { name: 'version', type: 'felt' },
      { name: 'chainId', type: 'felt' },
    ],
    Person: [
      { name: 'name', type: 'felt' },
      { name: 'wallet', type: 'felt' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'felt' },
    ],
  },
  primaryType: 'Mail',
  domain: { name: 'StarkNet Mail', version: '1', chainId: 1 },
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
};

const ACCOUNT = '0x04a3c9f3b2e8d0c1a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718';

describe('SNIP-12 revision 0 typed-data hashing', () => {
  it('reproduces the starknet.js domain and message hashes of the Mail example', () => {
    assert.equal(
      structHash(MAIL_EXAMPLE.types, 'StarkNetDomain', MAIL_EXAMPLE.domain).toString(16),
      '54833b121883a3e3aebff48ec08a962f5742e5f7b973469c1f8f4f55d470b07',
    );
    assert.equal(
      typedDataMessageHash(MAIL_EXAMPLE, '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826').toString(16),
      '6fcff244f63e38b9d88b9e3378d44757710d1b244282b435cb472053c8d78d0',
    );
    assert.equal(
      typedDataMessageHash(MAIL_EXAMPLE, '0x0603c85d20500520d4c653352ff6c524f358afeab7e41a511c73733e49c3075e').toString(16),
      '113fceee9332ec6033c52ec5203629edd345120fd5f8bcacb68df848fe8f51e',
    );
  });

  it('lists struct dependencies after the primary type, as EIP-712 does', () => {
    assert.equal(encodeType(MAIL_EXAMPLE.types, 'Mail'), 'Mail(from:Person,to:Person,contents:felt)Person(name:felt,wallet:felt)');
  });

  it('reads felts like the reference libraries: digits and hex as numbers, other text as short strings', () => {
    assert.equal(toFelt('1'), 1n);
    assert.equal(toFelt('0x10'), 16n);
    assert.equal(toFelt(''), 0n);
    assert.equal(toFelt('POST'), 0x504f5354n);
    assert.equal(encodeShortString('PRIVATE_SN_PARACLEAR_MAINNET'), BigInt(`0x${Buffer.from('PRIVATE_SN_PARACLEAR_MAINNET').toString('hex')}`));
    assert.throws(() => encodeShortString('x'.repeat(32)), RangeError);
  });
});

describe('Paradex POST /v1/auth signature', () => {
  it('signs the Request struct Paradex documents: POST, /v1/auth, empty body, timestamp, expiration', () => {
    const typed = buildAuthTypedData('PRIVATE_SN_PARACLEAR_MAINNET', 1_700_000_000, 1_700_001_800);
    assert.equal(encodeType(typed.types, 'Request'), 'Request(method:felt,path:felt,body:felt,timestamp:felt,expiration:felt)');
    assert.equal(encodeType(typed.types, 'StarkNetDomain'), 'StarkNetDomain(name:felt,chainId:felt,version:felt)');
    assert.deepEqual(typed.domain, { name: 'Paradex', chainId: 'PRIVATE_SN_PARACLEAR_MAINNET', version: '1' });
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
