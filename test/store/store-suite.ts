/**
 * What the repository suites (store-contract.ts and the files it gathers, import-fills-contract.ts)
 * share: the database a suite runs on (a StoreVariant), a fresh store per test that is always
 * closed afterwards, and the fixed instants and accounts their tests are written against.
 */
import { afterEach, it } from 'node:test';
import type { ExchangeId } from '../../src-main/core/exchange.ts';
import type { NewAccount, Store } from '../../src-main/store/store.ts';

export interface FreshStore {
  store: Store;
  /** Opens the same database again (migrations run again). */
  reopen(): Promise<Store>;
}

export interface StoreVariant {
  name: string;
  /** Why the variant cannot run here; the suite then skips every test with this message. */
  unavailable: string | null;
  fresh(): Promise<FreshStore>;
}

export const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 2, 10); // 2024-03-10T00:00:00Z

export function account(id: string, exchange: ExchangeId = 'bybit', over: Partial<NewAccount> = {}): NewAccount {
  return { id, exchange, label: `${exchange} ${id}`, baseUrl: null, identity: null, permissions: {}, warnings: [], createdAt: 1_700_000_000_000, ...over };
}

export function sumBy<T>(items: T[], pick: (item: T) => number): number {
  return items.reduce((sum, item) => sum + pick(item), 0);
}

export interface StoreSuite {
  /** A fresh, empty database; every store opened on it is closed after the test. */
  fresh(): Promise<FreshStore>;
  /** `it`, skipped with the variant's reason where the variant cannot run. */
  test(name: string, body: () => Promise<void>): void;
}

/** Call inside a describe(): registers the afterEach that closes what the tests opened. */
export function storeSuite(variant: StoreVariant): StoreSuite {
  const open: Store[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return {
    fresh: async () => {
      const f = await variant.fresh();
      open.push(f.store);
      return {
        store: f.store,
        reopen: async () => {
          const again = await f.reopen();
          open.push(again);
          return again;
        },
      };
    },
    test: (name, body) => {
      it(name, variant.unavailable ? { skip: variant.unavailable } : {}, body);
    },
  };
}

/** What volume counts by default: perpetuals only. */
export const PERP = ['perpetual'] as const;
