/**
 * A live-updates rig: the four exchange simulators (REST + private stream on one origin each), a
 * real SQLite store, the real sync engine (connectors unpaced: the simulators' limits are off, so
 * backfills take a second) and live updates with one account per exchange. Truth comes from the
 * simulators (test/sim/truth), never from product code.
 */
import { join } from 'node:path';
import type { ApiEvent } from '../../../src-shared/events.ts';
import { createBybitConnector } from '../../../src-main/connectors/bybit/descriptor.ts';
import type { Connector, ConnectorContext } from '../../../src-main/connectors/kit/connector.ts';
import { WeightedRateLimiter } from '../../../src-main/connectors/http/rate-limiter.ts';
import { createHyperliquidConnector } from '../../../src-main/connectors/hyperliquid/descriptor.ts';
import { createParadexConnector } from '../../../src-main/connectors/paradex/descriptor.ts';
import type { StreamSessionOptions } from '../../../src-main/connectors/kit/stream-session.ts';
import { createWooxConnector } from '../../../src-main/connectors/woox/descriptor.ts';
import type { ExchangeId } from '../../../src-main/core/exchange.ts';
import { EncryptedFileSecretStore } from '../../../src-main/secrets/encrypted-file-store.ts';
import { VolumeService } from '../../../src-main/service/volume-service.ts';
import { openStore } from '../../../src-main/store/open-store.ts';
import type { Store } from '../../../src-main/store/store.ts';
import { EventBus } from '../../../src-main/sync/event-bus.ts';
import { LiveUpdates } from '../../../src-main/sync/live/live-updates.ts';
import { SyncEngine } from '../../../src-main/sync/sync-engine.ts';
import { startBybitSimulator } from '../../sim/bybit/simulator.ts';
import { startHyperliquidSimulator } from '../../sim/hyperliquid/simulator.ts';
import { startParadexSimulator } from '../../sim/paradex/index.ts';
import type { SimAccount, SimulatorHandle } from '../../sim/simulator.ts';
import { startWooxSimulator } from '../../sim/woox/simulator.ts';
import { makeTempDir, TEST_MASTER_KEY } from '../fixtures/sync-harness.ts';

export const EXCHANGES: readonly ExchangeId[] = ['bybit', 'woox', 'hyperliquid', 'paradex'];

export interface LiveRigOptions {
  exchanges?: readonly ExchangeId[];
  connection?: StreamSessionOptions;
  backoffMs?: (failures: number) => number;
  idlePollSeconds?: number;
  streamsEnabled?: boolean;
  /** Refuse streams on every simulator from the start (no stream can be had). */
  refuseStreams?: boolean;
  paradex?: { streamSessionEndsWithJwt?: boolean };
}

export interface LiveRig {
  store: Store;
  bus: EventBus;
  engine: SyncEngine;
  live: LiveUpdates;
  service: VolumeService;
  sims: Partial<Record<ExchangeId, SimulatorHandle>>;
  accounts: Partial<Record<ExchangeId, { id: string; sim: SimAccount }>>;
  events: ApiEvent[];
  close(): Promise<void>;
}

const unpaced = (): WeightedRateLimiter => new WeightedRateLimiter({ capacity: 1_000_000, intervalMs: 1 });
const quickRetry = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

function fastConnector(exchange: ExchangeId, context: ConnectorContext): Connector {
  switch (exchange) {
    case 'bybit':
      return createBybitConnector(context, { limiter: unpaced(), retry: quickRetry });
    case 'woox':
      return createWooxConnector(context, { client: { limiter: unpaced, retry: quickRetry } });
    case 'hyperliquid':
      return createHyperliquidConnector(context, { limiter: unpaced() });
    case 'paradex':
      return createParadexConnector(context, { limiter: unpaced(), retry: quickRetry });
  }
}

async function startSim(exchange: ExchangeId, options: LiveRigOptions): Promise<SimulatorHandle> {
  const common = { accounts: 1, fillsPerAccount: 30, days: 5, enforceRateLimits: false, seed: 7 };
  switch (exchange) {
    case 'bybit':
      return startBybitSimulator(common);
    case 'woox':
      return startWooxSimulator(common);
    case 'hyperliquid':
      return startHyperliquidSimulator(common);
    case 'paradex':
      return startParadexSimulator({ ...common, ...(options.paradex ?? {}) });
  }
}

export async function startLiveRig(options: LiveRigOptions = {}): Promise<LiveRig> {
  const dir = await makeTempDir('perpvol-live-');
  const store = await openStore({ databaseUrl: null, dataDir: dir.path });
  const secrets = new EncryptedFileSecretStore({ filePath: join(dir.path, 'secrets.enc.json'), masterKey: TEST_MASTER_KEY });
  const bus = new EventBus();
  const engine = new SyncEngine({ store, secrets, bus, createConnector: fastConnector });
  const live = new LiveUpdates({
    store,
    secrets,
    bus,
    engine,
    idlePollSeconds: options.idlePollSeconds ?? 300,
    streamsEnabled: options.streamsEnabled ?? true,
    ...(options.connection ? { connection: options.connection } : {}),
    backoffMs: options.backoffMs ?? ((failures) => Math.min(200 * 2 ** failures, 1_000)),
  });
  bus.setAccountView((account) => live.decorate(account));
  const service = new VolumeService({ store, secrets, engine, bus, live, createConnector: fastConnector });
  const events: ApiEvent[] = [];
  bus.subscribe((event) => events.push(event));

  const sims: LiveRig['sims'] = {};
  const accounts: LiveRig['accounts'] = {};
  for (const exchange of options.exchanges ?? EXCHANGES) {
    const sim = await startSim(exchange, options);
    if (options.refuseStreams) sim.streams.refuse(true);
    sims[exchange] = sim;
  }
  await live.start();
  for (const exchange of options.exchanges ?? EXCHANGES) {
    const sim = sims[exchange]!;
    const account = await service.addAccount({ exchange, label: exchange, credentials: sim.accounts[0]!.credentials, baseUrl: sim.baseUrl, allowWithdrawalPermission: true });
    accounts[exchange] = { id: account.id, sim: sim.accounts[0]! };
  }
  return {
    store,
    bus,
    engine,
    live,
    service,
    sims,
    accounts,
    events,
    async close() {
      await live.stop();
      await engine.stop();
      for (const sim of Object.values(sims)) await sim.close();
      await store.close();
      await dir.remove();
    },
  };
}

/** Resolves when `predicate` holds, checking after every event and every 50 ms; rejects after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
