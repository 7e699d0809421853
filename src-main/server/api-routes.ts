/**
 * Registers one Fastify route per API method from REST_ROUTES. Each handler only gathers the
 * method's input from path, query and body and calls the service: no logic lives here, so the
 * REST face can never disagree with the desktop app's IPC face.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_METHODS, API_METHOD_NAMES, type PerpvolApi } from '../../src-shared/contract.ts';
import { ErrorBodySchema } from '../../src-shared/schemas.ts';
import { API_PREFIX, REST_ROUTES, type RestRoute } from './route-table.ts';

const TAGS: Record<string, string> = { health: 'meta', accounts: 'accounts', sync: 'sync', volume: 'volume', fills: 'fills', reconciliation: 'volume', tiers: 'tiers', targets: 'tiers' };

export function registerApiRoutes(app: FastifyInstance, api: PerpvolApi): void {
  for (const name of API_METHOD_NAMES) {
    const route: RestRoute = REST_ROUTES[name];
    const call = api[name].bind(api) as (input: unknown) => Promise<unknown>;
    const success = route.status === 204 ? z.null().describe('No content') : API_METHODS[name].output;
    app.route({
      method: route.method,
      url: `${API_PREFIX}${route.path}`,
      config: { public: route.public === true },
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      schema: {
        summary: route.summary,
        operationId: name,
        tags: [TAGS[route.path.split('/')[1] ?? ''] ?? 'meta'],
        security: route.public ? [] : [{ bearer: [] }],
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { querystring: route.query } : {}),
        ...(route.body ? { body: route.body } : {}),
        response: { [route.status]: success, '4xx': ErrorBodySchema, '5xx': ErrorBodySchema },
      },
      // A POST without a body means "no options" ({}), not "malformed".
      preValidation: route.body
        ? async (request) => {
            if (request.body === undefined || request.body === null) request.body = {};
          }
        : undefined,
      handler: async (request, reply) => {
        const input = {
          ...(request.params as object | undefined),
          ...(request.query as object | undefined),
          ...(request.body as object | undefined),
        };
        const output = await call(input);
        reply.code(route.status);
        return route.status === 204 ? reply.send() : output;
      },
    });
  }
}
