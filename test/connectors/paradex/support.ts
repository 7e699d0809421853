/**
 * Test helpers for the Paradex connector: fast connector options and a scripted HTTP server for
 * error answers. Pages are collected with ../fill-collector.ts.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WeightedRateLimiter } from '../../../src-main/connectors/http/rate-limiter.ts';
import type { ParadexConnectorOptions } from '../../../src-main/connectors/paradex/descriptor.ts';

export function fastOptions(clock: () => number = Date.now, maxAttempts = 3): ParadexConnectorOptions {
  return {
    clock,
    limiter: new WeightedRateLimiter({ capacity: 1_000_000, intervalMs: 1 }),
    retry: { maxAttempts, baseDelayMs: 2, maxDelayMs: 10 },
    timeoutMs: 2_000,
  };
}

export interface ScriptedAnswer {
  status: number;
  body: unknown;
}

/** Answers by "METHOD /path" with the next scripted answer (the last one repeats). */
export async function startScriptedServer(
  script: Record<string, ScriptedAnswer[]>,
): Promise<{ baseUrl: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      const route = `${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`;
      calls.push(route);
      const answers = script[route];
      const answer = answers && answers.length > 1 ? answers.shift()! : answers?.[0];
      const status = answer?.status ?? 404;
      const text = typeof answer?.body === 'string' ? answer.body : JSON.stringify(answer?.body ?? { error: 'NOT_FOUND' });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const CONFIG_OK: ScriptedAnswer = { status: 200, body: { starknet_chain_id: 'PRIVATE_SN_POTC_SEPOLIA' } };
/** No busts: what GET /v1/tradebusts answers for an account none of whose fills the chain rejected. */
export const NO_BUSTS: ScriptedAnswer = { status: 200, body: { next: null, prev: null, results: [] } };
export const MARKETS_OK: ScriptedAnswer = { status: 200, body: { results: [{ symbol: 'BTC-USD-PERP', asset_kind: 'PERP', base_currency: 'BTC' }] } };
export const AUTH_OK: ScriptedAnswer = { status: 200, body: { jwt_token: 'header.payload.signature' } };
