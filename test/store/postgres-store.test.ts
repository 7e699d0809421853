import { tmpdir } from 'node:os';
import { openStore } from '../../src-main/store/open-store.ts';
import { POSTGRES_UNAVAILABLE_MESSAGE, TEST_PG_URL_ENV, testDatabaseUrl } from '../support/postgres.ts';
import { storeContract } from './store-contract.ts';
import type { StoreVariant } from './store-suite.ts';
import { importFillsContract } from './import-fills-contract.ts';
import { requireService } from '../support/required-service.ts';

const needsPostgres = requireService('Postgres', process.env[TEST_PG_URL_ENV] ? null : POSTGRES_UNAVAILABLE_MESSAGE);

const variant: StoreVariant = {
  name: 'Postgres (a fresh database per test)',
  unavailable: needsPostgres.skip ?? null,
  async fresh() {
    const databaseUrl = await testDatabaseUrl('store');
    if (!databaseUrl) throw new Error(POSTGRES_UNAVAILABLE_MESSAGE);
    const open = () => openStore({ databaseUrl, dataDir: tmpdir() });
    return { store: await open(), reopen: open };
  },
};

storeContract(variant);
importFillsContract(variant);
