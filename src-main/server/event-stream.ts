/**
 * GET /api/v1/events: the service's live events as Server-Sent Events (`event: sync|volume|account`,
 * `data: <json>`). A comment line every ~15 s keeps proxies and idle timeouts from closing the
 * stream; a client that goes away, or falls too far behind, is unsubscribed at once so listeners
 * never pile up in the service.
 */
import type { FastifyInstance } from 'fastify';
import type { PerpvolApi } from '../../src-shared/contract.ts';
import type { ApiEvent } from '../../src-shared/events.ts';
import { API_PREFIX } from './route-table.ts';

export const SSE_HEARTBEAT_MS = 15_000;
/** A client this far behind (unsent bytes) is cut off instead of buffering without end. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export const formatEvent = (event: ApiEvent): string => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** An API that can be told a client is watching live (the volume service: faster polling where no stream). */
export type WatchableApi = PerpvolApi & { watch?: () => () => void };

export function registerEventStream(app: FastifyInstance, api: WatchableApi, heartbeatMs = SSE_HEARTBEAT_MS): void {
  const open = new Set<() => void>();
  // Open streams never become idle, so the server could not close while one is connected.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    `${API_PREFIX}/events`,
    {
      schema: {
        summary: 'Live events as Server-Sent Events: sync, volume, account',
        operationId: 'events',
        tags: ['events'],
        security: [{ bearer: [] }],
        produces: ['text/event-stream'],
      },
    },
    (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');

      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        unwatch();
        open.delete(end);
        if (!res.writableEnded) res.end();
      };
      const write = (chunk: string): void => {
        if (ended) return;
        if (res.writableLength > MAX_BUFFERED_BYTES) return end();
        res.write(chunk);
      };
      const unsubscribe = api.subscribe((event) => write(formatEvent(event)));
      // an open event stream is someone watching: accounts without a stream are polled every 30 s
      const unwatch = api.watch?.() ?? (() => undefined);
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
      heartbeat.unref();
      open.add(end);
      request.raw.on('close', end);
      res.on('close', end);
      res.on('error', end);
    },
  );
}
