/**
 * Whether the dashboard can reach its server, told from the live-event stream (it reconnects by
 * itself). Pages show a banner while it is lost, and reload everything when it comes back: events
 * sent while the stream was down are gone, so the numbers on screen may be stale.
 */
export type StreamState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export type Connection = 'online' | 'lost';

export interface ConnectionMonitor {
  current(): Connection;
  /** Called on every change; the return value unsubscribes. */
  subscribe(listener: (connection: Connection) => void): () => void;
  /** Called once each time the connection comes back after being lost. */
  onReconnect(listener: () => void): () => void;
}

export function createConnectionMonitor(): ConnectionMonitor & { report(state: StreamState): void } {
  let connection: Connection = 'online';
  const listeners = new Set<(connection: Connection) => void>();
  const reconnectListeners = new Set<() => void>();
  const set = (next: Connection) => {
    if (next === connection) return;
    connection = next;
    for (const l of [...listeners]) l(next);
    if (next === 'online') for (const l of [...reconnectListeners]) l();
  };
  return {
    current: () => connection,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => void reconnectListeners.delete(listener);
    },
    /** 'connecting' changes nothing: only a failed or ended stream means lost, only an open one means back. */
    report(state) {
      if (state === 'closed') set('lost');
      else if (state === 'open') set('online');
    },
  };
}
