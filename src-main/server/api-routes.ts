/**
 * Registers one Fastify route per API method from REST_ROUTES. Each handler only gathers the
 * method's input from path, query and body and calls the service: no logic lives here, so the
 * REST face can never disagree with the desktop app's IPC face.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_METHODS, API_METHOD_NAMES, type PerpvolApi } from '../../src-shared/contract.ts';
import { ErrorBodySchema } from '../../src-shared/schemas.ts';
import type { JsonBodyImport } from '../service/import-fills.ts';
import { readRawBody } from './raw-json-body.ts';
import { API_PREFIX, REST_ROUTES, type RestRoute } from './route-table.ts';

const TAGS: Record<string, string> = { health: 'meta', accounts: 'accounts', sync: 'sync', volume: 'volume', fills: 'fills', reconciliation: 'volume', tiers: 'tiers', targets: 'tiers', exchanges: 'meta' };

/** Whether the API can take the import route's body as bytes, to be parsed off the event loop. */
const takesJsonBodyImport = (api: PerpvolApi): api is PerpvolApi & JsonBodyImport =>
  typeof (api as Partial<JsonBodyImport>).importFillsFromJsonBody === 'function';

export function registerApiRoutes(app: FastifyInstance, api: PerpvolApi): void {
  for (const name of API_METHOD_NAMES) {
    if (name === 'importFills' && takesJsonBodyImport(api)) {
      void app.register(async (scope) => registerImportRoute(scope, api));
      continue;
    }
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

/**
 * POST /accounts/:id/import, whose body (up to ~51 MB of JSON) would block the event loop for a
 * tenth of a second just to parse: in its own plugin scope the JSON arrives as bytes, and the
 * service parses and checks it in the import's worker thread. The route's schema still documents
 * the body (OpenAPI); its checks run there, with the same error codes.
 */
function registerImportRoute(scope: FastifyInstance, api: PerpvolApi & JsonBodyImport): void {
  const route = REST_ROUTES.importFills;
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', (request: FastifyRequest, payload: Readable) => readRawBody(payload, request.headers['content-length'], route.bodyLimit));
  scope.route({
    method: route.method,
    url: `${API_PREFIX}${route.path}`,
    bodyLimit: route.bodyLimit,
    schema: {
      summary: route.summary,
      operationId: 'importFills',
      tags: [TAGS.accounts!],
      security: [{ bearer: [] }],
      params: route.params,
      body: route.body,
      response: { [route.status]: API_METHODS.importFills.output, '4xx': ErrorBodySchema, '5xx': ErrorBodySchema },
    },
    // the body is checked in the worker; the path parameters here as everywhere
    validatorCompiler: (request) =>
      // (Fastify types this route's schema as a whole; the zod compiler takes one part of it)
      request.httpPart === 'body' ? (value: unknown) => ({ value }) : validatorCompiler(request as unknown as Parameters<typeof validatorCompiler>[0]),
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      // no body at all means no fields: the worker then says which one is missing
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.from('{}');
      reply.code(route.status);
      return api.importFillsFromJsonBody(id, body);
    },
  });
}
