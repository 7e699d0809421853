/**
 * A desktop notification when a fee tier is at risk: roll-off would take the window below the
 * tier's threshold within 48 hours unless the user trades. It looks after every new fill or
 * account change and every hour (a midnight can put a tier at risk with no event at all), tells
 * each risk once — remembered in a small file, so a restart does not repeat it — and a click opens
 * the dashboard. Electron's Notification is handed in, so specs use fakes.
 *
 * A shown notification is held here until it is clicked, closed or fails: Electron does not keep
 * the JavaScript object alive, and once it is garbage-collected its click handler is gone (the
 * click then does nothing, and on Windows the notification may vanish from the Action Center).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PerpvolApi } from '../../src-shared/contract.ts';
import type { ExchangeRegistry } from '../connectors/registry.ts';
import { riskKey, riskNotification, tiersAtRisk, type TierAtRisk } from './tier-risk.ts';

/** The part of Electron's Notification used here. */
export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: () => void): void;
  show(): void;
}

/** Which risks were already told. */
export interface ToldRisks {
  load(): string[];
  save(keys: string[]): void;
}

/** Between checks when nothing happens: midnight roll-off comes without an event. */
export const CHECK_EVERY_MS = 60 * 60_000;

export interface TierRiskNotifierDeps {
  createNotification(options: { title: string; body: string }): NotificationLike;
  /** Notification.isSupported() */
  isSupported(): boolean;
  api: Pick<PerpvolApi, 'tiers' | 'subscribe'>;
  /** Opens the dashboard (a click on the notification). */
  open(): void;
  told: ToldRisks;
  locale: string;
  /** Whose labels the notifications name exchanges by (default: the app's registry). */
  exchanges?: ExchangeRegistry;
  /** setInterval/clearInterval, for specs. */
  every?: (ms: number, run: () => void) => () => void;
  onError?: (error: unknown) => void;
}

export class TierRiskNotifier {
  private unsubscribe: (() => void) | null = null;
  private stopTimer: (() => void) | null = null;
  private checking: Promise<void> | null = null;
  private checkAgain = false;
  /** The tiers at risk after the last check (the tray shows them too). */
  atRisk: TierAtRisk[] = [];
  /** Notifications on screen: referenced until the user is done with them. */
  private readonly showing = new Set<NotificationLike>();

  constructor(private readonly deps: TierRiskNotifierDeps) {}

  start(): Promise<void> {
    this.unsubscribe = this.deps.api.subscribe((event) => {
      if (event.type === 'volume' || event.type === 'account') void this.check();
    });
    const every = this.deps.every ?? ((ms, run) => {
      const timer = setInterval(run, ms);
      timer.unref?.();
      return () => clearInterval(timer);
    });
    this.stopTimer = every(CHECK_EVERY_MS, () => void this.check());
    return this.check();
  }

  /** Looks once; calls while looking coalesce into one more look. */
  check(): Promise<void> {
    if (this.checking) {
      this.checkAgain = true;
      return this.checking;
    }
    this.checking = (async () => {
      do {
        this.checkAgain = false;
        await this.checkOnce();
      } while (this.checkAgain);
    })().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    try {
      this.atRisk = tiersAtRisk(await this.deps.api.tiers({}), this.deps.exchanges);
    } catch (error) {
      this.deps.onError?.(error);
      return;
    }
    const current = new Set(this.atRisk.map(riskKey));
    const told = this.deps.told.load();
    const fresh = this.atRisk.filter((risk) => !told.includes(riskKey(risk)));
    if (fresh.length > 0 && this.deps.isSupported()) {
      for (const risk of fresh) {
        const notification = this.deps.createNotification(riskNotification(risk, this.deps.locale));
        this.showing.add(notification);
        const done = () => this.showing.delete(notification);
        notification.on('click', () => {
          done();
          this.deps.open();
        });
        notification.on('close', done);
        notification.on('failed', done);
        notification.show();
      }
    }
    // Forget risks that passed (traded away, or the day is over): if they come back, tell again.
    const next = [...current];
    if (next.length !== told.length || next.some((key) => !told.includes(key))) this.deps.told.save(next);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.stopTimer?.();
    this.stopTimer = null;
  }
}

/** The told risks in a JSON file of the data folder; a missing or damaged file means "none told". */
export class ToldRisksFile implements ToldRisks {
  constructor(private readonly filePath: string) {}

  load(): string[] {
    try {
      const value: unknown = JSON.parse(readFileSync(this.filePath, 'utf8'));
      return Array.isArray(value) ? value.filter((key): key is string => typeof key === 'string') : [];
    } catch {
      return [];
    }
  }

  save(keys: string[]): void {
    mkdirSync(dirname(this.filePath), { recursive: true });
    const temporary = `${this.filePath}.tmp`;
    writeFileSync(temporary, JSON.stringify(keys));
    renameSync(temporary, this.filePath);
  }
}
