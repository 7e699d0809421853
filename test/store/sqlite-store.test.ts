import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openStore } from '../../src-main/store/open-store.ts';
import { storeContract } from './store-contract.ts';
import type { StoreVariant } from './store-suite.ts';
import { importFillsContract } from './import-fills-contract.ts';

const root = mkdtempSync(join(tmpdir(), 'perpvol-store-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const variant: StoreVariant = {
  name: 'SQLite (a file in the data dir)',
  unavailable: null,
  async fresh() {
    const dataDir = join(root, `db${n++}`);
    return { store: await openStore({ dataDir }), reopen: () => openStore({ dataDir }) };
  },
};

storeContract(variant);
importFillsContract(variant);
