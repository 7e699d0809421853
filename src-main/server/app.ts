/**
 * The headless server's Fastify app over any PerpvolApi: auth, errors, the contract's routes,
 * events, CSV exports, OpenAPI and the dashboard. It knows nothing of databases or exchanges,
 * so tests can hand it the real service or a stand-in.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { PerpvolApi } from '../../src-shared/contract.ts';
import { PerpvolError } from '../core/errors.ts';
import { bearerMatches } from './api-token.ts';
import { registerApiRoutes } from './api-routes.ts';
import { registerCsvExports } from './csv-export.ts';
import { registerDashboard } from './dashboard.ts';
import { frameworkErrorHandler, installErrorHandling, sendError } from './error-reply.ts';
import { registerEventStream } from './event-stream.ts';
import { registerOpenApi, registerOpenApiRoute } from './openapi.ts';

/** Requests carry small JSON documents; anything bigger is a mistake or an attack. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface ServerAppOptions {
  token: string;
  /** Folder of the built renderer; null disables it; default out/renderer. */
  staticDir?: string | null;
  log?: (line: string) => void;
  heartbeatMs?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    public?: boolean;
  }
}

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

export async function buildServerApp(api: PerpvolApi, options: ServerAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false, // never log request bodies: they can carry API secrets
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: 'idle',
    frameworkErrors: frameworkErrorHandler,
    return503OnClosing: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.removeContentTypeParser('text/plain'); // the API takes JSON only: anything else is 415, not a string body
  installErrorHandling(app, options.log);

  app.addHook('onRequest', async (request, reply) => {
    if (needsToken(request) && !bearerMatches(request.headers.authorization, options.token)) {
      reply.header('www-authenticate', 'Bearer realm="perpvol"');
      return sendError(
        request,
        reply,
        new PerpvolError('unauthorized', 'unauthorized', 'missing or wrong API token; send Authorization: Bearer <token> (PERPVOL_API_TOKEN or the api-token file in the data dir)'),
      );
    }
  });

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
