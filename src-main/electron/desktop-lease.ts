/**
 * The desktop app owns its data folder like any writer (lease/owner-lease.ts). It takes the lease
 * first thing — before the window, before asking for a passphrase — so beside a running
 * `perpvol serve` on the same folder it says at once who owns the folder and exits 1, instead of
 * syncing the same accounts into the same database a second time. (Electron's single-instance lock
 * only keeps out a second desktop app.) A failure to take it is not told here: the start-up report
 * (startup-failure.ts) names its true cause — a folder really taken is "already running", a
 * database module that will not load is not.
 */
import type { PerpvolError } from '../core/errors.ts';
import type { OwnerLease } from '../lease/owner-lease.ts';

export interface DesktopLeaseDeps {
  /** Takes the folder's lease as the desktop face; rejects naming the owner when it is taken. */
  take: () => Promise<OwnerLease>;
  showErrorBox: (title: string, content: string) => void;
  /** Quits the normal way, closing the core (app.quit). */
  quit: () => void;
}

export class DesktopLease {
  constructor(private readonly deps: DesktopLeaseDeps) {}

  /** The lease; rejects with the lease's own error (the caller reports it and exits). */
  async acquire(): Promise<OwnerLease> {
    const lease = await this.deps.take();
    lease.onLost((error) => this.lost(error));
    return lease;
  }

  /** Another process may own the folder now: stop writing and say why. */
  private lost(error: PerpvolError): void {
    this.deps.showErrorBox('Perpvol stopped', error.message);
    this.deps.quit();
  }
}
