/**
 * The browser dashboard at `/`: the same React renderer the desktop app shows, built by
 * `npm run build` into out/renderer. Before it is built, `/` explains how to build it. Every HTML
 * answer carries a strict Content-Security-Policy: our own scripts, styles and API only.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export const DEFAULT_STATIC_DIR = resolve(fileURLToPath(new URL('../../out/renderer', import.meta.url)));

export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Perpvol</title></head>
<body>
<h1>Perpvol</h1>
<p>The dashboard has not been built yet. Run <code>npm run build</code>, then restart the server.</p>
<p>The REST API is running: see <code>/api/v1/openapi.json</code> (send your token as <code>Authorization: Bearer &lt;token&gt;</code>).</p>
</body></html>
`;

export function dashboardIsBuilt(staticDir: string | null = DEFAULT_STATIC_DIR): boolean {
  return staticDir !== null && existsSync(join(staticDir, 'index.html'));
}

export async function registerDashboard(app: FastifyInstance, staticDir: string | null = DEFAULT_STATIC_DIR): Promise<{ built: boolean }> {
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      reply.header('content-security-policy', DASHBOARD_CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('x-frame-options', 'DENY');
    }
    return payload;
  });

  const built = dashboardIsBuilt(staticDir);
  if (built && staticDir !== null) {
    await app.register(fastifyStatic, { root: staticDir, prefix: '/', index: ['index.html'], wildcard: true, schemaHide: true });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
  }
  return { built };
}
