/**
 * "Someone is watching" for the desktop app: the window is on screen, or the tray menu is open.
 * While either holds, accounts without a live stream are polled every 30 s instead of every sync
 * interval (sync/live/live-updates.ts); a window hidden to the tray watches nothing.
 */
export class DesktopWatch {
  private windowVisible = false;
  private menuOpen = false;
  private release: (() => void) | null = null;

  constructor(private readonly watch: () => () => void) {}

  setWindowVisible(visible: boolean): void {
    this.windowVisible = visible;
    this.update();
  }

  setMenuOpen(open: boolean): void {
    this.menuOpen = open;
    this.update();
  }

  get watching(): boolean {
    return this.release !== null;
  }

  dispose(): void {
    this.release?.();
    this.release = null;
  }

  private update(): void {
    const wanted = this.windowVisible || this.menuOpen;
    if (wanted && !this.release) this.release = this.watch();
    if (!wanted && this.release) {
      this.release();
      this.release = null;
    }
  }
}
