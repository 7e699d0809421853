/**
 * The one repository suite every Store must pass, whatever the database. sqlite-store.test.ts and
 * postgres-store.test.ts run it; each test gets a fresh, empty database.
 */
import { describe } from 'node:test';
import { accountsContract } from './accounts-contract.ts';
import { costsContract } from './costs-contract.ts';
import { countingContract } from './counting-contract.ts';
import { fillsContract } from './fills-contract.ts';
import { reclassifyContract } from './reclassify-contract.ts';
import { storeSuite, type StoreVariant } from './store-suite.ts';
import { tierTargetsContract } from './tier-targets-contract.ts';

export function storeContract(variant: StoreVariant): void {
  describe(`Store on ${variant.name}`, () => {
    const suite = storeSuite(variant);
    fillsContract(suite);
    countingContract(suite);
    costsContract(suite);
    reclassifyContract(suite);
    accountsContract(suite);
    tierTargetsContract(suite);
  });
}
