import type { ApiEvent, ApiEventListener } from '../../src-shared/events.ts';
import type { Account } from '../../src-shared/schemas.ts';
import { redactor } from '../secrets/redaction.ts';

/**
 * Live events (src-shared/events.ts) from the core to every face: IPC, SSE and the CLI's progress
 * bar. Emitting is synchronous and a failing listener never breaks the emitter or other listeners:
 * a slow browser tab must not stop a sync.
 */
export class EventBus {
  private readonly listeners = new Set<ApiEventListener>();
  private accountView: ((account: Account) => Account) | null = null;

  /**
   * Completes every account an `account` event carries (live updates add the account's live
   * state), so whoever emits the event — sync engine, service — need not know about it.
   */
  setAccountView(view: ((account: Account) => Account) | null): void {
    this.accountView = view;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: ApiEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: ApiEvent): void {
    if (this.listeners.size === 0) return;
    // Events leave the process (IPC, SSE): the last chance to catch a secret inside an error text.
    const view = this.accountView;
    const complete = view && event.type === 'account' && event.account ? { ...event, account: view(event.account) } : event;
    const safe = redactor.redactValue(complete);
    for (const listener of [...this.listeners]) {
      try {
        listener(safe);
      } catch {
        // A listener's failure is its own problem; the fact it was told about is already committed.
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
