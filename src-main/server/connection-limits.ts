/**
 * How many connections the server keeps and how long it waits for each, so that a flood of idle
 * connections cannot starve real clients. Left at Node's and Fastify's defaults, ~20,000 sockets
 * that never send a byte used up every file descriptor: the server then refused everyone — and its
 * own database and exchange connections — until they dropped.
 *
 * Three guards: idle connections are closed within seconds (headers must arrive soon after
 * connecting, a kept-alive connection idles briefly); at most a bounded number of connections is
 * open, well below the descriptor limit; and when that bound is reached, a new connection takes the
 * place of the connection that has been idle longest (no request in flight) instead of being turned
 * away — so a real client always gets in, while open event streams and requests in progress are
 * never cut.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** A request's headers must arrive within this long of the connection opening: 10 s is ample on any real network. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** The whole request, body included: a 51 MB CSV import over a slow (~0.5 MB/s) link still fits. */
export const REQUEST_TIMEOUT_MS = 120_000;
/** A kept-alive connection with no next request is closed after this (Node's default; Fastify's 72 s suits cloud load balancers). */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How often Node enforces the two timeouts above (its default of 30 s lets idle sockets pile up 3× longer). */
export const CONNECTIONS_CHECKING_INTERVAL_MS = 1_000;
/**
 * No byte either way for this long closes the connection. A backstop only: event streams write a
 * heartbeat every 15 s, and an import's answer may take a minute to compute.
 */
export const CONNECTION_INACTIVITY_TIMEOUT_MS = 5 * 60_000;
/** Open connections at most: a dashboard uses ~6, scripts a few; 1,024 leaves room for everyone. */
export const MAX_CONNECTIONS = 1_024;
/** …and never more than this share of the process's file descriptors (the rest: database, files, exchanges). */
const MAX_SHARE_OF_DESCRIPTORS = 0.5;

/** The soft limit on open files (Linux: /proc/self/limits), or null where it cannot be read. */
function openFileLimit(): number | null {
  try {
    const line = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line ? Number(line[1]) : null;
  } catch {
    return null;
  }
}

/** MAX_CONNECTIONS, lowered when the descriptor limit is small (containers, `ulimit -n 1024`). */
export function connectionLimit(): number {
  const files = openFileLimit();
  return files === null ? MAX_CONNECTIONS : Math.max(16, Math.min(MAX_CONNECTIONS, Math.floor(files * MAX_SHARE_OF_DESCRIPTORS)));
}

/** Fastify's options for the timeouts above. */
export const LISTENER_TIMEOUTS = {
  connectionTimeout: CONNECTION_INACTIVITY_TIMEOUT_MS,
  keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
  http: { headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS },
} as const;

/**
 * Keeps at most `limit` connections open on `server`. The open ones are kept in order of last
 * use; when a new one arrives at the limit, the least recently used connection with no request in
 * flight is closed to make room, and only when every connection is busy is the new one refused.
 */
export function limitConnections(server: Server, limit: number): { open(): number } {
  const inFlight = new Map<Socket, number>(); // insertion order = least recently used first

  const touch = (socket: Socket, delta: number): void => {
    const count = (inFlight.get(socket) ?? 0) + delta;
    inFlight.delete(socket);
    if (!socket.destroyed) inFlight.set(socket, count);
  };

  const closeIdlest = (): boolean => {
    for (const [socket, count] of inFlight) {
      if (count === 0) {
        inFlight.delete(socket);
        socket.destroy();
        return true;
      }
    }
    return false;
  };

  server.on('connection', (socket: Socket) => {
    if (inFlight.size >= limit && !closeIdlest()) {
      socket.destroy();
      return;
    }
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  server.on('request', (request, response) => {
    const socket = request.socket as Socket;
    if (!inFlight.has(socket)) return;
    touch(socket, 1);
    response.once('close', () => {
      if (inFlight.has(socket)) touch(socket, -1);
    });
  });
  return { open: () => inFlight.size };
}
