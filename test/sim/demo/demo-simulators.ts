/**
 * The four exchange simulators as the demo and the backfill bench use them: one account each, two
 * years of seeded history with a realistic shape, and the options that account needs when it is
 * added (validation, and on Paradex whether the key is the main key that can withdraw).
 */
import { startBybitSimulator } from '../bybit/simulator.ts';
import { startHyperliquidSimulator } from '../hyperliquid/simulator.ts';
import { startParadexSimulator } from '../paradex/index.ts';
import type { SimAccount, SimExchangeId, SimulatorHandle } from '../simulator.ts';
import { startWooxSimulator } from '../woox/simulator.ts';
import { addShapedActivity } from './activity-curve.ts';

export interface DemoSimulatorsOptions {
  seed?: number;
  /** History span (default 720 days: two years, inside every exchange's served window). */
  days?: number;
  /** Shaped fills added per account on top of a small uniform base (default 3,000). */
  fillsPerAccount?: number;
  /** Enforce the exchanges' real limits (bench: true; demo: false, nothing to prove there). */
  enforceRateLimits?: boolean;
}

export interface DemoExchange {
  exchange: SimExchangeId;
  sim: SimulatorHandle;
  account: SimAccount;
  /** What POST /api/v1/accounts (or service.addAccount) needs besides the label. */
  addInput: { exchange: SimExchangeId; credentials: Record<string, string>; baseUrl: string; validate: boolean; allowWithdrawalPermission: boolean };
}

export interface DemoSimulators {
  exchanges: DemoExchange[];
  close(): Promise<void>;
}

/** Uniform base fills per account: keeps the simulators' own edge cases (midnights, same-ms fills). */
const BASE_FILLS = 400;

export async function startDemoSimulators(options: DemoSimulatorsOptions = {}): Promise<DemoSimulators> {
  const seed = options.seed ?? 2024;
  const days = options.days ?? 720;
  // A healthy account's history: none of the unknown execution types the connector tests feed in,
  // which would show warnings ("Update Perpvol, and report this") no real account should carry.
  const common = { seed, days, fillsPerAccount: BASE_FILLS, enforceRateLimits: options.enforceRateLimits ?? false, unknownRows: false };
  const started: SimulatorHandle[] = [];
  const close = async (): Promise<void> => {
    await Promise.allSettled(started.map((sim) => sim.close()));
  };
  try {
    const hyperliquid = await startHyperliquidSimulator({ ...common, accounts: 1 });
    started.push(hyperliquid);
    const bybit = await startBybitSimulator({ ...common, accounts: 1 });
    started.push(bybit);
    const woox = await startWooxSimulator({ ...common, accounts: 1 });
    started.push(woox);
    // Account 1 signs with a registered subkey (the recommended setup): it cannot withdraw.
    const paradex = await startParadexSimulator({ ...common, accounts: 2 });
    started.push(paradex);
    const picks: [SimulatorHandle, number][] = [[hyperliquid, 0], [bybit, 0], [woox, 0], [paradex, 1]];
    const now = Date.now();
    const exchanges = picks.map(([sim, index], i): DemoExchange => {
      const account = sim.accounts[index]!;
      addShapedActivity(account, { fills: options.fillsPerAccount ?? 3_000, days, now, seed: seed * 10 + i });
      return {
        exchange: sim.exchange,
        sim,
        account,
        addInput: { exchange: sim.exchange, credentials: account.credentials, baseUrl: sim.baseUrl, validate: true, allowWithdrawalPermission: false },
      };
    });
    return { exchanges, close };
  } catch (error) {
    await close();
    throw error;
  }
}
