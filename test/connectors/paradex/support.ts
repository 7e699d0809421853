/**
 * Test helpers for the Paradex connector: a stand-in for the store (keeps each trade once, adds
 * up UTC days), a sync loop that resumes from the last committed cursor after retryable errors
 * (as the sync engine does), fast connector options, and a scripted HTTP server for error answers.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { utcDay } from '../../../src-main/core/days.ts';
import { PerpvolError } from '../../../src-main/core/errors.ts';
import type { Fill } from '../../../src-main/core/fill.ts';
import type { Connector, FillPage, SyncCursor } from '../../../src-main/connectors/connector.ts';
import { WeightedRateLimiter } from '../../../src-main/connectors/http/rate-limiter.ts';
import type { ParadexConnectorOptions } from '../../../src-main/connectors/paradex/connector.ts';
import type { SimTruthDay } from '../../sim/simulator.ts';

export function fastOptions(clock: () => number = Date.now, maxAttempts = 3): ParadexConnectorOptions {
  return {
    clock,
    limiter: new WeightedRateLimiter({ capacity: 1_000_000, intervalMs: 1 }),
    retry: { maxAttempts, baseDelayMs: 2, maxDelayMs: 10 },
    timeoutMs: 2_000,
  };
}

export class Collector {
  readonly byTradeId = new Map<string, Fill>();
  readonly pages: FillPage[] = [];
  handedOver = 0;
  cursor: SyncCursor | null = null;
  resumes = 0;

  /** Commits pages like the store would: fills kept once, then the cursor (JSON round trip). */
  async run(connector: Connector, now: number, maxPages = Infinity): Promise<void> {
    let taken = 0;
    for await (const page of connector.pages(this.cursor, { now, signal: AbortSignal.timeout(120_000) })) {
      this.pages.push(page);
      this.handedOver += page.fills.length;
      for (const fill of page.fills) this.byTradeId.set(fill.tradeId, fill);
      this.cursor = JSON.parse(JSON.stringify(page.cursor)) as SyncCursor;
      if (++taken >= maxPages) return;
    }
  }

  /** One pass to the end, resuming from the last committed page after retryable errors. */
  async runToEnd(connector: Connector, now: number, maxResumes = 50): Promise<void> {
    for (;;) {
      try {
        await this.run(connector, now);
        return;
      } catch (error) {
        if (!(error instanceof PerpvolError) || !error.retryable || this.resumes >= maxResumes) throw error;
        this.resumes += 1;
      }
    }
  }

  daily(): Map<string, SimTruthDay> {
    const days = new Map<string, SimTruthDay>();
    for (const fill of this.byTradeId.values()) {
      const day = utcDay(fill.ts);
      const entry = days.get(day) ?? { volumeMicros: 0, makerMicros: 0, takerMicros: 0, feesMicros: 0, trades: 0 };
      entry.volumeMicros += fill.notionalMicros;
      if (fill.liquidity === 'maker') entry.makerMicros += fill.notionalMicros;
      else entry.takerMicros += fill.notionalMicros;
      entry.feesMicros += fill.feeMicros;
      entry.trades += 1;
      days.set(day, entry);
    }
    return days;
  }
}

/** Map → sorted plain object, so deepStrictEqual failures read well. */
export function sortedDays(days: Map<string, SimTruthDay>): Record<string, SimTruthDay> {
  return Object.fromEntries([...days.entries()].sort(([a], [b]) => a.localeCompare(b)));
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
export const AUTH_OK: ScriptedAnswer = { status: 200, body: { jwt_token: 'header.payload.signature' } };
