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

/** A lost event stream is dialled again after this (a server restarting takes a few seconds). */
export const EVENTS_RETRY_MS = 5_000;

/**
 * A summary source over a running server's REST API and its Server-Sent Events. A lost event stream
 * (the server restarted, the network blinked) is said on `notice` and dialled again; once back, the
 * summary is printed afresh, since the numbers may have moved meanwhile.
 */
export function remoteSummarySource(baseUrl: string, token: string, kinds: string | undefined, signal: AbortSignal, notice: (line: string) => void = () => undefined): SummarySource {
  const headers = { authorization: `Bearer ${token}` };
  return {
    async summary() {
      const url = new URL('/api/v1/volume/summary', baseUrl);
      if (kinds) url.searchParams.set('kinds', kinds);
      const response = await fetch(url, { headers, signal });
      if (!response.ok) throw new PerpvolError('exchange_unavailable', 'server_error', `the server at ${baseUrl} answered ${response.status} for the summary`);
      return (await response.json()) as Summary;
    },
    onChange(changed) {
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      signal.addEventListener('abort', abort, { once: true });
      void (async () => {
        for (let lost = false; !controller.signal.aborted; ) {
          const connected = (): void => {
            if (!lost) return;
            lost = false;
            notice(`following ${baseUrl} again`);
            changed();
          };
          const why = await followEvents(baseUrl, headers, controller.signal, connected, changed).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
          if (controller.signal.aborted) break;
          lost = true;
          notice(`lost the event stream of ${baseUrl} (${why}); trying again in ${EVENTS_RETRY_MS / 1000} s`);
          await new Promise((resolve) => {
            const timer = setTimeout(resolve, EVENTS_RETRY_MS);
            controller.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              resolve(undefined);
            }, { once: true });
          });
        }
      })();
      return () => {
        signal.removeEventListener('abort', abort);
        controller.abort();
      };
    },
  };
}

/** Reads one connection to GET /api/v1/events until it ends; returns why it ended. */
async function followEvents(baseUrl: string, headers: Record<string, string>, signal: AbortSignal, connected: () => void, changed: () => void): Promise<string> {
  const parser = createParser({
    onEvent: (message) => {
      try {
        if ((JSON.parse(message.data) as ApiEvent).type !== 'sync') changed();
      } catch {
        // a line we do not know: nothing to print
      }
    },
  });
  const response = await fetch(new URL('/api/v1/events', baseUrl), { headers: { ...headers, accept: 'text/event-stream' }, signal });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return `it answered ${response.status}`;
  }
  connected();
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return 'the server closed it';
    parser.feed(decoder.decode(value, { stream: true }));
  }
}

/**
 * A summary source beside an owner that has no event stream (the desktop app): the summary is read
 * every `intervalMs`, and it counts as changed when it differs, in anything but its time stamp, from
 * the one last handed out — so a change that lands between two reads is never missed.
 */
export function pollingSummarySource(read: () => Promise<Summary>, intervalMs: number): SummarySource {
  const shape = (summary: Summary): string => JSON.stringify({ ...summary, asOf: null });
  let served: string | null = null;
  return {
    async summary() {
      const summary = await read();
      served = shape(summary);
      return summary;
    },
    onChange(changed) {
      let reading = false;
      const timer = setInterval(() => {
        if (reading || served === null) return;
        reading = true;
        read()
          .then((summary) => {
            if (shape(summary) !== served) changed();
          })
          .catch(() => undefined) // a failed read is tried again at the next tick
          .finally(() => {
            reading = false;
          });
      }, intervalMs);
      return () => clearInterval(timer);
    },
  };
}
