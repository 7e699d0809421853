/**
 * `perpvol volume summary --watch`: the summary again every time the numbers move, as they move.
 * Where the events come from (this process's own core, a server's event stream, or the database
 * read at intervals) is summary-watch-command.ts's choice; these are the sources.
 */
import { createParser } from 'eventsource-parser';
import type { ApiEvent, ApiEventListener } from '../../src-shared/events.ts';
import type { Summary } from '../../src-shared/schemas.ts';
import { PerpvolError } from '../core/errors.ts';

/** Bursts of events (a partial fill sweeping the book) print one summary, not twenty. */
export const WATCH_COALESCE_MS = 200;

export interface SummarySource {
  summary(): Promise<Summary>;
  /** Calls `changed` whenever the numbers may have moved; returns the unsubscribe function. */
  onChange(changed: () => void): () => void;
}

/** A source over live events (a core's bus or a server's SSE): every volume or account event may move the numbers. */
export function eventSummarySource(summary: () => Promise<Summary>, subscribe: (listener: ApiEventListener) => () => void): SummarySource {
  return {
    summary,
    onChange: (changed) =>
      subscribe((event: ApiEvent) => {
        if (event.type !== 'sync') changed();
      }),
  };
}

/** Prints now and after every volume/account event, until `stop` resolves; returns when it does. */
export async function watchSummary(source: SummarySource, print: (summary: Summary) => void, stop: Promise<void>, onError: (error: unknown) => void): Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  let printing = Promise.resolve();
  const refresh = (): void => {
    timer = null;
    printing = printing.then(async () => print(await source.summary())).catch(onError);
  };
  const unsubscribe = source.onChange(() => {
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
  return eventSummarySource(
    async () => {
      const url = new URL('/api/v1/volume/summary', baseUrl);
      if (kinds) url.searchParams.set('kinds', kinds);
      const response = await fetch(url, { headers, signal });
      if (!response.ok) throw new PerpvolError('exchange_unavailable', 'server_error', `the server at ${baseUrl} answered ${response.status} for the summary`);
      return (await response.json()) as Summary;
    },
    (listener) => {
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
  );
}

/**
 * A summary source beside an owner that has no event stream (the desktop app): the summary is read
 * every `intervalMs`, and a change in anything but its time stamp counts as an event.
 */
export function pollingSummarySource(read: () => Promise<Summary>, intervalMs: number): SummarySource {
  return {
    summary: read,
    onChange(changed) {
      let last: string | null = null;
      let reading = false;
      const timer = setInterval(() => {
        if (reading) return;
        reading = true;
        read()
          .then((summary) => {
            const seen = JSON.stringify({ ...summary, asOf: null });
            if (last !== null && seen !== last) changed();
            last = seen;
          })
          .catch(() => undefined)
          .finally(() => {
            reading = false;
          });
      }, intervalMs);
      return () => clearInterval(timer);
    },
  };
}
