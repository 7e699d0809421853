import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exchanges } from '../../../src-main/connectors/registry.ts';
import {
  checkDraft as checkFormDraft,
  credentialDescription,
  credentialFormFor,
  formFor as formIn,
  variantOf,
  type AddAccountDraft,
  type ExchangeInfo,
} from '../../../src-renderer/src/lib/account-forms.ts';

/** The exchanges as the server describes them (GET /api/v1/exchanges): the forms are built from these. */
const EXCHANGES: ExchangeInfo[] = JSON.parse(JSON.stringify(exchanges.infos()));
const formFor = (exchange: string): ExchangeInfo => formIn(EXCHANGES, exchange)!;
const checkDraft = (d: AddAccountDraft) => checkFormDraft(formFor(d.exchange), d);
const fieldsOf = (form: ExchangeInfo) => form.credentials[0]!.fields;

const draft = (overrides: Partial<AddAccountDraft>): AddAccountDraft => ({
  exchange: 'bybit', label: 'Main', credentials: {}, baseUrl: '', allowWithdrawalPermission: false, ...overrides,
});

describe('add-account form', () => {
  it('asks each exchange for its own credentials', () => {
    assert.deepEqual(EXCHANGES.map((f) => [f.id, fieldsOf(f).map((x) => x.name)]), [
      ['hyperliquid', ['address']],
      ['bybit', ['apiKey', 'apiSecret']],
      ['woox', ['apiKey', 'apiSecret']],
      ['paradex', ['readonlyToken']],
    ]);
    assert.equal(fieldsOf(formFor('paradex')).find((f) => f.name === 'readonlyToken')?.secret, true);
    assert.equal(fieldsOf(formFor('hyperliquid'))[0]?.secret, false);
  });

  it('puts each problem next to its field', () => {
    const check = checkDraft(draft({ label: '  ', credentials: { apiKey: 'abc' }, baseUrl: 'ftp://x' }));
    assert.equal(check.ok, false);
    assert.deepEqual(!check.ok && check.errors, {
      apiSecret: 'the API secret is empty',
      label: 'give the account a label',
      baseUrl: 'use an http(s) address, e.g. https://api-testnet.bybit.com',
    });
  });

  it('explains what a Hyperliquid address looks like', () => {
    const check = checkDraft(draft({ exchange: 'hyperliquid', credentials: { address: '0x123' } }));
    assert.deepEqual(!check.ok && check.errors, { address: 'a Hyperliquid address is 0x followed by 40 hex digits' });
  });

  it('builds the API input from a valid draft, trimmed, with only this exchange’s fields', () => {
    const check = checkDraft(draft({
      exchange: 'hyperliquid',
      label: ' Vault ',
      credentials: { address: ' 0x' + 'aB'.repeat(20) + ' ', apiKey: 'left over from bybit' },
      baseUrl: 'https://api.hyperliquid-testnet.xyz',
    }));
    assert.deepEqual(check.ok && check.input, {
      exchange: 'hyperliquid',
      label: 'Vault',
      credentials: { address: '0x' + 'aB'.repeat(20) },
      baseUrl: 'https://api.hyperliquid-testnet.xyz',
    });
  });

  it('passes the "add anyway" choice for keys that can withdraw', () => {
    const check = checkDraft(draft({ credentials: { apiKey: 'k', apiSecret: 's' }, allowWithdrawalPermission: true }));
    assert.equal(check.ok && check.input.allowWithdrawalPermission, true);
  });
});

describe('Paradex: read-only token (recommended) or subkey', () => {
  it('offers the read-only token first, with how to create one in the Paradex UI, and the subkey as the other choice', () => {
    const form = formFor('paradex');
    assert.deepEqual(form.credentials.map((v) => [v.id, v.label, v.fields.map((f) => f.name)]), [
      ['readonly_token', 'Read-only token (recommended)', ['readonlyToken']],
      ['subkey', 'Subkey', ['address', 'privateKey']],
    ]);
    assert.match(credentialFormFor(formFor('paradex')).help, /Settings → Key Management.*"Read-only" tab.*"\+ Add New Key".*expiration.*shown only once/s);
    assert.match(credentialFormFor(formFor('paradex'), 'subkey').help, /L2 \(Starknet\) account address.*subkey/s);
  });

  it('checks and sends only the chosen kind of credential, dropping a pasted "Bearer "', () => {
    const token = `eyJhbGciOiJIUzI1NiJ9.${'a'.repeat(40)}.sig`;
    const check = checkDraft(draft({ exchange: 'paradex', label: 'PDX', credentials: { readonlyToken: ` Bearer ${token} `, address: '0x1' } }));
    assert.deepEqual(check.ok && check.input.credentials, { readonlyToken: token });
    const subkey = checkDraft(draft({ exchange: 'paradex', variant: 'subkey', label: 'PDX', credentials: { readonlyToken: token, address: '0x12', privateKey: '0xab' } }));
    assert.deepEqual(subkey.ok && subkey.input.credentials, { address: '0x12', privateKey: '0xab' });
    const spaced = checkDraft(draft({ exchange: 'paradex', label: 'PDX', credentials: { readonlyToken: 'not a token' } }));
    assert.match(!spaced.ok ? spaced.errors['readonlyToken'] ?? '' : '', /one long line without spaces/);
  });

  it('describes the account’s credential and its expiry, and preselects its kind for "Replace key"', () => {
    assert.match(credentialDescription({ credentialKind: 'readonly_token', credentialExpiresAt: '2027-01-31T10:00:00.000Z' }), /^Read-only token · until .*2027/);
    assert.equal(credentialDescription({ credentialKind: 'subkey' }), 'Subkey');
    assert.equal(credentialDescription({}), '');
    assert.equal(variantOf(formFor('paradex'), { credentialKind: 'subkey' }), 'subkey');
    assert.equal(variantOf(formFor('paradex'), { credentialKind: 'readonly_token' }), 'readonly_token');
    assert.equal(variantOf(formFor('bybit'), {}), undefined);
  });
});

describe('replace-key form', () => {
  it('checks and trims only the exchange’s own credential fields', async () => {
    const { checkCredentials } = await import('../../../src-renderer/src/lib/account-forms.ts');
    assert.deepEqual(checkCredentials(formFor('bybit'), { apiKey: ' KEY ', apiSecret: 'SECRET\n', address: 'ignored' }), {
      ok: true,
      credentials: { apiKey: 'KEY', apiSecret: 'SECRET' },
    });
    const missing = checkCredentials(formFor('bybit'), { apiKey: 'KEY' });
    assert.equal(missing.ok, false);
    assert.deepEqual(!missing.ok && Object.keys(missing.errors), ['apiSecret']);
    const paradex = checkCredentials(formFor('paradex'), { address: '0x12', privateKey: 'not-hex' }, 'subkey');
    assert.match(!paradex.ok ? paradex.errors['privateKey'] ?? '' : '', /private key is 0x/);
  });

  it('offers "Replace key" only where the account holds a key', async () => {
    const { hasReplaceableKey } = await import('../../../src-renderer/src/lib/account-forms.ts');
    assert.deepEqual(EXCHANGES.map((f) => [f.id, hasReplaceableKey(f)]), [
      ['hyperliquid', false], ['bybit', true], ['woox', true], ['paradex', true],
    ]);
  });
});
