/**
 * `perpvol volume summary --watch`: the summary again every time the numbers move, as they move.
 * With a server owning the data folder it listens to that server's event stream (GET /api/v1/events)
 * and reads the summary from it; otherwise this process keeps the accounts live itself (streams and
 * polling, as the server would) until Ctrl-C.
 */
import { createParser } from 'eventsource-parser';
import type { ApiEvent, ApiEventListener } from '../../src-shared/events.ts';
import type { Summary } from '../../src-shared/schemas.ts';
import { PerpvolError } from '../core/errors.ts';

/** Bursts of events (a partial fill sweeping the book) print one summary, not twenty. */
export const WATCH_COALESCE_MS = 200;

export interface SummarySource {
  summary(): Promise<Summary>;
  subscribe(listener: ApiEventListener): () => void;
}

/** Prints now and after every volume/account event, until `stop` resolves; returns when it does. */
export async function watchSummary(source: SummarySource, print: (summary: Summary) => void, stop: Promise<void>, onError: (error: unknown) => void): Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  let printing = Promise.resolve();
  const refresh = (): void => {
    timer = null;
    printing = printing.then(async () => print(await source.summary())).catch(onError);
  };
  const unsubscribe = source.subscribe((event: ApiEvent) => {
    if (event.type === 'sync') return;
    timer ??= setTimeout(refresh, WATCH_COALESCE_MS);
  });
  refresh();
  try {
    await stop;
  } finally {
    unsubscribe();
    if (timer) clearTimeout(timer);
    await printing;
  }
}

/** A summary source over a running server's REST API and its Server-Sent Events. */
export function remoteSummarySource(baseUrl: string, token: string, kinds: string | undefined, signal: AbortSignal): SummarySource {
  const headers = { authorization: `Bearer ${token}` };
  return {
    async summary() {
      const url = new URL('/api/v1/volume/summary', baseUrl);
      if (kinds) url.searchParams.set('kinds', kinds);
      const response = await fetch(url, { headers, signal });
      if (!response.ok) throw new PerpvolError('exchange_unavailable', 'server_error', `the server at ${baseUrl} answered ${response.status} for the summary`);
      return (await response.json()) as Summary;
    },
    subscribe(listener) {
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      signal.addEventListener('abort', abort, { once: true });
      const parser = createParser({
        onEvent: (message) => {
          try {
            listener(JSON.parse(message.data) as ApiEvent);
          } catch {
            // a heartbeat or a line we do not know: nothing to print
          }
        },
      });
      void (async () => {
        const response = await fetch(new URL('/api/v1/events', baseUrl), { headers: { ...headers, accept: 'text/event-stream' }, signal: controller.signal });
        if (!response.ok || !response.body) throw new PerpvolError('exchange_unavailable', 'server_error', `the server at ${baseUrl} refused its event stream (${response.status})`);
        const decoder = new TextDecoder();
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      })().catch(() => undefined);
      return () => {
        signal.removeEventListener('abort', abort);
        controller.abort();
      };
    },
  };
}
