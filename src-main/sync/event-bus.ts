import type { ApiEvent, ApiEventListener } from '../../src-shared/events.ts';
import { redactor } from '../secrets/redaction.ts';

/**
 * Live events (src-shared/events.ts) from the core to every face: IPC, SSE and the CLI's progress
 * bar. Emitting is synchronous and a failing listener never breaks the emitter or other listeners:
 * a slow browser tab must not stop a sync.
 */
export class EventBus {
  private readonly listeners = new Set<ApiEventListener>();

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
    const safe = redactor.redactValue(event);
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
