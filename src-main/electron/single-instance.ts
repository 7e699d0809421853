/**
 * One Perpvol per user: a second launch hands over to the first (which shows its window) and
 * exits, so two processes never sync the same accounts into the same database at once.
 */
export interface SingleInstanceAppLike {
  requestSingleInstanceLock(): boolean;
  onSecondInstance(listener: () => void): void;
  quit(): void;
}

export class SingleInstance {
  constructor(
    private readonly app: SingleInstanceAppLike,
    /** What the first instance does when someone launches the app again: show the dashboard. */
    private readonly onSecondInstance: () => void,
  ) {}

  /** True when this process is the one instance; false after asking this process to quit. */
  acquire(): boolean {
    if (!this.app.requestSingleInstanceLock()) {
      this.app.quit();
      return false;
    }
    this.app.onSecondInstance(() => this.onSecondInstance());
    return true;
  }
}
