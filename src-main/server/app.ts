/**
 * The headless server's Fastify app over any PerpvolApi: the listener's guards (Host allowlist,
 * auth with back-off, connection limits and timeouts), errors, the contract's routes, events, CSV
 * exports, OpenAPI and the dashboard. It knows nothing of databases or exchanges, so tests can
 * hand it the real service or a stand-in.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { PerpvolApi } from '../../src-shared/contract.ts';
import { MIN_TOKEN_LENGTH } from './api-token.ts';
import { registerApiRoutes } from './api-routes.ts';
import { clientErrorHandler } from './client-error-reply.ts';
import { AuthBackoff, DEFAULT_AUTH_BACKOFF, type AuthBackoffPolicy } from './auth-backoff.ts';
import { connectionLimit, limitConnections, LISTENER_TIMEOUTS } from './connection-limits.ts';
import { registerCsvExports } from './csv-export.ts';
import { registerDashboard } from './dashboard.ts';
import { frameworkErrorHandler, installErrorHandling } from './error-reply.ts';
import { registerEventStream } from './event-stream.ts';
import { registerOpenApi, registerOpenApiRoute } from './openapi.ts';
import { installHostAllowlist, installTokenAuth } from './request-guards.ts';

/** Requests carry small JSON documents; anything bigger is a mistake or an attack. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface ServerAppOptions {
  token: string;
  /** Folder of the built renderer; null disables it; default out/renderer. */
  staticDir?: string | null;
  log?: (line: string) => void;
  heartbeatMs?: number;
  /**
   * Host names answered besides the address the request arrived on (and localhost, 127.0.0.1,
   * [::1] on loopback): the bind host when it is a name, and --allowed-host values.
   */
  allowedHosts?: readonly string[];
  /** Failed-auth back-off (tests shorten it). */
  authBackoff?: AuthBackoffPolicy;
  /** Open connections at most (default: connectionLimit()). */
  maxConnections?: number;
  now?: () => number;
}

export async function buildServerApp(api: PerpvolApi, options: ServerAppOptions): Promise<FastifyInstance> {
  if (options.token.length < MIN_TOKEN_LENGTH) throw new Error(`the API token must be at least ${MIN_TOKEN_LENGTH} characters`);
  const app = Fastify({
    logger: false, // never log request bodies: they can carry API secrets
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: 'idle',
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler, // Node's own 400/431 answers in our error shape
    return503OnClosing: true,
    ...LISTENER_TIMEOUTS,
  });
  limitConnections(app.server, options.maxConnections ?? connectionLimit());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser('text/plain'); // the API takes JSON only: anything else is 415, not a string body
  installErrorHandling(app, options.log);

  // First, before auth and on every route (health and the dashboard too): DNS-rebinding protection.
  installHostAllowlist(app, options.allowedHosts ?? []);
  installTokenAuth(app, options.token, new AuthBackoff(options.authBackoff ?? DEFAULT_AUTH_BACKOFF, options.now));

  const { version } = await api.health({});
  await registerOpenApi(app, version);
  registerApiRoutes(app, api);
  registerEventStream(app, api, options.heartbeatMs);
  registerCsvExports(app, api);
  registerOpenApiRoute(app);
  await registerDashboard(app, options.staticDir === undefined ? undefined : options.staticDir);
  await app.ready();
  return app;
}
