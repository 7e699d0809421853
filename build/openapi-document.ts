/**
 * The OpenAPI document the headless server serves at GET /api/v1/openapi.json, built in-process:
 * the real Fastify app with every route registered, never listening. The routes only need a
 * PerpvolApi to exist, not to answer, so a stand-in serves it; a call to any method but health
 * (which the app reads once for the document's version) would be a bug here and throws.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import type { PerpvolApi } from '../src-shared/contract.ts';
import { buildServerApp } from '../src-main/server/app.ts';

/** Any token of the required length: the app is never listening, so nothing can present it. */
const UNUSED_TOKEN = 'openapi-document-only-never-listening-0000';

function routesOnlyApi(version: string): PerpvolApi {
  const health = async () => ({ status: 'ok' as const, version });
  return new Proxy({ health } as unknown as PerpvolApi, {
    get(target, name) {
      if (name === 'health') return health;
      if (name === 'then') return undefined; // not a thenable
      return () => {
        throw new Error(`the OpenAPI document builder serves no requests (called ${String(name)})`);
      };
    },
  });
}

export async function buildOpenApiDocument(version = '0.0.0'): Promise<OpenAPIV3_1.Document> {
  const app = await buildServerApp(routesOnlyApi(version), { token: UNUSED_TOKEN, staticDir: null });
  try {
    return structuredClone(app.swagger()) as OpenAPIV3_1.Document;
  } finally {
    await app.close();
  }
}
