/**
 * The two checks every request passes before any route runs, in this order: its Host must name
 * this server (421 otherwise, on every route), and API routes need the bearer token, with a
 * back-off for addresses that keep presenting wrong ones (401, slower and slower, then 429).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PerpvolError } from '../core/errors.ts';
import { bearerMatches } from './api-token.ts';
import type { AuthBackoff } from './auth-backoff.ts';
import { ListenerRefusal, sendError } from './error-reply.ts';
import type { Socket } from 'node:net';
import { absoluteTargetHost, HostAllowlist, hostHeaderCount } from './host-allowlist.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    public?: boolean;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether a request needs the bearer token: every API route but the public ones (health), and
 * unknown paths under /api too, so probing without the token reveals nothing (401 before 404).
 */
function needsToken(request: FastifyRequest): boolean {
  if (request.routeOptions.config.public === true) return false;
  const routeUrl = request.routeOptions.url ?? '';
  const path = (request.url.split('?')[0] ?? '').toLowerCase();
  return routeUrl.startsWith('/api/') || path.startsWith('/api');
}

export function installHostAllowlist(app: FastifyInstance, allowedHosts: readonly string[]): void {
  const hosts = new HostAllowlist(allowedHosts);
  app.addHook('onRequest', async (request, reply) => {
    // Node found the rest of this request malformed (a Transfer-Encoding it cannot read), answered
    // 400 itself (client-error-reply.ts) and closed the connection: there is no one left to answer.
    if (request.raw.socket?.destroyed) {
      reply.hijack();
      return;
    }
    // Node keeps only the first of several Host headers; a proxy or a cache may read another one.
    if (hostHeaderCount(request.raw.rawHeaders) > 1) {
      return sendError(request, reply, new ListenerRefusal(400, 'duplicate_host', 'the request carries more than one Host header; send exactly one, naming this server'));
    }
    const local = request.socket.localAddress;
    // An absolute URL in the request line names the host the request is for, in place of Host.
    const target = absoluteTargetHost(request.raw.url);
    const named = target ?? request.headers.host;
    if (hosts.allows(named, local) && (target === null || hosts.allows(request.headers.host, local))) return;
    const shown = JSON.stringify((named ?? '').slice(0, 100));
    return sendError(
      request,
      reply,
      new ListenerRefusal(
        421,
        'misdirected_request',
        `this server does not answer to the host ${shown} (it answers to ${hosts.describe(local)}); a web page on another site must not reach it. ` +
          'If you reach Perpvol under another name (a reverse proxy, a LAN hostname), start it with --allowed-host <name>',
      ),
    );
  });
}

function lockedOut(reply: FastifyReply, retryAfterMs: number): ListenerRefusal {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  reply.header('retry-after', String(seconds));
  return new ListenerRefusal(
    429,
    'too_many_failed_logins',
    `too many wrong API tokens from your address; try again in ${seconds} s with the right token (PERPVOL_API_TOKEN or the api-token file in the data dir)`,
  );
}

export function installTokenAuth(app: FastifyInstance, token: string, backoff: AuthBackoff): void {
  // The client's address as it connected: a socket closes (and forgets its peer) while its last
  // request may still be in the hooks, and back-off must count that request under its address.
  const peers = new WeakMap<Socket, string>();
  app.server.on('connection', (socket: Socket) => peers.set(socket, socket.remoteAddress ?? ''));
  app.addHook('onRequest', async (request, reply) => {
    if (!needsToken(request)) return;
    const client = peers.get(request.raw.socket) || request.socket.remoteAddress || 'unknown';
    // A locked-out address is refused before its token is looked at: a lockout answers no guess.
    const verdict = backoff.check(client);
    if (verdict.locked) return sendError(request, reply, lockedOut(reply, verdict.retryAfterMs));
    const header = request.headers.authorization;
    if (bearerMatches(header, token)) {
      backoff.succeeded(client);
      return;
    }
    // Only a presented token counts as a guess: a page that has no token yet is not guessing.
    if (header !== undefined) {
      const failure = backoff.failed(client);
      if (failure.locked) return sendError(request, reply, lockedOut(reply, failure.retryAfterMs));
      if (failure.delayMs > 0) await sleep(failure.delayMs);
    }
    reply.header('www-authenticate', 'Bearer realm="perpvol"');
    return sendError(
      request,
      reply,
      new PerpvolError('unauthorized', 'unauthorized', 'missing or wrong API token; send Authorization: Bearer <token> (PERPVOL_API_TOKEN or the api-token file in the data dir)'),
    );
  });
}
