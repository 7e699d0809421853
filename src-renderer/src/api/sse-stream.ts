/**
 * Live events over HTTP: GET /api/v1/events read as a stream with the Bearer token, parsed into
 * ApiEvents, reconnecting with growing pauses when the server goes away (a laptop sleeping, the
 * server restarting). Listeners see each event once, in order.
 */
import { ApiEventSchema, type ApiEvent } from '../../../src-shared/events.ts';
import { SseParser, type SseMessage } from './sse-parser.ts';

export const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

export interface EventStreamOptions {
  url: string;
  token: string;
  fetch: typeof fetch;
  onEvent(event: ApiEvent): void;
  /** Connection state, for a "live" indicator. */
  onState?(state: 'connecting' | 'open' | 'closed' | 'unauthorized'): void;
}

/** An SSE message as an ApiEvent; the event name fills in `type` when the data omits it. Null when not one of ours. */
export function toApiEvent(message: SseMessage): ApiEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return null;
  }
  if (typeof data === 'object' && data !== null && !('type' in data)) data = { type: message.event, ...data };
  const parsed = ApiEventSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** Opens the stream; the returned function closes it for good. */
export function openEventStream(options: EventStreamOptions): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;

  const connect = async () => {
    if (stopped) return;
    controller = new AbortController();
    options.onState?.('connecting');
    try {
      const response = await options.fetch(options.url, {
        headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (response.status === 401) {
        options.onState?.('unauthorized');
        return; // a wrong token will not fix itself: do not retry
      }
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      options.onState?.('open');
      failures = 0;
      const parser = new SseParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) {
          const event = toApiEvent(message);
          if (event) options.onEvent(event);
        }
      }
    } catch {
      // fall through to reconnect
    }
    if (stopped) return;
    options.onState?.('closed');
    const delay = RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)]!;
    failures++;
    timer = setTimeout(() => void connect(), delay);
  };

  void connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
  };
}
