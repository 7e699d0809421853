/**
 * While an import writes the SQLite file from its worker thread, this process's other writes
 * (a sync committing a page, an account's status) wait here — asynchronously — instead of in
 * SQLite's busy handler, which would block the thread that serves requests until the import's
 * transaction ended. Reads never wait: WAL readers see the last committed state. Postgres needs
 * no gate (its writers wait on row locks without blocking anyone's thread).
 */
import type { Store } from '../store/store.ts';

export class WriteGate {
  private closed: Promise<void> | null = null;

  /** Resolves once no import holds the gate. */
  async whenOpen(): Promise<void> {
    while (this.closed) await this.closed;
  }

  /** Runs `exclusive` with the gate closed (one holder at a time); writes queue until it ends. */
  async hold<T>(exclusive: () => Promise<T>): Promise<T> {
    // No await between finding the gate open and closing it: a write starting in the same turn
    // (a sync page committing as the import begins) must find it closed, not slip through.
    while (this.closed) await this.closed;
    let open!: () => void;
    this.closed = new Promise<void>((resolve) => (open = resolve));
    try {
      return await exclusive();
    } finally {
      this.closed = null;
      open();
    }
  }
}

type Repositories = Omit<Store, 'dialect' | 'close'>;

/**
 * Every method of every repository, read or write. Typed over the Store interface, so a method
 * added to a repository does not compile until it is put on one side here: a new write can never
 * slip past the gate unnoticed.
 */
export const STORE_ACCESS: { [R in keyof Repositories]: { [M in keyof Repositories[R]]-?: 'read' | 'write' } } = {
  accounts: { create: 'write', restore: 'write', update: 'write', remove: 'write', list: 'read', get: 'read', findByIdentity: 'read', findRemovedByIdentity: 'read' },
  syncState: { reset: 'write', resolveHistoryGaps: 'write', get: 'read', list: 'read' },
  fills: { commitPage: 'write', importFills: 'write', importFillPages: 'write', list: 'read', stream: 'read', count: 'read', unclassifiedCounts: 'read' },
  volume: { daily: 'read', totalsByExchange: 'read', totalsByAccount: 'read', unpricedFees: 'read', costDays: 'read', costSums: 'read', dailyByExchange: 'read', unpricedFeesByDay: 'read' },
  reportedVolume: { save: 'write', get: 'read' },
  tierTargets: { set: 'write', clear: 'write', list: 'read' },
};

/** The writing methods of one repository. */
export function writesOf(repository: keyof Repositories): string[] {
  return Object.entries(STORE_ACCESS[repository]).flatMap(([name, access]) => (access === 'write' ? [name] : []));
}

/** `store` with its writes waiting for `gate` to be open; every read passes straight through. */
export function gateStoreWrites(store: Store, gate: WriteGate): Store {
  const gated = <T extends object>(repository: T, names: readonly string[]): T => {
    const copy: Record<string, unknown> = { ...(repository as Record<string, unknown>) };
    for (const name of names) {
      const write = copy[name] as (...args: unknown[]) => Promise<unknown>;
      copy[name] = async (...args: unknown[]) => {
        await gate.whenOpen();
        return write.apply(repository, args);
      };
    }
    return copy as T;
  };
  const repositories = Object.fromEntries(
    (Object.keys(STORE_ACCESS) as (keyof Repositories)[]).map((name) => [name, gated(store[name], writesOf(name))]),
  ) as unknown as Repositories;
  return { ...store, ...repositories };
}
