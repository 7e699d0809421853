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
    await this.whenOpen();
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

/** The store's writing methods; everything else (every read) passes straight through. */
const WRITES = {
  accounts: ['create', 'restore', 'update', 'remove'],
  syncState: ['reset'],
  fills: ['commitPage', 'importFills'],
  reportedVolume: ['save'],
} as const;

/** `store` with its writes waiting for `gate` to be open. */
export function gateStoreWrites(store: Store, gate: WriteGate): Store {
  const gated = (repository: object, names: readonly string[]): object => {
    const copy: Record<string, unknown> = { ...(repository as Record<string, unknown>) };
    for (const name of names) {
      const write = copy[name] as (...args: unknown[]) => Promise<unknown>;
      copy[name] = async (...args: unknown[]) => {
        await gate.whenOpen();
        return write.apply(repository, args);
      };
    }
    return copy;
  };
  return {
    ...store,
    accounts: gated(store.accounts, WRITES.accounts) as Store['accounts'],
    syncState: gated(store.syncState, WRITES.syncState) as Store['syncState'],
    fills: gated(store.fills, WRITES.fills) as Store['fills'],
    reportedVolume: gated(store.reportedVolume, WRITES.reportedVolume) as Store['reportedVolume'],
  };
}
